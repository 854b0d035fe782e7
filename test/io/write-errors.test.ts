import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnCli } from '../helpers/cli.js';
import { fullDisk, listFiles, readOnlyFolder } from '../helpers/special-files.js';
import { makeFixture, outputRuns, type Fixture, type OutputRun } from './fixture.js';

/**
 * Items 5 and 6: every write error is E_IO, exit 2, one line naming the file, nothing left behind (a
 * full disk: a small tmpfs, or the ENOSPC test fault where mounting is refused); output paths are
 * checked before any compute (read-only folder, read-only working directory, a folder given as a
 * file and a file as a folder); a report nested 1e5 levels deep is E_LIMIT, not an internal error.
 */
let f: Fixture;
beforeAll(() => {
  f = makeFixture('write-errors');
}, 120_000);
afterAll(() => f.cleanup());

const ONE_LINE = /^lite-text: [^\n]*\n$/;
const target = (run: OutputRun, dir: string) => join(dir, `${run.command}-${run.name}`);
/** The command line with its input swapped for a missing file: an output error must come first, before any input is read. */
const withMissingInput = (args: string[]) => args.map((a) => ([f.corpus, f.model, f.reportA, f.config].includes(a) ? join(f.dir, 'missing.txt') : a));

describe('a full disk', () => {
  it('every command with an output: E_IO naming the file, exit 2, nothing left behind, twice in a row', async () => {
    const disk = fullDisk(f.dir);
    try {
      for (const run of outputRuns(f)) {
        const out = target(run, disk.path);
        for (const attempt of [1, 2]) {
          const r = await spawnCli(run.args(out), { env: disk.env });
          const label = `${run.command} (attempt ${attempt})`;
          expect(r.stderr, label).toMatch(ONE_LINE);
          expect(r.stderr, label).toContain(`lite-text: ${out}`);
          expect(r.stderr, label).toMatch(/\((ENOSPC|EDQUOT): [^\n]*\[E_IO\]\n$/);
          expect(r.status, label).toBe(2);
          expect(disk.files(), label).toEqual([]);
        }
      }
    } finally {
      disk.cleanup();
    }
  }, 300_000);
});

describe('output paths are checked before any compute', () => {
  it('into a read-only folder: E_IO naming the output, before the (missing) input is read', async () => {
    const ro = join(f.dir, 'ro');
    mkdirSync(ro);
    const undo = readOnlyFolder(ro);
    try {
      for (const run of outputRuns(f)) {
        const out = target(run, ro);
        const r = await spawnCli(withMissingInput(run.args(out)));
        expect(r.stderr, run.command).toMatch(ONE_LINE);
        expect(r.stderr, run.command).toContain(`lite-text: ${out}: cannot write`);
        expect(r.stderr, run.command).toContain('[E_IO]');
        expect(r.status, run.command).toBe(2);
      }
      // A read-only working directory: the default outputs (reports/<name>, ingest -o relative).
      for (const args of [['analyze'], ['tables', '--config', f.config], ['ingest', f.corpus, '-o', 'corpus.jsonl']]) {
        const r = await spawnCli(args, { cwd: ro });
        expect(r.stderr, args[0]).toMatch(ONE_LINE);
        expect(r.stderr, args[0]).toMatch(/cannot write[^\n]*\[E_IO\]/);
        expect(r.status, args[0]).toBe(2);
      }
      expect(listFiles(ro)).toEqual([]);
    } finally {
      undo();
    }
  }, 300_000);

  it('a file output given a folder, a folder output given a file, a symlink loop: E_IO before the (missing) input is read', async () => {
    const dir = join(f.dir, 'kinds');
    mkdirSync(join(dir, 'folder.npy'), { recursive: true });
    writeFileSync(join(dir, 'file'), 'kept');
    symlinkSync('loop-b.npy', join(dir, 'loop-a.npy'));
    symlinkSync('loop-a.npy', join(dir, 'loop-b.npy'));
    for (const run of outputRuns(f)) {
      const cases: Array<[string, RegExp]> = run.kind === 'file'
        ? [[join(dir, 'folder.npy'), /EISDIR/], [join(dir, 'loop-a.npy'), /ELOOP/]]
        : [[join(dir, 'file'), /ENOTDIR/], [join(dir, 'file', 'sub'), /ENOTDIR/]];
      for (const [out, code] of cases) {
        const r = await spawnCli(withMissingInput(run.args(out)));
        expect(r.stderr, `${run.command} ${out}`).toMatch(ONE_LINE);
        expect(r.stderr, `${run.command} ${out}`).toContain(`lite-text: ${out}: cannot write`);
        expect(r.stderr, `${run.command} ${out}`).toMatch(code);
        expect(r.status, `${run.command} ${out}`).toBe(2);
      }
    }
    expect(listFiles(dir).sort()).toEqual(['file', 'folder.npy/', 'loop-a.npy', 'loop-b.npy']);
  }, 300_000);
});

describe('diff of a hostile report', () => {
  it('nested 1e5 levels deep: E_LIMIT in one line, exit 2 (not an internal error)', async () => {
    const n = 100_000;
    const deep = join(f.dir, 'deep.json');
    writeFileSync(deep, `{"schemaVersion":${'['.repeat(n)}${']'.repeat(n)}}`);
    const r = await spawnCli(['diff', deep, f.reportA]);
    expect(r.stderr).toMatch(ONE_LINE);
    expect(r.stderr).toContain(`lite-text: ${deep}: nested deeper than`);
    expect(r.stderr).toContain('[E_LIMIT]');
    expect(r.status).toBe(2);
  });
});
