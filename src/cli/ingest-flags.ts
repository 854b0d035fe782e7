import { Option, type Command } from 'commander';
import { adapterFlags } from '../corpus/adapter-flags.js';
import { adapters } from '../corpus/adapters/index.js';
import type { IngestOptions } from '../corpus/ingest.js';

/** The ingest flags (shared by ingest, analyze, embed): the pipeline's own, then every adapter's. */
export function addIngestFlags(cmd: Command): Command {
  cmd
    .option('--adapter <name>', `force one adapter instead of detecting each file (${adapters.map((a) => a.name).join(', ')})`)
    .option('--dataset <name>', 'override the dataset name of every prompt')
    .option('--strict', 'turn skipped records (empty prompts, invalid UTF-8, unrecognised files in folders) into errors', false)
    .option('--keep-empty', 'keep empty and whitespace-only prompts instead of skipping them', false)
    .option('--allow-empty', 'accept a file, or a whole input set, that yields no prompt (else exit 2 with E_EMPTY_CORPUS)', false);
  for (const { flag, adapters: names, default: fallback } of adapterFlags(adapters)) {
    const option = new Option(flag.flags, `${flag.description} [${names.join(', ')}]`);
    if (fallback !== undefined) option.default(fallback);
    cmd.addOption(option);
  }
  return cmd;
}

/** Commander's parsed options → IngestOptions (adapter options keep commander's camelCase keys). */
export function ingestOptionsFromFlags(opts: Record<string, unknown>): IngestOptions {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(opts)) if (value !== undefined) out[key] = value;
  return out as IngestOptions;
}
