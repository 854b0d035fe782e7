import { createHash } from 'node:crypto';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Logger } from '../logger.js';
import { writeFileAtomic } from '../util/atomic.js';
import type { Signature } from './signature.js';

/** What a finished run remembers about a model file, so a fully cached re-run need not read or load it. */
export interface ModelMemo {
  files: Array<{ path: string; size: number; mtimeMs: number }>;
  modelHash: string;
  signature: Signature;
}

export async function sha256Files(files: string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const file of files) {
    for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  }
  return hash.digest('hex');
}

export function fileStamps(files: string[]): ModelMemo['files'] {
  return files.map((path) => {
    const s = statSync(path);
    return { path: resolve(path), size: s.size, mtimeMs: s.mtimeMs };
  });
}

function memoPath(cacheDir: string, modelPath: string): string {
  return join(cacheDir, 'models', `${createHash('sha256').update(resolve(modelPath)).digest('hex')}.json`);
}

/** The memo of a model, valid only while every file keeps its size and modification time. */
export function readModelMemo(cacheDir: string, modelPath: string, logger: Logger): ModelMemo | undefined {
  let memo: ModelMemo;
  try {
    memo = JSON.parse(readFileSync(memoPath(cacheDir, modelPath), 'utf8')) as ModelMemo;
  } catch {
    return undefined;
  }
  try {
    const now = fileStamps(memo.files.map((f) => f.path));
    if (now.every((f, i) => f.size === memo.files[i]!.size && f.mtimeMs === memo.files[i]!.mtimeMs)) return memo;
  } catch {
    // a file went away: fall through
  }
  logger.debug(`model memo for ${modelPath} is stale; re-hashing`);
  return undefined;
}

export function writeModelMemo(cacheDir: string, modelPath: string, memo: ModelMemo): void {
  writeFileAtomic(memoPath(cacheDir, modelPath), JSON.stringify(memo));
}
