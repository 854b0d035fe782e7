import { fnv1a, HashSlots } from '../util/hash-slots.js';
import { BpeModel } from './bpe.js';
import { cleanForTokens } from './clean/index.js';
import { builtinMerges, type MergeList } from './merges.js';
import { isPlainAscii, pretokens, scanAscii } from './pretokenize.js';
import type { SpecialIds, Tokenizer } from './types.js';

/** SAM3's context length (sam3/model/tokenizer_ve.py, `context_length=32`). */
export const SAM3_CONTEXT_LENGTH = 32;
/** Distinct pre-tokens kept in the BPE cache before it is emptied (bounded memory). */
const CACHE_LIMIT = 500_000;

const utf8 = new TextEncoder();

/** BPE models are immutable: one per merge list, shared by every tokenizer built from it. */
const models = new WeakMap<MergeList, BpeModel>();
function modelFor(merges: MergeList): BpeModel {
  let model = models.get(merges);
  if (!model) {
    model = new BpeModel(merges);
    models.set(merges, model);
  }
  return model;
}

/**
 * SAM3's text tokenizer: SAM3's cleaning (ftfy-like fixes, HTML unescape, lowercase), its
 * pre-tokenizer regex, CLIP byte-level BPE. Plain-ASCII prompts skip the cleaning and the regex.
 */
export class Sam3Tokenizer implements Tokenizer {
  readonly name: string;
  readonly vocabSize: number;
  readonly special: SpecialIds;
  readonly contextLength: number;
  readonly hash: string;
  private readonly bpe: BpeModel;
  private readonly cache = new Map<string, number[]>();
  /** The ASCII path's view of the cache: a piece found by its characters in the lowercased text, with no substring made. */
  private readonly pieces = new PieceTable();
  /** Pre-token boundaries of the ASCII fast path, reused across calls. */
  private bounds: Int32Array = new Int32Array(64);

  constructor(options: { merges?: MergeList; name?: string; contextLength?: number } = {}) {
    const merges = options.merges ?? builtinMerges();
    this.bpe = modelFor(merges);
    this.name = options.name ?? 'sam3';
    this.vocabSize = this.bpe.size;
    this.special = { start: this.bpe.startId, end: this.bpe.endId, pad: 0 };
    this.contextLength = options.contextLength ?? SAM3_CONTEXT_LENGTH;
    this.hash = merges.hash;
  }

  encode(text: string): number[] {
    const out = [this.special.start];
    if (isPlainAscii(text)) {
      const s = text.toLowerCase();
      const scan = scanAscii(s, this.bounds);
      this.bounds = scan.bounds;
      const b = scan.bounds;
      for (let k = 0; k < scan.count; k++) {
        const ids = this.pieces.find(s, b[2 * k]!, b[2 * k + 1]!);
        if (ids === undefined) this.encodeNewPiece(s.slice(b[2 * k], b[2 * k + 1]), out);
        else for (let i = 0; i < ids.length; i++) out.push(ids[i]!);
      }
    } else {
      for (const match of pretokens(cleanForTokens(text))) this.encodePiece(match[0], out);
    }
    out.push(this.special.end);
    return out;
  }

  encodeBatch(texts: readonly string[]): number[][] {
    return texts.map((t) => this.encode(t));
  }

  decode(ids: readonly number[], options: { keepSpecial?: boolean } = {}): string {
    const kept = options.keepSpecial ? ids : ids.filter((id) => id !== this.special.start && id !== this.special.end);
    return this.bpe.decode(kept);
  }

  idToToken(id: number): string {
    return this.bpe.decode([id]);
  }

  /** A piece the table does not hold: encoded, then added (the specials never are). */
  private encodeNewPiece(piece: string, out: number[]): void {
    this.encodePiece(piece, out);
    const ids = this.cache.get(piece);
    if (ids !== undefined) this.pieces.add(piece, ids);
  }

  /** One pre-token: the specials by exact text, anything else through the (cached) BPE. */
  private encodePiece(piece: string, out: number[]): void {
    if (piece === '<start_of_text>') {
      out.push(this.special.start);
      return;
    }
    if (piece === '<end_of_text>') {
      out.push(this.special.end);
      return;
    }
    let ids = this.cache.get(piece);
    if (ids === undefined) {
      ids = [];
      this.bpe.encodeBytes(utf8.encode(piece), ids);
      if (this.cache.size >= CACHE_LIMIT) {
        this.cache.clear();
        this.pieces.clear();
      }
      this.cache.set(piece, ids);
    }
    for (let i = 0; i < ids.length; i++) out.push(ids[i] as number);
  }
}

/**
 * Pieces and their ids, found by a piece's characters inside a longer string (FNV-1a over them, then
 * a character compare), so that a hit costs neither a substring nor a Map lookup; it holds pieces the
 * tokenizer's Map holds, and is emptied with it. About an eighth off encode() on real prompts.
 */
class PieceTable {
  private slots = new HashSlots();
  private pieces: string[] = [];
  private ids: number[][] = [];

  /** The ids of the piece s[start, end), if held. */
  find(s: string, start: number, end: number): number[] | undefined {
    const { slots } = this;
    const h = fnv1a(s, start, end);
    const n = end - start;
    for (let slot = slots.first(h), e = slots.at(slot); e >= 0; slot = slots.next(slot), e = slots.at(slot)) {
      if (slots.hashOf(e) !== h) continue;
      const p = this.pieces[e]!;
      if (p.length !== n) continue;
      let j = 0;
      while (j < n && p.charCodeAt(j) === s.charCodeAt(start + j)) j++;
      if (j === n) return this.ids[e];
    }
    return undefined;
  }

  add(piece: string, ids: number[]): void {
    if (this.find(piece, 0, piece.length) !== undefined) return;
    this.slots.add(fnv1a(piece));
    this.pieces.push(piece);
    this.ids.push(ids);
  }

  clear(): void {
    this.slots = new HashSlots();
    this.pieces = [];
    this.ids = [];
  }
}
