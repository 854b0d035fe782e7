import { createHash } from 'node:crypto';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isLiteTextError, LiteTextError } from '../errors.js';
import type { Logger } from '../logger.js';
import { writeFileAtomic } from '../util/atomic.js';
import type { PrunedInfo } from './pruned.js';
import type { Signature } from './signature.js';

/**
 * A file's identity without reading it, as git's index keeps it: size, modification and change times
 * (nanoseconds), inode and device. `cp -p`, `rsync -a` or `touch -r` can give another model the same size
 * and mtime, but not the same ctime (set by the kernel on every write, rename or utimes) nor, for rsync's
 * rename, the same inode.
 */
export interface FileStamp {
  path: string;
  size: string;
  mtimeNs: string;
  ctimeNs: string;
  ino: string;
  dev: string;
}

/** What a finished run remembers about a model file, so a fully cached re-run need not read or load it. */
export interface ModelMemo {
  version: 3;
  files: FileStamp[];
  modelHash: string;
  signature: Signature;
  /** What a pruned model keeps (its metadata), so a memo-served run still refuses dropped ids. */
  pruned?: PrunedInfo | undefined;
}

export async function sha256Files(files: string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const file of files) {
    for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  }
  return hash.digest('hex');
}

export function fileStamp(path: string): FileStamp {
  const s = statSync(path, { bigint: true });
  return { path: resolve(path), size: String(s.size), mtimeNs: String(s.mtimeNs), ctimeNs: String(s.ctimeNs), ino: String(s.ino), dev: String(s.dev) };
}

function memoPath(cacheDir: string, modelPath: string): string {
  return join(cacheDir, 'models', `${createHash('sha256').update(resolve(modelPath)).digest('hex')}.json`);
}

const STAMP_KEYS = ['path', 'size', 'mtimeNs', 'ctimeNs', 'ino', 'dev'] as const;

/**
 * The memo of a model, trusted only while every file keeps ALL of its stamps, and only for files changed
 * before the memo was written: a file whose ctime is not older than the memo could have been replaced in
 * the same clock tick (git's "racily clean" rule), so it is hashed again.
 */
export function readModelMemo(cacheDir: string, modelPath: string, logger: Logger): ModelMemo | undefined {
  const file = memoPath(cacheDir, modelPath);
  let memo: ModelMemo;
  let written: bigint;
  try {
    memo = JSON.parse(readFileSync(file, 'utf8')) as ModelMemo;
    written = statSync(file, { bigint: true }).mtimeNs;
  } catch {
    return undefined;
  }
  try {
    if (memo.version === 3 && memo.files.length > 0 && memo.files.every((f) => {
      const now = fileStamp(f.path);
      return STAMP_KEYS.every((k) => now[k] === f[k]) && BigInt(now.ctimeNs) < written;
    })) return memo;
  } catch {
    // a file went away, or an older memo without these stamps: fall through
  }
  logger.debug(`model memo for ${modelPath} is stale; re-hashing`);
  return undefined;
}

/** Remembers the model; a cache folder that cannot be written is the user's to fix (E_IO, exit 2). */
export function writeModelMemo(cacheDir: string, modelPath: string, memo: Omit<ModelMemo, 'version'>): void {
  const file = memoPath(cacheDir, modelPath);
  try {
    writeFileAtomic(file, JSON.stringify({ version: 3, ...memo }));
  } catch (error) {
    throw cacheWriteError(file, error);
  }
}

/** One line for a cache folder that cannot be written (ENOTDIR, EACCES, EROFS, ENOSPC...). */
export function cacheWriteError(file: string, error: unknown): LiteTextError {
  const hint = 'pass a writable --cache DIR with free space, or --no-cache';
  // The writer already named the path and the errno (util/output-path.ts): keep its line, give the cache's hint.
  if (isLiteTextError(error)) return new LiteTextError('E_IO', `embedding cache: ${error.message}`, hint);
  const e = error as NodeJS.ErrnoException;
  return new LiteTextError('E_IO', `${file}: cannot write the embedding cache (${e.code ?? e.message})`, hint);
}
