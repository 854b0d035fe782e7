import type { Progress } from '../logger.js';
import { noProgress } from '../logger.js';
import type { Tokenizer } from '../tokenizer/types.js';

/**
 * Every prompt's tokens in flat typed arrays (no per-prompt arrays kept): prompt i's full sequence
 * `[start, ...content, end]` is ids[offsets[i] .. offsets[i+1]), untruncated.
 */
export interface TokenTable {
  offsets: Int32Array;
  ids: Int32Array;
  /** lengths[i] = offsets[i+1] − offsets[i] (start and end included). */
  lengths: Int32Array;
}

export function tokenize(texts: readonly string[], tokenizer: Tokenizer, progress: Progress = noProgress): TokenTable {
  const n = texts.length;
  const offsets = new Int32Array(n + 1);
  const lengths = new Int32Array(n);
  let ids = new Int32Array(Math.max(16, n * 8));
  let used = 0;
  const step = Math.max(1, Math.floor(n / 100));
  progress.start(n, 'tokenize');
  // Identical texts are common (annotator copies, synonyms): encode each distinct text once.
  const memo = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const text = texts[i]!;
    let seq = memo.get(text);
    if (seq === undefined) {
      seq = tokenizer.encode(text);
      memo.set(text, seq);
    }
    if (used + seq.length > ids.length) {
      const grown = new Int32Array(Math.max(ids.length * 2, used + seq.length));
      grown.set(ids.subarray(0, used));
      ids = grown;
    }
    for (let j = 0; j < seq.length; j++) ids[used + j] = seq[j]!;
    used += seq.length;
    offsets[i + 1] = used;
    lengths[i] = seq.length;
    if (i % step === 0) progress.update(i);
  }
  progress.update(n);
  progress.stop();
  return { offsets, ids: ids.subarray(0, used), lengths };
}
