import * as z from 'zod';
import { LiteTextError } from '../../errors.js';
import type { Adapter, AdapterContext, FileSample } from '../adapter.js';
import { parseJson } from '../json.js';
import type { PromptDraft } from '../prompt.js';
import { pointer } from '../prompt.js';
import { readTextFile } from '../read.js';
import { startsAsJsonLines } from './jsonl.js';
import { FIELD_FLAG, FieldOptions, describeValue, expectJson, fieldsOf, firstChar, looksBinary, mismatch, recordDraft, resolvePointer } from './fields.js';

const JsonOptions = FieldOptions.extend({ pointer: z.string().optional() });
type JsonOptions = z.infer<typeof JsonOptions>;

function detect(sample: FileSample) {
  const c = firstChar(sample);
  // A JSON Lines file is never one JSON document (its first lines can look like one's start).
  if (looksBinary(sample) || startsAsJsonLines(sample)) return null;
  if (c === '[') return { confidence: 0.2, what: 'JSON array' };
  // An object root needs --pointer; claim only objects that hold prompt-like records.
  if (c === '{' && /"(prompt|prompts|text|caption|captions)"\s*:/.test(sample.head)) {
    return { confidence: 0.15, what: 'JSON object with prompt/text/caption fields (the array needs --pointer)' };
  }
  return null;
}

async function* read(ctx: AdapterContext, options: JsonOptions): AsyncIterable<PromptDraft[]> {
  const base = options.pointer ?? '';
  if (base !== '' && !base.startsWith('/')) {
    throw new LiteTextError('E_USAGE', `--pointer ${JSON.stringify(base)}: a JSON pointer starts with "/"`, 'e.g. --pointer /prompts (RFC 6901)');
  }
  expectJson(ctx.source, 'json');
  const root = parseJson(readTextFile(ctx.source, ctx.invalidUtf8), ctx.file);
  const target = resolvePointer(root, base);
  if (!Array.isArray(target)) {
    const where = base === '' ? 'the JSON root' : base;
    const what = target === undefined ? `nothing at ${where}` : `${where} is ${describeValue(target)}, not an array`;
    throw mismatch('json', ctx.file, what, arraysHint(root));
  }
  const fields = fieldsOf(options);
  let batch: PromptDraft[] = [];
  for (const [i, item] of target.entries()) {
    const at = `${base}${pointer(i)}`;
    const draft = recordDraft(item, fields, ctx.file, { pointer: at });
    if (typeof draft === 'string') ctx.skip(draft, `#${at}`);
    else batch.push(draft);
    if (batch.length === 4096) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** Points at the arrays the root object holds, so the user can pick one with --pointer. */
function arraysHint(root: unknown): string {
  if (typeof root !== 'object' || root === null || Array.isArray(root)) return 'pass --pointer to the array of prompts';
  const arrays = Object.entries(root).filter(([, v]) => Array.isArray(v)).map(([k]) => pointer(k));
  return arrays.length > 0 ? `pass --pointer to the array of prompts (arrays here: ${arrays.slice(0, 6).join(', ')})` : 'pass --pointer to the array of prompts';
}

export const json: Adapter<JsonOptions> = {
  name: 'json',
  description: 'JSON: an array of strings or of objects (prompt from --field), at the root or at --pointer',
  options: JsonOptions,
  flags: [FIELD_FLAG, { flags: '--pointer <pointer>', description: 'RFC 6901 pointer to the array of prompts in a JSON file (e.g. /prompts)' }],
  detect,
  read,
};
