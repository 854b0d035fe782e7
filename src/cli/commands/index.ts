import { hasFlag, numericFlag, stringFlag, type CommandEntry, type StartupNeeds } from '../command.js';

/** The exact kNN's worker threads, as many as --threads says (it counts every thread the command uses). */
const knnNeeds = (argv: string[]): StartupNeeds => ({ knnWorkers: { threads: numericFlag(argv, '--threads') } });

/**
 * analyze: the tokenize thread (unless --threads 1), and with an encoder (or precomputed embeddings),
 * whose intrinsic dimension runs the exact kNN, its worker threads.
 */
function analyzeNeeds(argv: string[]): StartupNeeds {
  const threads = numericFlag(argv, '--threads');
  return {
    ...(hasFlag(argv, '--encoder') || hasFlag(argv, '--embeddings') ? knnNeeds(argv) : {}),
    ...(threads === 1 ? {} : { tokenizeThread: { spec: stringFlag(argv, '--tokenizer') ?? 'sam3' } }),
  };
}

// The registry, in the order `--help` lists them (the pipeline's order). Modules load on demand: a
// run of one command loads that command's code only (start-up matters for `id` and in CI loops).
export const commands: CommandEntry[] = [
  { name: 'ingest', load: async () => (await import('./ingest.js')).ingestCommand },
  { name: 'tokenize', load: async () => (await import('./tokenize.js')).tokenizeCommand },
  // An encoder (or precomputed embeddings) gives embeddings, whose intrinsic dimension runs the exact kNN.
  { name: 'analyze', load: async () => (await import('./analyze.js')).analyzeCommand, needs: analyzeNeeds },
  { name: 'embed', load: async () => (await import('./embed.js')).embedCommand },
  { name: 'merge', load: async () => (await import('./merge.js')).mergeCommand },
  { name: 'inspect-encoder', load: async () => (await import('./inspect-encoder.js')).inspectEncoderCommand },
  { name: 'id', load: async () => (await import('./id.js')).idCommand, needs: (argv) => (hasFlag(argv, '--merge') ? {} : knnNeeds(argv)) },
  { name: 'compare', load: async () => (await import('./compare.js')).compareCommand, needs: knnNeeds },
  { name: 'plan', load: async () => (await import('./plan.js')).planCommand },
  { name: 'prune-encoder', load: async () => (await import('./prune-encoder.js')).pruneEncoderCommand },
  { name: 'diff', load: async () => (await import('./diff.js')).diffCommand },
  { name: 'tables', load: async () => (await import('./tables.js')).tablesCommand },
];

/** The command a command line runs (its first argument that is not an option), if it names one. */
export function commandOf(argv: string[]): CommandEntry | undefined {
  const first = argv.slice(2).find((a) => !a.startsWith('-'));
  return commands.find((c) => c.name === first);
}
