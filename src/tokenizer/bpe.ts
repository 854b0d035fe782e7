import { BYTE_ORDER, BYTE_TO_CHAR, BYTE_TO_ID, CHAR_TO_BYTE } from './bytes.js';
import type { MergeList } from './merges.js';
import { mergeLong, mergeSimple } from './bpe-merge.js';
import { NO_ID, PairTable } from './pair-table.js';

const END_OF_WORD = '</w>';
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
  private symbols: Array<string | undefined> | undefined;

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
    this.pairs = PairTable.fromTriples(triples);
  }

  /** The symbol of each id (tests compare the built-in list's with the parsed strings'). */
  get vocab(): string[] {
    return Array.from({ length: this.size }, (_, id) => this.symbol(id)!);
  }

  /**
   * The symbol of one id, built on first use (only decoding needs symbols, mostly a few: `analyze`'s
   * top tokens). A merge's symbol is its left symbol + its right one, so the ids alone give it (the
   * built-in list's merge strings are then never read); a merge that can never apply (NO_ID) reads
   * its strings. A part is always shorter than the merge, so the walk ends; it keeps its own stack
   * (a crafted merges file can chain 49k merges).
   */
  symbol(id: number): string | undefined {
    if (!Number.isInteger(id) || id < 0 || id >= this.size) return undefined;
    const memo = (this.symbols ??= this.knownSymbols());
    return memo[id] ?? this.buildSymbol(id, memo);
  }

  private buildSymbol(id: number, memo: Array<string | undefined>): string {
    const t = this.triples;
    const stack = [id];
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      if (memo[top] !== undefined) {
        stack.pop();
        continue;
      }
      const rank = top - 512;
      const l = t[3 * rank]!;
      const r = t[3 * rank + 1]!;
      if (l === NO_ID) {
        const [left, right] = this.merges.merges[rank]!;
        memo[top] = left + right;
        stack.pop();
      } else if (memo[l] !== undefined && memo[r] !== undefined) {
        memo[top] = memo[l] + memo[r];
        stack.pop();
      } else {
        if (memo[l] === undefined) stack.push(l);
        if (memo[r] === undefined) stack.push(r);
      }
    }
    return memo[id]!;
  }

  /** The byte symbols (with and without `</w>`) and the specials; the merges' are filled in by `symbol`. */
  private knownSymbols(): Array<string | undefined> {
    const known = vocabulary([]);
    const symbols = new Array<string | undefined>(this.size);
    for (let id = 0; id < 512; id++) symbols[id] = known[id];
    symbols[this.startId] = known[512];
    symbols[this.endId] = known[513];
    return symbols;
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
      const symbol = this.symbol(id);
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
