import { existsSync, readFileSync, statSync } from 'node:fs';
import { embeddingPaths, type IndexedPrompt } from '../encoder/write-embeddings.js';
import { cannotRead, LiteTextError } from '../errors.js';
import { readMatrixFile, type DenseMatrix } from '../estimators/index.js';

/** One side of a comparison: row i of `matrix` is the embedding of `index[i]`. */
export interface Side {
  path: string;
  kind: 'encoder' | 'embeddings';
  matrix: DenseMatrix;
  index: readonly IndexedPrompt[];
}

/** An embed `.npy` is embeddings; anything else (an .onnx file, a transformers.js folder) is an encoder. */
export function isEmbeddingsFile(path: string): boolean {
  return path.toLowerCase().endsWith('.npy') && !(existsSync(path) && statSync(path).isDirectory());
}

/** Reads FILE.npy and FILE.index.jsonl as `embed` writes them (pooled: one row per index line). */
export function readEmbeddingsSide(path: string): Side {
  const paths = embeddingPaths(path);
  if (existsSync(paths.offsets)) {
    throw new LiteTextError('E_INPUT_FORMAT', `${path}: per-token embeddings (${paths.offsets} beside it)`, 'compare pooled embeddings: run embed with --pooling mean or eot');
  }
  const matrix = readMatrixFile(path);
  const index = readIndex(paths.index);
  if (index.length !== matrix.rows) {
    throw new LiteTextError('E_INPUT_MISMATCH', `${path}: ${matrix.rows} rows but ${index.length} lines in ${paths.index}`, 'use the .npy and .index.jsonl written together by embed');
  }
  return { path, kind: 'embeddings', matrix, index };
}

function readIndex(file: string): IndexedPrompt[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw cannotRead(file, error, 'compare needs the .index.jsonl that embed writes beside the .npy');
  }
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((line, i) => {
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch {
      v = undefined;
    }
    const o = v as Partial<IndexedPrompt> | undefined;
    if (typeof o?.id !== 'string' || typeof o.text !== 'string' || typeof o.dataset !== 'string') {
      throw new LiteTextError('E_INPUT_FORMAT', `${file}:${i + 1}: not an index line (expected {"id", "text", "dataset"} strings)`, 'use the .index.jsonl written by embed');
    }
    return { id: o.id, text: o.text, dataset: o.dataset };
  });
}
