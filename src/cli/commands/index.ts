import type { Command } from 'commander';
import type { CliIO } from '../io.js';
import { knnWorkerCount, knnWorkers } from '../../estimators/knn-threads.js';

/** A CLI command: commander wiring only (parse flags -> options -> core call -> reporters -> exit code). */
export interface CliCommand {
  name: string;
  register(program: Command, io: CliIO, setExit: (code: number) => void): void;
}

/** A command's name and a loader for its module (and so for everything only it uses). */
export interface CommandEntry {
  name: string;
  load(): Promise<CliCommand>;
  /** Work to start before the command's modules load, for this command line (e.g. threads that load ORT meanwhile). */
  prewarm?(argv: string[]): void;
}

// Commands that run the exact kNN (intrinsic dimension) start its worker threads first: each loads
// ORT while the main thread loads the command (a second core is otherwise idle then).
// (knn-threads.ts imports Node built-ins only; main() ends the threads before it returns.)
const startKnnWorkers = (argv: string[], threadsFlag: boolean) => {
  if (argv.some((a) => a === '--help' || a === '-h')) return;
  if (!threadsFlag) return void knnWorkers();
  // id --threads N: N threads, none below 2 (the work then stays in the main thread).
  const at = argv.findIndex((a) => a === '--threads' || a.startsWith('--threads='));
  const threads = at < 0 ? undefined : Number(argv[at]!.includes('=') ? argv[at]!.slice('--threads='.length) : argv[at + 1]);
  // An invalid value is commander's to refuse: start nothing.
  if (threads === undefined || Number.isInteger(threads)) knnWorkers(knnWorkerCount(threads));
};

// The registry, in the order `--help` lists them (the pipeline's order). Modules load on demand: a
// run of one command loads that command's code only (start-up matters for `id` and in CI loops).
export const commands: CommandEntry[] = [
  { name: 'ingest', load: async () => (await import('./ingest.js')).ingestCommand },
  { name: 'tokenize', load: async () => (await import('./tokenize.js')).tokenizeCommand },
  { name: 'analyze', load: async () => (await import('./analyze.js')).analyzeCommand, prewarm: (argv) => argv.some((a) => a === '--encoder' || a.startsWith('--encoder=')) && startKnnWorkers(argv, false) },
  { name: 'embed', load: async () => (await import('./embed.js')).embedCommand },
  { name: 'inspect-encoder', load: async () => (await import('./inspect-encoder.js')).inspectEncoderCommand },
  { name: 'id', load: async () => (await import('./id.js')).idCommand, prewarm: (argv) => startKnnWorkers(argv, true) },
  { name: 'compare', load: async () => (await import('./compare.js')).compareCommand, prewarm: (argv) => startKnnWorkers(argv, true) },
  { name: 'plan', load: async () => (await import('./plan.js')).planCommand },
  { name: 'diff', load: async () => (await import('./diff.js')).diffCommand },
  { name: 'tables', load: async () => (await import('./tables.js')).tablesCommand },
];

/** The command a command line runs (its first argument that is not an option), if it names one. */
export function commandOf(argv: string[]): CommandEntry | undefined {
  const first = argv.slice(2).find((a) => !a.startsWith('-'));
  return commands.find((c) => c.name === first);
}
