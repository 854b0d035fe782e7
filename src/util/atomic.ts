import { createWriteStream, mkdirSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { LiteTextError } from '../errors.js';
import { trackTemp } from './interrupt.js';

/** A temp name beside the target, so the final rename stays on one file system. */
export function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/** Write a whole file atomically: temp file, then rename. A reader never sees a partial file. */
export function writeFileAtomic(target: string, data: string | Uint8Array): void {
  mkdirSync(dirname(target), { recursive: true });
  const tmp = tempPathFor(target);
  const untrack = trackTemp(tmp);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, target);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  } finally {
    untrack();
  }
}

/** A stream to a temp file; `commit()` renames it into place, `abort()` removes it. */
export interface AtomicStream {
  stream: Writable;
  commit(): Promise<void>;
  abort(): void;
}

export function createAtomicStream(target: string): AtomicStream {
  const tmp = tempPathFor(target);
  let fd: number;
  try {
    mkdirSync(dirname(target), { recursive: true });
    // Opened here, synchronously: a stream that opened its file later would create it after an early
    // abort() had already removed it, leaving a stray temp file behind.
    fd = openSync(tmp, 'w');
  } catch (error) {
    throw new LiteTextError('E_IO', `${target}: cannot write (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, 'check that the output folder exists and is writable');
  }
  const untrack = trackTemp(tmp);
  const stream = createWriteStream(tmp, { fd });
  // Errors surface at commit (finished() rejects); after abort, late write errors are moot.
  let failure: Error | undefined;
  stream.on('error', (error) => {
    failure ??= error;
  });
  return {
    stream,
    async commit() {
      stream.end();
      await finished(stream).catch(() => undefined);
      if (failure) {
        rmSync(tmp, { force: true });
        untrack();
        throw failure;
      }
      renameSync(tmp, target);
      untrack();
    },
    abort() {
      stream.destroy();
      rmSync(tmp, { force: true });
      untrack();
    },
  };
}
