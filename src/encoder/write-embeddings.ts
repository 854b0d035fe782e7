import type { Shard } from '../util/shard.js';
import { writeOutputs, type OutputData } from '../util/atomic.js';
import type { Embeddings } from './embed.js';
import { npyHeader, type NpyData } from './npy.js';
import { sha256, type ShardManifest } from './shard.js';

export interface IndexedPrompt {
  id: string;
  text: string;
  dataset: string;
}

/** The files `embed --out FILE.npy` writes: the matrix, the token offsets (tokens pooling), the prompt index, and with --shard the manifest. */
export function embeddingPaths(out: string): { npy: string; offsets: string; index: string; shard: string } {
  const stem = out.endsWith('.npy') ? out.slice(0, -4) : out;
  return { npy: out, offsets: `${stem}.offsets.npy`, index: `${stem}.index.jsonl`, shard: `${stem}.shard.json` };
}

/** FILE.index.jsonl's text: one line per prompt (id, text, dataset). */
export function indexText(prompts: readonly IndexedPrompt[]): string {
  return prompts.map((p) => `${JSON.stringify({ id: p.id, text: p.text, dataset: p.dataset })}\n`).join('');
}

/** A shard's place in its run (`embed --shard K/N`): what its manifest records beside the files' sha256. */
export type ShardInfo = Omit<ShardManifest, 'format' | 'version' | 'rows' | 'cols' | 'sha256' | 'prompts' | 'shard'> & { shard: Shard };

/**
 * Writes float32 FILE.npy [rows, d], int64 FILE.offsets.npy [prompts + 1] (tokens pooling only) and
 * FILE.index.jsonl (one line per prompt: id, text, dataset) as one unit (writeOutputs: temp files renamed
 * only when every one is complete), so a failure leaves no partial output and is E_IO naming the file.
 * A shard (`shard`, its prompts only, offsets from 0) adds FILE.shard.json in the same unit.
 */
export function writeEmbeddings(out: string, e: Embeddings, prompts: readonly IndexedPrompt[], shard?: ShardInfo): Promise<string[]> {
  const paths = embeddingPaths(out);
  const npy = npyChunks(e.data, [e.rows, e.cols]);
  const index = indexText(prompts);
  const files: Array<[string, OutputData]> = [[paths.npy, npy]];
  const offsets = e.offsets ? npyChunks(BigInt64Array.from(e.offsets.map(BigInt)), [e.offsets.length]) : undefined;
  if (offsets) files.push([paths.offsets, offsets]);
  files.push([paths.index, index]);
  if (shard) {
    const manifest: ShardManifest = {
      format: 'lite-text-embed-shard', version: 1, ...shard, prompts: prompts.length, rows: e.rows, cols: e.cols,
      sha256: { npy: sha256(npy), index: sha256([index]), ...(offsets ? { offsets: sha256(offsets) } : {}) },
    };
    files.push([paths.shard, `${JSON.stringify(manifest, null, 2)}\n`]);
  }
  return writeOutputs(files);
}

/** An .npy file as header + the data's own bytes (no copy). */
function npyChunks(data: NpyData, shape: number[]): Uint8Array[] {
  return [npyHeader(data, shape), new Uint8Array(data.buffer, data.byteOffset, data.byteLength)];
}
