// What every registered command gets from src/cli (main.ts buildProgram): Examples after --help, and
// commander's own errors as lite-text's one E_USAGE line. The loop covers commands added later.
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { commands } from '../../src/cli/commands/index.js';
import { buildProgram } from '../../src/cli/main.js';
import { intList, nonNegativeInt, positiveInt } from '../../src/cli/parse.js';
import { noProgress } from '../../src/logger.js';
import { THREADS_FLAGS } from '../../src/options.js';
import { runMain } from '../helpers/cli.js';

const silent = { stdout: process.stdout, stderr: process.stderr, debug: false, logger: { info: () => {}, warn: () => {}, debug: () => {} }, progress: () => noProgress };
const program = await buildProgram(commands, silent, () => {});
const PARSERS = [intList, nonNegativeInt, positiveInt];
const subs = program.commands.filter((c) => c.name() !== 'help');

/** lite-text's one line: `lite-text: MESSAGE (hint: HINT) [E_USAGE]`, nothing else on stderr. */
const ONE_LINE = /^lite-text: [^\n]+ \(hint: [^\n]+\) \[E_USAGE\]\n$/;

/** Values for a command's mandatory options (the first check commander makes). */
const mandatory = (cmd: Command) => cmd.options.filter((o) => o.mandatory).flatMap((o) => [o.long!, 'x']);
const requiredArgs = (cmd: Command) => cmd.registeredArguments.filter((a) => a.required).map(() => 'x');

describe.each(subs.map((c) => [c.name(), c] as const))('lite-text %s', (name, cmd) => {
  it('is in the registry, and its --help ends with two or three Examples that run it', async () => {
    expect(commands.map((c) => c.name)).toContain(name);
    const { status, stdout } = await runMain([name, '--help']);
    expect(status).toBe(0);
    const examples = stdout.split('\nExamples:\n')[1];
    expect(examples).toBeDefined();
    const lines = examples!.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines.length).toBeLessThanOrEqual(3);
    for (const line of lines) expect(line).toMatch(new RegExp(`^  lite-text ${name}( |$)`));
  });

  it('an unknown option: one E_USAGE line, exit 2, the closest option suggested', async () => {
    // A long option to misspell: one of over 4 letters (every command has one: merge's --out, if nothing longer).
    const long = (cmd.options.find((o) => o.long && o.long.length > 6 && !o.negate) ?? cmd.options.find((o) => o.long && o.long.length > 4 && !o.negate))!.long!;
    const typo = `${long.slice(0, -2)}${long.at(-1)}${long.at(-2)}`;
    const result = await runMain([name, ...mandatory(cmd), ...requiredArgs(cmd), typo]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(ONE_LINE);
    expect(result.stderr).toContain(`unknown option ${typo}`);
    expect(result.stderr).toContain(`did you mean ${long}?`);
    const none = await runMain([name, ...mandatory(cmd), ...requiredArgs(cmd), '--zzzzzz']);
    expect(none.stderr).toMatch(ONE_LINE);
    expect(none.stderr).toContain(`lite-text ${name} --help lists the options`);
  });

  it('a missing argument or option value: one E_USAGE line, exit 2', async () => {
    if (requiredArgs(cmd).length > 0) {
      const result = await runMain([name, ...mandatory(cmd)]);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(ONE_LINE);
      expect(result.stderr).toContain(`${name}: missing argument <${cmd.registeredArguments[0]!.name()}>`);
    }
    // An option that takes a value, given last without one (a mandatory one if the command has no other).
    const valued = (cmd.options.find((o) => o.required && !o.mandatory) ?? cmd.options.find((o) => o.required))!;
    const result = await runMain([name, ...mandatory(cmd), valued.long!]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(ONE_LINE);
    expect(result.stderr).toContain(`${name}: ${valued.long} needs a value (hint: ${valued.flags}: `);
    for (const o of cmd.options.filter((o) => o.mandatory)) {
      const without = await runMain([name, ...mandatory(cmd).filter((_, i, all) => all[i] !== o.long && all[i - 1] !== o.long)]);
      expect(without.status).toBe(2);
      expect(without.stderr).toMatch(ONE_LINE);
      expect(without.stderr).toContain(`${name}: ${o.long} is required`);
    }
  });

  it('a bad choice and a value its parser refuses: one E_USAGE line naming the flag, exit 2', async () => {
    for (const o of cmd.options.filter((o) => o.argChoices)) {
      const choice = o.argChoices![0]!;
      const result = await runMain([name, ...mandatory(cmd), ...requiredArgs(cmd), o.long!, `${choice}x`]);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(ONE_LINE);
      expect(result.stderr).toContain(`${o.long}: "${choice}x" is not one of ${o.argChoices!.join(', ')} (hint: did you mean ${choice}?)`);
    }
    for (const o of cmd.options.filter((o) => PARSERS.includes(o.parseArg as never))) {
      const result = await runMain([name, ...mandatory(cmd), ...requiredArgs(cmd), o.long!, '-1.5x']);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(ONE_LINE);
      expect(result.stderr).toContain(`${o.long}: `);
    }
  });
});

describe('--threads', () => {
  it('is one flag, with one help text, on every command that runs onnxruntime or the exact kNN', () => {
    const withThreads = subs.filter((c) => c.options.some((o) => o.long === '--threads'));
    expect(withThreads.map((c) => c.name()).sort()).toEqual(['analyze', 'compare', 'embed', 'id']);
    for (const c of withThreads) {
      const o = c.options.find((x) => x.long === '--threads')!;
      expect(`${o.flags}: ${o.description}`).toBe(`--threads <n>: ${THREADS_FLAGS.threads !== false && THREADS_FLAGS.threads.description}`);
    }
  });
});

describe('commander errors outside a command', () => {
  it('an unknown command suggests the closest one; an unknown global option is one line', async () => {
    const typo = await runMain(['analyz']);
    expect(typo.status).toBe(2);
    expect(typo.stderr).toBe('lite-text: unknown command "analyz" (hint: did you mean analyze?) [E_USAGE]\n');
    const option = await runMain(['--nope']);
    expect(option.stderr).toBe('lite-text: unknown option --nope (hint: lite-text --help lists the options) [E_USAGE]\n');
  });

  it('a list element is named by its position; too many arguments say how many', async () => {
    const list = await runMain(['analyze', '--context-lengths', '0,8']);
    expect(list.stderr).toMatch(/^lite-text: --context-lengths: element 1 \("0"\) must be a positive integer \(hint: --context-lengths <list>: .*\) \[E_USAGE\]\n$/);
    const excess = await runMain(['diff', 'a', 'b', 'c']);
    expect(excess.stderr).toBe('lite-text: diff: too many arguments (3 given, it takes 2) (hint: usage: lite-text diff [options] <a> <b>; quote a value that has spaces) [E_USAGE]\n');
  });
});
