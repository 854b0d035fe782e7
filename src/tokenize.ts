import type { FileSample } from './corpus/adapter.js';
import { LiteTextError } from './errors.js';
import { silentLogger } from './logger.js';
import type { Tokenizer } from './tokenizer/index.js';

/** How `tokenize --input` reads its file: the ingest adapters that stream line by line, or `auto`. */
export const PROMPT_INPUT_FORMATS = ['auto', 'text', 'jsonl', 'csv', 'tsv'] as const;
export type PromptInputFormat = (typeof PROMPT_INPUT_FORMATS)[number];

export interface PromptInputOptions {
  allowEmpty?: boolean;
  /** jsonl: the prompt field (a name, an RFC 6901 pointer, comma-separated fallbacks); default `text`. */
  field?: string | undefined;
  /** csv/tsv: the prompt column(s), header name or 1-based index (default: ingest's choice). */
  column?: string | undefined;
  /** csv/tsv: false = split lines on the delimiter only (`--no-quotes`). */
  quotes?: boolean;
}

/** Which of the adapter flags each format takes (a flag given for another format is a usage error). */
const FLAGS_OF: Record<Exclude<PromptInputFormat, 'auto'>, ReadonlyArray<keyof PromptInputOptions>> = {
  text: [],
  jsonl: ['field'],
  csv: ['column', 'quotes'],
  tsv: ['column', 'quotes'],
};
const FLAG_NAMES: Partial<Record<keyof PromptInputOptions, string>> = { field: '--field', column: '--column', quotes: '--no-quotes' };

/**
 * Prompts of an input file in batches (one per chunk read, 64 KiB of input), read by the ingest
 * pipeline's own `text`, `jsonl`, `csv` or `tsv` adapter (one reader, one set of checks and limits:
 * UTF-16 and NUL bytes refused, invalid UTF-8 an error at its line, lines up to 16 MiB). `text`: one
 * prompt per line (blank lines skipped). `jsonl`: a string `text` field per line (or `field`). `csv`
 * / `tsv`: the prompt column as `ingest` picks it (or `column`), a header line skipped. `auto`:
 * `jsonl` for .jsonl/.ndjson files, `csv`/`tsv` for the files those adapters detect (.csv, .tsv,
 * .tab), `jsonl` when the first non-blank character is `{`, otherwise `text`. A file with no prompt is
 * E_EMPTY_CORPUS (after its last batch) unless `allowEmpty`. Every line of a batch is checked before
 * the batch is yielded, so an error stops before any prompt of its chunk is handed on.
 */
export async function* readPromptBatches(path: string, format: PromptInputFormat = 'auto', options: PromptInputOptions = {}): AsyncGenerator<string[]> {
  // The ingest pipeline (its adapters, zod schemas) loads only for --input: prompts given as arguments need none of it.
  const [{ ingest }, { firstChar }, { findAdapter }] = await Promise.all([import('./corpus/ingest.js'), import('./corpus/adapters/fields.js'), import('./corpus/adapters/index.js')]);
  let read: PromptInputFormat = format;
  const pick = (sample: FileSample) => {
    const picked = format !== 'auto' ? format : autoFormat(sample, findAdapter, firstChar);
    read = picked;
    const stray = (Object.keys(FLAG_NAMES) as Array<keyof PromptInputOptions>).find((key) => isGiven(options, key) && !FLAGS_OF[picked].includes(key));
    if (stray !== undefined) {
      const takes = Object.entries(FLAGS_OF).filter(([, keys]) => keys.includes(stray)).map(([f]) => f).join('/');
      throw new LiteTextError('E_USAGE', `tokenize: ${FLAG_NAMES[stray]} is for ${takes} input, and ${path} is read as ${picked}${format === 'auto' ? ' (--input-format auto)' : ''}`, `pass --input-format ${takes.split('/')[0]}, or drop ${FLAG_NAMES[stray]}`);
    }
    return picked;
  };
  const adapterOptions = { field: options.field ?? 'text', quotes: options.quotes ?? true, ...(options.column === undefined ? {} : { column: options.column }) };
  const run = ingest([path], { strict: true, allowEmpty: options.allowEmpty ?? false, ...adapterOptions }, silentLogger, { duplicates: false, pick, blankIsSkip: true, ids: false });
  try {
    for await (const batch of run.batches) yield batch.map((p) => p.text);
  } catch (error) {
    // A JSON Lines record without a string prompt: say which field was read, and how to read another.
    if (!(error instanceof LiteTextError) || error.code !== 'E_SKIPPED' || read !== 'jsonl') throw error;
    throw new LiteTextError('E_SKIPPED', error.message, `tokenize reads the ${JSON.stringify(options.field ?? 'text')} field of each record: pass --field NAME for another`);
  }
}

const isGiven = (options: PromptInputOptions, key: keyof PromptInputOptions): boolean => (key === 'quotes' ? options.quotes === false : options[key] !== undefined);

const JSONL_EXT = /^\.(jsonl|ndjson)$/;

function autoFormat(sample: FileSample, findAdapter: (name: string) => { detect(sample: FileSample): unknown } | undefined, firstChar: (sample: FileSample) => string): Exclude<PromptInputFormat, 'auto'> {
  if (JSONL_EXT.test(sample.ext)) return 'jsonl';
  const delimited = (['csv', 'tsv'] as const).find((name) => findAdapter(name)?.detect(sample));
  return delimited ?? (firstChar(sample) === '{' ? 'jsonl' : 'text');
}

const ascii = (s: string): Uint8Array => Buffer.from(s, 'latin1');
const TEXT = ascii('{"text":');
const IDS = ascii(',"ids":[');
const INPUT = ascii('],"input_ids":[');
const DECODED = ascii('],"decoded":');
const CLOSE = ascii(']}\n');
const CLOSE_DECODED = ascii('}\n');

/**
 * Tokenizes `texts` into JSON Lines, one record per text, byte for byte what `JSON.stringify` gives
 * of `{ text, ids, input_ids, decoded? }`: `ids` = `[start, ...content ids, end]`, not truncated;
 * `input_ids` = `ids` cut or padded to the context length (SAM3's rule, as `toContext`: the last
 * kept id forced to end); `decoded` (with `decode`) = the text of the ids. Each line ends in `\n`.
 * Written as bytes, not built as strings: each id's digits straight into the buffer, and input_ids
 * copies the bytes of ids before its padding (formatting was a third of `tokenize`'s time as strings).
 */
export function createRecordFormatter(tokenizer: Tokenizer, options: { contextLength?: number; decode?: boolean } = {}): (texts: readonly string[]) => Uint8Array {
  const length = options.contextLength ?? tokenizer.contextLength;
  const { end, pad } = tokenizer.special;
  // The padding of a record with n ids is pads[n] (no leading comma for n = 0), a view of one buffer.
  const padWidth = String(pad).length + 1;
  const padding = ascii(`,${pad}`.repeat(length));
  const pads = Array.from({ length: length + 1 }, (_, n) => padding.subarray(n === 0 ? 1 : 0, padWidth * (length - n)));
  // A fresh buffer per call (the stream may still hold the last one), sized as the last one ended.
  // `b` and `p` stay locals of one loop (helpers take and return them): no closure state in the hot path.
  let size = 1 << 16;
  const putIds = (b: Buffer, p: number, ids: readonly number[], count: number, skipComma: boolean): number => {
    for (let k = 0; k < count; k++) {
      if (k > 0 || !skipComma) b[p++] = 0x2c;
      p = putId(b, p, ids[k]!);
    }
    return p;
  };
  return (texts) => {
    let b: Buffer = Buffer.allocUnsafe(size);
    let p = 0;
    for (let i = 0; i < texts.length; i++) {
      const text = texts[i]!;
      const ids = tokenizer.encode(text);
      const n = ids.length;
      const json = JSON.stringify(text);
      const need = 3 * json.length + 8 * (n + length) + 64;
      if (p + need > b.length) b = grown(b, p, need);
      p = put(b, p, TEXT);
      p = putJson(b, p, json);
      p = put(b, p, IDS);
      const from = p;
      p = putIds(b, p, ids, n, true);
      const to = p;
      p = put(b, p, INPUT);
      if (n > length) {
        p = putIds(b, p, ids, end >= 0 ? length - 1 : length, true);
        if (end >= 0) p = putIds(b, p, [end], 1, length === 1);
      } else {
        b.copyWithin(p, from, to);
        p += to - from;
        p = put(b, p, pads[n]!);
      }
      if (options.decode) {
        p = put(b, p, DECODED);
        const decoded = JSON.stringify(tokenizer.decode(ids));
        if (p + 3 * decoded.length + 4 > b.length) b = grown(b, p, 3 * decoded.length + 4);
        p += b.write(decoded, p, 'utf8');
        p = put(b, p, CLOSE_DECODED);
      } else p = put(b, p, CLOSE);
    }
    size = Math.max(1 << 16, p + (p >> 3));
    return b.subarray(0, p);
  };
}

/** A copy of the first `used` bytes of `b` in a buffer with `need` more bytes of room. */
function grown(b: Buffer, used: number, need: number): Buffer {
  const next = Buffer.allocUnsafe(Math.max(2 * b.length, used + need));
  b.copy(next, 0, 0, used);
  return next;
}

/**
 * An id's decimal digits, last digit first from the end of its width (as fast as copying them from a
 * table of every id's digits, which took longer to build than a short `tokenize` runs).
 */
function putId(b: Buffer, p: number, id: number): number {
  if (!(id >= 0 && id < 1e6 && Number.isInteger(id))) return p + b.write(String(id), p, 'latin1');
  let v = id;
  let q = (p += v < 10 ? 1 : v < 100 ? 2 : v < 1000 ? 3 : v < 10000 ? 4 : v < 100000 ? 5 : 6);
  do {
    b[--q] = 0x30 + (v % 10);
    v = (v / 10) | 0;
  } while (v > 0);
  return p;
}

function put(b: Buffer, p: number, bytes: Uint8Array): number {
  for (let k = 0; k < bytes.length; k++) b[p++] = bytes[k]!;
  return p;
}

/** ASCII in a loop (short strings: cheaper than a call into C++), anything else as UTF-8. */
function putJson(b: Buffer, p: number, json: string): number {
  const start = p;
  for (let k = 0; k < json.length; k++) {
    const c = json.charCodeAt(k);
    if (c >= 0x80) return start + b.write(json, start, 'utf8');
    b[p++] = c;
  }
  return p;
}
