import { Command } from 'commander';
import { ingest } from '../../corpus/ingest.js';
import { formatSummary } from '../../corpus/summary.js';
import { openOutput, streamSink } from '../../util/atomic.js';
import { checkOutputFile } from '../../util/output-path.js';
import { addIngestFlags, ingestOptionsFromFlags } from '../ingest-flags.js';
import type { CliCommand } from '../command.js';

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
      .option('-o, --out <file>', 'write the corpus here (atomically); stdout when omitted')
      .option('--json', 'print the summary as JSON on stderr instead of a table', false);
    addIngestFlags(cmd);
    cmd.action(async (inputs: string[], opts: Record<string, unknown>) => {
      const { out, json, ...rest } = opts as { out?: string; json: boolean } & Record<string, unknown>;
      if (out !== undefined) checkOutputFile(out);
      const run = ingest(inputs, ingestOptionsFromFlags(rest), io.logger);
      const sink = out === undefined ? streamSink(io.stdout, 'stdout') : openOutput(out);
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
      io.stderr.write(json ? `${JSON.stringify(run.summary.toJSON(), null, 2)}\n` : `${formatSummary(run.summary)}\n`);
      if (out !== undefined && !json) io.stderr.write(`wrote ${run.summary.prompts} prompts to ${out}\n`);
    });
    program.addCommand(cmd);
  },
};
