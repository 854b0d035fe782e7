import { closeSync, createWriteStream, fchmodSync, mkdirSync, open, openSync, renameSync, rmSync, write, writeSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { trackTemp } from './interrupt.js';
import { ioError, resolveOutput, type OutputTarget } from './output-path.js';
import { chargeWrite } from './test-faults.js';

/**
 * Bytes of an output: text, bytes, or several byte arrays written one after the other (no copy); an
 * iterable may produce them as it goes (a streamed merge), and may throw to abandon the write.
 */
export type OutputData = string | Uint8Array | Iterable<Uint8Array>;

/** A temp name beside the target, so the final rename stays on one file system. */
export function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/** A temp file being written for `target`: opened synchronously, so an interrupt that removes it cannot race its creation. */
interface Staged {
  target: OutputTarget;
  tmp: string;
  fd: number;
  untrack: () => void;
  /** The outermost folder this write created (removed with the temp file on failure), if any. */
  created: string | undefined;
}

function stage(target: OutputTarget): Staged {
  const created = mkdirSync(dirname(target.path), { recursive: true });
  const tmp = tempPathFor(target.path);
  const untrackFolder = created === undefined ? undefined : trackTemp(created);
  const untrackTmp = trackTemp(tmp);
  const s: Staged = { target, tmp, fd: -1, created, untrack: () => {
    untrackTmp();
    untrackFolder?.();
  } };
  try {
    s.fd = openSync(tmp, 'w');
    // A replaced file keeps its permission bits (a private 0600 file stays private).
    if (target.mode !== undefined) fchmodSync(s.fd, target.mode);
  } catch (error) {
    if (s.fd >= 0) closeSync(s.fd);
    drop(s);
    throw error;
  }
  return s;
}

/** Removes an unfinished write: its temp file and the folders it made. */
function drop(s: Staged): void {
  rmSync(s.tmp, { force: true });
  if (s.created !== undefined) rmSync(s.created, { recursive: true, force: true });
  s.untrack();
}

const chunksOf = (data: OutputData): Iterable<Uint8Array> => (typeof data === 'string' ? [Buffer.from(data)] : data instanceof Uint8Array ? [data] : data);
// writeSync/write may write less than asked for large buffers: at most this much per call, looped.
const MAX_WRITE = 1 << 24;

/**
 * Writes a whole file atomically (sync; errors are the file system's own): temp file, then rename onto
 * the symlink-resolved target; devices and FIFOs are written in place. For cache entries and memos.
 */
export function writeFileAtomic(given: string, data: string | Uint8Array): void {
  const target = resolveOutput(given);
  if (target.inPlace) return writeFdSync(openSync(target.path, 'w'), data, true);
  const s = stage(target);
  try {
    writeFdSync(s.fd, data, true);
    renameSync(s.tmp, target.path);
  } catch (error) {
    drop(s);
    throw error;
  }
  s.untrack();
}

function writeFdSync(fd: number, data: OutputData, close: boolean): void {
  try {
    for (const chunk of chunksOf(data)) {
      for (let done = 0; done < chunk.length; ) {
        const length = Math.min(chunk.length - done, MAX_WRITE);
        chargeWrite(length);
        done += writeSync(fd, chunk, done, length);
      }
    }
  } finally {
    if (close) closeSync(fd);
  }
}

async function writeFd(fd: number, data: OutputData): Promise<void> {
  try {
    for (const chunk of chunksOf(data)) {
      for (let done = 0; done < chunk.length; ) {
        const length = Math.min(chunk.length - done, MAX_WRITE);
        chargeWrite(length);
        done += await new Promise<number>((resolve, reject) => write(fd, chunk, done, length, null, (error, n) => (error ? reject(error) : resolve(n))));
      }
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes several output files as one unit: each regular file to a temp file beside its target, each
 * device or FIFO in place (opened without blocking the event loop: a FIFO waits for its reader); the
 * temp files are renamed into place only when all are written. Any failure removes every temp file
 * and is E_IO naming the file. Returns the paths as given.
 */
export async function writeOutputs(files: ReadonlyArray<readonly [string, OutputData]>): Promise<string[]> {
  const staged: Staged[] = [];
  let renamed = 0;
  try {
    for (const [given, data] of files) {
      try {
        const target = resolveOutput(given);
        if (target.inPlace) {
          await writeFd(await new Promise<number>((resolve, reject) => open(target.path, 'w', (error, fd) => (error ? reject(error) : resolve(fd)))), data);
        } else {
          const s = stage(target);
          staged.push(s);
          await writeFd(s.fd, data);
        }
      } catch (error) {
        throw ioError(given, error);
      }
    }
    for (const s of staged) {
      try {
        renameSync(s.tmp, s.target.path);
      } catch (error) {
        throw ioError(s.target.given, error, s.target.path);
      }
      renamed++;
    }
  } finally {
    // On failure the unrenamed ones go, newest first (a later one may sit in a folder an earlier one made).
    staged.forEach((s, i) => (i < renamed ? s.untrack() : undefined));
    staged.slice(renamed).reverse().forEach(drop);
  }
  return files.map(([given]) => given);
}

/** A stream of output: `write` waits while the stream is full and fails (E_IO naming it) when writing did. */
export interface OutputSink {
  write(chunk: string | Uint8Array): Promise<void>;
  /** Ends the stream; a file is renamed into place. */
  commit(): Promise<void>;
  /** Drops an unfinished file. */
  abort(): void;
}

/** A sink over an open stream (stdout): `name` is what its errors say. */
export function streamSink(stream: NodeJS.WritableStream, name: string): OutputSink {
  return {
    async write(chunk) {
      if (chunk.length === 0) return;
      try {
        chargeWrite(Buffer.byteLength(chunk));
        if (!stream.write(chunk)) await once(stream, 'drain');
      } catch (error) {
        throw ioError(name, error);
      }
    },
    async commit() {},
    abort() {},
  };
}

/** A sink to an output file: a temp file renamed into place by `commit()` (a device or FIFO: written in place). */
export function openOutput(given: string): OutputSink {
  let target: OutputTarget;
  let s: Staged | undefined;
  try {
    target = resolveOutput(given);
    if (!target.inPlace) s = stage(target);
  } catch (error) {
    throw ioError(given, error);
  }
  const stream: Writable = s ? createWriteStream(s.tmp, { fd: s.fd }) : createWriteStream(target.path, { flags: 'w' });
  // Errors surface at the next write or at commit; after abort, late ones are moot.
  let failure: unknown;
  stream.on('error', (error) => {
    failure ??= error;
  });
  const sink = streamSink(stream, given);
  return {
    async write(chunk) {
      if (failure === undefined) await sink.write(chunk).catch((error: unknown) => void (failure ??= error));
      if (failure !== undefined) throw ioError(given, failure);
    },
    async commit() {
      stream.end();
      await finished(stream).catch((error: unknown) => void (failure ??= error));
      try {
        if (failure !== undefined) throw failure;
        if (s) renameSync(s.tmp, target.path);
      } catch (error) {
        if (s) drop(s);
        throw ioError(given, error, target.path);
      }
      s?.untrack();
    },
    abort() {
      stream.destroy();
      if (s) drop(s);
    },
  };
}
