import { readFileSync } from 'node:fs';
import type { Prompt } from '../corpus/prompt.js';
import { embeddingPaths } from '../encoder/write-embeddings.js';
import { npyHeader } from '../encoder/npy.js';
import { poolTokens } from '../encoder/pooling.js';
import { cannotRead, LiteTextError } from '../errors.js';
import { parseNpy } from '../estimators/npy.js';
import type { TokenTable } from './tokens.js';
import type { CorpusEmbeddings } from './types.js';

function read(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw cannotRead(file, error, '--embeddings needs FILE.npy with its .index.jsonl and .offsets.npy beside it (embed --pooling tokens)');
  }
}

/** Files `embed --pooling tokens` (or `merge`) wrote: every prompt's token rows, found by its id or its text. */
export interface TokenEmbeddingsFile {
  file: string;
  index: string;
  /** The first index row of each prompt id / text. */
  rowOfId: Map<string, { row: number; text: string }>;
  rowOfText: Map<string, number>;
  /** Token rows of index row r: rows(r) → [from, to) of `data`. */
  rows(row: number): [number, number];
  data: Float32Array;
  cols: number;
}

export function readTokenEmbeddings(file: string): TokenEmbeddingsFile {
  const paths = embeddingPaths(file);
  const rowOfId = new Map<string, { row: number; text: string }>();
  const rowOfText = new Map<string, number>();
  read(paths.index).toString('utf8').split('\n').forEach((line, row) => {
    if (line === '') return;
    const { id, text } = JSON.parse(line) as { id: string; text: string };
    if (!rowOfId.has(id)) rowOfId.set(id, { row, text });
    if (!rowOfText.has(text)) rowOfText.set(text, row);
  });
  const n = rowOfId.size;
  const offsetsBytes = read(paths.offsets);
  const header = npyHeader(new BigInt64Array(0), [n + 1]);
  if (offsetsBytes.length !== header.length + (n + 1) * 8 || !offsetsBytes.subarray(0, header.length).equals(header)) {
    throw mismatch(file, `${paths.offsets} is not the int64 [${n + 1}] token offsets of its ${n} index lines (written with --pooling tokens?)`);
  }
  const offsets = new BigInt64Array(new Uint8Array(offsetsBytes.subarray(header.length)).buffer);
  const m = parseNpy(read(paths.npy), paths.npy);
  if (m.data instanceof Float64Array || BigInt(m.rows) !== offsets[n]) throw mismatch(file, `${paths.npy} is not float32 [${offsets[n]}, d] as its offsets say`);
  return { file, index: paths.index, rowOfId, rowOfText, rows: (r) => [Number(offsets[r]), Number(offsets[r + 1])], data: m.data, cols: m.cols };
}

export function mismatch(file: string, what: string): LiteTextError {
  return new LiteTextError('E_USAGE', `--embeddings ${file}: ${what}`, 'embed the same inputs with the same ingest, tokenizer and context flags (embed --pooling tokens), or merge its shards');
}

/** Token rows [from, to) of index row `row`, checked to be `want` rows (the analyzed tokens, cut to the context). */
export function checkedRows(e: TokenEmbeddingsFile, row: number, want: number, what: string): [number, number] {
  const [from, to] = e.rows(row);
  if (to - from !== want) throw mismatch(e.file, `${what} has ${to - from} token rows, the analyzed tokens ${want}`);
  return [from, to];
}

/**
 * The `embeddings` resource from files `embed --pooling tokens` (or `merge` of its shards) wrote,
 * instead of an encoder run: each distinct text's token rows are those of the first prompt with that
 * text, found in FILE.index.jsonl by the prompt's id. Refuses (E_USAGE, one line) an index that does
 * not hold every analyzed prompt with its text, or token rows that do not fit the analyzed tokens
 * (another tokenizer or context length).
 */
export function precomputedEmbeddings(file: string, prompts: readonly Prompt[], tokens: TokenTable, contextLength: number): CorpusEmbeddings {
  const e = readTokenEmbeddings(file);
  const { cols } = e;
  const firstPrompt = new Int32Array(tokens.distinct).fill(-1);
  for (let i = prompts.length - 1; i >= 0; i--) firstPrompt[tokens.textOf[i]!] = i;
  const ranges: Array<[number, number]> = [];
  for (let t = 0; t < tokens.distinct; t++) {
    const p = prompts[firstPrompt[t]!]!;
    const at = e.rowOfId.get(p.id);
    if (!at || at.text !== p.text) throw mismatch(file, `prompt ${p.id} (${JSON.stringify(p.text.slice(0, 40))}) is not in ${e.index}`);
    ranges.push(checkedRows(e, at.row, Math.min(tokens.offsets[t + 1]! - tokens.offsets[t]!, contextLength), `prompt ${p.id}`));
  }
  const rows = ranges.reduce((s, [from, to]) => s + to - from, 0);
  const data = new Float32Array(rows * cols);
  const tokenOffsets = [0];
  for (const [from, to] of ranges) {
    data.set(e.data.subarray(from * cols, to * cols), tokenOffsets[tokenOffsets.length - 1]! * cols);
    tokenOffsets.push(tokenOffsets[tokenOffsets.length - 1]! + to - from);
  }
  const tokensCloud = { data, cols, offsets: tokenOffsets };
  return { tokens: tokensCloud, mean: poolTokens(tokensCloud, 'mean'), eot: poolTokens(tokensCloud, 'eot'), encoder: { file, output: 'precomputed (--embeddings)', convention: 'precomputed' } };
}
