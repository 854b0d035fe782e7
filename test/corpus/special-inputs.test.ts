import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

/**
 * Inputs that are not plain files in plain folders, through the CLI: symlinked files and folders
 * (the Hugging Face cache layout), symlink loops, FIFOs, a device, stdin, and inputs that yield no
 * prompt. FIFOs and devices are made inside the temp folder, never taken from the system.
 */
const dir = mkdtempSync(join(tmpdir(), 'lite-text-special-'));
const writers: ChildProcess[] = [];
afterAll(() => {
  for (const w of writers) if (w.exitCode === null) w.kill();
  rmSync(dir, { recursive: true, force: true });
});

/** Generous for a loaded 2-core machine; a FIFO opened twice would wait forever instead. */
const HANG_MS = 60_000;

const records = (stdout: string) => stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { text: string; source: { file: string; line?: number } });

function mkfifo(path: string): void {
  const r = spawnSync('mkfifo', [path]);
  expect(r.status, r.stderr?.toString()).toBe(0);
}

/** A writer that blocks until the CLI opens the FIFO, writes `text` once, and closes it. */
function writeOnce(fifo: string, text: string): void {
  const w = spawn(process.execPath, ['-e', `require('node:fs').writeFileSync(process.argv[1], process.argv[2])`, fifo, text], { stdio: 'ignore' });
  writers.push(w);
}

describe('symlinks', () => {
  it('follows symlinked files and folders (Hugging Face snapshots/<rev>/file -> ../../blobs/<sha>); provenance names the link', () => {
    const hf = join(dir, 'hf');
    mkdirSync(join(hf, 'blobs'), { recursive: true });
    mkdirSync(join(hf, 'snapshots', 'abc123'), { recursive: true });
    mkdirSync(join(hf, 'extra'));
    writeFileSync(join(hf, 'blobs', '9f86d081'), 'a cat\na dog\n');
    writeFileSync(join(hf, 'extra', 'more.txt'), 'a red car\n');
    symlinkSync('../../blobs/9f86d081', join(hf, 'snapshots', 'abc123', 'names.txt'));
    symlinkSync('../../extra', join(hf, 'snapshots', 'abc123', 'sub'));
    const snapshot = join(hf, 'snapshots', 'abc123');
    for (const input of [snapshot, join(snapshot, '**/*.txt')]) {
      const r = runCli(['ingest', input], { timeoutMs: HANG_MS });
      expect(r.status, r.stderr).toBe(0);
      expect(records(r.stdout).map((p) => [p.text, p.source.file])).toEqual([
        ['a cat', join(snapshot, 'names.txt')],
        ['a dog', join(snapshot, 'names.txt')],
        ['a red car', join(snapshot, 'sub', 'more.txt')],
      ]);
    }
  });

  it('a symlink loop is skipped with its reason, and the walk ends (folder and glob)', () => {
    const loops = join(dir, 'loops');
    mkdirSync(join(loops, 'inner'), { recursive: true });
    writeFileSync(join(loops, 'inner', 'p.txt'), 'a cat\n');
    symlinkSync('..', join(loops, 'inner', 'up'));
    symlinkSync('self', join(loops, 'self'));
    symlinkSync('nowhere', join(loops, 'broken'));
    for (const input of [loops, join(loops, '**/*.txt')]) {
      const corpus = join(dir, 'loops.jsonl');
      const r = runCli(['ingest', input, '--json', '-o', corpus], { timeoutMs: HANG_MS });
      expect(r.status, r.stderr).toBe(0);
      expect(records(readFileSync(corpus, 'utf8')).map((p) => p.text)).toEqual(['a cat']);
      const summary = JSON.parse(r.stdout) as { skippedFiles: Array<{ path: string; why: string }> };
      expect(summary.skippedFiles).toContainEqual({ path: join(loops, 'inner', 'up'), why: `a symlink loop (leads back to ${loops})` });
      expect(summary.skippedFiles).toContainEqual({ path: join(loops, 'self'), why: 'a symlink loop' });
    }
    // --strict refuses instead of skipping.
    const strict = runCli(['ingest', loops, '--strict']);
    expect(strict.status).toBe(2);
    expect(strict.stderr).toMatch(/E_SKIPPED/);
  });
});

describe('FIFOs, devices and stdin are read once', () => {
  it('a FIFO named as input is read with one open (text, JSON Lines, whole-file JSON)', () => {
    const cases = [
      ['p.txt', 'a cat\na dog\n', ['a cat', 'a dog']],
      ['p.jsonl', '{"prompt":"a cat"}\n{"prompt":"a dog"}\n', ['a cat', 'a dog']],
      ['p.json', '["a cat", "a dog"]', ['a cat', 'a dog']],
    ] as const;
    for (const [name, content, texts] of cases) {
      const fifo = join(dir, `fifo-${name}`);
      mkfifo(fifo);
      writeOnce(fifo, content);
      const r = runCli(['ingest', fifo], { timeoutMs: HANG_MS });
      expect(r.status, r.stderr).toBe(0);
      expect(records(r.stdout).map((p) => [p.text, p.source.file])).toEqual(texts.map((t) => [t, fifo]));
    }
  });

  it('tokenize --input reads a FIFO and stdin once', () => {
    const fifo = join(dir, 'tok-fifo');
    mkfifo(fifo);
    writeOnce(fifo, 'a cat\n');
    const viaFifo = runCli(['tokenize', '--input', fifo], { timeoutMs: HANG_MS });
    expect(viaFifo.status, viaFifo.stderr).toBe(0);
    const viaStdin = runCli(['tokenize', '--input', '-'], { input: 'a cat\n', timeoutMs: HANG_MS });
    expect(viaStdin.status, viaStdin.stderr).toBe(0);
    const direct = runCli(['tokenize', 'a cat']);
    expect(viaFifo.stdout).toBe(direct.stdout);
    expect(viaStdin.stdout).toBe(direct.stdout);
  });

  it('a FIFO inside a walked folder is skipped with its reason (opening it could wait forever)', () => {
    const folder = join(dir, 'with-fifo');
    mkdirSync(folder);
    writeFileSync(join(folder, 'a.txt'), 'a cat\n');
    mkfifo(join(folder, 'pipe'));
    const r = runCli(['ingest', folder, '--json', '-o', join(dir, 'with-fifo.jsonl')], { timeoutMs: HANG_MS });
    expect(r.status, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout) as { skippedFiles: Array<{ path: string; why: string }> };
    expect(summary.skippedFiles).toEqual([{ path: join(folder, 'pipe'), why: 'a FIFO, not a regular file: name it explicitly to read it' }]);
  });

  it('a null device is an empty input: E_EMPTY_CORPUS, or an empty corpus with --allow-empty', () => {
    const devices = join(dir, 'dev');
    mkdirSync(devices);
    const null_ = join(devices, 'null');
    const made = spawnSync('mknod', [null_, 'c', '1', '3']);
    expect(made.status, made.stderr?.toString()).toBe(0);
    const r = runCli(['ingest', null_]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe(`lite-text: ${null_}: no prompts (the file is empty) (hint: check the input (\`lite-text ingest FILE\` lists what is skipped and why); pass --allow-empty to accept an empty corpus) [E_EMPTY_CORPUS]`);
    const out = join(dir, 'empty.jsonl');
    const allowed = runCli(['ingest', null_, '--allow-empty', '-o', out]);
    expect(allowed.status, allowed.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe('');
  });
});

describe('zero prompts is not a success', () => {
  it('a walked file with no prompt is listed as skipped; the others are read', () => {
    const folder = join(dir, 'mixed');
    mkdirSync(folder);
    writeFileSync(join(folder, 'a.txt'), 'a cat\n');
    writeFileSync(join(folder, 'b.txt'), '\n \n');
    const r = runCli(['ingest', folder, '--json', '-o', join(dir, 'mixed.jsonl')]);
    expect(r.status, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout) as { prompts: number; skippedFiles: Array<{ path: string; why: string }> };
    expect(summary.prompts).toBe(1);
    expect(summary.skippedFiles).toEqual([{ path: join(folder, 'b.txt'), why: 'no prompts (skipped 2 empty or whitespace-only prompt)' }]);
  });

  it('tokenize --input of an empty file: E_EMPTY_CORPUS, or nothing with --allow-empty', () => {
    const empty = join(dir, 'empty.txt');
    writeFileSync(empty, '');
    const r = runCli(['tokenize', '--input', empty]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/empty\.txt: no prompts \(the file is empty\).*\[E_EMPTY_CORPUS\]$/m);
    const allowed = runCli(['tokenize', 'a cat', '--input', empty, '--allow-empty']);
    expect(allowed.status, allowed.stderr).toBe(0);
    expect(allowed.stdout).toBe(runCli(['tokenize', 'a cat']).stdout);
  });
});
