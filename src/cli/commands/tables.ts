import { Command, InvalidArgumentError } from 'commander';
import { basename, extname, join } from 'node:path';
import { checkTables, generateTables, writeTables } from '../../tables.js';
import { checkOutputDir } from '../../util/output-path.js';
import type { CliCommand } from '../command.js';

interface TablesFlags {
  config: string;
  out?: string;
  check: boolean;
  json: boolean;
  embeddings: Record<string, string>;
}

/** `--embeddings NAME=FILE.npy`, repeatable: one file per ONNX encoder of the config. */
function encoderFile(value: string, previous: Record<string, string>): Record<string, string> {
  const at = value.indexOf('=');
  if (at <= 0 || at === value.length - 1) throw new InvalidArgumentError('expected NAME=FILE.npy (an ONNX encoder of the config and its embed --pooling tokens output)');
  return { ...previous, [value.slice(0, at)]: value.slice(at + 1) };
}

export const tablesCommand: CliCommand = {
  name: 'tables',
  examples: [
    'lite-text tables --config corpora/ci.yaml --out reports/ci',
    'lite-text tables --config corpora/ci.yaml --out reports/ci --check --json',
  ],
  register(program, io, setExit) {
    const cmd = new Command('tables')
      .description("regenerate the study's tables from a YAML config (one Markdown file per table + tables.json, byte-for-byte deterministic); --check compares with the files in --out (exit 1 with a unified diff when a number moved)")
      .requiredOption('--config <file>', 'tables config (YAML), e.g. corpora/ci.yaml or corpora/paper.yaml')
      .option('--out <dir>', 'output folder (default reports/<config file stem>)')
      .option('--check', 'regenerate in memory and compare with --out instead of writing', false)
      .option('--json', 'print what was written, or with --check what differs, as JSON on stdout', false)
      .option('--embeddings <name=file.npy>', 'table 5: take encoder NAME\'s points from files of `embed --pooling tokens` (or `merge` of its shards) instead of running it (repeatable)', encoderFile, {});
    cmd.action(async (flags: TablesFlags) => {
      const out = flags.out ?? join('reports', basename(flags.config, extname(flags.config)));
      if (!flags.check) checkOutputDir(out);
      const files = await generateTables(flags.config, io.logger, flags.embeddings);
      if (!flags.check) {
        const written = await writeTables(files, out);
        io.stdout.write(flags.json ? json({ config: flags.config, out, check: false, files: written }) : `wrote ${written.join(', ')}\n`);
        return;
      }
      const drift = checkTables(files, out);
      if (flags.json) io.stdout.write(json({ config: flags.config, out, check: true, files: [...files.keys()], drift }));
      if (drift.length === 0) {
        if (!flags.json) io.stdout.write(`tables up to date: ${[...files.keys()].length} file(s) in ${out} match ${flags.config}\n`);
        return;
      }
      if (!flags.json) io.stdout.write(drift.map((d) => d.diff).join(''));
      io.stderr.write(`lite-text: ${drift.length} table file(s) in ${out} differ from what ${flags.config} generates: ${drift.map((d) => d.file).join(', ')} (hint: if the change is intended, run lite-text tables --config ${flags.config} --out ${out} and commit the result)\n`);
      setExit(1);
    });
    program.addCommand(cmd);
  },
};

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
