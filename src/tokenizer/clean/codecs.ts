import { SINGLE_BYTE_TABLES, type SingleByteTable } from './codec-tables.js';

/** A single-byte codec: character -> byte for encoding, with ftfy's sloppy 0x1A <-> U+FFFD rule. */
export interface SingleByteCodec {
  name: string;
  sloppy: boolean;
  /** The byte a character encodes to, or -1 when the codec cannot encode it. */
  byteOf(code: number): number;
  /** The character byte `b` (>= 0x80) decodes to. */
  high: string;
}

function makeCodec(table: SingleByteTable): SingleByteCodec {
  const map = new Map<number, number>();
  for (let i = 0; i < 128; i++) {
    const code = table.high.charCodeAt(i);
    if (!map.has(code)) map.set(code, 0x80 + i);
  }
  // ftfy's sloppy codecs decode byte 0x1A as U+FFFD (so U+FFFD encodes to 0x1A and 0x1A is not a character).
  if (table.sloppy) map.set(0xfffd, 0x1a);
  return {
    name: table.name,
    sloppy: table.sloppy,
    high: table.high,
    byteOf(code) {
      if (code < 0x80) return table.sloppy && code === 0x1a ? -1 : code;
      return map.get(code) ?? -1;
    },
  };
}

export const CODECS: readonly SingleByteCodec[] = SINGLE_BYTE_TABLES.map(makeCodec);

export function codec(name: string): SingleByteCodec {
  const found = CODECS.find((c) => c.name === name);
  if (!found) throw new Error(`unknown codec ${name}`);
  return found;
}

/** The bytes of `text` in `codec`, or undefined when a character does not fit. */
export function encodeSingleByte(text: string, c: SingleByteCodec): Uint8Array | undefined {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const b = c.byteOf(text.charCodeAt(i));
    if (b < 0) return undefined;
    out[i] = b;
  }
  return out;
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Strict UTF-8 decoding (Python's `bytes.decode('utf-8')`): undefined on any invalid sequence. */
export function decodeUtf8Strict(bytes: Uint8Array): string | undefined {
  try {
    return STRICT_UTF8.decode(bytes);
  } catch {
    return undefined;
  }
}
