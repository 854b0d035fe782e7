import { readFileSync } from 'node:fs';
import { LiteTextError, excerpt } from './errors.js';
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
 * Prompts of an input file: one prompt per line (`text`; blank lines skipped, a trailing CR
 * dropped) or JSON Lines with a string `text` field (`jsonl`, so prompts may contain newlines).
 * `auto`: JSON Lines for .jsonl/.ndjson files or when the first non-blank line starts with `{`.
 */
export function readPrompts(path: string, format: PromptInputFormat = 'auto'): string[] {
  let content: string;
  try {
    content = readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (error) {
    throw new LiteTextError('E_IO', `${path}: cannot read input (${(error as NodeJS.ErrnoException).code ?? 'error'})`, 'check the --input path');
  }
  const lines = content.split('\n');
  const isJsonl = format === 'jsonl' || (format === 'auto' && (/\.(jsonl|ndjson)$/i.test(path) || (lines.find((l) => l.trim() !== '') ?? '').trimStart().startsWith('{')));
  const prompts: string[] = [];
  lines.forEach((raw, i) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') return;
    prompts.push(isJsonl ? jsonLineText(line, path, i + 1) : line);
  });
  return prompts;
}

function jsonLineText(line: string, path: string, lineNo: number): string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    throw new LiteTextError('E_INPUT_FORMAT', `${path}:${lineNo}: invalid JSON line (${(error as Error).message})`, 'each line must be a JSON object with a "text" string, or use --input-format text');
  }
  const text = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)['text'] : undefined;
  if (typeof text !== 'string') {
    throw new LiteTextError('E_INPUT_FORMAT', `${path}:${lineNo}: no string field "text" in ${excerpt(line)}`, 'each JSON line needs {"text": "..."}');
  }
  return text;
}

export function tokenizeRecords(texts: readonly string[], tokenizer: Tokenizer, options: { contextLength?: number; decode?: boolean } = {}): TokenizeRecord[] {
  const length = options.contextLength ?? tokenizer.contextLength;
  return texts.map((text) => {
    const ids = tokenizer.encode(text);
    const record: TokenizeRecord = { text, ids, input_ids: toContext(ids, length, tokenizer.special) };
    if (options.decode) record.decoded = tokenizer.decode(ids);
    return record;
  });
}
