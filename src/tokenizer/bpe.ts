import { BYTE_ORDER, BYTE_TO_CHAR, BYTE_TO_ID, CHAR_TO_BYTE } from './bytes.js';
import type { MergeList } from './merges.js';
import { mergeLong, mergeSimple } from './bpe-merge.js';
import { PairTable } from './pair-table.js';

const END_OF_WORD = '</w>';
/** A merge that can never apply (a symbol missing from the vocabulary) in `pairTriples`. */
const NO_ID = 0xffff;
/** Words longer than this (in bytes) take the O(n log n) merge loop. */
const LONG_WORD = 64;

/**
 * CLIP's byte-level BPE (openai/CLIP simple_tokenizer.py, as in SAM3): vocabulary = 256 byte
 * symbols, the same with `</w>`, one symbol per merge, then the two specials. Symbols are ids
 * (< 2^16); a PairTable gives each mergeable pair its rank and merged id.
 */
export class BpeModel {
  readonly startId: number;
  readonly endId: number;
  /** Number of ids: 512 byte symbols, one per merge, the two specials. */
  readonly size: number;
  /** Rank and merged id of every mergeable pair (read by the tests of the merge loops). */
  readonly pairs: PairTable;
  private readonly merges: MergeList;
  private readonly triples: Uint16Array;
  private symbols: string[] | undefined;

  constructor(merges: MergeList) {
    // The built-in list comes with its (left, right, merged) ids precomputed: no strings at start-up.
    const triples = merges.triples ?? pairTriples(merges.merges);
    const count = triples.length / 3;
    this.startId = 512 + count;
    this.endId = 513 + count;
    this.size = 514 + count;
    if (this.size > NO_ID) throw new Error('vocabulary too large for 16-bit pair keys');
    this.merges = merges;
    this.triples = triples;
    this.pairs = new PairTable(count);
    for (let rank = 0; rank < count; rank++) {
      const l = triples[3 * rank]!;
      if (l !== NO_ID) this.pairs.set(l, triples[3 * rank + 1]!, rank, triples[3 * rank + 2]!);
    }
  }

  /**
   * The symbol of each id (built on first use: only decoding needs it). A merge's symbol is its left
   * symbol + its right one, so the ids alone give every symbol when each merge resolved to earlier
   * symbols (the built-in list: its merge strings are then never read).
   */
  get vocab(): string[] {
    if (this.symbols) return this.symbols;
    const t = this.triples;
    const count = t.length / 3;
    let resolved = true;
    // (Each part must be a byte or an earlier merge: a repeated merge can resolve to a later one.)
    for (let rank = 0; rank < count && resolved; rank++) resolved = t[3 * rank]! < 512 + rank && t[3 * rank + 1]! < 512 + rank;
    if (!resolved) return (this.symbols = vocabulary(this.merges.merges));
    const vocab = vocabulary([]);
    const specials = vocab.splice(512);
    for (let rank = 0; rank < count; rank++) vocab.push(vocab[t[3 * rank]!]! + vocab[t[3 * rank + 1]!]!);
    return (this.symbols = [...vocab, ...specials]);
  }

  /** BPE of one pre-token given as UTF-8 bytes; appends the ids to `out`. */
  encodeBytes(bytes: ArrayLike<number>, out: number[]): void {
    const n = bytes.length;
    if (n === 0) return;
    const word: number[] = new Array<number>(n);
    for (let i = 0; i < n; i++) word[i] = BYTE_TO_ID[bytes[i] as number] as number;
    word[n - 1] = (word[n - 1] as number) + 256;
    // Real words are a few bytes; an adversarial one (100,000 letters) must not take quadratic time.
    const len = n <= LONG_WORD ? mergeSimple(word, n, this.pairs) : mergeLong(word, n, this.pairs);
    for (let i = 0; i < len; i++) out.push(word[i] as number);
  }

  /** Bytes of the given ids (specials as their text), `</w>` rendered as a space; invalid UTF-8 -> U+FFFD. */
  decode(ids: readonly number[]): string {
    const bytes: number[] = [];
    for (const id of ids) {
      const symbol = this.vocab[id];
      if (symbol === undefined) continue;
      if (id === this.startId || id === this.endId) {
        for (const b of Buffer.from(symbol)) bytes.push(b);
        continue;
      }
      const word = symbol.endsWith(END_OF_WORD) ? symbol.slice(0, -END_OF_WORD.length) : symbol;
      for (const ch of word) bytes.push(CHAR_TO_BYTE.get(ch) ?? 0x3f);
      if (word !== symbol) bytes.push(0x20);
    }
    return Buffer.from(bytes).toString('utf8');
  }
}

/** 256 byte symbols, the same with `</w>`, one symbol per merge (left + right), the two specials. */
function vocabulary(merges: ReadonlyArray<readonly [string, string]>): string[] {
  const vocab = BYTE_ORDER.map((b) => BYTE_TO_CHAR[b] as string);
  for (let i = 0; i < 256; i++) vocab.push(`${vocab[i]}${END_OF_WORD}`);
  for (const [left, right] of merges) vocab.push(left + right);
  vocab.push('<start_of_text>', '<end_of_text>');
  return vocab;
}

/**
 * (left id, right id, merged id) of each merge, by rank; NO_ID as left when a symbol is missing
 * (the merge can never apply). Python builds dicts from these lists, so a repeated entry resolves
 * to its last position. scripts/gen-clip-pairs.mjs stores the built-in list's as clip-pairs.ts.
 */
export function pairTriples(merges: ReadonlyArray<readonly [string, string]>): Uint16Array {
  const vocab = vocabulary(merges);
  const idOf = new Map<string, number>();
  vocab.forEach((symbol, id) => idOf.set(symbol, id));
  const triples = new Uint16Array(3 * merges.length);
  merges.forEach(([left, right], rank) => {
    const l = idOf.get(left);
    const r = idOf.get(right);
    const merged = idOf.get(vocab[512 + rank] as string); // = left + right, already hashed
    if (l === undefined || r === undefined || merged === undefined || merged >= NO_ID) triples[3 * rank] = NO_ID;
    else triples.set([l, r, merged], 3 * rank);
  });
  return triples;
}
