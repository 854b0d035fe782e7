/**
 * Distinct texts without a string object each: their UTF-16 units packed in pages of bytes, one
 * byte per unit when every unit is below 256 (Latin-1: ASCII prompts, accented Latin), else two
 * (UTF-16LE). Lossless for any JavaScript string, lone surrogates included (UTF-8 would replace
 * them, merging texts that differ). Retained strings cost a 32-byte header each and keep the whole
 * 64 KiB chunk they were cut from alive, in two bytes per unit once one character of the chunk is
 * outside Latin-1: on 1.2M sentence prompts the store takes a third of their memory.
 */
export class TextStore {
  /** Texts stored. */
  size = 0;
  private readonly pages: Buffer[] = [];
  private page: Buffer = Buffer.allocUnsafe(0);
  private pageUsed = 0;
  /** Per text: its page, its start in the page, and its length in units (negative: UTF-16, two bytes per unit). */
  private pageOf = new Int32Array(1024);
  private startOf = new Int32Array(1024);
  private unitsOf = new Int32Array(1024);

  /** Appends `text`; returns its index. */
  add(text: string): number {
    const t = this.size++;
    if (t === this.pageOf.length) {
      this.pageOf = doubled(this.pageOf);
      this.startOf = doubled(this.startOf);
      this.unitsOf = doubled(this.unitsOf);
    }
    const n = text.length;
    this.room(2 * n);
    const page = this.page;
    const start = this.pageUsed;
    let i = 0;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c > 0xff) break;
      page[start + i] = c;
    }
    if (i === n) {
      this.unitsOf[t] = n;
      this.pageUsed += n;
    } else {
      page.write(text, start, 2 * n, 'utf16le');
      this.unitsOf[t] = -n;
      this.pageUsed += 2 * n;
    }
    this.pageOf[t] = this.pages.length - 1;
    this.startOf[t] = start;
    return t;
  }

  get(t: number): string {
    if (this.unitsOf[t] === 0) return ''; // (no page: an empty text takes no room)
    const page = this.pages[this.pageOf[t]!]!;
    const start = this.startOf[t]!;
    const units = this.unitsOf[t]!;
    return units >= 0 ? page.toString('latin1', start, start + units) : page.toString('utf16le', start, start - 2 * units);
  }

  /** Whether text t is `text`. */
  equals(t: number, text: string): boolean {
    const units = this.unitsOf[t]!;
    if (units < 0) return -units === text.length && this.get(t) === text;
    if (units !== text.length) return false;
    const page = this.pages[this.pageOf[t]!]!;
    const start = this.startOf[t]!;
    for (let i = 0; i < units; i++) if (page[start + i] !== text.charCodeAt(i)) return false;
    return true;
  }

  /** A page with room for `bytes` more (a text never spans two pages). */
  private room(bytes: number): void {
    if (this.pageUsed + bytes <= this.page.length) return;
    this.page = Buffer.allocUnsafeSlow(Math.max(PAGE, bytes));
    this.pages.push(this.page);
    this.pageUsed = 0;
  }
}

/** Bytes per page (a text longer than half of it gets a page of its own size). */
const PAGE = 1 << 22;

/** A copy twice as long. */
export function doubled(a: Int32Array): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(2 * a.length);
  grown.set(a);
  return grown;
}
