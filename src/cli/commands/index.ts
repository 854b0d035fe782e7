import { hasFlag, numericFlag, type CommandEntry } from '../command.js';

// The registry, in the order `--help` lists them (the pipeline's order). Modules load on demand: a
// run of one command loads that command's code only (start-up matters for `id` and in CI loops).
export const commands: CommandEntry[] = [
  { name: 'ingest', load: async () => (await import('./ingest.js')).ingestCommand },
  { name: 'tokenize', load: async () => (await import('./tokenize.js')).tokenizeCommand },
  // An encoder gives embeddings, whose intrinsic dimension runs the exact kNN (default threads: --threads is the encoder's).
  { name: 'analyze', load: async () => (await import('./analyze.js')).analyzeCommand, needs: (argv) => (hasFlag(argv, '--encoder') || hasFlag(argv, '--embeddings') ? { knnWorkers: {} } : {}) },
  { name: 'embed', load: async () => (await import('./embed.js')).embedCommand },
  { name: 'merge', load: async () => (await import('./merge.js')).mergeCommand },
  { name: 'inspect-encoder', load: async () => (await import('./inspect-encoder.js')).inspectEncoderCommand },
  { name: 'id', load: async () => (await import('./id.js')).idCommand, needs: (argv) => (hasFlag(argv, '--merge') ? {} : { knnWorkers: { threads: numericFlag(argv, '--threads') } }) },
  { name: 'diff', load: async () => (await import('./diff.js')).diffCommand },
  { name: 'tables', load: async () => (await import('./tables.js')).tablesCommand },
];

/** The command a command line runs (its first argument that is not an option), if it names one. */
export function commandOf(argv: string[]): CommandEntry | undefined {
  const first = argv.slice(2).find((a) => !a.startsWith('-'));
  return commands.find((c) => c.name === first);
}
