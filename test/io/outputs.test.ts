import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnCli } from '../helpers/cli.js';
import { fifoWithReader, isTemp, listFiles, nodeKind, nullDevice } from '../helpers/special-files.js';
import { makeFixture, outputRuns, type Fixture } from './fixture.js';

/**
 * Item 3: an output onto a device, FIFO or symlink must stay what it was. Regular files (and new paths)
 * are replaced by temp + rename; a symlink is written through (the rename lands on its target); a
 * device or FIFO is written in place. Every special file is made inside the test's temp folder.
 */
let f: Fixture;
beforeAll(() => {
  f = makeFixture('outputs');
}, 120_000);
afterAll(() => f.cleanup());

const rmFile = (path: string) => rmSync(path);
const noTemps = (dir: string) => expect(listFiles(dir).filter(isTemp), dir).toEqual([]);

describe('file outputs (ingest -o, embed --out, inspect-encoder --svg)', () => {
  it('onto a null device: written in place, the device stays a device', async () => {
    for (const run of outputRuns(f).filter((r) => r.kind === 'file')) {
      const dir = join(f.dir, `null-${run.command}`);
      mkdirSync(dir);
      const device = nullDevice(dir, run.name);
      try {
        const before = nodeKind(device.path);
        const r = await spawnCli(run.args(device.path));
        expect(r.stderr, run.command).not.toMatch(/lite-text: /);
        expect(r.status, run.command).toBe(0);
        expect(nodeKind(device.path), run.command).toBe(before);
        noTemps(dir);
      } finally {
        device.close();
      }
    }
  }, 180_000);

  it('onto a FIFO with a reader: the reader gets the output, the FIFO stays a FIFO', async () => {
    for (const run of outputRuns(f).filter((r) => r.kind === 'file')) {
      const dir = join(f.dir, `fifo-${run.command}`);
      mkdirSync(dir);
      const fifo = fifoWithReader(dir, run.name);
      try {
        const r = await spawnCli(run.args(fifo.path));
        expect(r.status, `${run.command}: ${r.stderr}`).toBe(0);
        await new Promise((resolve) => setTimeout(resolve, 200));
        const got = fifo.read();
        if (run.command === 'ingest') expect(got.split('\n').filter(Boolean)).toHaveLength(200);
        if (run.command === 'embed') expect(got.slice(1, 6)).toBe('NUMPY');
        if (run.command === 'inspect-encoder') expect(got.trimEnd().endsWith('</svg>'), 'svg complete').toBe(true);
        expect(nodeKind(fifo.path)).toBe('fifo');
        noTemps(dir);
      } finally {
        fifo.close();
      }
    }
  }, 180_000);

  it('onto a symlink (and a dangling one): the target is written, the link stays a link', async () => {
    for (const run of outputRuns(f).filter((r) => r.kind === 'file')) {
      const dir = join(f.dir, `link-${run.command}`);
      mkdirSync(join(dir, 'real'), { recursive: true });
      writeFileSync(join(dir, 'real', run.name), 'old');
      symlinkSync(join('real', run.name), join(dir, `link-${run.name}`));
      symlinkSync(join('real', `new-${run.name}`), join(dir, `dangling-${run.name}`));
      for (const [link, target] of [[`link-${run.name}`, run.name], [`dangling-${run.name}`, `new-${run.name}`]] as const) {
        const path = join(dir, link);
        const before = nodeKind(path);
        const r = await spawnCli(run.args(path));
        expect(r.status, `${run.command} ${link}: ${r.stderr}`).toBe(0);
        expect(nodeKind(path), `${run.command} ${link}`).toBe(before);
        const written = readFileSync(join(dir, 'real', target), 'latin1');
        expect(written.length, `${run.command} ${link}`).toBeGreaterThan(100);
      }
      noTemps(dir);
    }
  }, 180_000);
});

describe('folder outputs (analyze --out, diff --charts, tables --out)', () => {
  it('a symlinked folder is written through; in it, a symlinked file is written through and a device stays a device', async () => {
    for (const run of outputRuns(f).filter((r) => r.kind === 'folder')) {
      const dir = join(f.dir, `folder-${run.command}`);
      mkdirSync(join(dir, 'real'), { recursive: true });
      symlinkSync('real', join(dir, 'link'));
      const first = await spawnCli(run.args(join(dir, 'link')));
      expect(first.status, `${run.command}: ${first.stderr}`).toBe(0);
      expect(nodeKind(join(dir, 'link'))).toBe('symlink -> real');
      const names = listFiles(join(dir, 'real'));
      expect(names.length, run.command).toBeGreaterThan(0);
      // Now one output file is a symlink to a file elsewhere, and (with two or more) another one a null device.
      mkdirSync(join(dir, 'elsewhere'));
      writeFileSync(join(dir, 'elsewhere', 'kept'), 'old');
      const [linked, device] = names;
      const linkPath = join(dir, 'real', linked!);
      rmFile(linkPath);
      symlinkSync(join('..', 'elsewhere', 'kept'), linkPath);
      const nul = device === undefined ? undefined : (rmFile(join(dir, 'real', device)), nullDevice(join(dir, 'real'), device));
      try {
        const kinds = names.map((n) => nodeKind(join(dir, 'real', n)));
        const again = await spawnCli(run.args(join(dir, 'link')));
        expect(again.status, `${run.command}: ${again.stderr}`).toBe(0);
        expect(names.map((n) => nodeKind(join(dir, 'real', n))), run.command).toEqual(kinds);
        expect(readFileSync(join(dir, 'elsewhere', 'kept'), 'utf8'), run.command).toBe(readFileSync(join(dir, 'real', linked!), 'utf8'));
        expect(readFileSync(join(dir, 'elsewhere', 'kept'), 'utf8').length, run.command).toBeGreaterThan(10);
        noTemps(dir);
      } finally {
        nul?.close();
      }
    }
  }, 180_000);
});
