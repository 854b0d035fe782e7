import type { FileSample } from './corpus/adapter.js';
import { firstChar } from './corpus/adapters/fields.js';
import { ingest } from './corpus/ingest.js';
import { silentLogger } from './logger.js';
import { toContext, type Tokenizer } from './tokenizer/index.js';

/** One line of `lite-text tokenize` output. */
export interface TokenizeRecord {
  text: string;
  /** `[start, ...content ids, end]`, not truncated. */
  ids: number[];
  /** `ids` cut or padded to the context length (SAM3's rule: the last kept id forced to end). */
  input_ids: number[];
  decoded?: string;
}

export type PromptInputFormat = 'auto' | 'text' | 'jsonl';

/**
 * Prompts of an input file, read by the ingest pipeline's own `text` or `jsonl` adapter (one
 * reader, one set of checks and limits: UTF-16 and NUL bytes refused, invalid UTF-8 an error at
 * its line, lines up to 16 MiB). `text`: one prompt per line (blank lines skipped). `jsonl`: a
 * string `text` field per line. `auto`: `jsonl` for .jsonl/.ndjson files or when the first
 * non-blank character is `{`, otherwise `text`. A file with no prompt is E_EMPTY_CORPUS unless
 * `allowEmpty`. Returns the texts in file order.
 */
export async function readPrompts(path: string, format: PromptInputFormat = 'auto', options: { allowEmpty?: boolean } = {}): Promise<string[]> {
  const pick = (sample: FileSample) => (format !== 'auto' ? format : JSONL_EXT.test(sample.ext) || firstChar(sample) === '{' ? 'jsonl' : 'text');
  const run = ingest([path], { strict: true, field: 'text', allowEmpty: options.allowEmpty ?? false }, silentLogger, { duplicates: false, pick, blankIsSkip: true });
  const texts: string[] = [];
  for await (const batch of run.batches) for (const prompt of batch) texts.push(prompt.text);
  return texts;
}

const JSONL_EXT = /^\.(jsonl|ndjson)$/;

export function tokenizeRecords(texts: readonly string[], tokenizer: Tokenizer, options: { contextLength?: number; decode?: boolean } = {}): TokenizeRecord[] {
  const length = options.contextLength ?? tokenizer.contextLength;
  return texts.map((text) => {
    const ids = tokenizer.encode(text);
    const record: TokenizeRecord = { text, ids, input_ids: toContext(ids, length, tokenizer.special) };
    if (options.decode) record.decoded = tokenizer.decode(ids);
    return record;
  });
}
