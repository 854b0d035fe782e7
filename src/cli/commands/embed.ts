import { Command, Option } from 'commander';
import { emptyInputsError } from '../../corpus/empty.js';
import { loadCorpus } from '../../corpus/ingest.js';
import { promptNames } from '../../corpus/label.js';
import { embed, embeddingCache, embeddingPaths, ENCODER_RUN_FLAGS, EncoderRunOptionsSchema, identityOf, indexText, openEncoder, POOLINGS, sessionOptions, sha256, writeEmbeddings, type Pooling, type ShardInfo } from '../../encoder/index.js';
import { LiteTextError } from '../../errors.js';
import { loadTokenizer } from '../../tokenizer/index.js';
import { addIngestFlags, ingestOptionsFromFlags } from '../ingest-flags.js';
import { addOptionFlags, optionsFromFlags } from '../option-flags.js';
import { addTokenizerFlags } from '../tokenizer-flags.js';
import { checkOutputFile } from '../../util/output-path.js';
import { parseShard, shardRange, type Shard } from '../../util/shard.js';
import type { CliCommand } from '../command.js';
import { counted } from '../../util/plural.js';

interface EmbedFlags {
  encoder: string;
  pooling: Pooling;
  out: string;
  json: boolean;
  tokenizer?: string;
  contextLength?: number;
  shard?: Shard;
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
      .option('--json', 'print what was embedded and written as JSON on stdout (the lines stay on stderr)', false)
      .option('--shard <K/N>', 'embed only shard K of N (contiguous ranges of the corpus order; FILE.shard.json beside): `lite-text merge` joins them', (v: string) => parseShard(v));
    addTokenizerFlags(cmd, 'context the prompts are cut to when the encoder\'s sequence axis is dynamic (SAM3: 32)');
    addOptionFlags(cmd, EncoderRunOptionsSchema, ENCODER_RUN_FLAGS);
    addIngestFlags(cmd);
    cmd.action(async (inputs: string[], flags: EmbedFlags) => {
      const { encoder: model, pooling, out, json, tokenizer: spec, contextLength, shard, encoderIo, output, threads, batchSize, device, cache, ...ingest } = flags;
      const run = EncoderRunOptionsSchema.parse(optionsFromFlags(ENCODER_RUN_FLAGS, { encoderIo, output, threads, batchSize, device, cache }));
      if (!out.endsWith('.npy')) throw new LiteTextError('E_USAGE', `--out ${out}: expected a .npy file name`, 'e.g. --out embeddings.npy');
      const paths = embeddingPaths(out);
      for (const path of [paths.npy, ...(pooling === 'tokens' ? [paths.offsets] : []), paths.index, ...(shard ? [paths.shard] : [])]) checkOutputFile(path);
      const tokenizer = await loadTokenizer(spec, contextLength === undefined ? {} : { contextLength });
      const { prompts: corpus, summary } = await loadCorpus(inputs, ingestOptionsFromFlags(ingest), io.logger);
      // --allow-empty lets an empty input set through ingest, but there is nothing to embed.
      if (corpus.length === 0) throw emptyInputsError(inputs, summary);
      const range = shard ? shardRange(corpus.length, shard) : { first: 0, end: corpus.length };
      if (shard && range.end === range.first) throw new LiteTextError('E_USAGE', `--shard ${shard.k}/${shard.n}: no prompts in this shard (the corpus has ${corpus.length})`, `use at most ${corpus.length} shards`);
      const prompts = corpus.slice(range.first, range.end);
      const encoder = await openEncoder(model, sessionOptions(run, { logger: io.logger, contextLength: contextLength ?? tokenizer.contextLength }));
      try {
        const ids = tokenizer.encodeBatch(prompts.map((p) => p.text));
        const result = await embed(encoder, ids, { pooling, batchSize: run.batchSize, cache: embeddingCache(run, io.logger), progress: io.progress(), logger: io.logger, describe: promptNames(prompts, tokenizer) });
        const place: ShardInfo | undefined = shard && {
          shard, first: range.first,
          corpus: { prompts: corpus.length, fingerprint: sha256([indexText(corpus)]) },
          identity: identityOf(encoder, tokenizer.hash, pooling),
        };
        const written = await writeEmbeddings(out, result, prompts, place);
        const s = result.stats;
        const part = shard ? ` (shard ${shard.k}/${shard.n}: prompts ${range.first + 1}..${range.end} of ${corpus.length})` : '';
        io.stderr.write(`embedded ${counted(s.prompts, 'prompt')}${part} (${s.unique} unique; ${s.cached} from cache, ${s.computed} computed) -> [${result.rows}, ${result.cols}] float32\n`);
        io.logger.info(`wrote ${written.join(', ')}`);
        if (json) io.stdout.write(`${JSON.stringify({ prompts: s.prompts, unique: s.unique, cached: s.cached, computed: s.computed, rows: result.rows, cols: result.cols, dtype: 'float32', pooling, encoder: model, files: written }, null, 2)}\n`);
      } finally {
        await encoder.close();
      }
    });
    program.addCommand(cmd);
  },
};
