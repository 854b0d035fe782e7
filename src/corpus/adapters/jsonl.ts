import { LiteTextError } from '../../errors.js';
import type { Adapter, AdapterContext, FileSample } from '../adapter.js';
import { findJsonError } from '../json.js';
import type { PromptDraft } from '../prompt.js';
import { lineColumn, readLineChunks } from '../read.js';
import { FIELD_FLAG, FieldOptions, fieldsOf, fileStem, kindOfField, looksBinary, recordDraft } from './fields.js';

function detect(sample: FileSample) {
  if (looksBinary(sample)) return null;
  if (sample.ext === '.jsonl' || sample.ext === '.ndjson') return { confidence: 0.5, what: `JSON Lines file (${sample.ext})` };
  return startsAsJsonLines(sample) ? { confidence: 0.35, what: 'JSON Lines (one JSON object per line)' } : null;
}

/** The first two non-blank lines are each one complete JSON object: JSON Lines, never one JSON document. */
export function startsAsJsonLines(sample: FileSample): boolean {
  const lines = sample.head.split('\n').filter((l) => l.trim() !== '').slice(0, 2);
  return lines.length === 2 && lines.every((l) => {
    try {
      const v: unknown = JSON.parse(l);
      return typeof v === 'object' && v !== null && !Array.isArray(v);
    } catch {
      return false;
    }
  });
}

async function* read(ctx: AdapterContext, options: FieldOptions): AsyncIterable<PromptDraft[]> {
  const fields = fieldsOf(options);
  const file = ctx.file;
  const dataset = fileStem(file);
  let kindOf = { key: '', kind: kindOfField('') };
  for await (const lines of readLineChunks(ctx.source, ctx.invalidUtf8)) {
    const drafts: PromptDraft[] = [];
    for (const { line, text } of lines) {
      const plain = plainRecord(text, fields);
      if (plain !== undefined) {
        if (plain.key !== kindOf.key) kindOf = { key: plain.key, kind: kindOfField(plain.key) };
        drafts.push({ text: plain.value, dataset, kind: kindOf.kind, source: { file, line } });
        continue;
      }
      if (text.trim() === '') continue; // a blank line is no record (JSON Lines allows a trailing one)
      const draft = recordDraft(parseLine(text, ctx.file, line), fields, ctx.file, { line });
      if (typeof draft === 'string') ctx.skip(draft, `:${line}`);
      else drafts.push(draft);
    }
    if (drafts.length > 0) yield drafts;
  }
}

const QUOTE = 34;
const BACKSLASH = 92;

/**
 * The record of a line that is exactly `{"KEY":"VALUE"}`, KEY one of `fields` (a name, not a pointer)
 * and VALUE free of quotes, backslashes and control characters: JSON.parse would return the very
 * same string, and recordDraft would pick it. Most JSON Lines prompt files are written this way
 * (JSON.stringify, `json.dumps(separators=...)`); skipping the parse takes a third off reading them.
 */
function plainRecord(text: string, fields: readonly string[]): { key: string; value: string } | undefined {
  const n = text.length;
  if (text.charCodeAt(0) !== 123 || text.charCodeAt(1) !== QUOTE || text.charCodeAt(n - 1) !== 125 || text.charCodeAt(n - 2) !== QUOTE) return undefined;
  const keyEnd = text.indexOf('"', 2);
  if (keyEnd < 0 || keyEnd + 3 > n - 2 || text.charCodeAt(keyEnd + 1) !== 58 || text.charCodeAt(keyEnd + 2) !== QUOTE) return undefined;
  const key = text.slice(2, keyEnd);
  if (key.includes('\\') || key.startsWith('/') || !fields.includes(key)) return undefined;
  for (let i = keyEnd + 3; i < n - 2; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === QUOTE || c === BACKSLASH) return undefined;
  }
  return { key, value: text.slice(keyEnd + 3, n - 2) };
}

function parseLine(text: string, file: string, line: number): unknown {
  try {
    return JSON.parse(text);
  } catch {
    const { offset, what } = findJsonError(text);
    const column = lineColumn(text, offset).column;
    throw new LiteTextError('E_INPUT_FORMAT', `${file}:${line}:${column}: invalid JSON line (${what})`, 'each line of a JSON Lines file must be one complete JSON value');
  }
}

export const jsonl: Adapter<FieldOptions> = {
  name: 'jsonl',
  description: 'JSON Lines: one record per line, prompt from --field (default prompt/text/caption)',
  options: FieldOptions,
  flags: [FIELD_FLAG],
  detect,
  read,
};
