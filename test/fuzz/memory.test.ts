import { spawnSync } from 'node:child_process';
import { closeSync, ftruncateSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { yamlAliasBomb } from './mutate.js';

/**
 * Bounded memory on hostile sizes, measured as the peak RSS of a CLI child process
 * (`LITE_TEXT_BENCH_RSS=1` makes bin/lite-text.js print its getrusage maximum):
 * - a 1 GiB single-line file (sparse: a JSON prefix, then zeros; no disk space used), through every
 *   adapter, forced and detected: each refuses (E_LIMIT / E_INPUT_FORMAT / ...) or reads it within
 *   RSS_BOUND — the whole-file limit (256 MiB), the line limit (16 MiB) and the JSON value limit
 *   (64 MiB) stop it long before it is held in memory;
 * - a 64 MiB real single-line file (one 64 MiB prompt inside a JSON string, and as plain text);
 * - YAML alias bombs ("billion laughs", 10^9 leaves if expanded) as an ODinW config and a tables config.
 */
const RSS_BOUND_MIB = 768;
const dir = mkdtempSync(join(tmpdir(), 'lt-fuzz-memory-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const peaks: string[] = [];
afterAll(() => console.log(`peak RSS (label, exit, MiB): ${peaks.join('; ')}`));

function run(args: string[]): { status: number | null; stderr: string; rssMiB: number; signal: NodeJS.Signals | null } {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/lite-text.js'), ...args], {
    encoding: 'utf8', timeout: 60_000, env: { ...process.env, LITE_TEXT_BENCH_RSS: '1', LITE_TEXT_QUIET: '1' }, maxBuffer: 1 << 26,
  });
  const rss = /peak-rss-kib=(\d+)/.exec(r.stderr ?? '');
  return { status: r.status, signal: r.signal, stderr: r.stderr ?? '', rssMiB: rss ? Number(rss[1]) / 1024 : Number.NaN };
}

function expectBounded(args: string[], label: string): void {
  const r = run(args);
  const stderr = r.stderr.replace(/peak-rss-kib=\d+( user-us=\d+ sys-us=\d+)?\n?/, '');
  expect(r.signal, `${label}: killed (${r.signal})`).toBeNull();
  expect([0, 2], `${label}: exit ${r.status}: ${stderr.slice(0, 300)}`).toContain(r.status);
  if (r.status === 2) {
    expect(stderr.trim().split('\n'), `${label}: ${stderr}`).toHaveLength(1);
    expect(stderr).toMatch(/\[E_[A-Z_]+\]$/m);
  }
  peaks.push(`${label} ${r.status} ${r.rssMiB.toFixed(0)} MiB`);
  expect(r.rssMiB, `${label}: peak RSS ${r.rssMiB.toFixed(0)} MiB`).toBeLessThan(RSS_BOUND_MIB);
}

const ADAPTERS = ['text', 'jsonl', 'csv', 'json', 'lvis', 'coco-categories', 'sa-co', 'refcoco', 'odinw'];

describe('bounded memory on huge inputs', () => {
  it('a 1 GiB single-line file is refused or streamed by every adapter without holding it', () => {
    const file = join(dir, 'huge_categories.json');
    const fd = openSync(file, 'w');
    writeSync(fd, '{"categories": [{"id": 1, "name": "');
    ftruncateSync(fd, 1024 ** 3);
    closeSync(fd);
    const out = join(dir, 'out.jsonl');
    expectBounded(['ingest', file, '-o', out], 'detected');
    for (const adapter of ADAPTERS) expectBounded(['ingest', file, '--adapter', adapter, '-o', out], adapter);
  }, 300_000);

  it('a 64 MiB single-line prompt is read or refused within the bound', () => {
    const json = join(dir, 'one_prompt.json');
    const text = join(dir, 'one_line.txt');
    const chunk = Buffer.alloc(1 << 20, 'a');
    for (const [file, head, tail] of [[json, '["', '"]'], [text, '', '']] as const) {
      const fd = openSync(file, 'w');
      writeSync(fd, head);
      for (let i = 0; i < 64; i++) writeSync(fd, chunk);
      writeSync(fd, tail);
      closeSync(fd);
    }
    const out = join(dir, 'out.jsonl');
    expectBounded(['ingest', json, '-o', out], 'json detected');
    for (const adapter of ['lvis', 'sa-co', 'text']) expectBounded(['ingest', json, '--adapter', adapter, '-o', out], `json as ${adapter}`);
    expectBounded(['ingest', text, '-o', out], 'text detected');
    expectBounded(['analyze', text, '--out', join(dir, 'report')], 'analyze text');
  }, 300_000);

  it('YAML alias bombs (10^9 leaves expanded) do not blow up the ODinW adapter or the tables config reader', () => {
    const bomb = join(dir, 'bomb.yaml');
    const fd = openSync(bomb, 'w');
    writeSync(fd, `${yamlAliasBomb(10, 10)}  OVERRIDE_CATEGORY: '[{"id": 1, "name": "x"}]'\n`);
    closeSync(fd);
    expectBounded(['ingest', bomb, '--adapter', 'odinw', '-o', join(dir, 'bomb.jsonl')], 'odinw bomb');
    for (const key of ['datasets', 'encoders', 'tables', 'contextLengths']) {
      const config = join(dir, `tables-${key}.yaml`);
      const fd2 = openSync(config, 'w');
      writeSync(fd2, `${yamlAliasBomb(10, 10).replace(/DATASETS:\n.*\n.*\n/, '')}name: bomb\n${key}: *a9\n${key === 'datasets' ? '' : 'datasets: [{ name: d, inputs: [x.txt] }]\n'}`);
      closeSync(fd2);
      expectBounded(['tables', '--config', config, '--out', join(dir, 'tables')], `tables config bomb at ${key}`);
    }
  }, 300_000);
});
