import { Option, type Command } from 'commander';
import type { Adapter } from '../corpus/adapter.js';
import { adapterFlags, type SharedAdapterFlag } from '../corpus/adapter-flags.js';
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
  return addAdapterFlags(cmd, adapters);
}

/**
 * The flags of these adapters (each once, with its default from their options schema); `describe`
 * may word one for a command whose reading differs (tokenize's --field default).
 */
export function addAdapterFlags(cmd: Command, list: ReadonlyArray<Adapter<any>>, describe: (flag: SharedAdapterFlag) => string = (f) => `${f.flag.description} [${f.adapters.join(', ')}]`): Command {
  for (const shared of adapterFlags(list)) {
    const option = new Option(shared.flag.flags, describe(shared));
    if (shared.default !== undefined) option.default(shared.default);
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
