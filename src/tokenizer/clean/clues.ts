import { codec } from './codecs.js';

/**
 * UTF-8 byte sequences as single-byte codecs display them (ftfy's UTF8_DETECTOR_RE, in spirit): a
 * lead character (bytes 0xC2-0xDF, 0xE0-0xEF, 0xF0-0xF4) followed by 1, 2 or 3 continuation
 * characters (0x80-0xBF), each class the union over some codecs. Table lookups, not a regex: the
 * classes hold hundreds of characters and this runs on every non-ASCII prompt.
 */
const LEAD2 = 1;
const LEAD3 = 2;
const LEAD4 = 4;
const CONT = 8;

export class ClueTable {
  private readonly flags = new Uint8Array(0x10000);

  constructor(codecNames: readonly string[]) {
    for (const name of codecNames) {
      const { high } = codec(name);
      const mark = (lo: number, hi: number, flag: number) => {
        for (let b = lo; b <= hi; b++) this.flags[high.charCodeAt(b - 0x80)]! |= flag;
      };
      mark(0xc2, 0xdf, LEAD2);
      mark(0xe0, 0xef, LEAD3);
      mark(0xf0, 0xf4, LEAD4);
      mark(0x80, 0xbf, CONT);
    }
  }

  /** Whether any character of `text` can start a clue (a cheap pre-filter). */
  hasLead(text: string): boolean {
    for (let i = 0; i < text.length; i++) if (this.flags[text.charCodeAt(i)]! & (LEAD2 | LEAD3 | LEAD4)) return true;
    return false;
  }

  /**
   * Non-overlapping clues, left to right, trying 2-, then 3-, then 4-character sequences at each
   * position (the alternation order of a regex `lead2 cont|lead3 cont{2}|lead4 cont{3}`).
   */
  find(text: string): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    const f = this.flags;
    const cont = (j: number) => j < text.length && (f[text.charCodeAt(j)]! & CONT) !== 0;
    for (let i = 0; i < text.length; ) {
      const lead = f[text.charCodeAt(i)]!;
      let len = 0;
      if (lead & LEAD2 && cont(i + 1)) len = 2;
      else if (lead & LEAD3 && cont(i + 1) && cont(i + 2)) len = 3;
      else if (lead & LEAD4 && cont(i + 1) && cont(i + 2) && cont(i + 3)) len = 4;
      if (len > 0) {
        out.push([i, i + len]);
        i += len;
      } else {
        i++;
      }
    }
    return out;
  }
}
