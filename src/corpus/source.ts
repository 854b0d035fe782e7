import { closeSync, openSync, read, readSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { cannotRead, LiteTextError } from '../errors.js';

/**
 * What detection sees of a file: its path and the first bytes decoded as UTF-8 (BOM removed).
 * Detection looks at content (and the extension only as a tie-breaker), never at the folder name.
 */
export interface FileSample {
  path: string;
  /** Lower-case extension with the dot, e.g. `.json`, `.p`, `.parquet`, `.gz`. */
  ext: string;
  /** Up to the first 64 KiB, decoded (lossy) as UTF-8. */
  head: string;
  /** Raw first bytes (for binary formats: pickle, parquet). */
  headBytes: Uint8Array;
  size: number;
}

/** The first bytes kept for content detection. */
export const SAMPLE_BYTES = 64 * 1024;

/** A sequential reader of an input's bytes from its first byte. */
export interface ByteStream {
  /** Up to `length` bytes into `buffer` at `offset`; 0 at the end. */
  readSync(buffer: Uint8Array, offset: number, length: number): number;
  read(buffer: Uint8Array, offset: number, length: number): Promise<number>;
  close(): void;
}

/**
 * One input, opened once per ingest. A regular file can be read any number of times. Anything else
 * (a FIFO, a character device, `-` for stdin) is a stream: it is opened once, the first bytes are
 * kept for detection, and its one reader serves those bytes and then the rest of the stream, so
 * nothing waits on a second open of a FIFO that has no second writer.
 */
export interface Source {
  /** The path as the user gave it (a symlink stays the link: provenance names it). */
  readonly path: string;
  readonly regular: boolean;
  /** A regular file's size; for a stream, the bytes seen so far (exact once `sample()` met the end). */
  readonly size: number;
  /** The first bytes, decoded for detection (read once, then kept). */
  sample(): FileSample;
  /** A reader from the first byte; a stream has one reader only (a second is E_IO). */
  open(): ByteStream;
  close(): void;
}

export function ioError(path: string, error: unknown): LiteTextError {
  return cannotRead(path, error, 'check the path and its permissions');
}

/** `-` is stdin; a folder is E_IO (callers walk folders before this). */
export function openSource(path: string): Source {
  if (path === '-') return streamSource(path, 0, false);
  let st;
  try {
    st = statSync(path);
  } catch (error) {
    throw ioError(path, error);
  }
  if (st.isDirectory()) throw new LiteTextError('E_IO', `${path}: is a directory, expected a file`, 'pass a file, or the folder to `ingest` to walk it');
  if (st.isFile()) return fileSource(path, st.size);
  return streamSource(path, openFd(path), true);
}

function openFd(path: string): number {
  try {
    return openSync(path, 'r');
  } catch (error) {
    throw ioError(path, error);
  }
}

function makeSample(path: string, headBytes: Uint8Array, size: number): FileSample {
  let head = new TextDecoder('utf-8', { fatal: false }).decode(headBytes);
  if (head.startsWith('\ufeff')) head = head.slice(1);
  return { path, ext: extname(path).toLowerCase(), head, headBytes, size };
}

function fileSource(path: string, size: number): Source {
  let sample: FileSample | undefined;
  const source: Source = {
    path,
    regular: true,
    size,
    sample() {
      if (sample) return sample;
      const stream = source.open();
      try {
        const buffer = Buffer.alloc(Math.min(size, SAMPLE_BYTES));
        return (sample = makeSample(path, buffer.subarray(0, fill(stream, buffer)), size));
      } finally {
        stream.close();
      }
    },
    open: () => fdStream(path, openFd(path), true),
    close() {},
  };
  return source;
}

function streamSource(path: string, fd: number, owned: boolean): Source {
  const stream = fdStream(path, fd, owned);
  let head = new Uint8Array(0);
  let sampled: FileSample | undefined;
  let ended = false;
  let opened = false;
  let closed = false;
  const source: Source = {
    path,
    regular: false,
    get size() {
      return head.length;
    },
    sample() {
      if (sampled) return sampled;
      if (opened) throw new Error(`${path}: sample() after open() on a stream`);
      const buffer = Buffer.alloc(SAMPLE_BYTES);
      const n = fill(stream, buffer);
      ended = n < buffer.length;
      head = buffer.subarray(0, n);
      return (sampled = makeSample(path, head, n));
    },
    open() {
      if (opened) throw new LiteTextError('E_IO', `${path}: a stream (FIFO, device or stdin) can be read only once, and this format needs a second pass`, 'save it to a regular file first');
      opened = true;
      let pos = 0;
      const fromHead = (buffer: Uint8Array, offset: number, length: number): number => {
        const n = Math.min(length, head.length - pos);
        buffer.set(head.subarray(pos, pos + n), offset);
        pos += n;
        return n;
      };
      return {
        readSync: (buffer, offset, length) => (pos < head.length ? fromHead(buffer, offset, length) : ended ? 0 : stream.readSync(buffer, offset, length)),
        read: async (buffer, offset, length) => (pos < head.length ? fromHead(buffer, offset, length) : ended ? 0 : stream.read(buffer, offset, length)),
        close: () => {},
      };
    },
    close() {
      if (!closed) stream.close();
      closed = true;
    },
  };
  return source;
}

/** Reads until `buffer` is full or the input ends (a pipe returns what it has: loop). */
function fill(stream: ByteStream, buffer: Uint8Array): number {
  let n = 0;
  while (n < buffer.length) {
    const got = stream.readSync(buffer, n, buffer.length - n);
    if (got === 0) break;
    n += got;
  }
  return n;
}

const RETRY_MS = 5;

/** Reads an fd from its current position; EAGAIN (a non-blocking stdin) waits and retries. */
function fdStream(path: string, fd: number, owned: boolean): ByteStream {
  const failed = (error: unknown) => (error instanceof LiteTextError ? error : ioError(path, error));
  return {
    readSync(buffer, offset, length) {
      for (;;) {
        try {
          return readSync(fd, buffer, offset, length, null);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw failed(error);
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, RETRY_MS);
        }
      }
    },
    read(buffer, offset, length) {
      return new Promise((resolve, reject) => {
        const attempt = () =>
          read(fd, buffer, offset, length, null, (error, n) => {
            if (error?.code === 'EAGAIN') setTimeout(attempt, RETRY_MS);
            else if (error) reject(failed(error));
            else resolve(n);
          });
        attempt();
      });
    },
    close() {
      if (owned) closeSync(fd);
    },
  };
}
