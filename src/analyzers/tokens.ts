import type { Progress } from '../logger.js';
import { noProgress } from '../logger.js';
import type { Tokenizer } from '../tokenizer/types.js';

/**
 * Every prompt's tokens without per-prompt arrays. Identical texts are common (annotator copies,
 * synonyms, resampled corpora), so each distinct text is tokenized once: prompt i has text
 * `textOf[i]`, whose full sequence `[start, ...content, end]` (untruncated) is
 * ids[offsets[t] .. offsets[t+1]).
 */
export interface TokenTable {
  /** Per prompt: the index of its distinct text. */
  textOf: Int32Array;
  /** Per prompt: token length, start and end included. */
  lengths: Int32Array;
  /** Number of distinct texts. */
  distinct: number;
  offsets: Int32Array;
  ids: Int32Array;
}

export function tokenize(texts: readonly string[], tokenizer: Tokenizer, progress: Progress = noProgress): TokenTable {
  const n = texts.length;
  const textOf = new Int32Array(n);
  const index = new Map<string, number>();
  const distinct: string[] = [];
  for (let i = 0; i < n; i++) {
    const text = texts[i]!;
    let t = index.get(text);
    if (t === undefined) {
      t = distinct.length;
      index.set(text, t);
      distinct.push(text);
    }
    textOf[i] = t;
  }
  const m = distinct.length;
  const offsets = new Int32Array(m + 1);
  let ids = new Int32Array(Math.max(16, m * 8));
  let used = 0;
  const step = Math.max(1, Math.floor(m / 100));
  progress.start(m, 'tokenize');
  for (let t = 0; t < m; t++) {
    const seq = tokenizer.encode(distinct[t]!);
    if (used + seq.length > ids.length) {
      const grown = new Int32Array(Math.max(ids.length * 2, used + seq.length));
      grown.set(ids.subarray(0, used));
      ids = grown;
    }
    ids.set(seq, used);
    used += seq.length;
    offsets[t + 1] = used;
    if (t % step === 0) progress.update(t);
  }
  progress.update(m);
  progress.stop();
  const lengths = new Int32Array(n);
  for (let i = 0; i < n; i++) lengths[i] = offsets[textOf[i]! + 1]! - offsets[textOf[i]!]!;
  return { textOf, lengths, distinct: m, offsets, ids: ids.subarray(0, used) };
}

/** How many prompts of a group carry each distinct text. */
export function multiplicity(tokens: TokenTable, indices: Int32Array): Int32Array {
  const mult = new Int32Array(tokens.distinct);
  for (const i of indices) mult[tokens.textOf[i]!]!++;
  return mult;
}
