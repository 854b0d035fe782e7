import { Command, Option } from 'commander';
import { join } from 'node:path';
import { analyze } from '../../analyze.js';
import { analyzers } from '../../analyzers/index.js';
import { LiteTextError } from '../../errors.js';
import { parseFormats, writeReport } from '../../report/write.js';
import { addIngestFlags, ingestOptionsFromFlags } from '../ingest-flags.js';
import { ARCH_NAMES } from '../../analyzers/encoder-anatomy/index.js';
import { addEncoderFlags, type EncoderFlags } from '../encoder-flags.js';
import { intList, nonNegativeInt, positiveInt } from '../parse.js';
import { addTokenizerFlags } from '../tokenizer-flags.js';
import type { CliCommand } from '../command.js';

interface AnalyzeFlags extends EncoderFlags {
  encoder?: string;
  arch?: string;
  idSample: number;
  seed: number;
  bootstrap: number;
  tokenizer?: string;
  contextLength?: number;
  contextLengths: number[];
  dedupe: string;
  out?: string;
  format: string;
  name?: string;
  width: number;
  byFile: boolean;
  analyzers?: string;
  [ingest: string]: unknown;
}

export const analyzeCommand: CliCommand = {
  name: 'analyze',
  register(program, io) {
    const cmd = new Command('analyze')
      .description('context-window and vocabulary anatomy of a prompt corpus: report.json, report.md and SVG charts (no input: the bundled demo corpus)')
      .argument('[inputs...]', 'files, folders, globs or a corpus .jsonl written by `ingest`')
      .option('--context-lengths <list>', 'window lengths L to evaluate', intList, [8, 16, 32, 77])
      .option('--dedupe <mode>', 'none | exact | normalized (NFKC, lower case, collapsed whitespace)', 'none')
      .option('--out <dir>', 'output folder (default reports/<name>/)')
      .option('--format <list>', 'outputs to write: json,md,svg', 'json,md,svg')
      .option('--name <name>', 'report name (default: the first input\'s stem, or "demo")')
      .option('--width <n>', 'token-embedding width W for the prunable-rows estimate (SAM3: 1024)', positiveInt, 1024)
      .option('--by-file', 'also break context and vocabulary down per source file', false)
      .option('--analyzers <list>', `analyzers to run (${analyzers.map((a) => a.name).join(', ')}; default: all that apply)`)
      .option('--encoder <model>', 'an ONNX text encoder: adds the encoder-anatomy and intrinsic-dim analyzers')
      .addOption(new Option('--arch <name>', 'a built-in architecture for encoder-anatomy without weights').choices([...ARCH_NAMES]))
      .option('--id-sample <n>', 'intrinsic dimension: at most N points per cloud, stratified by dataset', positiveInt, 20_000)
      .option('--seed <n>', 'seed of the intrinsic-dimension sample and bootstrap', nonNegativeInt, 0)
      .option('--bootstrap <n>', 'bootstrap resamples for the TwoNN and MLE 95 % intervals', nonNegativeInt, 10);
    addTokenizerFlags(cmd);
    addEncoderFlags(cmd);
    addIngestFlags(cmd);
    cmd.action(async (inputs: string[], flags: AnalyzeFlags) => {
      const { tokenizer, contextLength, contextLengths, dedupe, out, format, name, width, byFile, analyzers: names, encoder, arch, idSample, seed, bootstrap, encoderIo, output, threads, batchSize, device, cache, ...ingest } = flags;
      if (!['none', 'exact', 'normalized'].includes(dedupe)) throw new LiteTextError('E_USAGE', `--dedupe ${dedupe}: expected none, exact or normalized`);
      const formats = parseFormats(format);
      const report = await analyze(
        {
          inputs,
          ingest: ingestOptionsFromFlags(ingest),
          ...(tokenizer === undefined ? {} : { tokenizer }),
          ...(contextLength === undefined ? {} : { contextLength }),
          contextLengths,
          dedupe: dedupe as 'none',
          width,
          byFile,
          ...(names === undefined ? {} : { analyzers: names.split(',').map((s) => s.trim()).filter(Boolean) }),
          ...(name === undefined ? {} : { name }),
          ...(encoder === undefined ? {} : { encoder }),
          ...(arch === undefined ? {} : { arch }),
          idSample,
          seed,
          bootstrap,
          encoderOptions: { encoderIo, output, threads, batchSize, device, cache },
        },
        { logger: io.logger, progress: io.progress() },
      );
      const dir = out ?? join('reports', report.name);
      const written = await writeReport(report, dir, formats);
      const lines = [`analyzed ${report.corpus.prompts} prompts (${report.corpus.uniquePrompts} unique) from ${report.inputs.files.length || report.inputs.paths.length} file(s)`];
      if (report.context) {
        const w32 = report.context.windows.find((w) => w.length === report.tokenizer.contextLength) ?? report.context.windows[0];
        lines.push(`tokens per prompt: mean ${report.context.lengths.mean.toFixed(2)}, p95 ${report.context.lengths.p95}, max ${report.context.lengths.max}`);
        if (w32) lines.push(`context ${w32.length}: density ${(w32.density * 100).toFixed(1)} %, padding waste ${(w32.paddingWaste * 100).toFixed(1)} %, truncated ${(w32.truncationRate * 100).toFixed(2)} %`);
      }
      if (report.vocabulary) lines.push(`vocabulary: ${report.vocabulary.usedTokens} of ${report.tokenizer.vocabSize} ids used (${(report.vocabulary.usedFraction * 100).toFixed(2)} %)`);
      lines.push(`wrote ${written.join(', ')}`);
      io.stdout.write(`${lines.join('\n')}\n`);
    });
    program.addCommand(cmd);
  },
};
