import type { Command, CommanderError, Option } from 'commander';
import { LiteTextError } from '../errors.js';
import { closest } from './suggest.js';

/** Commander's exits that print help or the version (`lite-text` alone: the help on stderr, exit 2), not an error line. */
export function isHelpOrVersion(error: CommanderError): boolean {
  return ['commander.help', 'commander.helpDisplayed', 'commander.version'].includes(error.code);
}

/**
 * Commander's own errors (unknown option, missing argument, bad choice, a parser's refusal) in
 * lite-text's voice: one E_USAGE line with a hint that names the flag or command at hand. `cmd` is
 * the command whose parse failed. Commander's messages are matched as commander 14 writes them
 * (lib/command.js); one it words otherwise keeps its text, still as one line.
 */
export function usageError(error: CommanderError, cmd: Command): LiteTextError {
  const text = error.message.replace(/^error: /, '').split('\n')[0]!;
  const quoted = [...text.matchAll(/'([^']*)'/g)].map((m) => m[1]!);
  const path = commandPath(cmd);
  const help = `lite-text ${path}${path ? ' ' : ''}--help`;
  const usage = `usage: lite-text ${path} ${cmd.usage()}`;
  switch (error.code) {
    case 'commander.unknownOption': {
      const flag = quoted[0] ?? text;
      const like = closest(flag.split('=')[0]!, visibleOptions(cmd).flatMap((o) => (o.long ? [o.long] : [])));
      return new LiteTextError('E_USAGE', `${path ? `${path}: ` : ''}unknown option ${flag}`, like ? `did you mean ${like}?` : `${help} lists the options`);
    }
    case 'commander.unknownCommand': {
      const names = cmd.commands.map((c) => c.name());
      const like = closest(quoted[0] ?? '', names);
      return new LiteTextError('E_USAGE', `unknown command ${JSON.stringify(quoted[0] ?? '')}`, like ? `did you mean ${like}?` : `the commands: ${names.join(', ')}`);
    }
    case 'commander.missingArgument': {
      const arg = cmd.registeredArguments.find((a) => a.name() === quoted[0]);
      return new LiteTextError('E_USAGE', `${path}: missing argument <${quoted[0]}>${arg?.description ? ` (${arg.description})` : ''}`, usage);
    }
    case 'commander.optionMissingArgument':
    case 'commander.missingMandatoryOptionValue': {
      const option = optionOf(cmd, quoted[0]);
      const name = option?.long ?? quoted[0];
      const what = error.code === 'commander.optionMissingArgument' ? `${name} needs a value` : `${name} is required`;
      return new LiteTextError('E_USAGE', `${path}: ${what}`, option ? `${option.flags}: ${option.description}` : usage);
    }
    case 'commander.invalidArgument':
      return invalidArgument(text, quoted, cmd, usage);
    case 'commander.excessArguments': {
      const counts = /Expected (\d+) arguments? but got (\d+)/.exec(text);
      const says = counts ? `too many arguments (${counts[2]} given, it takes ${counts[1]})` : 'too many arguments';
      return new LiteTextError('E_USAGE', `${path ? `${path}: ` : ''}${says}`, `${usage}; quote a value that has spaces`);
    }
    default:
      return new LiteTextError('E_USAGE', path ? `${path}: ${text}` : text, `${help} for usage`);
  }
}

/**
 * An option's or argument's value that its parser or its choices refused: commander's "option
 * '<flags>' argument '<value>' is invalid. <reason>" (or "command-argument value ...").
 */
function invalidArgument(text: string, quoted: string[], cmd: Command, usage: string): LiteTextError {
  const reason = text.replace(/^.*? is invalid(?: for argument '[^']*')?\. ?/, '');
  const isOption = text.startsWith('option ');
  const value = isOption ? quoted[1] ?? '' : quoted[0] ?? '';
  const option = isOption ? optionOf(cmd, quoted[0]) : undefined;
  const name = isOption ? option?.long ?? quoted[0] ?? '' : `<${quoted[1] ?? ''}>`;
  const choices = option?.argChoices ?? cmd.registeredArguments.find((a) => a.name() === quoted[1])?.argChoices;
  if (choices && reason.startsWith('Allowed choices are')) {
    const like = closest(value, choices);
    return new LiteTextError('E_USAGE', `${name}: ${JSON.stringify(value)} is not one of ${choices.join(', ')}`, like ? `did you mean ${like}?` : `choose one of ${choices.join(', ')}`);
  }
  // lite-text's parsers (parse.ts) say what is wrong with the value; the hint says what the flag is.
  const says = /^(element \d+ |")/.test(reason) ? reason : `${JSON.stringify(value)}: ${reason}`;
  return new LiteTextError('E_USAGE', `${name}: ${says}`, option ? `${option.flags}: ${option.description}` : usage);
}

/** `analyze`, or '' for the program itself. */
function commandPath(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

function visibleOptions(cmd: Command): readonly Option[] {
  return cmd.createHelp().visibleOptions(cmd);
}

/** The option commander names by its flags (`--out <dir>`). */
function optionOf(cmd: Command, flags: string | undefined): Option | undefined {
  return cmd.options.find((o) => o.flags === flags);
}
