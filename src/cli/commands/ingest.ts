import { Command } from 'commander';
import { ingest } from '../../corpus/ingest.js';
import { formatSummary } from '../../corpus/summary.js';
import { openOutput, streamSink } from '../../util/atomic.js';
import { checkOutputFile } from '../../util/output-path.js';
import { LiteTextError } from '../../errors.js';
import { addIngestFlags, ingestOptionsFromFlags } from '../ingest-flags.js';
import type { CliCommand } from '../command.js';
import { counted } from '../../util/plural.js';

export const ingestCommand: CliCommand = {
  name: 'ingest',
  examples: [
    'lite-text ingest corpora/demo -o corpus.jsonl',
    'lite-text ingest corpora/demo/referring_expressions.jsonl --json -o corpus.jsonl',
    'lite-text ingest lvis_v1_val.json --adapter lvis --synonyms -o lvis.jsonl',
  ],
  register(program, io) {
    const cmd = new Command('ingest')
      .description('turn benchmark prompt files into one normalized corpus (JSON Lines of Prompt records, with provenance)')
      .argument('<inputs...>', 'files, folders (walked; each file detected) or globs')
      .option('-o, --out <file>', 'write the corpus here (atomically); stdout when omitted or -')
      .option('--json', 'print the summary as JSON on stdout instead of a table on stderr (needs -o FILE: stdout cannot hold both)', false);
    addIngestFlags(cmd);
    cmd.action(async (inputs: string[], opts: Record<string, unknown>) => {
      const { out, json, ...rest } = opts as { out?: string; json: boolean } & Record<string, unknown>;
      const file = out === '-' ? undefined : out;
      if (json && file === undefined) throw new LiteTextError('E_USAGE', `ingest --json${out === '-' ? ' -o -' : ''}: the summary and the corpus would both go to stdout`, 'write the corpus to a file with -o corpus.jsonl');
      if (file !== undefined) checkOutputFile(file);
      const run = ingest(inputs, ingestOptionsFromFlags(rest), io.logger);
      const sink = file === undefined ? streamSink(io.stdout, 'stdout') : openOutput(file);
      try {
        for await (const batch of run.batches) {
          let chunk = '';
          for (const prompt of batch) chunk += `${JSON.stringify(prompt)}\n`;
          await sink.write(chunk);
        }
        await sink.commit();
      } catch (error) {
        sink.abort();
        throw error;
      }
      if (json) io.stdout.write(`${JSON.stringify(run.summary.toJSON(), null, 2)}\n`);
      else io.logger.info(formatSummary(run.summary)); // LITE_TEXT_QUIET=1 hides it, as the `wrote` line
      if (file !== undefined) io.logger.info(`wrote ${counted(run.summary.prompts, 'prompt')} to ${file}`);
    });
    program.addCommand(cmd);
  },
};
