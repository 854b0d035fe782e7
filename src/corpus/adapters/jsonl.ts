import { LiteTextError } from '../../errors.js';
import type { Adapter, AdapterContext, FileSample } from '../adapter.js';
import { findJsonError } from '../json.js';
import type { PromptDraft } from '../prompt.js';
import { lineColumn, readLines } from '../read.js';
import { FIELD_FLAG, FieldOptions, fieldsOf, looksBinary, recordDraft } from './fields.js';

function detect(sample: FileSample) {
  if (looksBinary(sample)) return null;
  if (sample.ext === '.jsonl' || sample.ext === '.ndjson') return { confidence: 0.5, what: `JSON Lines file (${sample.ext})` };
  // Content: the first two lines are each one complete JSON object.
  const lines = sample.head.split('\n').filter((l) => l.trim() !== '').slice(0, 2);
  const objects = lines.length === 2 && lines.every((l) => {
    try {
      const v: unknown = JSON.parse(l);
      return typeof v === 'object' && v !== null && !Array.isArray(v);
    } catch {
      return false;
    }
  });
  return objects ? { confidence: 0.35, what: 'JSON Lines (one JSON object per line)' } : null;
}

async function* read(ctx: AdapterContext, options: FieldOptions): AsyncIterable<PromptDraft> {
  const fields = fieldsOf(options);
  for await (const { line, text } of readLines(ctx.file, (n) => ctx.invalidUtf8(n))) {
    if (text.trim() === '') continue; // a blank line is no record (JSON Lines allows a trailing one)
    let record: unknown;
    try {
      record = JSON.parse(text);
    } catch {
      const { offset, what } = findJsonError(text);
      const column = lineColumn(text, offset).column;
      throw new LiteTextError('E_INPUT_FORMAT', `${ctx.file}:${line}:${column}: invalid JSON line (${what})`, 'each line of a JSON Lines file must be one complete JSON value');
    }
    const draft = recordDraft(record, fields, ctx.file, { line });
    if (typeof draft === 'string') ctx.skip(draft, `:${line}`);
    else yield draft;
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
