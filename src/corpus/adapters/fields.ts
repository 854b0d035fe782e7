import { basename } from 'node:path';
import * as z from 'zod';
import { LiteTextError, excerpt } from '../../errors.js';
import type { FileSample } from '../adapter.js';
import type { Source } from '../source.js';
import type { PromptDraft, PromptKind } from '../prompt.js';
import { pointer } from '../prompt.js';

/**
 * Helpers the generic adapters share: "take field X from each record", file stems, and the
 * forced-adapter mismatch error.
 */

/** Default prompt fields of the generic JSON / JSON Lines adapters, in order of preference. */
export const PROMPT_FIELDS = ['prompt', 'text', 'caption'] as const;

/** `a/b/_annotations.coco.json` → `_annotations.coco`: the base name without its last extension. */
export function fileStem(path: string): string {
  const base = basename(path);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}

/** A comma-separated flag value (`--column 2,3`, `--field prompt,text`) as a list; undefined → []. */
export function splitList(spec: string | undefined): string[] {
  if (spec === undefined) return [];
  return spec.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
}

/** What kind a prompt taken from a field of this name is: captions stay captions, names are categories. */
export function kindOfField(field: string): PromptKind {
  const f = field.toLowerCase();
  if (f === 'caption' || f === 'captions') return 'caption';
  if (f === 'name' || f === 'category' || f === 'label') return 'category';
  return 'free';
}

export const FieldOptions = z.object({ field: z.string().optional() });
export type FieldOptions = z.infer<typeof FieldOptions>;
export const FIELD_FLAG = {
  flags: '--field <name>',
  description: 'jsonl/json prompt field of each record: a name or an RFC 6901 pointer, comma-separated fallbacks (default prompt,text,caption)',
};

/** The draft for one record, or the reason it is skipped (shared with the `json` adapter). */
export function recordDraft(record: unknown, fields: readonly string[], file: string, source: { line: number } | { pointer: string }): PromptDraft | string {
  const picked = pickField(record, fields);
  if ('reason' in picked) return picked.reason;
  const { spec, key, value } = picked;
  const at = 'pointer' in source && spec !== '' ? { pointer: source.pointer + (spec.startsWith('/') ? spec : pointer(spec)) } : source;
  return { text: value, dataset: fileStem(file), kind: kindOfField(key), source: { file, ...at } };
}

export function fieldsOf(options: FieldOptions): string[] {
  const fields = splitList(options.field);
  return fields.length > 0 ? fields : [...PROMPT_FIELDS];
}

/** `spec`: the field as asked ('' for a bare string record); `key`: its last name, for the kind. */
export type Picked = { spec: string; key: string; value: string } | { reason: string };

/**
 * The prompt of one record: the first of `fields` present in it. A field written `/a/b` is an
 * RFC 6901 pointer into the record. A bare string record is its own prompt.
 */
export function pickField(record: unknown, fields: readonly string[]): Picked {
  if (typeof record === 'string') return { spec: '', key: '', value: record };
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    return { reason: `record is ${describeValue(record)}, not an object or a string` };
  }
  for (const field of fields) {
    const value = field.startsWith('/') ? resolvePointer(record, field) : (record as Record<string, unknown>)[field];
    if (value === undefined) continue;
    if (typeof value !== 'string') return { reason: `field "${field}" is ${describeValue(value)}, not a string` };
    return { spec: field, key: field.startsWith('/') ? field.slice(field.lastIndexOf('/') + 1) : field, value };
  }
  return { reason: `no ${fields.map((f) => `"${f}"`).join('/')} field` };
}

/**
 * The keys of `record` that hold a scalar, copied (a category's id, supercategory, ... for meta).
 * Meta is provenance: nested or exotic user values (a 20k-deep array as an `id`, an int64 as a
 * BigInt) are left out, so writing the corpus can never overflow the stack or fail to serialize.
 */
export function pickKeys(record: unknown, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (typeof record !== 'object' || record === null) return out;
  for (const key of keys) {
    const value = metaScalar((record as Record<string, unknown>)[key]);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** A JSON scalar as meta keeps it (BigInt → number when exact, else its decimal string); undefined otherwise. */
export function metaScalar(value: unknown): string | number | boolean | null | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  return undefined;
}

/** RFC 6901 evaluation; undefined where the path does not exist. */
export function resolvePointer(root: unknown, ptr: string): unknown {
  if (ptr === '') return root;
  let node = root;
  for (const raw of ptr.slice(1).split('/')) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) {
      if (!/^(0|[1-9]\d*)$/.test(token)) return undefined;
      node = node[Number(token)];
    } else if (typeof node === 'object' && node !== null && Object.hasOwn(node, token)) {
      node = (node as Record<string, unknown>)[token];
    } else {
      return undefined;
    }
  }
  return node;
}

export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the string ${excerpt(value, 30)}`;
  return `${typeof value === 'number' ? 'the number' : 'the value'} ${String(value)}`;
}

/** The start of a value's JSON for messages; a value too deep (or cyclic) to serialize is described instead. */
export function previewValue(value: unknown, max = 60): string {
  try {
    return JSON.stringify(value)?.slice(0, max) ?? String(value);
  } catch {
    return describeValue(value);
  }
}

/** A forced `--adapter` that does not fit the file: say what is missing. */
export function mismatch(adapter: string, file: string, missing: string, hint?: string): LiteTextError {
  return new LiteTextError(
    'E_ADAPTER_MISMATCH',
    `${file}: ${adapter}: ${missing}`,
    hint ?? 'let detection choose (drop --adapter), or pass the adapter that fits this file',
  );
}

/** A file forced to a JSON adapter must at least start like JSON; a malformed one later is E_INPUT_FORMAT. */
export function expectJson(source: Source, adapter: string): void {
  const c = firstChar(source.sample());
  if (c !== '{' && c !== '[') throw mismatch(adapter, source.path, c === '' ? 'the file is empty, not JSON' : `not JSON (it starts with ${JSON.stringify(c)})`);
}

/** True for samples that are plainly not text (NUL bytes, or mostly undecodable bytes). */
export function looksBinary(sample: FileSample): boolean {
  if (sample.headBytes.includes(0)) return true;
  let bad = 0;
  for (let i = sample.head.indexOf('\ufffd'); i !== -1; i = sample.head.indexOf('\ufffd', i + 1)) bad++;
  return bad >= 8 && bad / sample.head.length > 0.1;
}

/** The first non-whitespace character of the sample ('' when none). */
export function firstChar(sample: FileSample): string {
  const m = /\S/.exec(sample.head);
  return m ? m[0] : '';
}
