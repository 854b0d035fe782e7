// --json on the commands that print a result: valid JSON on stdout (nothing else there), the human
// lines and logs on stderr. ingest's is in test/corpus/ingest.test.ts (stdout also holds its corpus).
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeTinyEncoder } from '../../src/encoder/testing/generate.js';
import { ROOT, runMain } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

const dir = tempDir('lt-json');

describe('--json', () => {
  it('analyze: report.json\'s content on stdout; the summary on stderr', async () => {
    const out = join(dir, 'analyze');
    const result = await runMain(['analyze', '--out', out, '--format', 'json,md', '--json']);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')));
    expect(result.stdout).toBe(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(result.stderr).toMatch(/^analyzed 470 prompts/m);
    expect(result.stderr).toContain(`wrote ${join(out, 'report.json')}`);
  });

  it('tables: the files written, and with --check what differs, on stdout', async () => {
    const config = join(dir, 'tables', 'config', 'small.yaml');
    mkdirSync(join(dir, 'tables', 'config'), { recursive: true });
    cpSync(join(ROOT, 'corpora/demo/referring_expressions.jsonl'), join(dir, 'tables', 'data.jsonl'));
    writeFileSync(config, 'name: small\ndatasets:\n  - name: referring\n    inputs: [../data.jsonl]\n');
    const out = join(dir, 'tables', 'out');
    const written = await runMain(['tables', '--config', config, '--out', out, '--json']);
    expect(written.status).toBe(0);
    const w = JSON.parse(written.stdout);
    expect(w).toMatchObject({ config, out, check: false });
    expect(w.files).toContain(join(out, 'tables.json'));
    const check = await runMain(['tables', '--config', config, '--out', out, '--check', '--json']);
    expect(check.status).toBe(0);
    expect(JSON.parse(check.stdout)).toEqual({ config, out, check: true, files: ['prompts.md', 'context.md', 'vocabulary.md', 'tables.json'], drift: [] });
    writeFileSync(join(out, 'prompts.md'), 'edited\n');
    const drift = await runMain(['tables', '--config', config, '--out', out, '--check', '--json']);
    expect(drift.status).toBe(1);
    expect(JSON.parse(drift.stdout).drift.map((d: { file: string }) => d.file)).toEqual(['prompts.md']);
    expect(drift.stderr).toMatch(/^lite-text: 1 table file\(s\) in .* differ/m);
  });

  it('embed: what was embedded and the files, on stdout; its lines on stderr', async () => {
    const model = writeTinyEncoder(join(dir, 'enc'), { convention: 'dynamic' });
    const out = join(dir, 'e.npy');
    const result = await runMain(['embed', join(ROOT, 'corpora/demo/referring_expressions.jsonl'), '--encoder', model.path, '--out', out, '--no-cache', '--json']);
    expect(result.status).toBe(0);
    const j = JSON.parse(result.stdout);
    expect(j).toMatchObject({ prompts: 101, unique: 101, cached: 0, computed: 101, dtype: 'float32', pooling: 'mean', encoder: model.path });
    expect(j.files).toEqual([out, out.replace(/\.npy$/, '.index.jsonl')]);
    expect(result.stderr).toContain('embedded 101 prompts');
  });
});
