import { Command, Option } from 'commander';
import { ARCH_NAMES, formatAnatomy, inspectArch, positionalHeatmapSvg, type CorpusUsage } from '../../analyzers/encoder-anatomy/index.js';
import { loadCorpus, type IngestOptions } from '../../corpus/ingest.js';
import { LiteTextError } from '../../errors.js';
import { loadTokenizer } from '../../tokenizer/index.js';
import { writeOutputs } from '../../util/atomic.js';
import { checkOutputFile } from '../../util/output-path.js';
import { addIngestFlags, ingestOptionsFromFlags } from '../ingest-flags.js';
import type { CliCommand } from '../command.js';

interface InspectFlags {
  arch?: string;
  corpus?: string;
  json: boolean;
  svg?: string;
  tokenizer?: string;
  /** The ingest flags, for --corpus. */
  [ingest: string]: unknown;
}

async function corpusUsage(path: string, spec: string | undefined, ingest: IngestOptions, logger: Parameters<typeof loadCorpus>[2]): Promise<CorpusUsage> {
  const tokenizer = await loadTokenizer(spec);
  const { prompts } = await loadCorpus([path], ingest, logger);
  const usedIds = new Set<number>();
  for (const ids of tokenizer.encodeBatch(prompts.map((p) => p.text))) for (const id of ids) usedIds.add(id);
  return { prompts: prompts.length, usedIds };
}

export const inspectEncoderCommand: CliCommand = {
  name: 'inspect-encoder',
  examples: [
    'lite-text inspect-encoder --arch sam3',
    'lite-text inspect-encoder --arch litetext-s0 --corpus corpora/demo --json',
    'lite-text inspect-encoder sam3_text.onnx --svg positional.svg',
  ],
  register(program, io) {
    const cmd = new Command('inspect-encoder')
      .description('where an ONNX text encoder\'s parameters and memory go: by component and layer, positional-embedding redundancy, unused vocabulary rows')
      .argument('[model]', 'the ONNX text encoder (.onnx with its .onnx.data, or a transformers.js folder)')
      .addOption(new Option('--arch <name>', 'a built-in architecture instead of a model file (no weights)').choices(ARCH_NAMES))
      .option('--corpus <file>', 'a corpus (.jsonl from `ingest`, or anything ingest reads): count the embedding rows it never uses')
      .option('--tokenizer <spec>', 'tokenizer for --corpus: sam3 (default), a merges file or a tokenizer.json')
      .option('--svg <file>', 'write the positional cosine-similarity heatmap here')
      .option('--json', 'print the report section as JSON', false);
    // --corpus is read as `ingest` reads its inputs, with the same flags.
    addIngestFlags(cmd);
    cmd.action(async (model: string | undefined, flags: InspectFlags) => {
      const { arch, corpus, json, svg, tokenizer, ...ingest } = flags;
      if ((model === undefined) === (arch === undefined)) {
        throw new LiteTextError('E_USAGE', model === undefined ? 'inspect-encoder: give a MODEL or --arch NAME' : 'inspect-encoder: give a MODEL or --arch NAME, not both', `built-in architectures: ${ARCH_NAMES.join(', ')}`);
      }
      if (svg !== undefined) checkOutputFile(svg);
      const usage = corpus === undefined ? undefined : await corpusUsage(corpus, tokenizer, ingestOptionsFromFlags(ingest), io.logger);
      const section = model !== undefined ? (await import('../../analyzers/encoder-anatomy/inspect.js')).inspectOnnx(model, usage) : inspectArch(arch!, usage);
      if (svg !== undefined) {
        if (!section.positional) throw new LiteTextError('E_USAGE', `--svg ${svg}: no positional embedding to draw${model === undefined ? ' (--arch has no weights)' : ''}`, 'drop --svg');
        await writeOutputs([[svg, await positionalHeatmapSvg(section.positional)]]);
      }
      io.stdout.write(json ? `${JSON.stringify(section, null, 2)}\n` : `${formatAnatomy(section, svg)}\n`);
    });
    program.addCommand(cmd);
  },
};
