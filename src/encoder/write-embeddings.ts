import { writeOutputs, type OutputData } from '../util/atomic.js';
import type { Embeddings } from './embed.js';
import { npyHeader, type NpyData } from './npy.js';

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
 * FILE.index.jsonl (one line per prompt: id, text, dataset) as one unit (writeOutputs: temp files renamed
 * only when every one is complete), so a failure leaves no partial output and is E_IO naming the file.
 */
export function writeEmbeddings(out: string, e: Embeddings, prompts: readonly IndexedPrompt[]): Promise<string[]> {
  const paths = embeddingPaths(out);
  const files: Array<[string, OutputData]> = [[paths.npy, npyChunks(e.data, [e.rows, e.cols])]];
  const offsets = e.offsets;
  if (offsets) files.push([paths.offsets, npyChunks(BigInt64Array.from(offsets.map(BigInt)), [offsets.length])]);
  files.push([paths.index, prompts.map((p) => `${JSON.stringify({ id: p.id, text: p.text, dataset: p.dataset })}\n`).join('')]);
  return writeOutputs(files);
}

/** An .npy file as header + the data's own bytes (no copy). */
function npyChunks(data: NpyData, shape: number[]): Uint8Array[] {
  return [npyHeader(data, shape), new Uint8Array(data.buffer, data.byteOffset, data.byteLength)];
}
