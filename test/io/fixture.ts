import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeTinyEncoder } from '../../src/encoder/testing/generate.js';
import { ROOT, SHARED, runCli } from '../helpers/cli.js';

/**
 * Inputs for every command, in one temp folder: a small corpus (shared-corpus prompts), a big one (its
 * ingest/tokenize output far exceeds a pipe's buffer), a tiny generated encoder, points, two reports,
 * a tables config over the demo corpus.
 */
export interface Fixture {
  dir: string;
  corpus: string;
  big: string;
  model: string;
  points: string;
  reportA: string;
  reportB: string;
  config: string;
  cleanup(): void;
}

export const COMMANDS = ['ingest', 'tokenize', 'analyze', 'embed', 'inspect-encoder', 'id', 'diff', 'tables'] as const;

export function makeFixture(prefix: string): Fixture {
  const dir = mkdtempSync(join(tmpdir(), `lt-${prefix}-`));
  const texts = readFileSync(join(SHARED, 'reference/sam3-tokenizer/golden-dev.jsonl'), 'utf8').split('\n').filter(Boolean)
    .map((l) => JSON.parse(l) as { text: string; source: string })
    .filter((r) => r.source !== 'edge' && !/[\n\r\u2028\u2029\u0085]/.test(r.text) && r.text.trim() !== '').map((r) => r.text);
  const corpus = join(dir, 'prompts.txt');
  writeFileSync(corpus, `${texts.slice(0, 200).join('\n')}\n`);
  const big = join(dir, 'big.txt');
  writeFileSync(big, `${Array.from({ length: 30_000 }, (_, i) => texts[i % texts.length]).join('\n')}\n`);
  const model = writeTinyEncoder(join(dir, 'model'), { convention: 'dynamic' }).path;
  const points = join(dir, 'points.csv');
  // A deterministic 3-D cloud (no seeded generator needed: a plain lattice with a twist).
  writeFileSync(points, `${Array.from({ length: 300 }, (_, i) => [Math.sin(i), Math.cos(i * 0.7), (i % 17) / 17].map((v) => v.toFixed(6)).join(',')).join('\n')}\n`);
  const reportA = join(dir, 'report-a');
  const reportB = join(dir, 'report-b');
  for (const [out, input] of [[reportA, []], [reportB, [corpus]]] as const) {
    const r = runCli(['analyze', ...input, '--out', out, '--format', 'json']);
    if (r.status !== 0) throw new Error(`fixture report: ${r.stderr}`);
  }
  cpSync(join(ROOT, 'corpora/demo'), join(dir, 'data'), { recursive: true });
  mkdirSync(join(dir, 'config'));
  const config = join(dir, 'config', 'small.yaml');
  writeFileSync(config, 'name: small\ndatasets:\n  - name: referring\n    inputs: [../data/referring_expressions.jsonl]\n    ingest: { adapter: jsonl, field: text }\nencoders:\n  - { name: sam3, arch: sam3 }\n');
  return { dir, corpus, big, model, points, reportA, reportB, config, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Runs of every command that print to stdout (embed prints its summary on stderr: its --help stands for it). */
export function stdoutRuns(f: Fixture): string[][] {
  return [
    ['--help'],
    ['--version'],
    ...COMMANDS.map((c) => [c, '--help']),
    ['ingest', f.corpus],
    ['tokenize', '--input', f.corpus],
    ['analyze', f.corpus, '--out', join(f.dir, 'stdout-analyze'), '--format', 'json'],
    ['inspect-encoder', '--arch', 'sam3'],
    ['id', f.points],
    ['diff', f.reportA, f.reportB],
    ['tables', '--config', f.config, '--out', join(f.dir, 'stdout-tables')],
  ];
}

/** Every command with an output path: a file (`-o`, `--out FILE.npy`, `--svg`) or a folder (`--out DIR`, `--charts`). */
export interface OutputRun {
  command: (typeof COMMANDS)[number];
  kind: 'file' | 'folder';
  /** The file name a file output gets in tests (embed needs .npy). */
  name: string;
  args(target: string): string[];
}

export function outputRuns(f: Fixture): OutputRun[] {
  return [
    { command: 'ingest', kind: 'file', name: 'corpus.jsonl', args: (t) => ['ingest', f.corpus, '-o', t] },
    { command: 'embed', kind: 'file', name: 'e.npy', args: (t) => ['embed', f.corpus, '--encoder', f.model, '--no-cache', '--threads', '1', '--out', t] },
    { command: 'inspect-encoder', kind: 'file', name: 'heatmap.svg', args: (t) => ['inspect-encoder', f.model, '--svg', t] },
    { command: 'analyze', kind: 'folder', name: 'report', args: (t) => ['analyze', f.corpus, '--out', t] },
    { command: 'diff', kind: 'folder', name: 'charts', args: (t) => ['diff', f.reportA, f.reportB, '--charts', t] },
    { command: 'tables', kind: 'folder', name: 'tables', args: (t) => ['tables', '--config', f.config, '--out', t] },
  ];
}
