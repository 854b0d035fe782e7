/**
 * An open-addressing hash table from a symbol pair (two ids < 2^16) to its merge rank and merged
 * id. Typed arrays instead of a Map: pair keys above 2^30 would be heap numbers in a Map, which
 * costs an allocation per lookup in the BPE loop.
 */
export class PairTable {
  private readonly keys: Uint32Array;
  private readonly ranks: Int32Array;
  private readonly merged: Int32Array;
  private readonly mask: number;
  private readonly shift: number;

  constructor(expected: number) {
    let bits = 4;
    while (1 << bits < expected * 2) bits++;
    this.keys = new Uint32Array(1 << bits);
    this.ranks = new Int32Array(1 << bits).fill(-1);
    this.merged = new Int32Array(1 << bits);
    this.mask = (1 << bits) - 1;
    this.shift = 32 - bits;
  }

  private slot(key: number): number {
    let i = Math.imul(key, 0x9e3779b1) >>> this.shift; // Fibonacci hashing
    while (this.ranks[i] !== -1 && this.keys[i] !== key) i = (i + 1) & this.mask;
    return i;
  }

  /** Sets (or overwrites, like a later duplicate in a Python dict) the pair's rank and merged id. */
  set(left: number, right: number, rank: number, mergedId: number): void {
    const key = ((left << 16) | right) >>> 0;
    const i = this.slot(key);
    this.keys[i] = key;
    this.ranks[i] = rank;
    this.merged[i] = mergedId;
  }

  /** The pair's rank, or -1 when the pair never merges. */
  rank(left: number, right: number): number {
    return this.ranks[this.slot(((left << 16) | right) >>> 0)] as number;
  }

  /** The id the pair merges into (only meaningful when `rank` is not -1). */
  mergedId(left: number, right: number): number {
    return this.merged[this.slot(((left << 16) | right) >>> 0)] as number;
  }
}
