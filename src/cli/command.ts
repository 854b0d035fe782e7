import type { Command } from 'commander';
import type { CliIO } from './io.js';

/** A CLI command: commander wiring only (parse flags -> options -> core call -> reporters -> exit code). */
export interface CliCommand {
  name: string;
  /** Two or three real command lines (on the bundled demo corpus or obvious files), shown under `Examples:` after --help. */
  examples: readonly string[];
  register(program: Command, io: CliIO, setExit: (code: number) => void): void;
}

/** Work a command line needs started before the command's modules load, so that it runs meanwhile (startup.ts). */
export interface StartupNeeds {
  /** The exact kNN's worker threads (each loads onnxruntime); `threads` as `--threads` gives it (undefined: the default count). */
  knnWorkers?: { threads?: number | undefined };
  /** analyze's tokenize thread, for this `--tokenizer` spec (it loads the tokenizer while the command loads). */
  tokenizeThread?: { spec: string };
}

/** A command's name and a loader for its module (and so for everything only it uses). */
export interface CommandEntry {
  name: string;
  load(): Promise<CliCommand>;
  /** What this command line needs started first, read from the raw arguments (before commander parses them). */
  needs?(argv: string[]): StartupNeeds;
}

/** Whether the raw arguments hold `--name` or `--name=value`. */
export function hasFlag(argv: string[], name: string): boolean {
  return argv.some((a) => a === name || a.startsWith(`${name}=`));
}

/** The number a raw `--name N` / `--name=N` gives (NaN when it is not a number), undefined without the flag. */
export function numericFlag(argv: string[], name: string): number | undefined {
  const at = argv.findIndex((a) => a === name || a.startsWith(`${name}=`));
  if (at < 0) return undefined;
  return Number(argv[at]!.includes('=') ? argv[at]!.slice(name.length + 1) : argv[at + 1]);
}

/** The value a raw `--name VALUE` / `--name=VALUE` gives, undefined without the flag. */
export function stringFlag(argv: string[], name: string): string | undefined {
  const at = argv.findIndex((a) => a === name || a.startsWith(`${name}=`));
  if (at < 0) return undefined;
  return argv[at]!.includes('=') ? argv[at]!.slice(name.length + 1) : argv[at + 1];
}
