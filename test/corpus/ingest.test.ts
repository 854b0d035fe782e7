// The ingest pipeline itself: inputs, detection, stable ids, summary, skips, strict, corpus read-back.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest, loadCorpus } from '../../src/corpus/ingest.js';
import { expandInputs } from '../../src/corpus/inputs.js';
import { PromptSchema } from '../../src/corpus/prompt.js';
import { ROOT, SHARED, runMain } from '../helpers/cli.js';
import { writeParquet } from './fixtures/parquet-writer.js';
import { tempDir } from '../helpers/tmp.js';

const tmp = () => tempDir('lt-ingest');

describe('inputs', () => {
  it('walks folders sorted, skips hidden entries, and expands globs', () => {
    const dir = tmp();
    mkdirSync(join(dir, 'b'));
    writeFileSync(join(dir, 'b', 'z.txt'), 'z\n');
    writeFileSync(join(dir, 'a.txt'), 'a\n');
    writeFileSync(join(dir, '.hidden.txt'), 'h\n');
    expect(expandInputs([dir]).files.map((f) => relative(dir, f.path))).toEqual(['a.txt', 'b/z.txt']);
    expect(expandInputs([join(dir, '**/*.txt')]).files.map((f) => relative(dir, f.path))).toEqual(['a.txt', 'b/z.txt']);
    expect(() => expandInputs([join(dir, '*.nope')])).toThrow(/matches no file/);
  });
});

describe('ingest', () => {
  it('keeps ids stable across versions (pinned: changing the id hash breaks users\' saved corpora)', async () => {
    const dir = tmp();
    const file = join(dir, 'pin.txt');
    writeFileSync(file, 'a cat\nthe dog\n');
    const { prompts } = await loadCorpus([file]);
    expect(prompts.map((p) => p.id)).toEqual(['4d05b92922885a1f', 'a20350dcce31457c']);
  });

  it('gives the same ids on every run, from any working folder', async () => {
    const dir = tmp();
    const file = join(dir, 'prompts.txt');
    writeFileSync(file, 'a cat\nthe dog\na cat\n');
    const first = (await loadCorpus([file])).prompts;
    const again = (await loadCorpus([relative(process.cwd(), file)])).prompts;
    expect(first.map((p) => p.id)).toEqual(again.map((p) => p.id));
    expect(new Set(first.map((p) => p.id)).size).toBe(3);
    for (const p of first) expect(PromptSchema.parse(p)).toEqual(p);
    expect(first[1]).toMatchObject({ text: 'the dog', dataset: 'prompts', kind: 'free', source: { file, line: 2 } });
  });

  it('gives distinct ids to two prompts of one CSV line (source.column)', async () => {
    const { prompts } = await loadCorpus([join(SHARED, 'corpora/objects365/Objects365_names_fix.csv')], { adapter: 'csv', column: '2,3' });
    expect(prompts).toHaveLength(730);
    expect(new Set(prompts.map((p) => p.id)).size).toBe(730);
    expect(prompts[1]!.source).toEqual({ file: join(SHARED, 'corpora/objects365/Objects365_names_fix.csv'), line: 1, column: 3 });
  });

  it('counts skips, duplicates and invalid UTF-8 in the summary; --dataset overrides', async () => {
    const dir = tmp();
    const file = join(dir, 'dump.txt');
    writeFileSync(file, Buffer.concat([Buffer.from('a cat\n\n   \nbad \xff byte\na cat\n', 'latin1')]));
    const run = ingest([file], { dataset: 'mine' });
    const prompts = [];
    for await (const p of run.prompts) prompts.push(p);
    expect(prompts.map((p) => p.dataset)).toEqual(['mine', 'mine', 'mine']);
    expect(run.summary.prompts).toBe(3);
    expect(run.summary.duplicates).toBe(1);
    expect(Object.values(run.summary.skipped).reduce((a, b) => a + b, 0)).toBe(2);
    expect(run.summary.invalidUtf8).toBe(1);
    const kept = await loadCorpus([file], { keepEmpty: true });
    expect(kept.prompts).toHaveLength(5);
  });

  it('skips a walked file whose detected adapter then finds no prompts in it, but not a named one', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'a.txt'), 'a cat\n');
    const parquet = join(dir, 'other.parquet');
    writeFileSync(parquet, writeParquet([{ name: 'caption', type: 'string', values: ['x'] }]));
    const walked = await loadCorpus([dir]);
    expect(walked.prompts.map((p) => p.text)).toEqual(['a cat']);
    expect(walked.summary.skippedFiles.map((f) => f.path)).toEqual([parquet]);
    expect(walked.summary.files.map((f) => f.path)).toEqual([join(dir, 'a.txt')]);
    await expect(loadCorpus([parquet])).rejects.toMatchObject({ code: 'E_ADAPTER_MISMATCH' });
    await expect(loadCorpus([dir], { strict: true })).rejects.toMatchObject({ code: 'E_ADAPTER_MISMATCH' });
  });

  it('--strict turns a skip into an error naming file and line', async () => {
    const dir = tmp();
    const file = join(dir, 'dump.txt');
    writeFileSync(file, 'a cat\n\nthe dog\n');
    await expect(loadCorpus([file], { strict: true })).rejects.toMatchObject({ code: 'E_SKIPPED', message: expect.stringContaining(`${file}:2`) });
  });

  it('reads back a corpus written by ingest with the same records', async () => {
    const dir = tmp();
    const out = join(dir, 'corpus.jsonl');
    const result = await runMain(['ingest', join(ROOT, 'corpora/demo'), '-o', out]);
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/total\s+\d+/);
    const written = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const back = (await loadCorpus([out])).prompts;
    expect(back).toEqual(written);
    expect(back.length).toBeGreaterThan(300);
  });
});

describe('lite-text ingest (CLI)', () => {
  it('prints the summary as JSON on stdout with --json (logs on stderr); the corpus goes to -o', async () => {
    const out = join(tmp(), 'c.jsonl');
    const result = await runMain(['ingest', join(ROOT, 'corpora/demo/referring_expressions.jsonl'), '--json', '-o', out]);
    expect(result.status).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary.prompts).toBe(readFileSync(out, 'utf8').trim().split('\n').length);
    expect(summary.groups[0].dataset).toBe('referring_expressions');
    expect(result.stderr).toBe(`wrote ${summary.prompts} prompts to ${out}\n`);
  });

  it('refuses --json where the corpus goes to stdout (no -o, or -o -), before reading anything', async () => {
    const input = join(ROOT, 'corpora/demo/referring_expressions.jsonl');
    for (const args of [[], ['-o', '-']]) {
      const result = await runMain(['ingest', input, '--json', ...args]);
      expect(result.status).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(`lite-text: ingest --json${args.length ? ' -o -' : ''}: the summary and the corpus would both go to stdout (hint: write the corpus to a file with -o corpus.jsonl) [E_USAGE]\n`);
    }
    const dash = await runMain(['ingest', input, '-o', '-']);
    expect(dash.status).toBe(0);
    expect(dash.stdout.trim().split('\n').map((l) => JSON.parse(l).text)).toContain('dog closest to the camera');
  });

  it('names an unrecognised file, says what it saw, exit 2, and writes nothing', async () => {
    const dir = tmp();
    const file = join(dir, 'weird.bin');
    writeFileSync(file, Buffer.from([0, 1, 2, 3, 0, 0, 7]));
    const out = join(dir, 'c.jsonl');
    const result = await runMain(['ingest', file, '-o', out]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`^lite-text: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: no adapter recognises this file \\(binary content\\)`));
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(out)).toBe(false);
  });

  it('reports an unreadable path and a forced adapter that does not match', async () => {
    const missing = await runMain(['ingest', '/nonexistent/prompts.txt']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('/nonexistent/prompts.txt: cannot read (no such file or directory)');
    const dir = tmp();
    const file = join(dir, 'x.json');
    writeFileSync(file, '{"images": [], "annotations": []}');
    const forced = await runMain(['ingest', file, '--adapter', 'sa-co']);
    expect(forced.status).toBe(2);
    expect(forced.stderr).toContain('E_ADAPTER_MISMATCH');
  });

  it('leaves no partial corpus when a later file fails', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'a.txt'), 'a cat\n');
    writeFileSync(join(dir, 'b.jsonl'), '{"text": "ok"}\n{broken\n');
    const out = join(dir, 'out', 'c.jsonl');
    const result = await runMain(['ingest', join(dir, 'a.txt'), join(dir, 'b.jsonl'), '-o', out]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('b.jsonl:2');
    expect(existsSync(out)).toBe(false);
  });
});
