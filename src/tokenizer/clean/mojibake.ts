import { CODECS, codec, decodeUtf8Strict, encodeSingleByte, type SingleByteCodec } from './codecs.js';
import { FixDeadline } from './deadline.js';
import { A_GRAVE_WORD_SOURCE, ALTERED_UTF8_SOURCE, BADNESS_SOURCE, LOSSY_UTF8_SOURCE, UTF8_DETECTOR_SOURCE } from './ftfy-patterns.js';

// Mojibake repair as ftfy 6.3 `fix_encoding` does it (https://ftfy.readthedocs.io/en/latest/fixes.html):
// if the text looks bad (ftfy's badness patterns), re-encode it with the first single-byte codec
// that can represent it and decode the bytes as UTF-8; if no codec works, repair the UTF-8-looking
// runs one by one; otherwise read C1 controls as windows-1252. Repeated until nothing changes.

const BADNESS_RE = new RegExp(BADNESS_SOURCE, 'u');
const UTF8_DETECTOR_RE = new RegExp(UTF8_DETECTOR_SOURCE, 'gu');
// Byte-level patterns run on bytes spelled as a Latin-1 string.
const ALTERED_UTF8_RE = new RegExp(ALTERED_UTF8_SOURCE, 'g');
const A_GRAVE_WORD_RE = new RegExp(A_GRAVE_WORD_SOURCE, 'g');
const LOSSY_UTF8_RE = new RegExp(LOSSY_UTF8_SOURCE, 'g');

const LATIN1 = codec('latin-1');
const WIN1252 = codec('sloppy-windows-1252');
/** Bytes that windows-1252 (strict, as Python's codec) leaves undefined. */
const CP1252_UNDEFINED = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

const toBinary = (bytes: Uint8Array): string => {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i] as number);
  return s;
};
const fromBinary = (s: string): Uint8Array => Uint8Array.from(s, (ch) => ch.charCodeAt(0));

/** UTF-8 with ftfy's "utf-8-variants" leniency: CESU-8 surrogate pairs and Java's C0 80 for NUL. */
function decodeUtf8Variants(binary: string): string | undefined {
  if (!binary.includes('\xed') && !binary.includes('\xc0')) return decodeUtf8Strict(fromBinary(binary));
  let s = binary.replace(/\xc0\x80/g, '\x00');
  s = s.replace(/\xed([\xa0-\xaf])([\x80-\xbf])\xed([\xb0-\xbf])([\x80-\xbf])/g, (_m, a: string, b: string, c: string, d: string) => {
    const hi = 0xd000 | ((a.charCodeAt(0) & 0x3f) << 6) | (b.charCodeAt(0) & 0x3f);
    const lo = 0xd000 | ((c.charCodeAt(0) & 0x3f) << 6) | (d.charCodeAt(0) & 0x3f);
    return toBinary(new TextEncoder().encode(String.fromCharCode(hi, lo)));
  });
  return decodeUtf8Strict(fromBinary(s));
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** ftfy's `is_bad`: the text contains a sequence that is very unlikely outside of mojibake. */
export function isBad(text: string): boolean {
  return BADNESS_RE.test(text);
}

/** Bytes of `text` in `c`, fixed up as ftfy does (0xA0 restored, lost bytes marked), then UTF-8. */
function redecode(text: string, c: SingleByteCodec): string | undefined {
  const bytes = encodeSingleByte(text, c);
  if (!bytes) return undefined;
  let binary = toBinary(bytes);
  if (c.name !== 'macroman' && new RegExp(ALTERED_UTF8_SOURCE).test(binary)) {
    binary = binary.replace(A_GRAVE_WORD_RE, '\xc3\xa0 ').replace(ALTERED_UTF8_RE, (m) => m.replace(/ /g, '\xa0'));
  }
  if (c.sloppy) binary = binary.replace(LOSSY_UTF8_RE, '\xef\xbf\xbd');
  return decodeUtf8Variants(binary);
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
  // Mojibake embedded in text that as a whole fits no codec: repair each bad run on its own.
  const fixed = text.replace(UTF8_DETECTOR_RE, (run) => (run.length < text.length && isBad(run) ? fixEncoding(run) : run));
  if (fixed !== text) return fixed;
  // Latin-1 with C1 controls: read it as windows-1252 when every byte is defined there.
  if (possible.includes('latin-1')) {
    const bytes = encodeSingleByte(text, LATIN1) as Uint8Array;
    if (!bytes.some((b) => CP1252_UNDEFINED.has(b))) {
      const decoded = Array.from(bytes, (b) => (b < 0x80 ? String.fromCharCode(b) : (WIN1252.high[b - 0x80] as string))).join('');
      if (decoded !== text) return decoded;
    }
  }
  return fixC1Controls(text);
}

/** ftfy `fix_c1_controls`: C1 control characters read as windows-1252 (undefined bytes stay). */
export function fixC1Controls(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\x80-\x9f]/g, (ch) => WIN1252.high[ch.charCodeAt(0) - 0x80] ?? ch);
}

/** Whether the text has anything `fixEncoding` could act on (a cheap pre-check). */
export function mayBeMojibake(text: string): boolean {
  return !isAscii(text) && isBad(text);
}

/** ftfy `fix_encoding`: repeat single re-decoding steps until nothing changes (ftfy: `while True`). */
export function fixEncoding(text: string): string {
  const deadline = new FixDeadline(text);
  for (;;) {
    deadline.check();
    const next = fixOneStep(text);
    if (next === text) return text;
    text = next;
  }
}
