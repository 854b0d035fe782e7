import { Command } from 'commander';
import { pruneEncoder } from '../../prune/index.js';
import { CONVENTION_NAMES } from '../../encoder/conventions.js';
import { addIngestFlags, ingestOptionsFromFlags } from '../ingest-flags.js';
import { positiveInt } from '../parse.js';
import type { CliCommand } from '../command.js';

interface PruneFlags {
  out: string;
  contextLength?: number;
  json: boolean;
  tokenizer?: string;
  encoderIo?: string;
  output?: string;
  [ingest: string]: unknown;
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(2)} MiB`;

export const pruneEncoderCommand: CliCommand = {
  name: 'prune-encoder',
  examples: [
    'lite-text prune-encoder sam3_text.onnx prompts.txt --out pruned.onnx',
    'lite-text prune-encoder sam3_text.onnx corpus.jsonl --out pruned.onnx --context-length 16 --json',
  ],
  register(program, io) {
    const cmd = new Command('prune-encoder')
      .description('write a smaller ONNX encoder for a corpus: the token table keeps the rows the prompts use (ids remapped inside the graph), --context-length keeps the first L positions')
      .argument('<model>', 'the ONNX text encoder (.onnx, with its .onnx.data beside it; or a transformers.js folder)')
      .argument('[inputs...]', 'the prompts the pruned encoder will embed: files, folders, globs or a corpus .jsonl')
      .requiredOption('--out <file.onnx>', 'the pruned model (FILE.onnx.data beside it when the source has external data)')
      .option('--context-length <L>', 'keep the first L positional rows: prompts are cut to L tokens', positiveInt)
      .option('--tokenizer <spec>', 'sam3 (default), a bpe_simple_vocab_16e6.txt[.gz] merges file, or a tokenizer.json')
      .option('--encoder-io <name>', `force an I/O convention instead of detecting it (${CONVENTION_NAMES.join(', ')})`)
      .option('--output <name>', 'the output tensor verification compares (default: the convention\'s)')
      .option('--json', 'print rowsBefore, rowsKept, contextLength, bytesBefore, bytesAfter as JSON', false);
    addIngestFlags(cmd);
    cmd.action(async (model: string, inputs: string[], flags: PruneFlags) => {
      const { out, contextLength, json, tokenizer, encoderIo, output, ...ingest } = flags;
      const r = await pruneEncoder({ model, inputs, ingest: ingestOptionsFromFlags(ingest), out, contextLength, tokenizer, convention: encoderIo, output, logger: io.logger });
      const summary = { rowsBefore: r.rowsBefore, rowsKept: r.rowsKept, contextLength: r.contextLength, bytesBefore: r.bytesBefore, bytesAfter: r.bytesAfter };
      if (json) io.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
      const lines = [
        `pruned ${model}: token rows ${r.rowsBefore} -> ${r.rowsKept}, context ${r.contextLength}; ${mib(r.bytesBefore)} -> ${mib(r.bytesAfter)} (${((100 * r.bytesAfter) / r.bytesBefore).toFixed(1)} %)`,
        `wrote ${r.files.join(', ')}`,
      ];
      (json ? io.stderr : io.stdout).write(`${lines.join('\n')}\n`);
    });
    program.addCommand(cmd);
  },
};
