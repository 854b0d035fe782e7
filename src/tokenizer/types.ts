/** Special ids and sizes a tokenizer declares (SAM3: 49,408 ids, start 49406, end 49407, pad 0, context 32). */
export interface SpecialIds {
  /** -1 when the tokenizer adds no start token (possible for a tokenizer.json). */
  start: number;
  /** -1 when the tokenizer adds no end token (then truncation keeps the last id as it is). */
  end: number;
  pad: number;
}

export interface Tokenizer {
  /** Registry name (`sam3`, `tokenizer-json`) or a description of the file it was loaded from. */
  readonly name: string;
  readonly vocabSize: number;
  readonly special: SpecialIds;
  /** Default context length for `pad` (SAM3: 32). */
  readonly contextLength: number;
  /** sha256 (hex) of the vocabulary/merges the tokenizer was built from. */
  readonly hash: string;
  /** `[start, ...content ids, end]`, NOT truncated. */
  encode(text: string): number[];
  encodeBatch(texts: readonly string[]): number[][];
  /** Text of ids (specials dropped unless asked), `</w>` rendered as a space. */
  decode(ids: readonly number[], options?: { keepSpecial?: boolean }): string;
  /** Text of one id, `</w>` rendered as a trailing space (for top-token tables). */
  idToToken(id: number): string;
}

/** Pad with `pad` to `length`, or cut to `length` with the last id forced to `end` (SAM3's rule). */
export function toContext(ids: readonly number[], length: number, special: SpecialIds): number[] {
  if (ids.length > length) {
    const cut = ids.slice(0, length);
    if (special.end >= 0) cut[length - 1] = special.end;
    return cut;
  }
  const out = ids.slice();
  while (out.length < length) out.push(special.pad);
  return out;
}
