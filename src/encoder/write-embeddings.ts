import { renameSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { LiteTextError } from '../errors.js';
import { tempPathFor } from '../util/atomic.js';
import type { Embeddings } from './embed.js';
import { writeNpyFile } from './npy.js';

export interface IndexedPrompt {
  id: string;
  text: string;
  dataset: string;
}

/** The files `embed --out FILE.npy` writes: the matrix, the token offsets (tokens pooling) and the prompt index. */
export function embeddingPaths(out: string): { npy: string; offsets: string; index: string } {
  const stem = out.endsWith('.npy') ? out.slice(0, -4) : out;
  return { npy: out, offsets: `${stem}.offsets.npy`, index: `${stem}.index.jsonl` };
}

/**
 * Writes float32 FILE.npy [rows, d], int64 FILE.offsets.npy [prompts + 1] (tokens pooling only) and
 * FILE.index.jsonl (one line per prompt: id, text, dataset). All are written to temp files first and
 * renamed only when every one is complete, so a failure leaves no partial output.
 */
export function writeEmbeddings(out: string, e: Embeddings, prompts: readonly IndexedPrompt[]): string[] {
  const paths = embeddingPaths(out);
  const files: Array<[string, (tmp: string) => void]> = [[paths.npy, (tmp) => writeNpyFile(tmp, e.data, [e.rows, e.cols])]];
  const offsets = e.offsets;
  if (offsets) files.push([paths.offsets, (tmp) => writeNpyFile(tmp, BigInt64Array.from(offsets.map(BigInt)), [offsets.length])]);
  files.push([paths.index, (tmp) => writeFileSync(tmp, prompts.map((p) => `${JSON.stringify({ id: p.id, text: p.text, dataset: p.dataset })}\n`).join(''))]);
  const temps: string[] = [];
  try {
    for (const [target, write] of files) {
      mkdirSync(dirname(target), { recursive: true });
      const tmp = tempPathFor(target);
      temps.push(tmp);
      write(tmp);
    }
  } catch (error) {
    for (const tmp of temps) rmSync(tmp, { force: true });
    throw new LiteTextError('E_IO', `${out}: cannot write the embeddings (${(error as Error).message})`, 'check that the --out folder is writable and has space');
  }
  files.forEach(([target], i) => renameSync(temps[i]!, target));
  return files.map(([target]) => target);
}
