import * as z from 'zod';
import { LiteTextError } from '../../errors.js';
import type { Adapter } from '../adapter.js';
import { PromptSchema, type PromptDraft } from '../prompt.js';
import { readLineChunks } from '../read.js';

const CORPUS_KEYS = /^\{"id":"[^"]*","text":/;

/**
 * A corpus written by `lite-text ingest` (JSON Lines of Prompt records): read back as is, ids kept,
 * so `analyze corpus.jsonl` sees exactly what `ingest` wrote.
 */
export const corpusAdapter: Adapter<Record<string, never>> = {
  name: 'corpus',
  description: 'a lite-text corpus (.jsonl written by `lite-text ingest`)',
  options: z.object({}).transform(() => ({})),
  flags: [],
  detect(sample) {
    const first = sample.head.split('\n', 1)[0] ?? '';
    return CORPUS_KEYS.test(first) && first.includes('"source":{') ? { confidence: 1, what: 'a lite-text corpus (JSON Lines of Prompt records)' } : null;
  },
  async *read(ctx) {
    for await (const chunk of readLineChunks(ctx.source, ctx.invalidUtf8)) {
      const batch: Array<PromptDraft & { id: string }> = [];
      for (const { line, text } of chunk) {
        if (text.trim() === '') continue;
        let value: unknown;
        try {
          value = JSON.parse(text);
        } catch {
          throw new LiteTextError('E_INPUT_FORMAT', `${ctx.file}:${line}: invalid JSON line`, 'a corpus file holds one JSON Prompt record per line (see `lite-text ingest`)');
      }
        const parsed = PromptSchema.safeParse(value);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          if (line === 1) throw new LiteTextError('E_ADAPTER_MISMATCH', `${ctx.file}:1: not a lite-text corpus record (${issue?.path.join('.')}: ${issue?.message})`, 'use --adapter jsonl for other JSON Lines files');
          throw new LiteTextError('E_INPUT_FORMAT', `${ctx.file}:${line}: invalid Prompt record (${issue?.path.join('.')}: ${issue?.message})`, 'was the file edited by hand?');
      }
        batch.push(parsed.data as PromptDraft & { id: string });
      }
      // One await per chunk read, not per record (big corpora).
      if (batch.length > 0) yield batch;
    }
  },
};
