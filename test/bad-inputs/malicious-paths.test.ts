import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.js';
import { SAFE_NAME } from '../../src/util/safe-name.js';
import { runCli } from '../helpers/cli.js';

/**
 * Names that come from files (dataset names, source paths, file stems, config entries) or flags
 * must never make lite-text write outside --out (or outside reports/<name>/ by default).
 */
const scratch = mkdtempSync(join(tmpdir(), 'lt-paths-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const tree = (dir: string): string[] => readdirSync(dir).flatMap((n) => {
  const p = join(dir, n);
  return statSync(p).isDirectory() ? tree(p) : [relative(scratch, p)];
});

describe('malicious paths', () => {
  it('corpus records with hostile dataset and source names: analyze writes only inside --out', () => {
    const work = join(scratch, 'a', 'b', 'work');
    mkdirSync(work, { recursive: true });
    const hostile = ['../../../escaped', '/tmp/abs', 'a/../../b', '..', '.', '', 'c:\\x', '%2e%2e', 'x\u0000y'];
    const records = hostile.map((name, i) => ({ id: `p${i}`, text: `prompt ${i}`, dataset: name || 'empty', kind: 'free', source: { file: name || 'f', line: i + 1 } }));
    writeFileSync(join(work, 'corpus.jsonl'), records.map((r) => JSON.stringify(r)).join('\n'));
    const before = new Set(tree(scratch));
    const r = runCli(['analyze', 'corpus.jsonl', '--by-file', '--out', 'out'], { cwd: work });
    expect(r.status, r.stderr).toBe(0);
    const created = tree(scratch).filter((f) => !before.has(f));
    expect(created.length).toBeGreaterThan(0);
    for (const f of created) expect(f.startsWith(join('a', 'b', 'work', 'out') + '/'), f).toBe(true);
  });

  it('--name with a path is refused (E_USAGE) before anything is read or written', () => {
    const work = join(scratch, 'name');
    mkdirSync(work, { recursive: true });
    writeFileSync(join(work, 'p.txt'), 'a cat\n');
    for (const name of ['../x', '../../x', '/tmp/x', 'a/b', '..', '.hidden', 'x\\..\\y']) {
      const r = runCli(['analyze', 'p.txt', '--name', name], { cwd: work });
      expect(r.status, `${name}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toMatch(/\[E_USAGE\]\n$/);
    }
    expect(tree(work)).toEqual([join('name', 'p.txt')]);
  });

  it('the default report name derived from an input path is always a safe folder name', async () => {
    const prompts = [{ id: 'x', text: 'a cat', dataset: 'd', kind: 'free' as const, source: { file: 'f' } }];
    for (const input of ['..', '../..', '...json', '.hidden.txt', 'a/..', '/', 'x y/z?.csv', '..\\..\\evil.jsonl']) {
      const report = await analyze({ inputs: [input], analyzers: ['context'] }, { prompts });
      expect(report.name, input).toMatch(SAFE_NAME);
    }
  });

  it('tables configs cannot name a dataset, encoder or the config itself with a path', () => {
    const work = join(scratch, 'tables');
    mkdirSync(work, { recursive: true });
    writeFileSync(join(work, 'p.txt'), 'a cat\n');
    const configs = {
      dataset: "name: t\ndatasets:\n  - { name: '../../x', inputs: [p.txt] }\n",
      config: "name: '../x'\ndatasets:\n  - { name: d, inputs: [p.txt] }\n",
      encoder: "name: t\ndatasets:\n  - { name: d, inputs: [p.txt] }\nencoders:\n  - { name: '../e', arch: sam3 }\n",
    };
    for (const [what, yaml] of Object.entries(configs)) {
      writeFileSync(join(work, 'c.yaml'), yaml);
      const r = runCli(['tables', '--config', 'c.yaml', '--out', 'out'], { cwd: work });
      expect(r.status, `${what}: ${r.stderr}`).toBe(2);
      expect(r.stderr, what).toMatch(/\[E_CONFIG\]\n$/);
    }
    expect(tree(work).sort()).toEqual([join('tables', 'c.yaml'), join('tables', 'p.txt')]);
  });
});
