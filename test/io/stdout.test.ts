import { execFileSync } from 'node:child_process';
import { closeSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnCli } from '../helpers/cli.js';
import { makeFixture, stdoutRuns, type Fixture } from './fixture.js';

/**
 * Items 1 and 2 of "no silent wrong result, no crash in ordinary shell use": a closed stdout (`| head`)
 * ends every command quietly with 141 (128 + SIGPIPE, as other Unix tools); a full stdout (a full
 * device, `mknod c 1 7` in a temp folder) is one E_IO line and exit 2, for every command, --help and
 * --version included.
 */
let f: Fixture;
beforeAll(() => {
  f = makeFixture('stdout');
}, 120_000);
afterAll(() => f.cleanup());

/** A full stdout: the full device, or (mknod refused) a regular file with the CLI's ENOSPC test fault. */
function fullStdout(): { fd: number; env: Record<string, string>; close(): void } {
  const path = join(f.dir, 'full');
  let env: Record<string, string> = {};
  try {
    execFileSync('mknod', [path, 'c', '1', '7'], { stdio: 'ignore' });
  } catch {
    writeFileSync(path, '');
    env = { LITE_TEXT_TEST_ENOSPC: '0' };
  }
  const fd = openSync(path, 'w');
  return { fd, env, close: () => closeSync(fd) };
}

/** diff warns (on stderr) that the two fixture reports come from different corpora: its finding, not noise of the failure. */
const withoutWarnings = (stderr: string) => stderr.replace(/^warning: [^\n]*\n/gm, '');

describe('a closed stdout', () => {
  it('`ingest BIG | head -1` and `tokenize --input BIG | head -1`: exit 141, nothing on stderr', async () => {
    for (const args of [['ingest', f.big], ['tokenize', '--input', f.big]]) {
      let first = '';
      const r = await spawnCli(args, {
        onStdout: (all, child) => {
          // Close after the first line, as head -1 does: the rest (megabytes) cannot fit the pipe.
          if (first === '' && all.includes('\n')) {
            first = all.slice(0, all.indexOf('\n'));
            child.stdout!.destroy();
          }
        },
      });
      expect(JSON.parse(first), args[0]).toHaveProperty('text');
      expect(r.stderr, args[0]).toBe('');
      expect(r.status, args[0]).toBe(141);
    }
  }, 120_000);

  it('every command, --help and --version: exit 141, nothing on stderr', async () => {
    for (const args of stdoutRuns(f)) {
      const r = await spawnCli(args, { stdout: 'closed' });
      expect({ args, status: r.status, stderr: withoutWarnings(r.stderr) }).toEqual({ args, status: 141, stderr: '' });
    }
  }, 300_000);
});

describe('a full stdout', () => {
  it('every command, --help and --version: one E_IO line naming stdout, exit 2', async () => {
    const full = fullStdout();
    try {
      for (const args of stdoutRuns(f)) {
        const r = await spawnCli(args, { stdout: full.fd, env: full.env });
        expect(withoutWarnings(r.stderr), args.join(' ')).toMatch(/^lite-text: stdout: cannot write \(ENOSPC: [^\n]*\[E_IO\]\n$/);
        expect(r.status, args.join(' ')).toBe(2);
      }
    } finally {
      full.close();
    }
  }, 300_000);
});
