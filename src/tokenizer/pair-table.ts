/** A merge that can never apply (a symbol missing from the vocabulary) in a triples list. */
export const NO_ID = 0xffff;
/** An empty slot's value: rank and merged id 0xffff, which no entry has (ids stay below NO_ID). */
const EMPTY = -1;

/**
 * An open-addressing hash table from a symbol pair (two ids < 2^16) to its merge rank and merged
 * id (both < 2^16). Typed arrays instead of a Map: pair keys above 2^30 would be heap numbers in a
 * Map, which costs an allocation per lookup in the BPE loop. Slot i holds the key at 2i and
 * rank << 16 | merged id at 2i + 1: a probe reads one cache line.
 */
export class PairTable {
  private readonly slots: Int32Array;
  private readonly mask: number;
  private readonly shift: number;

  constructor(expected: number) {
    let bits = 4;
    while (1 << bits < expected * 2) bits++;
    this.slots = new Int32Array(2 << bits).fill(EMPTY);
    this.mask = (1 << bits) - 1;
    this.shift = 32 - bits;
  }

  /** The table of a merge list's (left id, right id, merged id) triples, by rank (left NO_ID: skipped). */
  static fromTriples(triples: Uint16Array): PairTable {
    const count = triples.length / 3;
    const table = new PairTable(count);
    // One loop, no call per merge: it runs once per process, mostly before V8 optimizes it.
    const { slots, mask, shift } = table;
    for (let rank = 0, j = 0; rank < count; rank++, j += 3) {
      const left = triples[j]!;
      if (left === NO_ID) continue;
      const key = (left << 16) | triples[j + 1]!;
      let i = Math.imul(key, 0x9e3779b1) >>> shift; // Fibonacci hashing
      while (slots[2 * i + 1] !== EMPTY && slots[2 * i] !== key) i = (i + 1) & mask;
      slots[2 * i] = key;
      slots[2 * i + 1] = (rank << 16) | triples[j + 2]!;
    }
    return table;
  }

  /** The slot of a key: its own, or the empty one where it would go. */
  private slot(key: number): number {
    let i = Math.imul(key, 0x9e3779b1) >>> this.shift;
    while (this.slots[2 * i + 1] !== EMPTY && this.slots[2 * i] !== key) i = (i + 1) & this.mask;
    return i;
  }

  /** Sets (or overwrites, like a later duplicate in a Python dict) the pair's rank and merged id. */
  set(left: number, right: number, rank: number, mergedId: number): void {
    const i = this.slot((left << 16) | right);
    this.slots[2 * i] = (left << 16) | right;
    this.slots[2 * i + 1] = (rank << 16) | mergedId;
  }

  /** The pair's rank, or -1 when the pair never merges. */
  rank(left: number, right: number): number {
    const value = this.slots[2 * this.slot((left << 16) | right) + 1]!;
    return value === EMPTY ? -1 : value >>> 16;
  }

  /** The id the pair merges into (only meaningful when `rank` is not -1). */
  mergedId(left: number, right: number): number {
    return this.slots[2 * this.slot((left << 16) | right) + 1]! & 0xffff;
  }
}
