import { readFileSync } from 'node:fs';
import type { Prompt } from '../corpus/prompt.js';
import { embeddingPaths } from '../encoder/write-embeddings.js';
import { npyHeader } from '../encoder/npy.js';
import { poolTokens } from '../encoder/pooling.js';
import { LiteTextError } from '../errors.js';
import { parseNpy } from '../estimators/npy.js';
import type { TokenTable } from './tokens.js';
import type { CorpusEmbeddings } from './types.js';

function read(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new LiteTextError('E_IO', `${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})`, '--embeddings needs FILE.npy with its .index.jsonl and .offsets.npy beside it (embed --pooling tokens)');
  }
}

/**
 * The `embeddings` resource from files `embed --pooling tokens` (or `merge` of its shards) wrote,
 * instead of an encoder run: each distinct text's token rows are those of the first prompt with that
 * text, found in FILE.index.jsonl by the prompt's id. Refuses (E_USAGE, one line) an index that does
 * not hold every analyzed prompt with its text, or token rows that do not fit the analyzed tokens
 * (another tokenizer or context length).
 */
export function precomputedEmbeddings(file: string, prompts: readonly Prompt[], tokens: TokenTable, contextLength: number): CorpusEmbeddings {
  const paths = embeddingPaths(file);
  const mismatch = (what: string) => new LiteTextError('E_USAGE', `--embeddings ${file}: ${what}`, 'embed the same inputs with the same ingest, tokenizer and context flags (embed --pooling tokens), or merge its shards');
  const rowOf = new Map<string, { row: number; text: string }>();
  read(paths.index).toString('utf8').split('\n').forEach((line, row) => {
    if (line === '') return;
    const { id, text } = JSON.parse(line) as { id: string; text: string };
    rowOf.set(id, { row, text });
  });
  const n = rowOf.size;
  const offsetsBytes = read(paths.offsets);
  const header = npyHeader(new BigInt64Array(0), [n + 1]);
  if (offsetsBytes.length !== header.length + (n + 1) * 8 || !offsetsBytes.subarray(0, header.length).equals(header)) {
    throw mismatch(`${paths.offsets} is not the int64 [${n + 1}] token offsets of its ${n} index lines (written with --pooling tokens?)`);
  }
  const offsets = new BigInt64Array(new Uint8Array(offsetsBytes.subarray(header.length)).buffer);
  const m = parseNpy(read(paths.npy), paths.npy);
  if (m.data instanceof Float64Array || BigInt(m.rows) !== offsets[n]) throw mismatch(`${paths.npy} is not float32 [${offsets[n]}, d] as its offsets say`);
  const cols = m.cols;
  const firstPrompt = new Int32Array(tokens.distinct).fill(-1);
  for (let i = prompts.length - 1; i >= 0; i--) firstPrompt[tokens.textOf[i]!] = i;
  const ranges: Array<[number, number]> = [];
  let rows = 0;
  for (let t = 0; t < tokens.distinct; t++) {
    const p = prompts[firstPrompt[t]!]!;
    const at = rowOf.get(p.id);
    if (!at || at.text !== p.text) throw mismatch(`prompt ${p.id} (${JSON.stringify(p.text.slice(0, 40))}) is not in ${paths.index}`);
    const from = Number(offsets[at.row]);
    const to = Number(offsets[at.row + 1]);
    const want = Math.min(tokens.offsets[t + 1]! - tokens.offsets[t]!, contextLength);
    if (to - from !== want) throw mismatch(`prompt ${p.id} has ${to - from} token rows, the analyzed tokens ${want}`);
    ranges.push([from, to]);
    rows += to - from;
  }
  const data = new Float32Array(rows * cols);
  const tokenOffsets = [0];
  for (const [from, to] of ranges) {
    data.set(m.data.subarray(from * cols, to * cols), tokenOffsets[tokenOffsets.length - 1]! * cols);
    tokenOffsets.push(tokenOffsets[tokenOffsets.length - 1]! + to - from);
  }
  const tokensCloud = { data, cols, offsets: tokenOffsets };
  return { tokens: tokensCloud, mean: poolTokens(tokensCloud, 'mean'), eot: poolTokens(tokensCloud, 'eot'), encoder: { file, output: 'precomputed (--embeddings)', convention: 'precomputed' } };
}
