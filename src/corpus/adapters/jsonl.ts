import { LiteTextError } from '../../errors.js';
import type { Adapter, AdapterContext, FileSample } from '../adapter.js';
import { findJsonError } from '../json.js';
import type { PromptDraft } from '../prompt.js';
import { lineColumn, readLineChunks } from '../read.js';
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

async function* read(ctx: AdapterContext, options: FieldOptions): AsyncIterable<PromptDraft[]> {
  const fields = fieldsOf(options);
  for await (const lines of readLineChunks(ctx.source, ctx.invalidUtf8)) {
    const drafts: PromptDraft[] = [];
    for (const { line, text } of lines) {
      if (text.trim() === '') continue; // a blank line is no record (JSON Lines allows a trailing one)
      const draft = recordDraft(parseLine(text, ctx.file, line), fields, ctx.file, { line });
      if (typeof draft === 'string') ctx.skip(draft, `:${line}`);
      else drafts.push(draft);
    }
    if (drafts.length > 0) yield drafts;
  }
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
