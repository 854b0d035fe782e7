import { LiteTextError } from '../errors.js';

/**
 * Text inputs are UTF-8. A UTF-16 or UTF-32 file (what Windows tools often save) decodes as UTF-8
 * to NUL-riddled garbage; it is recognised by its byte-order mark, or, without one, by ASCII text
 * whose every other byte is NUL, and refused with the conversion to run.
 */
export function wideEncoding(bytes: Uint8Array): string | undefined {
  const [a, b, c, d] = bytes;
  if (a === 0xff && b === 0xfe) return c === 0 && d === 0 ? 'UTF-32 LE' : 'UTF-16 LE';
  if (a === 0 && b === 0 && c === 0xfe && d === 0xff) return 'UTF-32 BE';
  if (a === 0xfe && b === 0xff) return 'UTF-16 BE';
  const n = Math.min(bytes.length, 512) & ~1;
  if (n < 4) return undefined;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0 && bytes[i + 1] !== 0) evenZero++;
    if (bytes[i + 1] === 0 && bytes[i] !== 0) oddZero++;
  }
  if (oddZero === n / 2) return 'UTF-16 LE (no byte-order mark)';
  if (evenZero === n / 2) return 'UTF-16 BE (no byte-order mark)';
  return undefined;
}

export function wideEncodingError(path: string, encoding: string): LiteTextError {
  return new LiteTextError('E_INPUT_FORMAT', `${path}:1: ${encoding} text, expected UTF-8`, `convert it first: iconv -f ${encoding.startsWith('UTF-32') ? 'UTF-32' : 'UTF-16'} -t UTF-8 FILE > FILE.utf8`);
}

/** Bytes a UTF-8 sequence starting with `lead` has (0: not a lead byte). */
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/**
 * Offset of the first invalid UTF-8 sequence (-1: none). A sequence cut by the end of `bytes` is
 * not invalid (the next chunk may complete it). Overlongs and surrogates count as invalid, as
 * TextDecoder decides.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length;) {
    const lead = bytes[i]!;
    const n = sequenceLength(lead);
    if (n === 0) return i;
    if (n === 1) {
      i++;
      continue;
    }
    for (let k = 1; k < n; k++) {
      if (i + k >= bytes.length) return -1;
      const c = bytes[i + k]!;
      const lo = k === 1 ? (lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80) : 0x80;
      const hi = k === 1 ? (lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf) : 0xbf;
      if (c < lo || c > hi) return i;
    }
    i += n;
  }
  return -1;
}

/** The trailing bytes of `bytes` that start a sequence the end cuts (0 to 3 bytes). */
export function cutSequence(bytes: Uint8Array): Uint8Array {
  for (let i = bytes.length - 1; i >= Math.max(0, bytes.length - 3); i--) {
    const n = sequenceLength(bytes[i]!);
    if (n > 1) return n > bytes.length - i ? bytes.subarray(i) : new Uint8Array(0);
    if (n === 1) break;
  }
  return new Uint8Array(0);
}

/** 1-based line of byte `offset` (LF bytes before it, plus one). */
export function lineOfByte(bytes: Uint8Array, offset: number, linesBefore = 0): number {
  let line = linesBefore + 1;
  for (let i = bytes.indexOf(10); i !== -1 && i < offset; i = bytes.indexOf(10, i + 1)) line++;
  return line;
}
