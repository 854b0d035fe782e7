import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tempDir } from '../helpers/tmp.js';

/** A fresh temporary folder and a writer of files (and their folders) under it. */
export function tmpFiles(prefix = 'lt-adapters-'): (path: string, content: string | Uint8Array) => string {
  const dir = tempDir(prefix.replace(/-$/, ''));
  return (path, content) => {
    const file = join(dir, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
    return file;
  };
}

/** Runs a promise-returning function and returns the LiteTextError it rejects with (code + message). */
export async function failure(run: () => Promise<unknown>): Promise<{ code: string; message: string; hint?: string }> {
  try {
    await run();
  } catch (error) {
    const e = error as { code?: string; message: string; hint?: string };
    return { code: e.code ?? 'none', message: e.message, ...(e.hint === undefined ? {} : { hint: e.hint }) };
  }
  throw new Error('expected a failure');
}
