import { Command } from 'commander';
import { join } from 'node:path';
import { analyze } from '../../analyze.js';
import { analyzers, type Registry } from '../../analyzers/index.js';
import { skippedLines } from '../../report/skipped.js';
import { parseFormats, writeReport } from '../../report/write.js';
import { addAnalyzeFlags, analyzeOptionsFromFlags } from '../analyze-flags.js';
import { checkOutputDir } from '../../util/output-path.js';
import type { CliCommand } from '../command.js';
import { counted } from '../../util/plural.js';

export const analyzeCommand: CliCommand = {
  name: 'analyze',
  examples: [
    'lite-text analyze',
    'lite-text analyze corpora/demo --context-lengths 8,16,32 --out reports/demo --json',
    'lite-text analyze corpus.jsonl --encoder sam3_text.onnx --threads 4',
  ],
  register(program, io) {
    const cmd = new Command('analyze')
      .description('context-window and vocabulary anatomy of a prompt corpus: report.json, report.md and SVG charts (no input: the bundled demo corpus)')
      .argument('[inputs...]', 'files, folders, globs or a corpus .jsonl written by `ingest`')
      .option('--out <dir>', 'output folder (default reports/<name>/)')
      .option('--format <list>', 'outputs to write: json,md,svg', 'json,md,svg')
      .option('--json', 'print the report (report.json\'s content) on stdout; the summary lines go to stderr', false);
    addAnalyzeFlags(cmd);
    cmd.action(async (inputs: string[], flags: Record<string, unknown>) => {
      const formats = parseFormats(String(flags['format']));
      // Before any compute: the folder (default reports/<name>; the name is known only after reading: check reports/).
      checkOutputDir(typeof flags['out'] === 'string' ? flags['out'] : join('reports', typeof flags['name'] === 'string' ? flags['name'] : ''));
      const report = await analyze(analyzeOptionsFromFlags(inputs, flags), { logger: io.logger, progress: io.progress() });
      const dir = typeof flags['out'] === 'string' ? flags['out'] : join('reports', report.name);
      const written = await writeReport(report, dir, formats);
      const lines = [`analyzed ${counted(report.corpus.prompts, 'prompt')} (${report.corpus.uniquePrompts} unique) from ${counted(report.inputs.files.length || report.inputs.paths.length, 'file')}`, ...skippedLines(report.inputs.skipped)];
      const sections = report as unknown as Record<string, unknown>;
      for (const a of analyzers as Registry) if (sections[a.section] !== undefined && a.summary) lines.push(...a.summary(sections[a.section], report));
      lines.push(`wrote ${written.join(', ')}`);
      if (flags['json'] === true) io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      (flags['json'] === true ? io.stderr : io.stdout).write(`${lines.join('\n')}\n`);
    });
    program.addCommand(cmd);
  },
};
