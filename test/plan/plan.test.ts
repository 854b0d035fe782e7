// lite-text plan against numbers computed here from the prompts' tokens and the architectures.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTokenizer } from '../../src/tokenizer/index.js';
import { ARCHITECTURES } from '../../src/analyzers/encoder-anatomy/arch.js';
import { STUDENTS } from '../../src/plan/index.js';
import { mainError, runCli } from '../helpers/cli.js';

const WORDS = ['red', 'car', 'dog', 'left', 'person', 'umbrella', 'window', 'wooden', 'chair', 'zebra', 'striped', 'kite', 'blue', 'house'];
// 400 prompts of 1-39 words: token lengths 3-41, a tail beyond 16 and 32 tokens. No "!" (id 0, the pad id).
const PROMPTS = Array.from({ length: 400 }, (_, i) => Array.from({ length: 1 + ((i * i * 7) % 39 < 30 ? (i * 3) % 12 : (i * 7) % 39) }, (_, w) => WORDS[(i + w * 5) % WORDS.length]!).join(' '));
// The paper's parameter counts (SAM3-LiteText; arch.ts cites them): teacher and students.
const PAPER = { sam3: 353_724_672, 'litetext-s0': 42_535_168, 'litetext-s1': 63_528_192, 'litetext-l': 123_800_320 };
const MiB = 2 ** 20;

describe('lite-text plan', () => {
  let dir: string;
  let lengths: number[];
  let used: Set<number>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lite-text-plan-'));
    writeFileSync(join(dir, 'prompts.txt'), `${PROMPTS.join('\n')}\n`);
    expect(runCli(['analyze', join(dir, 'prompts.txt'), '--arch', 'sam3', '--out', join(dir, 'full'), '--format', 'json']).status).toBe(0);
    expect(runCli(['analyze', join(dir, 'prompts.txt'), '--analyzers', 'context,vocabulary', '--out', join(dir, 'bare'), '--format', 'json']).status).toBe(0);
    expect(runCli(['analyze', join(dir, 'prompts.txt'), '--analyzers', 'vocabulary', '--out', join(dir, 'novocab'), '--format', 'json']).status).toBe(0);
    const ids = (await loadTokenizer('sam3')).encodeBatch(PROMPTS);
    lengths = ids.map((t) => t.length);
    used = new Set(ids.flat());
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const truncation = (L: number) => lengths.filter((n) => n > L).length / lengths.length;
  const json = (args: string[]) => {
    const r = runCli(['plan', ...args, '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    return JSON.parse(r.stdout);
  };

  it.each([[0.001], [0.05]])('--max-truncation %f: shortest context, rows needed, savings per cut and per student', (R) => {
    const p = json([join(dir, 'full', 'report.json'), '--max-truncation', String(R)]);
    let L = 1;
    while (truncation(L) > R) L++;
    expect(p.context).toEqual({ prompts: PROMPTS.length, length: L, truncationRate: truncation(L) });
    expect(used.has(0)).toBe(false);
    const rowsKept = used.size + 1; // used ids (start/end included) + the pad row
    expect(p.vocabulary).toEqual({ rows: 49408, rowsNeeded: used.size, rowsKept });
    const vocab = (49408 - rowsKept) * 1024;
    const context = Math.max(0, 32 - L) * 1024;
    expect(p.cuts.map((c: { parametersSaved: number; savedMiB: unknown }) => [c.parametersSaved, c.savedMiB])).toEqual(
      [vocab, context, vocab + context].map((s) => [s, { fp32: (4 * s) / MiB, fp16: (2 * s) / MiB }]),
    );
    expect(p.teacher).toMatchObject({ parameters: PAPER.sam3, source: 'report' });
    for (const s of p.students) {
      const params = PAPER[s.name as keyof typeof PAPER];
      const width = { sam3: 1024, 'litetext-s0': 512, 'litetext-s1': 512, 'litetext-l': 768 }[s.name as keyof typeof PAPER];
      expect(s).toMatchObject({ parameters: params, parametersSaved: PAPER.sam3 - params, truncationRate: truncation(s.contextLength) });
      expect(s.withVocabularyCut.parameters).toBe(params - (49408 - rowsKept) * width);
    }
  });

  it('takes the teacher from --arch when the report has no encoder anatomy, and shows a measured agreement beside its student', () => {
    const agreement = join(dir, 'agreement.json');
    const all = { prompts: 5, cosine: { mean: 0.91, median: 0.92, p5: 0.8, min: 0.7 }, cka: { linear: 0.88 }, knnOverlap: { k: 10, mean: 0.6 } };
    const side = { path: 'x', kind: 'encoder', width: 256, rows: 5 };
    writeFileSync(agreement, JSON.stringify({ tool: { name: 'lite-text', version: '0' }, kind: 'agreement', createdAt: '', agreement: { a: side, b: side, pooling: 'mean', dropped: { onlyA: 0, onlyB: 0 }, all, byDataset: {}, byLength: {}, worst: [] }, definitions: {} }));
    const p = json([join(dir, 'bare', 'report.json'), '--arch', 'sam3', '--student', 'litetext-s0', '--agreement', agreement]);
    expect(p.teacher).toMatchObject({ source: 'arch', parameters: PAPER.sam3 });
    expect(p.students.find((s: { name: string }) => s.name === 'litetext-s0').agreement).toEqual({ file: agreement, cosineMean: 0.91, ckaLinear: 0.88, knnOverlap: 0.6, k: 10 });
    const md = runCli(['plan', join(dir, 'bare', 'report.json'), '--arch', 'sam3', '--student', 'litetext-s0', '--agreement', agreement]);
    expect(md.stdout).toContain('| **litetext-s0** |');
    expect(md.stdout).toContain('0.9100');
  });

  it.each([
    ['no encoder anatomy and no --arch', ['bare'], 'E_REPORT'],
    ['no context section', ['novocab', '--arch', 'sam3'], 'E_REPORT'],
    ['--agreement without --student', ['full', '--agreement', 'x.json'], 'E_USAGE'],
    ['an unknown student', ['full', '--student', 'nope'], 'E_USAGE'],
  ])('refuses %s with one line (exit 2)', (_, [folder, ...rest], code) => {
    const r = runCli(['plan', join(dir, folder!, 'report.json'), ...rest!]);
    expect([r.status, r.stderr.trim().split('\n').length, r.stdout]).toEqual([2, 1, '']);
    expect(r.stderr).toContain(`[${code}]`);
  });

  // The name is checked before anything else: before the report is read (a report without encoder
  // anatomy, a missing one, or none given at all).
  it.each([
    ['--student', 'foo', 'student', ['bare']],
    ['--student', 'foo', 'student', ['missing']],
    ['--student', 'foo', 'student', []],
    ['--arch', 'foo', 'architecture', ['bare']],
    ['--arch', 'foo', 'architecture', []],
  ])('an unknown %s %s is E_USAGE naming it and listing the built-in names (report: %j)', async (flag, value, what, report) => {
    const args = report.length === 0 ? [] : [join(dir, report[0]!, 'report.json')];
    const line = await mainError(['plan', ...args, flag, value], 'E_USAGE');
    const names = flag === '--arch' ? Object.keys(ARCHITECTURES) : STUDENTS;
    expect(line).toBe(`lite-text: ${flag} "${value}": not a built-in ${what} (hint: choose from ${names.join(', ')}) [E_USAGE]`);
  });
});
