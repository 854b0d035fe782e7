import { Readable } from 'node:stream';
import type { InfoRecord, Options } from 'csv-parse';
import * as z from 'zod';
import { LiteTextError } from '../../errors.js';
import type { Adapter, AdapterContext, FileSample } from '../adapter.js';
import type { PromptDraft } from '../prompt.js';
import { readLineChunks } from '../read.js';
import { fileStem, kindOfField, looksBinary, splitList } from './fields.js';

const DelimitedOptions = z.object({
  column: z.string().optional(),
  quotes: z.boolean().default(true),
});
type DelimitedOptions = z.infer<typeof DelimitedOptions>;

/** Header names that hold the prompt, in order of preference. */
export const PROMPT_COLUMNS = ['prompt', 'text', 'caption', 'sentence', 'name'] as const;

interface Row {
  line: number;
  /** The record's last line (a quoted field may span lines). */
  last: number;
  fields: string[];
}

/**
 * Rows of a delimited file, a batch per chunk of input read (as the line-based adapters: `tokenize`
 * writes a batch at a time). With quotes: RFC 4180 quoting via csv-parse, fed from `readLineChunks`
 * (bounded memory, CRLF, BOM, invalid UTF-8 counted). Without (`--no-quotes`): each line split on
 * the delimiter, `"` kept as text — PartiPrompts.tsv's raw quotes need this.
 */
async function* rows(ctx: AdapterContext, delimiter: string, quotes: boolean, format: string): AsyncGenerator<Row[]> {
  const chunks = readLineChunks(ctx.source, ctx.invalidUtf8);
  if (!quotes) {
    for await (const lines of chunks) yield lines.map(({ line, text }) => ({ line, last: line, fields: text.split(delimiter) }));
    return;
  }
  // csv-parse loads only for a quoted delimited file (every ingest registers this adapter).
  const { CsvError, parse } = await import('csv-parse');
  // on_record runs synchronously per record, so `end` is right even when a later error drops
  // the records still buffered in the stream.
  let end = 0;
  const options: Options<Row, string[]> = {
    delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, record_delimiter: '\n',
    on_record: (fields: string[], context: InfoRecord) => {
      const row: Row = { line: end + 1, last: context.lines, fields };
      end = context.lines;
      return row;
    },
  };
  const parser = parse(options as unknown as Options); // its overloads type records as string[]; ours are Rows
  /** The last line of each chunk fed to the parser, oldest first: the record ending there closes a batch. */
  const chunkEnds: number[] = [];
  const input = Readable.from((async function* () {
    for await (const lines of chunks) {
      if (lines.length > 0) chunkEnds.push(lines[lines.length - 1]!.line);
      yield lines.map((l) => `${l.text}\n`).join('');
    }
  })());
  input.on('error', (error) => parser.destroy(error));
  input.pipe(parser);
  try {
    let batch: Row[] = [];
    for await (const row of parser as AsyncIterable<Row>) {
      batch.push(row);
      if (chunkEnds.length > 0 && row.last >= chunkEnds[0]!) {
        while (chunkEnds.length > 0 && row.last >= chunkEnds[0]!) chunkEnds.shift();
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  } catch (error) {
    if (error instanceof CsvError) {
      // An unclosed quote is reported at the end of the file; the record it opened is more useful.
      const line = error.code === 'CSV_QUOTE_NOT_CLOSED' ? end + 1 : (error as { lines?: number }).lines ?? end + 1;
      throw new LiteTextError('E_INPUT_FORMAT', `${ctx.file}:${line}: malformed ${format} (${error.message.replace(/ at line \d+.*$/, '')})`, 'raw " characters that are not quoting? pass --no-quotes');
    }
    throw error;
  }
}

/** Which columns hold prompts, and whether the first row is a header. */
export interface ColumnChoice {
  header: boolean;
  columns: Array<{ index: number; name: string | undefined }>;
}

/**
 * `--column NAME|INDEX[,…]` (1-based indexes) against the first row. The first row is a header when
 * it names a prompt column or a requested column. Without `--column`: the first of
 * prompt/text/caption/sentence/name in the header; with no header, the first column whose first
 * value is not an integer (Objects365_names_fix.csv `id,name,fixed_name` → column 2).
 */
export function chooseColumns(first: string[], spec: string | undefined, file: string): ColumnChoice {
  const wanted = splitList(spec);
  const names = first.map((f) => f.trim().toLowerCase());
  const header = names.some((n) => (PROMPT_COLUMNS as readonly string[]).includes(n) || wanted.some((w) => w.toLowerCase() === n && !/^\d+$/.test(w)));
  const named = (index: number) => ({ index, name: header ? first[index] : undefined });
  if (wanted.length === 0) {
    const preferred = header ? PROMPT_COLUMNS.map((c) => names.indexOf(c)).find((i) => i !== -1) : undefined;
    const index = preferred ?? Math.max(0, first.findIndex((f) => !/^\s*-?\d+\s*$/.test(f)));
    return { header, columns: [named(index)] };
  }
  const columns = wanted.map((w) => {
    const index = /^\d+$/.test(w) ? Number(w) - 1 : names.indexOf(w.toLowerCase());
    if (index < 0 || index >= first.length) {
      throw new LiteTextError('E_USAGE', `${file}:1: no column ${JSON.stringify(w)} (the first row has ${first.length}: ${first.slice(0, 8).map((f) => JSON.stringify(f)).join(', ')})`, '--column takes a header name or a 1-based index, comma-separated');
    }
    return named(index);
  });
  return { header, columns };
}

/** One declaration shared by csv and tsv (adapters may share a flag only this way). */
const DELIMITED_FLAGS = [
  { flags: '--column <name|index>', description: 'csv/tsv prompt column(s): header name or 1-based index, comma-separated (e.g. 2,3)' },
  { flags: '--no-quotes', description: 'csv/tsv without quote handling: split lines on the delimiter only (raw " in fields)' },
];

function delimited(name: 'csv' | 'tsv', delimiter: string, exts: string[]): Adapter<DelimitedOptions> {
  const format = name.toUpperCase();
  return {
    name,
    description: `${format}: one prompt per row from --column (default prompt/text/caption/sentence/name)`,
    options: DelimitedOptions,
    flags: DELIMITED_FLAGS,
    detect(sample: FileSample) {
      if (!exts.includes(sample.ext) || looksBinary(sample)) return null;
      return { confidence: 0.4, what: `${format} file (${sample.ext})` };
    },
    async *read(ctx: AdapterContext, options: DelimitedOptions): AsyncIterable<PromptDraft[]> {
      let choice: ColumnChoice | undefined;
      let width = 0;
      const dataset = fileStem(ctx.file);
      for await (const batch of rows(ctx, delimiter, options.quotes, format)) {
        const drafts: PromptDraft[] = [];
        for (const { line, fields } of batch) {
          if (choice === undefined) {
            choice = chooseColumns(fields, options.column, ctx.file);
            width = fields.length;
            if (choice.header) continue;
          }
          if (fields.length !== width) {
            const blank = fields.length === 1 && fields[0] === '';
            ctx.skip(blank ? 'blank line' : `ragged row: ${fields.length} field(s), expected ${width}`, `:${line}`);
            continue;
          }
          for (const { index, name: column } of choice.columns) {
            drafts.push({
              text: fields[index]!, dataset, kind: column === undefined ? 'free' : kindOfField(column.trim()),
              source: choice.columns.length > 1 ? { file: ctx.file, line, column: index + 1 } : { file: ctx.file, line },
              ...(choice.columns.length > 1 ? { meta: { column: column ?? index + 1 } } : {}),
            });
          }
        }
        if (drafts.length > 0) yield drafts;
      }
    },
  };
}

export const csv = delimited('csv', ',', ['.csv']);
export const tsv = delimited('tsv', '\t', ['.tsv', '.tab']);
