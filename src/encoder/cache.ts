import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../logger.js';
import { writeFileAtomic } from '../util/atomic.js';
import { noteOnInterrupt } from '../util/interrupt.js';
import { cacheWriteError } from './model-memo.js';

export const DEFAULT_CACHE_DIR = '.lite-text-cache';

// Entry file: "LTEC" magic, u32 version, u32 rows, u32 cols, 32-byte sha256 of the payload, then float32 LE rows.
const MAGIC = 0x4345544c; // "LTEC" read as little-endian u32
const VERSION = 1;
const HEADER = 48;
const KEY_VERSION = 'v2';

/** One cached result: the valid token rows of one token sequence [rows, cols]. */
export interface CacheEntry {
  rows: number;
  cols: number;
  data: Float32Array;
}

/**
 * Embedding cache: one file per (model files, output tensor, token ids), written atomically (temp + rename),
 * so an interrupted run keeps every entry it finished; a checksum is verified on read.
 */
export class EmbeddingCache {
  readonly corrupt: string[] = [];
  /** Entries this run wrote: what Ctrl-C reports as kept (the next run resumes from them). */
  private written = 0;

  constructor(readonly dir: string, private readonly logger: Logger) {
    noteOnInterrupt(() => (this.written > 0 ? `${this.written} new embedding cache entries in ${dir} (a rerun resumes from them)` : undefined));
  }

  /**
   * sha256 of the key version, the model files' hash, the reading (output tensor, layout and feeds), the token
   * ids and `padding` (context length and pad id: they change the result of a model that lets valid tokens see
   * padding). Version 2: entries computed before the I/O plan was checked against the model's shapes and
   * before inputs were fed by role are never served.
   */
  key(modelHash: string, reading: string, ids: readonly number[], padding = ''): string {
    return createHash('sha256').update(`${KEY_VERSION}\u0000${modelHash}\u0000${reading}\u0000${padding}\u0000${ids.join(',')}`).digest('hex');
  }

  private file(key: string): string {
    return join(this.dir, key.slice(0, 2), `${key}.f32`);
  }

  get(key: string): CacheEntry | undefined {
    let bytes: Buffer;
    try {
      bytes = readFileSync(this.file(key));
    } catch {
      return undefined;
    }
    const entry = decode(bytes);
    if (!entry) {
      this.corrupt.push(this.file(key));
      this.logger.warn(`embedding cache: ${this.file(key)} is corrupt (bad header, size or checksum); recomputing it`);
    }
    return entry;
  }

  set(key: string, entry: CacheEntry): void {
    try {
      writeFileAtomic(this.file(key), encode(entry));
      this.written++;
    } catch (error) {
      // writeFileAtomic removed its temp file: no partial entry is left to be read.
      throw cacheWriteError(this.file(key), error);
    }
  }
}

function encode(e: CacheEntry): Uint8Array {
  const payload = new Uint8Array(e.data.buffer, e.data.byteOffset, e.data.byteLength);
  const out = Buffer.alloc(HEADER + payload.byteLength);
  out.writeUInt32LE(MAGIC, 0);
  out.writeUInt32LE(VERSION, 4);
  out.writeUInt32LE(e.rows, 8);
  out.writeUInt32LE(e.cols, 12);
  createHash('sha256').update(payload).digest().copy(out, 16);
  out.set(payload, HEADER);
  return out;
}

function decode(bytes: Buffer): CacheEntry | undefined {
  if (bytes.length < HEADER || bytes.readUInt32LE(0) !== MAGIC || bytes.readUInt32LE(4) !== VERSION) return undefined;
  const rows = bytes.readUInt32LE(8);
  const cols = bytes.readUInt32LE(12);
  const payload = bytes.subarray(HEADER);
  if (payload.length !== rows * cols * 4) return undefined;
  if (!createHash('sha256').update(payload).digest().equals(bytes.subarray(16, 48))) return undefined;
  // Copy into an aligned buffer (a Buffer's offset need not be a multiple of 4).
  const data = new Float32Array(rows * cols);
  new Uint8Array(data.buffer).set(payload);
  return { rows, cols, data };
}
