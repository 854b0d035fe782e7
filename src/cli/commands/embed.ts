import { Command, Option } from 'commander';
import { emptyInputsError } from '../../corpus/empty.js';
import { loadCorpus } from '../../corpus/ingest.js';
import { promptNames } from '../../corpus/label.js';
import { embed, embeddingCache, embeddingPaths, ENCODER_RUN_FLAGS, EncoderRunOptionsSchema, openEncoder, POOLINGS, sessionOptions, writeEmbeddings, type Pooling } from '../../encoder/index.js';
import { LiteTextError } from '../../errors.js';
import { loadTokenizer } from '../../tokenizer/index.js';
import { addIngestFlags, ingestOptionsFromFlags } from '../ingest-flags.js';
import { addOptionFlags, optionsFromFlags } from '../option-flags.js';
import { addTokenizerFlags } from '../tokenizer-flags.js';
import { checkOutputFile } from '../../util/output-path.js';
import type { CliCommand } from '../command.js';

interface EmbedFlags {
  encoder: string;
  pooling: Pooling;
  out: string;
  json: boolean;
  tokenizer?: string;
  contextLength?: number;
  [ingest: string]: unknown;
}

export const embedCommand: CliCommand = {
  name: 'embed',
  examples: [
    'lite-text embed corpora/demo --encoder sam3_text.onnx --out demo.npy',
    'lite-text embed corpus.jsonl --encoder student.onnx --out student.npy --pooling eot --json',
  ],
  register(program, io) {
    const cmd = new Command('embed')
      .description('run the SAM3 text encoder (or a LiteText student) over a corpus: float32 .npy embeddings + .index.jsonl (+ .offsets.npy)')
      .argument('<inputs...>', 'files, folders, globs or a corpus .jsonl written by `ingest`')
      .requiredOption('--encoder <model>', 'the ONNX text encoder (.onnx, with its .onnx.data beside it; or a transformers.js folder)')
      .requiredOption('--out <file.npy>', 'output .npy; FILE.index.jsonl (and FILE.offsets.npy for --pooling tokens) beside it')
      .addOption(new Option('--pooling <mode>', 'tokens: every valid token row; mean: their mean; eot: the end-of-text row').choices([...POOLINGS]).default('mean'))
      .option('--json', 'print what was embedded and written as JSON on stdout (the lines stay on stderr)', false);
    addTokenizerFlags(cmd, 'context the prompts are cut to when the encoder\'s sequence axis is dynamic (SAM3: 32)');
    addOptionFlags(cmd, EncoderRunOptionsSchema, ENCODER_RUN_FLAGS);
    addIngestFlags(cmd);
    cmd.action(async (inputs: string[], flags: EmbedFlags) => {
      const { encoder: model, pooling, out, json, tokenizer: spec, contextLength, encoderIo, output, threads, batchSize, device, cache, ...ingest } = flags;
      const run = EncoderRunOptionsSchema.parse(optionsFromFlags(ENCODER_RUN_FLAGS, { encoderIo, output, threads, batchSize, device, cache }));
      if (!out.endsWith('.npy')) throw new LiteTextError('E_USAGE', `--out ${out}: expected a .npy file name`, 'e.g. --out embeddings.npy');
      const paths = embeddingPaths(out);
      for (const path of pooling === 'tokens' ? [paths.npy, paths.offsets, paths.index] : [paths.npy, paths.index]) checkOutputFile(path);
      const tokenizer = await loadTokenizer(spec, contextLength === undefined ? {} : { contextLength });
      const { prompts, summary } = await loadCorpus(inputs, ingestOptionsFromFlags(ingest), io.logger);
      // --allow-empty lets an empty input set through ingest, but there is nothing to embed.
      if (prompts.length === 0) throw emptyInputsError(inputs, summary);
      const encoder = await openEncoder(model, sessionOptions(run, { logger: io.logger, contextLength: contextLength ?? tokenizer.contextLength }));
      try {
        const ids = tokenizer.encodeBatch(prompts.map((p) => p.text));
        const result = await embed(encoder, ids, { pooling, batchSize: run.batchSize, cache: embeddingCache(run, io.logger), progress: io.progress(), logger: io.logger, describe: promptNames(prompts, tokenizer) });
        const written = await writeEmbeddings(out, result, prompts);
        const s = result.stats;
        io.stderr.write(`embedded ${s.prompts} prompts (${s.unique} unique; ${s.cached} from cache, ${s.computed} computed) -> [${result.rows}, ${result.cols}] float32\n`);
        io.stderr.write(`wrote ${written.join(', ')}\n`);
        if (json) io.stdout.write(`${JSON.stringify({ prompts: s.prompts, unique: s.unique, cached: s.cached, computed: s.computed, rows: result.rows, cols: result.cols, dtype: 'float32', pooling, encoder: model, files: written }, null, 2)}\n`);
      } finally {
        await encoder.close();
      }
    });
    program.addCommand(cmd);
  },
};
