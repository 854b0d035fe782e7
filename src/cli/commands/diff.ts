import { Command } from 'commander';
import { join } from 'node:path';
import { diffCharts, diffReports, loadReport, parseThreshold, renderDiffMarkdown, sectionNames, selectSections } from '../../diff/index.js';
import { nonNegativeNumber } from '../parse.js';
import { renderSvg } from '../../report/svg.js';
import { writeOutputs } from '../../util/atomic.js';
import { checkOutputDir } from '../../util/output-path.js';
import type { CliCommand } from '../command.js';

interface DiffFlags {
  json: boolean;
  failOn?: string[];
  charts?: string;
  tolerance: number;
  section?: string[];
}

// Repeatable flags, without a default: commander would print `(default: [])` in the help.
const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

export const diffCommand: CliCommand = {
  name: 'diff',
  examples: [
    'lite-text diff reports/sam3 reports/student',
    'lite-text diff a/report.json b/report.json --tolerance 1e-5 --section intrinsicDim',
    "lite-text diff reports/sam3 reports/student --fail-on 'intrinsicDim.mean.twoNN.0.1 > +10%' --json",
  ],
  register(program, io, setExit) {
    const cmd = new Command('diff')
      .description('compare two report.json files section by section: every number that differs (A, B, change), comparability warnings, encoder and intrinsic-dimension side by side; --fail-on thresholds for CI (exit 1 when breached)')
      .argument('<a>', 'report A (the baseline, e.g. SAM3): a report.json or the folder holding it')
      .argument('<b>', 'report B (e.g. a LiteText student, or a new export): a report.json or the folder holding it')
      .option('--json', 'print the diff as JSON instead of Markdown', false)
      .option('--fail-on <expr>', "threshold, repeatable: 'PATH OP VALUE' (OP >, <, >=, <=; VALUE a signed change like +0.001 or a relative one like +10%) or 'PATH changed'", collect)
      .option('--charts <dir>', 'write overlay charts (token-length histograms, PCA spectra) as SVG into this folder')
      .option('--tolerance <rel>', 'numbers whose relative difference |B − A| / max(|A|, |B|) is at most REL count as equal (0: exact), e.g. 1e-5 for two exports of the same weights', nonNegativeNumber, 0)
      .option('--section <name>', `compare only this report section, repeatable (${sectionNames().join(', ')}; an analyzer's name, e.g. intrinsic-dim, stands for its section)`, collect);
    cmd.action(async (fileA: string, fileB: string, flags: DiffFlags) => {
      // Parse every threshold before reading anything, so a typo fails fast with exit 2.
      const thresholds = (flags.failOn ?? []).map(parseThreshold);
      if (flags.charts !== undefined) checkOutputDir(flags.charts);
      const a = loadReport(fileA);
      const b = loadReport(fileB);
      const sections = flags.section === undefined ? undefined : selectSections(flags.section, [a, b]);
      const result = diffReports(a, b, { thresholds, tolerance: flags.tolerance, ...(sections ? { sections } : {}) });
      if (flags.charts !== undefined) {
        const charts: Array<[string, string]> = [];
        for (const chart of diffCharts(a, b, sections)) charts.push([join(flags.charts, chart.file), await renderSvg(chart.spec)]);
        for (const path of await writeOutputs(charts)) io.logger.info(`wrote ${path}`);
      }
      io.stdout.write(flags.json ? `${JSON.stringify(result, null, 2)}\n` : renderDiffMarkdown(result));
      for (const w of result.warnings) io.logger.warn(w);
      const breached = result.thresholds.filter((t) => t.breached);
      for (const t of breached) {
        const paths = t.matches.filter((m) => m.breached).map((m) => `${m.path}: ${JSON.stringify(m.a ?? null)} -> ${JSON.stringify(m.b ?? null)}`);
        io.stderr.write(`lite-text: threshold breached: ${t.expr} (${paths.join('; ')})\n`);
      }
      if (breached.length > 0) setExit(1);
    });
    program.addCommand(cmd);
  },
};
