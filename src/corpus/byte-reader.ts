import { LiteTextError } from '../errors.js';
import { findJsonError } from './json.js';
import { countReplacements, lineColumn } from './read.js';
import type { ByteStream, Source } from './source.js';

// The byte-level reader under the streaming JSON scanner (json-stream.ts).

const WS = new Uint8Array(256);
for (const c of [0x20, 0x09, 0x0a, 0x0d]) WS[c] = 1;
const SCALAR = new Uint8Array(256);
for (const c of '-+.0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ') SCALAR[c.charCodeAt(0)] = 1;
const SCALAR_START = new Uint8Array(256);
for (const c of '-0123456789tfn') SCALAR_START[c.charCodeAt(0)] = 1;
export const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** A pull reader over a file with a growable window; `pin` keeps a value's bytes while it is read. */
export class ByteReader {
  private bytes: ByteStream;
  readonly file: string;
  private buf: Buffer;
  private end = 0;
  /** Offset in the file of buf[0], and newlines before it (for line:column in errors). */
  private base = 0;
  private linesBefore = 0;
  private lastNlBefore = -1;
  private pin = -1;
  private eof = false;
  pos = 0;

  constructor(source: Source, private chunk: number, private maxValue: number) {
    this.file = source.path;
    this.bytes = source.open();
    this.buf = Buffer.allocUnsafe(chunk * 2);
  }

  close(): void {
    this.bytes.close();
  }

  /** Reads more bytes; false at end of file. Drops bytes before `pos` (or before `pin`). */
  private fill(): boolean {
    if (this.eof) return false;
    const keep = this.pin >= 0 ? this.pin : this.pos;
    if (keep > 0) {
      for (let i = this.buf.indexOf(10, 0); i !== -1 && i < keep; i = this.buf.indexOf(10, i + 1)) {
        this.linesBefore++;
        this.lastNlBefore = this.base + i;
      }
      this.buf.copy(this.buf, 0, keep, this.end);
      this.end -= keep;
      this.pos -= keep;
      if (this.pin >= 0) this.pin -= keep;
      this.base += keep;
    }
    if (this.end - (this.pin >= 0 ? this.pin : this.pos) > this.maxValue) {
      this.fail(`a value larger than ${this.maxValue} bytes`, 'E_LIMIT');
    }
    if (this.buf.length - this.end < this.chunk) {
      const grown = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.end + this.chunk));
      this.buf.copy(grown, 0, 0, this.end);
      this.buf = grown;
    }
    const n = this.bytes.readSync(this.buf, this.end, this.buf.length - this.end);
    if (n === 0) this.eof = true;
    this.end += n;
    return n > 0;
  }

  peek(): number {
    if (this.pos >= this.end && !this.fill()) return -1;
    return this.buf[this.pos]!;
  }

  skipBom(): void {
    if (this.peek() === 0xef && this.buf[1] === 0xbb && this.buf[2] === 0xbf) this.pos += 3;
  }

  ws(): void {
    for (;;) {
      while (this.pos < this.end && WS[this.buf[this.pos]!]) this.pos++;
      if (this.pos < this.end || !this.fill()) return;
    }
  }

  /** pos at the opening quote; leaves pos after the closing quote. pos stays put while scanning, so fill() keeps the string. */
  skipString(): void {
    let i = this.pos + 1;
    for (;;) {
      let q = i < this.end ? this.buf.indexOf(QUOTE, i) : -1;
      if (q >= this.end) q = -1; // bytes past `end` are stale
      if (q === -1) {
        const offset = this.end - this.pos;
        if (!this.fill()) this.fail('unterminated string');
        i = this.pos + offset;
        continue;
      }
      // The quote is escaped when an odd number of backslashes precede it.
      let k = 0;
      while (q - 1 - k > this.pos && this.buf[q - 1 - k] === BACKSLASH) k++;
      if (k % 2 === 0) {
        this.pos = q + 1;
        return;
      }
      i = q + 1;
    }
  }

  /** Skips one value (any depth) without building it; iterative, so depth cannot overflow. */
  skipValue(): void {
    let depth = 0;
    for (;;) {
      const c = this.peek();
      if (c === -1) this.fail('unexpected end of file');
      if (c === QUOTE) this.skipString();
      else if (c === 0x7b || c === 0x5b) {
        depth++;
        this.pos++;
      } else if (c === 0x7d || c === 0x5d) {
        if (depth === 0) this.fail(`unexpected ${this.describe()}`);
        depth--;
        this.pos++;
      } else if (depth > 0) this.pos++;
      else {
        // A scalar at depth 0: true/false/null or a number; JSON.parse checks it when selected.
        if (!SCALAR_START[c]) this.fail(`unexpected ${this.describe()}`);
        this.pos++;
        for (let d = this.peek(); d !== -1 && SCALAR[d]; d = this.peek()) this.pos++;
        return;
      }
      if (depth === 0) return;
    }
  }

  /** An object key: without escapes (the usual case) it is the bytes between the quotes. */
  parseKey(onInvalidUtf8?: (count: number) => void): string {
    this.pin = this.pos;
    this.skipString();
    const start = this.pin; // fill() may have moved the window: read the pin after skipping
    this.pin = -1;
    let escaped = false;
    for (let i = start + 1; i < this.pos - 1; i++) if (this.buf[i] === BACKSLASH) escaped = true;
    if (escaped) {
      this.pos = start;
      return this.parseValue(onInvalidUtf8) as string;
    }
    return this.buf.toString('utf8', start + 1, this.pos - 1);
  }

  parseValue(onInvalidUtf8?: (count: number) => void): unknown {
    this.pin = this.pos;
    this.skipValue();
    const start = this.pin;
    this.pin = -1;
    const text = this.buf.toString('utf8', start, this.pos);
    if (onInvalidUtf8 && text.includes('\ufffd')) {
      const bad = countReplacements(this.buf.subarray(start, this.pos), text);
      if (bad > 0) onInvalidUtf8(bad);
    }
    try {
      return JSON.parse(text);
    } catch (error) {
      if (error instanceof RangeError) return this.fail('a value nested too deeply to parse', 'E_LIMIT');
      const { offset, what } = findJsonError(text);
      this.pos = start + Buffer.byteLength(text.slice(0, offset));
      return this.fail(what);
    }
  }

  describe(): string {
    const c = this.peek();
    return c === -1 ? 'end of file' : `character ${JSON.stringify(String.fromCharCode(c))}`;
  }

  /** Throws with file:line:column of `pos` (column in bytes from the line start, 1-based). */
  fail(what: string, code: 'E_INPUT_FORMAT' | 'E_LIMIT' = 'E_INPUT_FORMAT'): never {
    const local = lineColumn(this.buf.toString('latin1', 0, Math.min(this.pos, this.end)), this.pos);
    const line = this.linesBefore + local.line;
    const column = local.line === 1 ? this.base + this.pos - this.lastNlBefore : local.column;
    const hint = code === 'E_LIMIT' ? 'is this really a benchmark annotation file?' : 'is the file complete? re-download or re-export it';
    throw new LiteTextError(code, `${this.file}:${line}:${column}: ${code === 'E_LIMIT' ? what : `malformed JSON (${what})`}`, hint);
  }
}
