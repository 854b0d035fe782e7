import { ClueTable } from './clues.js';
import { CODECS, codec, decodeUtf8Strict, encodeSingleByte, type SingleByteCodec } from './codecs.js';

// Mojibake repair in the manner of ftfy 6.3's `fix_encoding` (documented at
// https://ftfy.readthedocs.io/en/latest/fixes.html): text that is UTF-8 decoded with a single-byte
// codec is re-encoded with that codec and decoded as UTF-8, repeatedly. ftfy gates this on a
// "badness" heuristic; we use our own, simpler gate (`isBad`): the text must contain a UTF-8 lead
// character followed by the right number of continuation characters, as a Latin-1-like codec or
// MacRoman spells them, that is not a plausible pair of accented Latin letters (`Äž`, `ÅŒ`).

const LATIN1 = codec('latin-1');
const WIN1252 = codec('sloppy-windows-1252');
const LATIN_LIKE = ['latin-1', 'sloppy-windows-1252', 'sloppy-windows-1251', 'sloppy-windows-1250'];
/** Spellings that make text look bad (MacRoman too: `√ß` is `ç`)... */
const BAD_CLUES = new ClueTable([...LATIN_LIKE, 'macroman']);
/** ...and those repaired one by one inside text that as a whole fits no codec (Latin-1-like only). */
const FIXABLE_CLUES = new ClueTable(LATIN_LIKE);

// ftfy `restore_byte_a0`: UTF-8 whose 0xA0 continuation byte was turned into a space.
// eslint-disable-next-line no-control-regex
const ALTERED_UTF8_RE = /[\xc2\xc3\xc5\xce\xd0\xd9] |[\xe2\xe3] [\x80-\x84\x86-\x9f\xa1-\xbf]|[\xe0-\xe3][\x80-\x84\x86-\x9f\xa1-\xbf] |\xf0 [\x80-\xbf][\x80-\xbf]|\xf0[\x80-\xbf] [\x80-\xbf]|\xf0[\x80-\xbf][\x80-\xbf] /g;
// ftfy `replace_lossy_sequences`: sequences where a sloppy codec lost a byte (0x1A) become U+FFFD.
// eslint-disable-next-line no-control-regex
const LOSSY_UTF8_RE = /[\xc2-\xdf]\x1a|\xed[\xa0-\xaf]\x1a?\xed[\xb0-\xbf][\x1a\x80-\xbf]|[\xe0-\xef]\x1a[\x1a\x80-\xbf]|[\xe0-\xef][\x80-\xbf]\x1a|[\xf0-\xf4]\x1a[\x1a\x80-\xbf][\x1a\x80-\xbf]|[\xf0-\xf4][\x80-\xbf]\x1a[\x1a\x80-\xbf]|[\xf0-\xf4][\x80-\xbf][\x80-\xbf]\x1a|\x1a/g;

/** Bytes as a Latin-1 string, so byte-level regexes can run on them. */
const toBinary = (bytes: Uint8Array): string => String.fromCharCode(...bytes);
const fromBinary = (s: string): Uint8Array => Uint8Array.from(s, (ch) => ch.charCodeAt(0));

/** UTF-8 with ftfy's "utf-8-variants" leniency: CESU-8 surrogate pairs and Java's C0 80 for NUL. */
function decodeUtf8Variants(bytes: Uint8Array): string | undefined {
  if (!bytes.includes(0xed) && !bytes.includes(0xc0)) return decodeUtf8Strict(bytes);
  let s = toBinary(bytes).replace(/\xc0\x80/g, '\x00');
  s = s.replace(/\xed([\xa0-\xaf])([\x80-\xbf])\xed([\xb0-\xbf])([\x80-\xbf])/g, (_m, a: string, b: string, c: string, d: string) => {
    const hi = 0xd000 | ((a.charCodeAt(0) & 0x3f) << 6) | (b.charCodeAt(0) & 0x3f);
    const lo = 0xd000 | ((c.charCodeAt(0) & 0x3f) << 6) | (d.charCodeAt(0) & 0x3f);
    const cp = 0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00);
    return toBinary(new TextEncoder().encode(String.fromCodePoint(cp)));
  });
  return decodeUtf8Strict(fromBinary(s));
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** Cased Latin letters of Latin-1 Supplement to Latin Extended-B (but not ª º µ ƒ, and no × ÷). */
const ACCENTED_LETTER_RE = /^[\u00c0-\u024f]$/u;
const isAccentedLetter = (ch: string): boolean => ACCENTED_LETTER_RE.test(ch) && ch !== '×' && ch !== '÷' && ch !== 'ƒ' && ch.toLowerCase() !== ch.toUpperCase();

/** A clue that is really two accented Latin letters (`Äž`) is plausible text; `Â` and `Ã` never are. */
function isPlausibleClue(clue: string): boolean {
  if (clue.length !== 2 || clue[0] === 'Â' || clue[0] === 'Ã') return false;
  return isAccentedLetter(clue[0] as string) && isAccentedLetter(clue[1] as string);
}

/** Whether the text has a character that could start mojibake (cheap; `isBad` is the real test). */
export function mayBeMojibake(text: string): boolean {
  return BAD_CLUES.hasLead(text) || /[\x80-\x9f]/.test(text);
}

/** Whether re-decoding is worth trying: C1 controls, or a UTF-8 spelling that is not plausible text. */
export function isBad(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80 && c <= 0x9f) return true;
  }
  if (!BAD_CLUES.hasLead(text)) return false;
  return BAD_CLUES.find(text).some(([a, b]) => !isPlausibleClue(text.slice(a, b)));
}

function redecode(text: string, c: SingleByteCodec): string | undefined {
  let bytes = encodeSingleByte(text, c);
  if (!bytes) return undefined;
  let binary = toBinary(bytes);
  if (ALTERED_UTF8_RE.test(binary)) binary = binary.replace(ALTERED_UTF8_RE, (m) => m.replace(/ /g, '\xa0'));
  ALTERED_UTF8_RE.lastIndex = 0;
  if (c.sloppy) binary = binary.replace(LOSSY_UTF8_RE, '\xef\xbf\xbd');
  bytes = fromBinary(binary);
  return decodeUtf8Variants(bytes);
}

/** One step of ftfy's `fix_encoding`; returns the text unchanged when no step applies. */
function fixOneStep(text: string): string {
  if (text.length === 0 || isAscii(text) || !isBad(text)) return text;
  const possible: string[] = [];
  for (const c of CODECS) {
    if (!encodeSingleByte(text, c)) continue;
    possible.push(c.name);
    const fixed = redecode(text, c);
    if (fixed !== undefined) return fixed;
  }
  // Mojibake inside text that as a whole fits no codec: fix each UTF-8 spelling on its own.
  const clues = FIXABLE_CLUES.find(text);
  if (clues.length > 0) {
    let fixed = '';
    let at = 0;
    for (const [a, b] of clues) {
      const piece = text.slice(a, b);
      fixed += text.slice(at, a) + (piece.length < text.length && isBad(piece) ? fixEncoding(piece) : piece);
      at = b;
    }
    fixed += text.slice(at);
    if (fixed !== text) return fixed;
  }
  // Latin-1 with C1 controls that windows-1252 would not contain: read it as windows-1252 (strict).
  if (possible.includes('latin-1') && !possible.includes('sloppy-windows-1252')) {
    const bytes = encodeSingleByte(text, LATIN1);
    if (bytes && !bytes.some((b) => b === 0x81 || b === 0x8d || b === 0x8f || b === 0x90 || b === 0x9d)) {
      return Array.from(bytes, (b) => (b < 0x80 ? String.fromCharCode(b) : (WIN1252.high[b - 0x80] ?? ''))).join('');
    }
  }
  return fixC1Controls(text);
}

/** ftfy `fix_c1_controls`: C1 control characters read as windows-1252 (undefined bytes stay). */
export function fixC1Controls(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\x80-\x9f]/g, (ch) => WIN1252.high[ch.charCodeAt(0) - 0x80] ?? ch);
}

/** ftfy `fix_encoding`: repeat single re-decoding steps until nothing changes. */
export function fixEncoding(text: string): string {
  for (let i = 0; i < 16; i++) {
    const next = fixOneStep(text);
    if (next === text) return text;
    text = next;
  }
  return text;
}
