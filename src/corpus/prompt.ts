import { z } from 'zod';

export const DATASETS = [
  'sa-co-gold', 'sa-co-silver', 'sa-co-veval', 'refcoco', 'refcoco+', 'refcocog',
  'lvis', 'coco', 'objects365', 'odinw', 'rf100-vl',
] as const;

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
export type PromptSource = z.infer<typeof SourceSchema>;
/** What an adapter yields; the ingest pipeline adds the stable id. */
export type PromptDraft = Omit<Prompt, 'id'>;

/**
 * Stable id: the same record of the same file gives the same id on every run and machine.
 * Hashes dataset, subset, the file's base name (not its absolute path), the locator, kind and text.
 */
export function promptId(draft: PromptDraft): string {
  const file = baseName(draft.source.file);
  const { line, column } = draft.source;
  const locator = draft.source.pointer ?? (line === undefined ? '' : column === undefined ? `L${line}` : `L${line}C${column}`);
  return hash64(draft.dataset, draft.subset ?? '', file, locator, draft.kind, draft.text);
}

/**
 * A fast, stable 64-bit string hash (two 32-bit multiply-xorshift lanes over UTF-16 units, in the
 * style of cyrb53), as 16 hex digits. Not cryptographic: ids only need to be stable and distinct,
 * and sha256 per prompt costs ~1.5 s on 400k prompts here.
 */
export function hash64(...parts: string[]): string {
  let h1 = 0xdeadbeef ^ parts.length;
  let h2 = 0x41c6ce57 ^ parts.length;
  for (let p = 0; p < parts.length; p++) {
    const key = parts[p]!;
    // Parts are separated by a 0 unit, so ("ab", "c") and ("a", "bc") differ.
    if (p > 0) {
      h1 = Math.imul(h1, 2654435761);
      h2 = Math.imul(h2, 1597334677);
    }
    for (let i = 0; i < key.length; i++) {
      const c = key.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}

let lastPath = '';
let lastBase = '';
/** The file's base name (memoized for the last path: ids are computed file by file). */
function baseName(path: string): string {
  if (path !== lastPath) {
    lastPath = path;
    lastBase = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  }
  return lastBase;
}

/** RFC 6901: escape one reference token. */
export function pointerToken(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function pointer(...tokens: Array<string | number>): string {
  return tokens.map((t) => `/${pointerToken(t)}`).join('');
}
