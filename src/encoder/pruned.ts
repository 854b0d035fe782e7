import { LiteTextError } from '../errors.js';
import type { ModelProto } from './onnx/proto.js';

/** The metadata_props keys `prune-encoder` writes into a pruned model (and `openEncoder` reads back). */
export const PRUNE_KEYS = {
  keptIds: 'lite-text.keptIds',
  contextLength: 'lite-text.contextLength',
  vocabRows: 'lite-text.vocabRows',
  source: 'lite-text.sourceSha256',
} as const;

/** What a pruned model keeps: its token ids (as ranges, `0,320-322,49406-49407`) and, when cut, its context. */
export interface PrunedInfo {
  keptIds: string;
  /** Rows of the original token table (the ids the tokenizer may produce). */
  vocabRows: number;
  contextLength?: number | undefined;
}

/** Sorted distinct ids as ranges: `a-b` for runs, `a` alone (compact for the clustered ids BPE vocabularies give). */
export function encodeRanges(sorted: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(j === i ? `${sorted[i]}` : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

/** The ids of a ranges string; undefined when it is not one (ascending, non-overlapping, below `limit`). */
export function decodeRanges(text: string, limit: number): number[] | undefined {
  const ids: number[] = [];
  if (text === '') return ids;
  for (const part of text.split(',')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!m) return undefined;
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    if (b < a || b >= limit || (ids.length > 0 && a <= ids[ids.length - 1]!)) return undefined;
    for (let id = a; id <= b; id++) ids.push(id);
  }
  return ids;
}

/** The prune record of a model, if it has one; a malformed record is refused (it cannot be checked against). */
export function readPrunedInfo(model: ModelProto, path: string): PrunedInfo | undefined {
  const props = new Map((model.metadataProps ?? []).map((p) => [p.key ?? '', p.value ?? '']));
  const kept = props.get(PRUNE_KEYS.keptIds);
  if (kept === undefined) return undefined;
  const bad = (what: string) => new LiteTextError('E_ENCODER', `${path}: malformed ${what} in the model's metadata`, 'prune the original encoder again with lite-text prune-encoder');
  const vocabRows = Number(props.get(PRUNE_KEYS.vocabRows));
  if (!Number.isSafeInteger(vocabRows) || vocabRows <= 0) throw bad(PRUNE_KEYS.vocabRows);
  if (decodeRanges(kept, vocabRows) === undefined) throw bad(PRUNE_KEYS.keptIds);
  const context = props.get(PRUNE_KEYS.contextLength);
  if (context !== undefined && !/^[1-9]\d*$/.test(context)) throw bad(PRUNE_KEYS.contextLength);
  return { keptIds: kept, vocabRows, contextLength: context === undefined ? undefined : Number(context) };
}

/** Membership in a pruned model's kept ids (a bitset over the original vocabulary). */
export class KeptIds {
  readonly count: number;
  private readonly bits: Uint8Array;

  constructor(readonly info: PrunedInfo) {
    const ids = decodeRanges(info.keptIds, info.vocabRows) ?? [];
    this.count = ids.length;
    this.bits = new Uint8Array(Math.ceil(info.vocabRows / 8));
    for (const id of ids) this.bits[id >> 3]! |= 1 << (id & 7);
  }

  has(id: number): boolean {
    return Number.isInteger(id) && id >= 0 && id < this.info.vocabRows && (this.bits[id >> 3]! & (1 << (id & 7))) !== 0;
  }

  /** `count` ids from the kept set, cycled (probe prompts a pruned model can run). */
  sample(count: number): number[] {
    const ids = decodeRanges(this.info.keptIds, this.info.vocabRows) ?? [];
    return Array.from({ length: count }, (_, i) => ids[i % ids.length]!);
  }
}

/** Names of a prompt (by its sequence index) and of a token id, for the one line that refuses it. */
export interface Describe {
  prompt(index: number): string;
  token(id: number): string;
}

/**
 * A pruned model computes a wrong (NaN) embedding for an id it dropped: refuse the first prompt that uses
 * one, naming the prompt and the word, before anything runs.
 */
export function assertKept(kept: KeptIds, path: string, sequences: readonly (readonly number[])[], describe?: Describe): void {
  for (let i = 0; i < sequences.length; i++) {
    const id = sequences[i]!.find((t) => !kept.has(t));
    if (id === undefined) continue;
    const prompt = describe?.prompt(i) ?? `token sequence ${i}`;
    const word = describe ? ` (${JSON.stringify(describe.token(id))})` : '';
    throw new LiteTextError('E_OOV', `${prompt}: token id ${id}${word} is not among the ${kept.count} ids the pruned encoder ${path} keeps`,
      'run the original encoder, or prune it again with a corpus that holds this prompt (lite-text prune-encoder)');
  }
}
