import { Command, Option } from 'commander';
import { LiteTextError } from '../../errors.js';
import { createRecordFormatter, readPromptBatches, type PromptInputFormat } from '../../tokenize.js';
import { createTokenizer } from '../../tokenizer/index.js';
import { streamSink } from '../../util/atomic.js';
import { addTokenizerFlags } from '../tokenizer-flags.js';
import type { CliCommand } from '../command.js';

interface TokenizeFlags {
  input?: string;
  inputFormat: PromptInputFormat;
  tokenizer: string;
  contextLength?: number;
  decode: boolean;
  allowEmpty: boolean;
}

export const tokenizeCommand: CliCommand = {
  name: 'tokenize',
  examples: [
    'lite-text tokenize "a photo of a cat" "red car" --decode',
    'lite-text tokenize --input corpora/demo/referring_expressions.jsonl --context-length 77',
  ],
  register(program, io) {
    const cmd = new Command('tokenize')
      .description("token ids of prompts with SAM3's tokenizer (or another): one JSON object per prompt per line")
      .argument('[text...]', 'prompts to tokenize (each argument is one prompt)')
      .option('--input <file>', 'a text file (one prompt per line) or JSON Lines with a "text" field; - for stdin')
      .addOption(new Option('--input-format <format>', 'how to read --input').choices(['auto', 'text', 'jsonl']).default('auto'))
      .option('--decode', 'add "decoded": the text of the ids', false)
      .option('--allow-empty', 'accept an --input file that yields no prompt (else exit 2 with E_EMPTY_CORPUS)', false);
    addTokenizerFlags(cmd, "length of input_ids (default: the tokenizer's, SAM3: 32)");
    cmd.action(async (texts: string[], flags: TokenizeFlags) => {
        if (texts.length === 0 && flags.input === undefined) throw new LiteTextError('E_USAGE', 'tokenize: no prompts given', 'pass prompts as arguments or --input FILE');
        const tokenizer = await createTokenizer(flags.tokenizer, flags.contextLength === undefined ? {} : { contextLength: flags.contextLength });
        const format = createRecordFormatter(tokenizer, { decode: flags.decode });
        // Streamed: one chunk of input (≤ 1 MiB) is read, checked, tokenized and written at a time, and
        // a full stdout pauses the reading (docs/tokenizer.md, "Streaming"). The arguments' records go
        // out with the first chunk, so an error in it leaves stdout empty.
        const sink = streamSink(io.stdout, 'stdout');
        let pending: Uint8Array | undefined = format(texts);
        if (flags.input !== undefined) {
          for await (const batch of readPromptBatches(flags.input, flags.inputFormat, { allowEmpty: flags.allowEmpty })) {
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
