import type { FileSample } from './corpus/adapter.js';
import { firstChar } from './corpus/adapters/fields.js';
import { ingest } from './corpus/ingest.js';
import { silentLogger } from './logger.js';
import type { Tokenizer } from './tokenizer/index.js';

export type PromptInputFormat = 'auto' | 'text' | 'jsonl';

/**
 * Prompts of an input file in batches (one per chunk read, ≤ 1 MiB of input), read by the ingest
 * pipeline's own `text` or `jsonl` adapter (one reader, one set of checks and limits: UTF-16 and NUL
 * bytes refused, invalid UTF-8 an error at its line, lines up to 16 MiB). `text`: one prompt per line
 * (blank lines skipped). `jsonl`: a string `text` field per line. `auto`: `jsonl` for .jsonl/.ndjson
 * files or when the first non-blank character is `{`, otherwise `text`. A file with no prompt is
 * E_EMPTY_CORPUS (after its last batch) unless `allowEmpty`. Every line of a batch is checked before
 * the batch is yielded, so an error stops before any prompt of its chunk is handed on.
 */
export async function* readPromptBatches(path: string, format: PromptInputFormat = 'auto', options: { allowEmpty?: boolean } = {}): AsyncGenerator<string[]> {
  const pick = (sample: FileSample) => (format !== 'auto' ? format : JSONL_EXT.test(sample.ext) || firstChar(sample) === '{' ? 'jsonl' : 'text');
  const run = ingest([path], { strict: true, field: 'text', allowEmpty: options.allowEmpty ?? false }, silentLogger, { duplicates: false, pick, blankIsSkip: true, ids: false });
  for await (const batch of run.batches) yield batch.map((p) => p.text);
}

const JSONL_EXT = /^\.(jsonl|ndjson)$/;

/** `,0` repeated k times: the padding of input_ids, k ≤ the context length. */
function padding(length: number): string[] {
  const pads = [''];
  for (let k = 1; k <= length; k++) pads.push(`${pads[k - 1]},0`);
  return pads;
}

/**
 * Tokenizes `texts` into JSON Lines, one record per text, byte for byte what `JSON.stringify` gives
 * of `{ text, ids, input_ids, decoded? }`: `ids` = `[start, ...content ids, end]`, not truncated;
 * `input_ids` = `ids` cut or padded to the context length (SAM3's rule, as `toContext`: the last
 * kept id forced to end); `decoded` (with `decode`) = the text of the ids. Each line ends in `\n`.
 * Written by hand: the ids are integers and input_ids shares its text with ids, so building the
 * line is cheaper than building the record and serializing it (a third of `tokenize`'s time).
 */
export function createRecordFormatter(tokenizer: Tokenizer, options: { contextLength?: number; decode?: boolean } = {}): (texts: readonly string[]) => string {
  const length = options.contextLength ?? tokenizer.contextLength;
  const { end, pad } = tokenizer.special;
  const pads = pad === 0 ? padding(length) : undefined;
  return (texts) => {
    let out = '';
    for (let i = 0; i < texts.length; i++) {
      const text = texts[i]!;
      const ids = tokenizer.encode(text);
      const joined = ids.join(',');
      let input: string;
      if (ids.length > length) {
        const cut = ids.slice(0, length);
        if (end >= 0) cut[length - 1] = end;
        input = cut.join(',');
      } else if (pads !== undefined) {
        input = ids.length === 0 ? pads[length]!.slice(1) : joined + pads[length - ids.length]!;
      } else {
        const padded = ids.slice();
        while (padded.length < length) padded.push(pad);
        input = padded.join(',');
      }
      out += `{"text":${JSON.stringify(text)},"ids":[${joined}],"input_ids":[${input}]${options.decode ? `,"decoded":${JSON.stringify(tokenizer.decode(ids))}` : ''}}\n`;
    }
    return out;
  };
}
