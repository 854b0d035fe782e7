/**
 * The open-addressing table under TextIndex, HashIndex and the tokenizer's PieceTable: entries are
 * numbered 0, 1, 2, … in the order added, each with a 32-bit hash kept here (so growing never
 * rehashes a key), and found by linear probing. The key itself, and what "equal" means, stay with
 * the caller, which walks a hash's candidates:
 *
 *     for (let s = slots.first(h), e = slots.at(s); e >= 0; s = slots.next(s), e = slots.at(s))
 *       if (slots.hashOf(e) === h && sameKey(e)) return e;
 *     return slots.add(h);
 *
 * At most half full: a probe always ends at an empty slot.
 */
export class HashSlots {
  /** Entries so far. */
  size = 0;
  private hashes = new Int32Array(1024);
  private slots = new Int32Array(2048);
  private mask = 2047;

  /** The first slot to look at for hash h. */
  first(h: number): number {
    return h & this.mask;
  }

  next(slot: number): number {
    return (slot + 1) & this.mask;
  }

  /** The entry in a slot, −1 when it is empty (the end of a probe). */
  at(slot: number): number {
    return this.slots[slot]! - 1;
  }

  hashOf(entry: number): number {
    return this.hashes[entry]!;
  }

  /** Adds entry `size` with hash h; returns its number. */
  add(h: number): number {
    const e = this.size++;
    if (e === this.hashes.length) {
      const grown = new Int32Array(2 * e);
      grown.set(this.hashes);
      this.hashes = grown;
    }
    this.hashes[e] = h;
    if (2 * this.size > this.slots.length) this.grow();
    else this.place(e, h);
    return e;
  }

  private place(e: number, h: number): void {
    let slot = h & this.mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
    this.slots[slot] = e + 1;
  }

  /** Twice as many slots, every entry placed again from its kept hash. */
  private grow(): void {
    this.slots = new Int32Array(2 * this.slots.length);
    this.mask = this.slots.length - 1;
    for (let e = 0; e < this.size; e++) this.place(e, this.hashes[e]!);
  }
}

/** FNV-1a (32 bits) of s[start, end)'s UTF-16 units. */
export function fnv1a(s: string, start = 0, end = s.length): number {
  let h = 0x811c9dc5 | 0;
  for (let i = start; i < end; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}
