import * as z from 'zod';

export const PROMPT_KINDS = ['noun-phrase', 'referring-expression', 'category', 'synonym', 'caption', 'free'] as const;

/** Where a prompt came from: the file, and a line (+ column) for line-based sources or an RFC 6901 pointer (JSON). */
export const SourceSchema = z.object({
  file: z.string(),
  line: z.number().int().positive().optional(),
  /** 1-based column, where one line holds several prompts (csv/tsv with several --column). */
  column: z.number().int().positive().optional(),
  pointer: z.string().optional(),
});

/** The normalized Prompt record: one JSON line per prompt in a corpus file. */
export const PromptSchema = z.object({
  id: z.string(),
  text: z.string(),
  /** A benchmark name from DATASETS, or a generic dump's file stem (or --dataset). */
  dataset: z.string().min(1),
  subset: z.string().optional(),
  split: z.string().optional(),
  kind: z.enum(PROMPT_KINDS),
  negative: z.boolean().optional(),
  source: SourceSchema,
  meta: z.record(z.string(), z.unknown()).optional(),
});

export type Prompt = z.infer<typeof PromptSchema>;
export type PromptKind = (typeof PROMPT_KINDS)[number];
/** What an adapter yields; the ingest pipeline adds the stable id. */
export type PromptDraft = Omit<Prompt, 'id'>;

/**
 * Stable id: the same record of the same file gives the same id on every run and machine.
 * Hashes dataset, subset, the file's base name (not its absolute path), the locator, kind and text.
 */
export function promptId(draft: PromptDraft): string {
  const { line, column } = draft.source;
  const locator = draft.source.pointer ?? (line === undefined ? '' : column === undefined ? `L${line}` : `L${line}C${column}`);
  // A fast, stable 64-bit hash (two 32-bit multiply-xorshift lanes over UTF-16 units, cyrb53 style;
  // not cryptographic, ids only need to be stable) of (dataset, subset, base name, locator, kind,
  // text), with the state after the first three parts memoized: they are the same for every record
  // of a file.
  const subset = draft.subset ?? '';
  if (draft.dataset !== memo.dataset || subset !== memo.subset || draft.source.file !== memo.path) {
    memo.dataset = draft.dataset;
    memo.subset = subset;
    memo.path = draft.source.file;
    const file = draft.source.file.slice(Math.max(draft.source.file.lastIndexOf('/'), draft.source.file.lastIndexOf('\\')) + 1);
    state[0] = 0xdeadbeef ^ 6;
    state[1] = 0x41c6ce57 ^ 6;
    mix(state, draft.dataset, true);
    mix(state, subset, false);
    mix(state, file, false);
    memo.h1 = state[0]!;
    memo.h2 = state[1]!;
  }
  state[0] = memo.h1;
  state[1] = memo.h2;
  mix(state, locator, false);
  mix(state, draft.kind, false);
  mix(state, draft.text, false);
  return finish(state);
}

const memo = { dataset: '\u0000', subset: '', path: '', h1: 0, h2: 0 };
const state = new Int32Array(2);

/** One part of the hash: parts after the first are separated by a 0 unit, so ("ab", "c") ≠ ("a", "bc"). */
function mix(h: Int32Array, key: string, first: boolean): void {
  let h1 = h[0]!;
  let h2 = h[1]!;
  if (!first) {
    h1 = Math.imul(h1, 2654435761);
    h2 = Math.imul(h2, 1597334677);
  }
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h[0] = h1;
  h[1] = h2;
}

function finish(h: Int32Array): string {
  let h1 = h[0]!;
  let h2 = h[1]!;
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return hex32(h1) + hex32(h2);
}

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));
/** 8 hex digits of a 32-bit value (table lookups: Number#toString(16) costs ~1 µs a call). */
function hex32(h: number): string {
  return HEX[(h >>> 24) & 255]! + HEX[(h >>> 16) & 255]! + HEX[(h >>> 8) & 255]! + HEX[h & 255]!;
}

/** RFC 6901: escape one reference token. */
export function pointerToken(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function pointer(...tokens: Array<string | number>): string {
  return tokens.map((t) => `/${pointerToken(t)}`).join('');
}
