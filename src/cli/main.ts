import { Command, CommanderError } from 'commander';
import { isLiteTextError } from '../errors.js';
import { commandOf, commands } from './commands/index.js';
import type { CommandEntry } from './command.js';
import { isHelpOrVersion, usageError } from './usage-errors.js';
import { defaultIO, type CliIO } from './io.js';
import { VERSION } from '../util/package-info.js';
import { isErrnoError, systemError } from '../util/output-path.js';
import { formatError, installShutdown } from './shutdown.js';
import { stopKnnWorkers } from '../knn/threads.js';
import { startNeeds } from './startup.js';
import { endPrestartedTokenThread } from '../analyzers/token-thread.js';


/** Runs the CLI and returns the exit code: 0 ok, 1 a check failed, 2 a user error, 129/130/143 a signal, 141 a closed stdout, 70 a bug. */
export async function main(argv: string[], io: CliIO = defaultIO()): Promise<number> {
  let exitCode = 0;
  // A signal, a closed stdout (`| head`) or a full one: tidy, one line, exit (shutdown.ts).
  const shutdown = installShutdown(io);
  // One command named: load only its module; `--version` alone: none; otherwise (help, a typo) all of them.
  const named = commandOf(argv);
  if (named?.needs) startNeeds(named.needs(argv), argv);
  const versionOnly = !named && argv.slice(2).some((a) => a === '--version' || a === '-V');
  const program = await buildProgram(named ? [named] : versionOnly ? [] : commands, io, (code) => { exitCode = Math.max(exitCode, code); });

  try {
    await program.parseAsync(argv);
    return shutdown.code ?? exitCode;
  } catch (error) {
    // After a signal the work fails as its threads end (or a write to the failed stdout fails): its line said it all.
    return shutdown.code ?? reportError(error, io);
  } finally {
    endPrestartedTokenThread();
    await stopKnnWorkers();
  }
}

/**
 * The program with these commands registered, each with what every command gets: its Examples
 * after --help, and commander's errors in lite-text's voice (usage-errors.ts).
 */
export async function buildProgram(entries: readonly CommandEntry[], io: CliIO, setExit: (code: number) => void): Promise<Command> {
  const program = new Command('lite-text')
    .description('Anatomy of segmentation prompts for SAM3\'s text encoder: how much of its context, vocabulary and embedding space your prompts use.')
    .version(VERSION)
    .option('--debug', 'print stack traces of unexpected errors')
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      // Commander's own error text is replaced by one lite-text line (the exit override's error).
      outputError: () => {},
    });
  const loaded = await Promise.all(entries.map((c) => c.load()));
  for (const command of loaded) command.register(program, io, setExit);
  for (const cmd of [program, ...program.commands]) {
    if (cmd !== program) cmd.copyInheritedSettings(program);
    cmd.exitOverride((error) => {
      throw isHelpOrVersion(error) ? error : usageError(error, cmd);
    });
  }
  for (const command of loaded) {
    const cmd = program.commands.find((c) => c.name() === command.name);
    cmd?.addHelpText('after', `\nExamples:\n${command.examples.map((line) => `  ${line}`).join('\n')}\n`);
  }
  return program;
}

function reportError(thrown: unknown, io: CliIO): number {
  let error = thrown;
  // --help and --version end through here with exit code 0; commander's help without a command, 2.
  if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
  // A file-system error no caller named (a write, a read): the environment's, not a bug.
  if (isErrnoError(error)) error = systemError(error);
  if (isLiteTextError(error)) {
    io.stderr.write(formatError(error));
    if (io.debug && error.stack) io.stderr.write(`${error.stack}\n`);
    return 2;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`lite-text: internal error: ${message.split('\n')[0]} (hint: rerun with --debug and report it)\n`);
  if (io.debug && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
  return 70;
}
