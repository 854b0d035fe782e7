import { createReadStream, openSync, readSync, closeSync, statSync, readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { LiteTextError } from '../errors.js';
import type { FileSample } from './adapter.js';

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
  sampleBytes: 64 * 1024,
};

const BOM = '\ufeff';

export function statFile(path: string): { size: number; isDirectory: boolean } {
  try {
    const st = statSync(path);
    return { size: st.size, isDirectory: st.isDirectory() };
  } catch (error) {
    throw ioError(path, error);
  }
}

export function ioError(path: string, error: unknown): LiteTextError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const why = code === 'ENOENT' ? 'no such file or directory' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : (error as Error | undefined)?.message ?? String(error);
  return new LiteTextError('E_IO', `${path}: cannot read (${why})`, 'check the path and its permissions');
}

/** The first bytes of a file, for content-based detection. */
export function readSample(path: string): FileSample {
  const { size } = statFile(path);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw ioError(path, error);
  }
  try {
    const buffer = Buffer.alloc(Math.min(size, LIMITS.sampleBytes));
    const n = buffer.length === 0 ? 0 : readSync(fd, buffer, 0, buffer.length, 0);
    const headBytes = buffer.subarray(0, n);
    let head = new TextDecoder('utf-8', { fatal: false }).decode(headBytes);
    if (head.startsWith(BOM)) head = head.slice(1);
    return { path, ext: extname(path).toLowerCase(), head, headBytes, size };
  } finally {
    closeSync(fd);
  }
}

/** Count of U+FFFD that decoding introduced (those not present as EF BF BD in the bytes). */
export function countReplacements(bytes: Uint8Array, decoded: string): number {
  let inText = 0;
  for (let i = decoded.indexOf('\ufffd'); i !== -1; i = decoded.indexOf('\ufffd', i + 1)) inText++;
  if (inText === 0) return 0;
  let inBytes = 0;
  for (let i = 0; i + 2 < bytes.length; i++) if (bytes[i] === 0xef && bytes[i + 1] === 0xbf && bytes[i + 2] === 0xbd) inBytes++;
  return Math.max(0, inText - inBytes);
}

/** Read a whole file as UTF-8 text (BOM dropped, invalid bytes replaced and reported). */
export function readTextFile(path: string, onInvalidUtf8: (count: number) => void = () => {}): string {
  const bytes = readBytes(path);
  let text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  const bad = countReplacements(bytes, text);
  if (bad > 0) onInvalidUtf8(bad);
  if (text.startsWith(BOM)) text = text.slice(1);
  return text;
}

export function readBytes(path: string): Buffer {
  const { size, isDirectory } = statFile(path);
  if (isDirectory) throw new LiteTextError('E_IO', `${path}: is a directory, expected a file`, 'pass a file, or the folder to `ingest` to walk it');
  if (size > LIMITS.wholeFileBytes) {
    throw new LiteTextError('E_LIMIT', `${path}: ${size} bytes is too large to read whole for this format (limit ${LIMITS.wholeFileBytes / 2 ** 20} MiB)`, 'split the file, or use a streaming format (JSON Lines, text)');
  }
  try {
    return readFileSync(path);
  } catch (error) {
    throw ioError(path, error);
  }
}

export interface Line {
  /** 1-based line number. */
  line: number;
  /** The line without its terminator (`\n`, or `\r\n`). */
  text: string;
}

/** The lines of a file (bounded memory: a line longer than LIMITS.lineBytes is an error, not an allocation; lines end at LF, a CR before it belongs to the terminator; BOM dropped), a chunk (≤ 1 MiB of input) at a time: one await per chunk, not per line. */
export async function* readLineChunks(path: string, onInvalidUtf8: (count: number) => void = () => {}): AsyncGenerator<Line[]> {
  statFile(path);
  const decoder = new TextDecoder('utf-8', { fatal: false });
  const stream = createReadStream(path, { highWaterMark: 1024 * 1024 });
  let carry = '';
  let line = 0;
  let first = true;
  let tail: Uint8Array = new Uint8Array(0);
  const bad = (chunk: Uint8Array, text: string) => {
    // Include the last 2 bytes of the previous chunk so EF BF BD split across chunks is seen.
    const joined = new Uint8Array(tail.length + chunk.length);
    joined.set(tail, 0);
    joined.set(chunk, tail.length);
    const n = countReplacements(joined, text);
    if (n > 0) onInvalidUtf8(n);
    tail = chunk.subarray(Math.max(0, chunk.length - 2));
  };
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let text = decoder.decode(chunk, { stream: true });
      bad(chunk, text);
      if (first) {
        if (text.startsWith(BOM)) text = text.slice(1);
        first = false;
      }
      carry += text;
      let start = 0;
      const lines: Line[] = [];
      for (let nl = carry.indexOf('\n'); nl !== -1; nl = carry.indexOf('\n', start)) {
        line++;
        const end = nl > start && carry.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
        lines.push({ line, text: carry.slice(start, end) });
        start = nl + 1;
      }
      carry = carry.slice(start);
      if (lines.length > 0) yield lines;
      if (carry.length > LIMITS.lineBytes) {
        throw new LiteTextError('E_LIMIT', `${path}:${line + 1}: line longer than ${LIMITS.lineBytes} characters`, 'is this really a line-based file? use the right --adapter');
      }
    }
    const rest = decoder.decode();
    if (rest) bad(new Uint8Array(0), rest);
    carry += rest;
    if (carry.length > 0) {
      line++;
      yield [{ line, text: carry.endsWith('\r') ? carry.slice(0, -1) : carry }];
    }
  } catch (error) {
    if (error instanceof LiteTextError) throw error;
    throw ioError(path, error);
  } finally {
    stream.destroy();
  }
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
