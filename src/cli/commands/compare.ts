import { Command, Option } from 'commander';
import { compare } from '../../compare/index.js';
import { writeAgreement } from '../../compare/write.js';
import { checkOutputDir } from '../../util/output-path.js';
import { ENCODER_RUN_FLAGS, EncoderRunOptionsSchema } from '../../encoder/options.js';
import { addIngestFlags, ingestOptionsFromFlags } from '../ingest-flags.js';
import { addOptionFlags, optionsFromFlags } from '../option-flags.js';
import { positiveInt } from '../parse.js';
import { addTokenizerFlags } from '../tokenizer-flags.js';
import type { CliCommand } from '../command.js';
import { counted } from '../../util/plural.js';

interface CompareFlags {
  pooling: 'mean' | 'eot';
  k: number;
  out?: string;
  json: boolean;
  intersect: boolean;
  tokenizer?: string;
  contextLength?: number;
  [rest: string]: unknown;
}

export const compareCommand: CliCommand = {
  name: 'compare',
  examples: [
    'lite-text compare sam3_text.onnx student.onnx corpora/demo --out agreement/',
    'lite-text compare teacher.npy student.npy --json > agreement.json',
  ],
  register(program, io) {
    const cmd = new Command('compare')
      .description('agreement of two text encoders (or their embed .npy files) on your prompts: cosine, linear CKA, kNN overlap')
      .argument('<a>', 'an ONNX text encoder, or an embedding .npy written by `embed` (with its .index.jsonl)')
      .argument('<b>', 'the other encoder or .npy')
      .argument('[inputs...]', 'prompts to embed when A or B is an encoder: files, folders, globs or a corpus .jsonl')
      .addOption(new Option('--pooling <mode>', 'how an encoder\'s per-token rows are pooled').choices(['mean', 'eot']).default('mean'))
      .option('--k <n>', 'neighbours per prompt for the kNN overlap', positiveInt, 10)
      .option('--out <dir>', 'write agreement.json, agreement.md and the charts to this folder')
      .option('--json', 'print agreement.json on stdout', false)
      .option('--intersect', 'compare the prompt ids both sides share instead of refusing different sets', false);
    addTokenizerFlags(cmd, 'context the prompts are cut to when an encoder\'s sequence axis is dynamic (SAM3: 32)');
    addOptionFlags(cmd, EncoderRunOptionsSchema, ENCODER_RUN_FLAGS);
    addIngestFlags(cmd);
    cmd.action(async (a: string, b: string, inputs: string[], flags: CompareFlags) => {
      const { pooling, k, out, json, intersect, tokenizer, contextLength, encoderIo, output, threads, batchSize, device, cache, ...ingest } = flags;
      // Before any compute: the output folder.
      if (out !== undefined) checkOutputDir(out);
      const run = EncoderRunOptionsSchema.parse(optionsFromFlags(ENCODER_RUN_FLAGS, { encoderIo, output, threads, batchSize, device, cache }));
      const report = await compare({ a, b, inputs, ingest: ingestOptionsFromFlags(ingest), tokenizer, contextLength, run, pooling, k, intersect, logger: io.logger, progress: io.progress() });
      const written = out === undefined ? [] : await writeAgreement(report, out);
      if (json) io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      const s = report.agreement;
      const lines = [`compared ${counted(s.all.prompts, 'prompt')}: ${s.all.cosine ? `cosine mean ${s.all.cosine.mean.toFixed(4)}, p5 ${s.all.cosine.p5.toFixed(4)}; ` : `widths ${s.a.width} and ${s.b.width} (no cosine); `}linear CKA ${s.all.cka.linear?.toFixed(4) ?? '–'}; kNN overlap@${k} ${s.all.knnOverlap.mean.toFixed(4)}`];
      if (written.length > 0) lines.push(`wrote ${written.join(', ')}`);
      (json ? io.stderr : io.stdout).write(`${lines.join('\n')}\n`);
    });
    program.addCommand(cmd);
  },
};
