import type { Progress } from '../logger.js';
import { noProgress } from '../logger.js';
import type { Tokenizer } from '../tokenizer/types.js';
import { TextIndex } from './text-index.js';

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
  const builder = new TokenTableBuilder();
  for (const text of texts) builder.add(text);
  return builder.build(tokenizer, progress);
}

/**
 * A TokenTable built as the prompts stream in: `add` indexes each prompt's text (a distinct text is
 * kept once, as the key of its index), `build` tokenizes the distinct texts. Nothing per prompt is
 * kept but its text's index, so a corpus is never held as Prompt records.
 */
export class TokenTableBuilder {
  private readonly index = new TextIndex();
  /** The distinct texts, in order of first occurrence. */
  readonly texts = this.index.texts;
  private textOf_ = new Int32Array(1024);
  private count = 0;

  get prompts(): number {
    return this.count;
  }

  /** Per prompt added so far: the index of its distinct text. */
  get textOf(): Int32Array {
    return this.textOf_.subarray(0, this.count);
  }

  /** The index of the prompt's distinct text. */
  add(text: string): number {
    const t = this.index.add(text);
    if (this.count === this.textOf_.length) this.textOf_ = grow(this.textOf_, this.count + 1);
    this.textOf_[this.count++] = t;
    return t;
  }

  build(tokenizer: Tokenizer, progress: Progress = noProgress): TokenTable {
    const n = this.count;
    const m = this.texts.length;
    const textOf = this.textOf_.subarray(0, n);
    const offsets = new Int32Array(m + 1);
    // Real prompts average 7–9 ids with start and end: grown by half when short; the spare end stays
    // (a subarray: copying 10M ids to trim a few would double the peak).
    let ids = new Int32Array(Math.max(16, m * 8));
    let used = 0;
    const step = Math.max(1, Math.floor(m / 100));
    progress.start(m, 'tokenize');
    for (let t = 0; t < m; t++) {
      const seq = tokenizer.encode(this.texts[t]!);
      if (used + seq.length > ids.length) ids = grow(ids, used + seq.length);
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
}

/** A copy with room for at least `need` values (half as much again: less memory at peak than doubling). */
function grow(a: Int32Array, need: number): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(Math.max(need, Math.ceil(a.length * 1.5)));
  grown.set(a);
  return grown;
}

/** How many prompts of a group carry each distinct text. */
export function multiplicity(tokens: TokenTable, indices: Int32Array): Int32Array {
  const mult = new Int32Array(tokens.distinct);
  for (const i of indices) mult[tokens.textOf[i]!]!++;
  return mult;
}
