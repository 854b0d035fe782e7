import { WHITE_SPACE_CLASS } from './clean/index.js';

/**
 * SAM3's pre-tokenizer pattern, with IGNORECASE (JavaScript's `iu` uses simple case folding like
 * the `regex` module's default, so `'ſ` matches `'s`). `\s` is spelled out as White_Space.
 */
export const PRETOKEN_RE = new RegExp(
  `<start_of_text>|<end_of_text>|'s|'t|'re|'ve|'m|'ll|'d|\\p{L}+|\\p{N}|[^${WHITE_SPACE_CLASS}\\p{L}\\p{N}]+`,
  'giu',
);

/**
 * U+0345 (combining ypogegrammeni, gc=Mn) case-folds to a letter: JavaScript's `iu` then lets
 * `\p{L}` match it, while the `regex` module matches it with no alternative (the golden file shows
 * `aͅt` -> `a`, `t`). It can never be part of a pre-token, so it separates like a space.
 */
const YPOGEGRAMMENI_RE = /\u0345/g;

/** The pre-tokens of cleaned (lowercased) text, exactly as SAM3's `regex.findall`. */
export function pretokens(cleaned: string): IterableIterator<RegExpMatchArray> {
  return cleaned.replace(YPOGEGRAMMENI_RE, ' ').matchAll(PRETOKEN_RE);
}

const enum Ch {
  Tab = 9, Lf = 10, Ff = 12, Cr = 13, Space = 32, Quote = 39, Lt = 60, Amp = 38,
}

/**
 * Whether `text` can take the ASCII fast path: printable ASCII plus tab, LF, FF, CR and no `&`.
 * For such text every cleaning step except lowercasing is the identity (no entity, no control
 * character ftfy deletes, nothing to normalise), so tokens depend only on `text.toLowerCase()`.
 */
export function isPlainAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x7e || c === Ch.Amp) return false;
    if (c < 0x20 && c !== Ch.Tab && c !== Ch.Lf && c !== Ch.Ff && c !== Ch.Cr) return false;
  }
  return true;
}

const isSpace = (c: number): boolean => c === Ch.Space || c === Ch.Tab || c === Ch.Lf || c === Ch.Ff || c === Ch.Cr;
const isLetter = (c: number): boolean => c >= 0x61 && c <= 0x7a;
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

/** Length of the contraction alternative (`'s 't 're 've 'm 'll 'd`) at `i`, or 0. */
function contractionLength(s: string, i: number): number {
  const a = s.charCodeAt(i + 1);
  if (a === 0x73 || a === 0x74 || a === 0x6d || a === 0x64) return 2; // s t m d
  const b = s.charCodeAt(i + 2);
  if ((a === 0x72 && b === 0x65) || (a === 0x76 && b === 0x65) || (a === 0x6c && b === 0x6c)) return 3; // re ve ll
  return 0;
}

/**
 * The same pre-tokenization as PRETOKEN_RE for lowercased plain-ASCII text, without a regex and
 * without allocating: writes each pre-token's [start, end) into `bounds` (grown when too small,
 * so callers keep the returned buffer) and returns the buffer and the number of pre-tokens.
 * Alternatives are tried in the pattern's order.
 */
export function scanAscii(s: string, bounds: Int32Array): { bounds: Int32Array; count: number } {
  const n = s.length;
  let count = 0;
  let i = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    let end = i + 1;
    if (c === Ch.Lt && s.startsWith('<start_of_text>', i)) {
      end = i + 15;
    } else if (c === Ch.Lt && s.startsWith('<end_of_text>', i)) {
      end = i + 13;
    } else if (c === Ch.Quote && contractionLength(s, i) > 0) {
      end = i + contractionLength(s, i);
    } else if (isLetter(c)) {
      while (end < n && isLetter(s.charCodeAt(end))) end++;
    } else if (!isDigit(c)) {
      while (end < n) {
        const d = s.charCodeAt(end);
        if (isSpace(d) || isLetter(d) || isDigit(d)) break;
        end++;
      }
    }
    if (2 * count + 2 > bounds.length) {
      const grown = new Int32Array(bounds.length * 2 + 2);
      grown.set(bounds);
      bounds = grown;
    }
    bounds[2 * count] = i;
    bounds[2 * count + 1] = end;
    count++;
    i = end;
  }
  return { bounds, count };
}
