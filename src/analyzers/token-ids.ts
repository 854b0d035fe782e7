/**
 * One batch as the worker returns it: each prompt's distinct-text index, the positions in the batch
 * of the texts first seen there (in order), and those texts' ids (offsets[t]..offsets[t + 1]).
 */
export interface TokenBatch {
  textOf: Int32Array;
  firstAt: Int32Array;
  ids: TokenIds;
  offsets: Int32Array;
}

/** `a`, or a copy with room for at least `need` values (half as much again: less memory at peak than doubling). */
export function room(a: Int32Array<ArrayBuffer>, need: number): Int32Array<ArrayBuffer> {
  if (need <= a.length) return a;
  const grown = new Int32Array(Math.max(need, Math.ceil(a.length * 1.5)));
  grown.set(a);
  return grown;
}

/**
 * The distinct texts' ids end to end and their offsets, appended text by text or a thread's batch at
 * a time. Ids are kept in parts (each batch's array as it came) and joined once, at the end: a
 * growing array would leave every smaller copy to the garbage collector, hundreds of MB on 1.2M prompts.
 */
export class IdsBuilder {
  private parts: TokenIds[] = [];
  private part: TokenIds<ArrayBuffer>;
  private partUsed = 0;
  private offsets: Int32Array<ArrayBuffer> = new Int32Array(1024);
  private used = 0;
  /** Texts appended so far. */
  texts = 0;

  /** `vocabSize`: ids are kept in 16 bits when they fit (SAM3's 49,408: half the memory). */
  constructor(private vocabSize: number) {
    this.part = idArray(vocabSize, PART);
  }

  /** The vocabulary of the ids pushed from now on (the thread's parts come sized by its own). */
  vocabulary(size: number): this {
    this.cut(0);
    this.vocabSize = size;
    this.part = idArray(size, PART);
    return this;
  }

  push(seq: readonly number[]): void {
    if (this.partUsed + seq.length > this.part.length) this.cut(seq.length);
    this.part.set(seq, this.partUsed);
    this.partUsed += seq.length;
    this.used += seq.length;
    this.offsets = room(this.offsets, this.texts + 2);
    this.offsets[++this.texts] = this.used;
  }

  append(batch: TokenBatch): void {
    this.cut(0);
    this.parts.push(batch.ids);
    const n = batch.offsets.length - 1;
    this.offsets = room(this.offsets, this.texts + n + 1);
    for (let k = 1; k <= n; k++) this.offsets[this.texts + k] = this.used + batch.offsets[k]!;
    this.texts += n;
    this.used += batch.ids.length;
  }

  /** The ids joined (16 bits when every part is), and every text's offsets into them. */
  done(): { offsets: Int32Array; ids: TokenIds } {
    this.cut(0);
    const narrow = this.parts.every((p) => p instanceof Uint16Array);
    const ids = this.parts.length === 1 ? this.parts[0]! : narrow ? new Uint16Array(this.used) : new Int32Array(this.used);
    if (this.parts.length > 1) for (let p = 0, at = 0; p < this.parts.length; at += this.parts[p]!.length, p++) ids.set(this.parts[p]!, at);
    this.parts = [];
    return { offsets: this.offsets.subarray(0, this.texts + 1), ids };
  }

  /** Ends the current part (its filled prefix kept) and starts one with room for `need` ids. */
  private cut(need: number): void {
    if (this.partUsed > 0) this.parts.push(this.part.slice(0, this.partUsed));
    if (this.partUsed > 0 || need > this.part.length) this.part = idArray(this.vocabSize, Math.max(PART, need));
    this.partUsed = 0;
  }
}

/** Token ids: 16 bits each when the vocabulary has at most 65,536 ids, else 32. */
export type TokenIds<B extends ArrayBufferLike = ArrayBufferLike> = Uint16Array<B> | Int32Array<B>;

function idArray(vocabSize: number, length: number): TokenIds<ArrayBuffer> {
  return vocabSize <= 0x10000 ? new Uint16Array(length) : new Int32Array(length);
}

/** Ids per part of IdsBuilder when tokenizing here. */
const PART = 1 << 16;

