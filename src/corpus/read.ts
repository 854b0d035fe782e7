import { LiteTextError } from '../errors.js';
import type { FileSample } from './adapter.js';
import { cutSequence, firstInvalidUtf8, lineOfByte, wideEncoding, wideEncodingError } from './encoding.js';
import { ioError, openSource, SAMPLE_BYTES, type ByteStream, type Source } from './source.js';

export { ioError, openSource, type Source } from './source.js';

/** Limits that keep memory bounded on hostile input. */
export const LIMITS = {
  /**
   * Files read whole (JSON, YAML, pickle) larger than this are refused, unless the adapter streams.
   * Parsing takes ~6× the file in memory, and V8 cannot hold a string over 512 M characters at all:
   * 256 MiB keeps a whole-file read under ~1.7 GB (measured) and far from that wall.
   */
  wholeFileBytes: 256 * 1024 * 1024,
  /** One line of a line-based file. */
  lineBytes: 16 * 1024 * 1024,
  sampleBytes: SAMPLE_BYTES,
  /**
   * Bytes read at a time by the line reader: one await per chunk, not per line, and each batch of
   * lines dies young (1 MiB chunks let whole batches survive into the old generation: more GC and
   * RSS). Outputs never depend on it (test/tokenizer/stream.test.ts reads with several sizes).
   */
  chunkBytes: 64 * 1024,
};

const BOM = '\ufeff';

/** A path, or an input already opened (a FIFO or stdin must be: it can be opened once only). */
export type Input = string | Source;

/** Runs `use` on the input's Source, closing it afterwards when it was opened here. */
function withSource<T>(input: Input, use: (source: Source) => T): T {
  if (typeof input !== 'string') return use(input);
  const source = openSource(input);
  try {
    return use(source);
  } finally {
    source.close();
  }
}

/** The first bytes of a file, for content-based detection. */
export function readSample(input: Input): FileSample {
  return withSource(input, (source) => source.sample());
}

/** Invalid UTF-8 replaced while decoding: how many sequences, and the line of the first. */
export type OnInvalidUtf8 = (count: number, line: number) => void;

/** Count of U+FFFD that decoding introduced (those not present as EF BF BD in the bytes). */
export function countReplacements(bytes: Uint8Array, decoded: string): number {
  let inText = 0;
  for (let i = decoded.indexOf('\ufffd'); i !== -1; i = decoded.indexOf('\ufffd', i + 1)) inText++;
  if (inText === 0) return 0;
  let inBytes = 0;
  for (let i = 0; i + 2 < bytes.length; i++) if (bytes[i] === 0xef && bytes[i + 1] === 0xbf && bytes[i + 2] === 0xbd) inBytes++;
  return Math.max(0, inText - inBytes);
}

/** Read a whole file as UTF-8 text (BOM dropped, invalid bytes replaced and reported; UTF-16 refused). */
export function readTextFile(input: Input, onInvalidUtf8: OnInvalidUtf8 = () => {}, maxBytes = LIMITS.wholeFileBytes): string {
  return withSource(input, (source) => {
    const bytes = readBytes(source, maxBytes);
    const wide = wideEncoding(bytes);
    if (wide !== undefined) throw wideEncodingError(source.path, wide);
    let text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    const bad = countReplacements(bytes, text);
    if (bad > 0) onInvalidUtf8(bad, lineOfByte(bytes, firstInvalidUtf8(bytes)));
    if (text.startsWith(BOM)) text = text.slice(1);
    return text;
  });
}

/** A whole file's bytes, at most `maxBytes` (E_LIMIT beyond; a stream is counted as it is read). */
export function readBytes(input: Input, maxBytes = LIMITS.wholeFileBytes): Buffer {
  return withSource(input, (source) => {
    const tooLarge = (size: string) => new LiteTextError('E_LIMIT', `${source.path}: ${size} bytes is too large to read whole for this format (limit ${maxBytes / 2 ** 20} MiB)`, 'split the file, or use a streaming format (JSON Lines, text)');
    if (source.regular && source.size > maxBytes) throw tooLarge(String(source.size));
    const stream = source.open();
    try {
      const chunks: Buffer[] = [];
      let total = 0;
      for (;;) {
        // A regular file in one read (its size + 1 to see the end); a stream 1 MiB at a time.
        const chunk = Buffer.allocUnsafe(source.regular ? Math.min(Math.max(source.size - total, 0) + 1, maxBytes + 1) : 1 << 20);
        const n = stream.readSync(chunk, 0, chunk.length);
        if (n === 0) break;
        total += n;
        if (total > maxBytes) throw tooLarge(`more than ${maxBytes}`);
        chunks.push(chunk.subarray(0, n));
      }
      return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
    } finally {
      stream.close();
    }
  });
}

export interface Line {
  /** 1-based line number. */
  line: number;
  /** The line without its terminator (`\n`, or `\r\n`). */
  text: string;
}

/**
 * Streams the lines of a file with bounded memory: a line longer than LIMITS.lineBytes is an error,
 * not an allocation. Lines end at LF; a CR before the LF is part of the terminator. BOM dropped.
 * A chunk (LIMITS.chunkBytes of input) at a time.
 */
export async function* readLineChunks(input: Input, onInvalidUtf8: OnInvalidUtf8 = () => {}): AsyncGenerator<Line[]> {
  const owned = typeof input === 'string';
  const source = typeof input === 'string' ? openSource(input) : input;
  const path = source.path;
  const decoder = new TextDecoder('utf-8', { fatal: false });
  let stream: ByteStream | undefined;
  /** The unfinished last line: its pieces and their length. */
  let carry: string[] = [];
  let carried = 0;
  let line = 0;
  let first = true;
  let tail: Uint8Array = new Uint8Array(0);
  const bad = (chunk: Uint8Array, text: string) => {
    // Include the last bytes of the previous chunk so EF BF BD split across chunks is seen.
    const joined = new Uint8Array(tail.length + chunk.length);
    joined.set(tail, 0);
    joined.set(chunk, tail.length);
    const n = countReplacements(joined, text);
    if (n > 0) {
      // Check from the sequence the previous chunk's end cut (it holds no LF: lines stay right).
      const from = joined.subarray(tail.length - cutSequence(tail).length);
      const at = firstInvalidUtf8(from);
      onInvalidUtf8(n, lineOfByte(from, at === -1 ? from.length : at, line));
    }
    tail = chunk.slice(Math.max(0, chunk.length - 3));
  };
  try {
    stream = source.open();
    for (;;) {
      const chunk = Buffer.allocUnsafe(LIMITS.chunkBytes);
      const size = await stream.read(chunk, 0, chunk.length);
      if (size === 0) break;
      const bytes = chunk.subarray(0, size);
      if (first) {
        const wide = wideEncoding(bytes);
        if (wide !== undefined) throw wideEncodingError(path, wide);
      }
      let text = decoder.decode(bytes, { stream: true });
      bad(bytes, text);
      if (first) {
        if (text.startsWith(BOM)) text = text.slice(1);
        first = false;
      }
      const lines: Line[] = [];
      let nl = text.indexOf('\n');
      if (nl === -1) {
        // Still inside one line: keep the pieces (joined once the line ends: no quadratic copying).
        carry.push(text);
        carried += text.length;
        if (carried > LIMITS.lineBytes) throw tooLong(path, line + 1);
        continue;
      }
      let start = 0;
      if (carried > 0) {
        if (carried + nl > LIMITS.lineBytes) throw tooLong(path, line + 1);
        carry.push(text.slice(0, nl));
        lines.push(endLine(++line, carry.join('')));
        start = nl + 1;
        nl = text.indexOf('\n', start);
      }
      for (; nl !== -1; nl = text.indexOf('\n', start)) {
        lines.push(endLine(++line, text.slice(start, nl)));
        start = nl + 1;
      }
      carry = start < text.length ? [text.slice(start)] : [];
      carried = text.length - start;
      if (lines.length > 0) yield lines;
    }
    const rest = decoder.decode();
    if (rest) bad(new Uint8Array(0), rest);
    carry.push(rest);
    if (carried + rest.length > 0) yield [endLine(++line, carry.join(''))];
  } catch (error) {
    if (error instanceof LiteTextError) throw error;
    throw ioError(path, error);
  } finally {
    stream?.close();
    if (owned) source.close();
  }
}

function tooLong(path: string, line: number): LiteTextError {
  return new LiteTextError('E_LIMIT', `${path}:${line}: line longer than ${LIMITS.lineBytes} characters`, 'is this really a line-based file? use the right --adapter');
}

/** A line without its terminator's CR (the LF is already cut). */
function endLine(line: number, text: string): Line {
  return { line, text: text.charCodeAt(text.length - 1) === 13 ? text.slice(0, -1) : text };
}

/** 1-based line and column of a character offset in text. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lastNl = -1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lastNl = i;
  }
  return { line, column: offset - lastNl };
}
