import { Command, CommanderError } from 'commander';
import { isLiteTextError } from '../errors.js';
import { commandOf, commands } from './commands/index.js';
import { defaultIO, type CliIO } from './io.js';
import { VERSION } from '../util/package-info.js';
import { tidyAfterInterrupt } from '../util/interrupt.js';
import { stopKnnWorkers } from '../knn/threads.js';
import { startNeeds } from './startup.js';


/** Runs the CLI and returns the exit code: 0 ok, 1 a check failed, 2 a user error, 130 interrupted. */
export async function main(argv: string[], io: CliIO = defaultIO()): Promise<number> {
  let exitCode = 0;
  let interrupted = false;
  // Ctrl-C: remove temp files (finished outputs and cache entries stay), say what was kept, exit 130.
  process.once('SIGINT', () => {
    interrupted = true;
    const kept = tidyAfterInterrupt();
    io.stderr.write(`lite-text: interrupted; unfinished files removed${kept.length > 0 ? `; kept: ${kept.join('; ')}` : ''}\n`);
    // Worker threads end first (a tile's MatMul at most; a process must not exit while one is inside ORT).
    const exit = () => process.exit(130);
    setTimeout(exit, 2000).unref();
    stopKnnWorkers().then(exit, exit);
  });
  const program = new Command('lite-text')
    .description('Anatomy of segmentation prompts for SAM3\'s text encoder: how much of its context, vocabulary and embedding space your prompts use.')
    .version(VERSION)
    .option('--debug', 'print stack traces of unexpected errors')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    });
  // One command named: load only its module; otherwise (help, a typo) all of them.
  const named = commandOf(argv);
  if (named?.needs) startNeeds(named.needs(argv), argv);
  for (const command of await Promise.all((named ? [named] : commands).map((c) => c.load()))) {
    command.register(program, io, (code) => { exitCode = Math.max(exitCode, code); });
  }
  for (const sub of program.commands) sub.copyInheritedSettings(program);

  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (error) {
    // After Ctrl-C the work fails as its threads end: the interrupt line said it all.
    return interrupted ? 130 : reportError(error, io);
  } finally {
    await stopKnnWorkers();
  }
}

function reportError(error: unknown, io: CliIO): number {
  if (error instanceof CommanderError) {
    // --help and --version end through here with exit code 0.
    return error.exitCode === 0 ? 0 : 2;
  }
  if (isLiteTextError(error)) {
    io.stderr.write(`lite-text: ${error.message}${error.hint ? ` (hint: ${error.hint})` : ''} [${error.code}]\n`);
    if (io.debug && error.stack) io.stderr.write(`${error.stack}\n`);
    return 2;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`lite-text: internal error: ${message.split('\n')[0]} (hint: rerun with --debug and report it)\n`);
  if (io.debug && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
  return 70;
}
