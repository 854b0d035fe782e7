import { Command } from 'commander';
import { csv, tsv } from '../../corpus/adapters/csv.js';
import { findAdapter } from '../../corpus/adapters/index.js';
import { jsonl } from '../../corpus/adapters/jsonl.js';
import { LiteTextError } from '../../errors.js';
import { createRecordFormatter, PROMPT_INPUT_FORMATS, readPromptBatches, type PromptInputFormat } from '../../tokenize.js';
import { createTokenizer } from '../../tokenizer/index.js';
import { streamSink } from '../../util/atomic.js';
import { closest } from '../suggest.js';
import { addAdapterFlags } from '../ingest-flags.js';
import { addTokenizerFlags } from '../tokenizer-flags.js';
import type { CliCommand } from '../command.js';

interface TokenizeFlags {
  input?: string;
  inputFormat: PromptInputFormat;
  field?: string;
  column?: string;
  quotes: boolean;
  tokenizer: string;
  contextLength?: number;
  decode: boolean;
  allowEmpty: boolean;
}

/** tokenize reads what streams line by line; a structured format goes through ingest first (its corpus is JSON Lines with "text"). */
function inputFormat(value: string): PromptInputFormat {
  if ((PROMPT_INPUT_FORMATS as readonly string[]).includes(value)) return value as PromptInputFormat;
  if (findAdapter(value)) {
    throw new LiteTextError('E_USAGE', `--input-format ${value}: tokenize reads text, jsonl, csv or tsv input only`, `turn it into prompts first: lite-text ingest FILE --adapter ${value} | lite-text tokenize --input -`);
  }
  const like = closest(value, PROMPT_INPUT_FORMATS);
  throw new LiteTextError('E_USAGE', `--input-format: ${JSON.stringify(value)} is not one of ${PROMPT_INPUT_FORMATS.join(', ')}`, like ? `did you mean ${like}?` : `choose one of ${PROMPT_INPUT_FORMATS.join(', ')}`);
}

export const tokenizeCommand: CliCommand = {
  name: 'tokenize',
  examples: [
    'lite-text tokenize "a photo of a cat" "red car" --decode',
    'lite-text tokenize --input corpora/demo/referring_expressions.jsonl --context-length 77',
    'lite-text tokenize --input prompts.tsv --column prompt',
  ],
  register(program, io) {
    const cmd = new Command('tokenize')
      .description("token ids of prompts with SAM3's tokenizer (or another): one JSON object per prompt per line")
      .argument('[text...]', 'prompts to tokenize (each argument is one prompt)')
      .option('--input <file>', 'a text file (one prompt per line), JSON Lines, CSV or TSV; - for stdin')
      .option('--input-format <format>', `how to read --input: ${PROMPT_INPUT_FORMATS.join(', ')} (auto: by extension, jsonl when it starts with {, else text)`, inputFormat, 'auto')
      .option('--decode', 'add "decoded": the text of the ids', false)
      .option('--allow-empty', 'accept an --input file that yields no prompt (else exit 2 with E_EMPTY_CORPUS)', false);
    // ingest's own flags for these adapters, read the same way (jsonl's field defaults to "text" here).
    addAdapterFlags(cmd, [jsonl, csv, tsv], (f) => (f.key === 'field' ? 'jsonl prompt field of each record: a name or an RFC 6901 pointer, comma-separated fallbacks (default text)' : f.flag.description));
    addTokenizerFlags(cmd, "length of input_ids (default: the tokenizer's, SAM3: 32)");
    cmd.action(async (texts: string[], flags: TokenizeFlags) => {
        if (texts.length === 0 && flags.input === undefined) throw new LiteTextError('E_USAGE', 'tokenize: no prompts given', 'pass prompts as arguments or --input FILE');
        const reading = { field: flags.field, column: flags.column, quotes: flags.quotes };
        if (flags.input === undefined) {
          const given = Object.entries({ '--field': flags.field !== undefined, '--column': flags.column !== undefined, '--no-quotes': !flags.quotes, '--input-format': flags.inputFormat !== 'auto' }).find(([, set]) => set);
          if (given) throw new LiteTextError('E_USAGE', `tokenize: ${given[0]} reads --input, and there is none`, 'pass --input FILE, or drop it');
        }
        const tokenizer = await createTokenizer(flags.tokenizer, flags.contextLength === undefined ? {} : { contextLength: flags.contextLength });
        const format = createRecordFormatter(tokenizer, { decode: flags.decode });
        // Streamed: one chunk of input (64 KiB) is read, checked, tokenized and written at a time, and
        // a full stdout pauses the reading (docs/tokenizer.md, "Streaming"). The arguments' records go
        // out with the first chunk, so an error in it leaves stdout empty.
        const sink = streamSink(io.stdout, 'stdout');
        let pending: Uint8Array | undefined = format(texts);
        if (flags.input !== undefined) {
          for await (const batch of readPromptBatches(flags.input, flags.inputFormat, { allowEmpty: flags.allowEmpty, ...reading })) {
            const out = format(batch);
            if (pending) await sink.write(pending);
            pending = undefined;
            await sink.write(out);
          }
        }
        if (pending) await sink.write(pending);
      });
    program.addCommand(cmd);
  },
};
