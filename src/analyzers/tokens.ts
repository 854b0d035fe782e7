import type { Progress } from '../logger.js';
import { noProgress } from '../logger.js';
import type { Tokenizer } from '../tokenizer/types.js';
import { TextIndex } from './text-index.js';
import { TextStore } from './text-store.js';
import { IdsBuilder, room, type TokenBatch, type TokenIds } from './token-ids.js';
import { ThreadUnavailable, tokenThreadFor, type TokenThread } from './token-thread.js';

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
  ids: TokenIds;
}

/**
 * Prompts per batch: indexed here, or sent to analyze's tokenize thread. The thread starts with the
 * first full batch (a smaller corpus is done faster than a thread starts).
 */
export const THREAD_BATCH = 2048;
/**
 * Batches sent to the thread and not answered, at most, before add() waits (backlog()): enough for
 * this thread to read on while the thread starts (32,768 prompts held at most).
 */
const MAX_WAITING = 16;

export function tokenize(texts: readonly string[], tokenizer: Tokenizer, progress: Progress = noProgress): TokenTable {
  const builder = new TokenTableBuilder();
  for (const text of texts) builder.add(text);
  return builder.build(tokenizer, progress);
}

/**
 * A TokenTable built as the prompts stream in: each prompt's text is indexed (a distinct text is
 * kept once, as the key of its index) and each distinct text tokenized once. Nothing per prompt is
 * kept but its text's index, so a corpus is never held as Prompt records.
 *
 * With `background` (analyze on two cores or more), a worker thread does the indexing and the
 * tokenizing of each batch while this thread reads on (token-thread.ts); it returns, per batch, each
 * prompt's text index, which of the batch's texts were new, and their ids. If the thread fails,
 * the batches it did not answer are done here: the table is the same either way.
 */
export class TokenTableBuilder {
  /** The distinct texts, in order of first occurrence (complete once finish() or build() returned). */
  readonly texts = new TextStore();
  private textOf_: Int32Array<ArrayBuffer> = new Int32Array(1024);
  private count = 0;
  /** Prompts added and not yet indexed or sent. */
  private batch: string[] = [];
  private index: TextIndex | undefined;
  private thread: TokenThread | undefined;
  /** Batches sent to the thread and not merged yet, in order, with the number of prompts before each. */
  private waiting: { texts: string[]; first: number }[] = [];
  /** Each sent batch's merge (or its failure, recorded in `failed`). */
  private merges: Promise<void>[] = [];
  /** The ids of the distinct texts merged from the thread so far. */
  private threadIds = new IdsBuilder(0);
  /** The first reply that failed: the thread's later replies are not merged. */
  private failed: unknown;
  /** Batches of prompts the thread indexed and tokenized, and those indexed here (a diagnostic, and for the tests). */
  readonly batches = { thread: 0, here: 0 };

  /** `background`: the `--tokenizer` spec the worker thread loads (the caller's tokenizer must have its hash). */
  constructor(private background?: { spec: string }) {}

  get prompts(): number {
    return this.count;
  }

  /** Per prompt: the index of its distinct text (complete once finish() or build() returned). */
  get textOf(): Int32Array {
    return this.textOf_.subarray(0, this.count);
  }

  add(text: string): void {
    this.batch.push(text);
    this.count++;
    if (this.batch.length >= THREAD_BATCH) this.flush();
  }

  /**
   * The batch to the thread (started by the first full one), else indexed here. The thread's
   * replies are merged as they come (in order, between the reads), so only the batches not
   * answered yet are held.
   */
  private flush(): void {
    const texts = this.batch;
    this.batch = [];
    if (this.background && !this.thread) {
      this.thread = tokenThreadFor(this.background.spec);
      this.background = undefined;
    }
    const entry = { texts, first: this.count - texts.length };
    // No thread, or it failed: indexed here (after the batches it did not answer: fallBack()).
    if (!this.thread || this.failed !== undefined) return this.indexHere(entry.texts, entry.first);
    this.waiting.push(entry);
    this.merges.push(this.thread.send(texts).then((r) => this.merge(entry, r), (err: unknown) => this.fallBack(err)));
  }

  /**
   * The thread's first failure: its later replies are not used, the batches it did not answer are
   * indexed here now (in order: nothing after them was), and so is every later batch. A LiteTextError
   * is raised by finish().
   */
  private fallBack(err: unknown): void {
    if (this.failed !== undefined) return;
    this.failed = err;
    for (const { texts, first } of this.waiting.splice(0)) this.indexHere(texts, first);
  }

  /** A reply merged, once each of its answers is checked against the texts (the thread knows them by their hashes only). */
  private merge(entry: { texts: string[]; first: number }, r: TokenBatch): void {
    if (this.failed !== undefined || this.waiting[0] !== entry) return;
    const { texts, first } = entry;
    const known = this.texts.size;
    // Each text first seen in this batch gets the next index; every other prompt's text must be the
    // one stored (or first seen in the batch) under the index the thread gave it.
    let same = true;
    for (let f = 0; f < r.firstAt.length && same; f++) same = r.textOf[r.firstAt[f]!] === known + f;
    for (let k = 0; k < texts.length && same; k++) {
      const t = r.textOf[k]!;
      same = t < known ? this.texts.equals(t, texts[k]!) : t - known < r.firstAt.length && texts[r.firstAt[t - known]!] === texts[k];
    }
    // Two texts with equal 64-bit hashes: this batch and the later ones are indexed here.
    if (!same) return this.fallBack(new ThreadUnavailable(`two prompt texts with the same hashes in batch ${this.batches.thread}`));
    for (let f = 0; f < r.firstAt.length; f++) this.texts.add(texts[r.firstAt[f]!]!);
    this.waiting.shift();
    this.textOf_ = room(this.textOf_, first + texts.length);
    this.textOf_.set(r.textOf, first);
    this.threadIds.append(r);
    this.batches.thread++;
  }

  /** While the thread is more than a few batches behind: a promise to wait on before adding more (bounded memory), else undefined. */
  backlog(): Promise<void> | undefined {
    // The unmerged batches are the last waiting.length sent: wait until MAX_WAITING are left.
    return this.waiting.length > MAX_WAITING ? this.merges[this.merges.length - 1 - MAX_WAITING] : undefined;
  }

  private indexHere(texts: readonly string[], first: number): void {
    const index = (this.index ??= new TextIndex(this.texts));
    if (texts.length > 0) this.batches.here++;
    this.textOf_ = room(this.textOf_, first + texts.length);
    for (let k = 0; k < texts.length; k++) this.textOf_[first + k] = index.add(texts[k]!);
  }

  /**
   * The table: the thread's batches merged, the rest indexed here; the thread's ids are kept only
   * if its tokenizer is `tokenizer` (the hash of their merges), and the texts it did not tokenize
   * are tokenized here. A LiteTextError the thread raised (E_LIMIT) is raised here.
   */
  async finish(tokenizer: Tokenizer, progress: Progress = noProgress): Promise<TokenTable> {
    if (!this.thread) return this.build(tokenizer, progress);
    if (this.batch.length > 0) this.flush();
    const thread = this.thread;
    this.thread = undefined;
    progress.start(this.merges.length, 'tokenize');
    let done = 0;
    await Promise.all(this.merges.map((m) => m.then(() => progress.update(++done))));
    progress.stop();
    let ids = this.threadIds.vocabulary(tokenizer.vocabSize);
    try {
      if (this.failed !== undefined && !(this.failed instanceof ThreadUnavailable)) throw this.failed;
      await thread.ready(tokenizer.hash).catch((err: unknown) => {
        if (!(err instanceof ThreadUnavailable)) throw err;
        ids = new IdsBuilder(tokenizer.vocabSize);
      });
    } finally {
      thread.close();
    }
    // Texts the thread did not tokenize (or tokenized with another tokenizer), here.
    for (let t = ids.texts; t < this.texts.size; t++) ids.push(tokenizer.encode(this.texts.get(t)));
    this.merges = [];
    return this.table(ids.done());
  }

  /** Indexes and tokenizes here, on this thread. */
  build(tokenizer: Tokenizer, progress: Progress = noProgress): TokenTable {
    const rest = this.batch.splice(0);
    this.indexHere(rest, this.count - rest.length);
    const m = this.texts.size;
    const ids = new IdsBuilder(tokenizer.vocabSize);
    const step = Math.max(1, Math.floor(m / 100));
    progress.start(m, 'tokenize');
    for (let t = 0; t < m; t++) {
      ids.push(tokenizer.encode(this.texts.get(t)));
      if (t % step === 0) progress.update(t);
    }
    progress.update(m);
    progress.stop();
    return this.table(ids.done());
  }

  /** Ends the tokenize thread, if one runs (an error while reading: its results are not wanted). */
  close(): void {
    this.thread?.close();
    this.thread = undefined;
    this.background = undefined;
  }

  private table({ offsets, ids }: { offsets: Int32Array; ids: TokenIds }): TokenTable {
    const n = this.count;
    const textOf = this.textOf_.subarray(0, n);
    const lengths = new Int32Array(n);
    for (let i = 0; i < n; i++) lengths[i] = offsets[textOf[i]! + 1]! - offsets[textOf[i]!]!;
    return { textOf, lengths, distinct: this.texts.size, offsets, ids };
  }
}

/**
 * `make()` once per group of prompts (its indices) and token table: the whole corpus and its only
 * dataset are one group, which the corpus counts and every analyzer ask about. What it makes is read,
 * never changed. `cache` is the caller's, one per kind of result.
 */
export function perGroup<T>(cache: WeakMap<Int32Array, WeakMap<TokenTable, T>>, indices: Int32Array, tokens: TokenTable, make: () => T): T {
  let byTable = cache.get(indices);
  if (!byTable) cache.set(indices, (byTable = new WeakMap()));
  let made = byTable.get(tokens);
  if (made === undefined) byTable.set(tokens, (made = make()));
  return made;
}

const multiplicities = new WeakMap<Int32Array, WeakMap<TokenTable, Int32Array>>();

/** How many prompts of a group carry each distinct text. */
export function multiplicity(tokens: TokenTable, indices: Int32Array): Int32Array {
  return perGroup(multiplicities, indices, tokens, () => {
    const mult = new Int32Array(tokens.distinct);
    const { textOf } = tokens;
    for (let k = 0; k < indices.length; k++) mult[textOf[indices[k]!]!]!++;
    return mult;
  });
}
