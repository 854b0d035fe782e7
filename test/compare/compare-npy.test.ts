// compare from two embed .npy files, through the CLI, against the float64 reference (reference.ts).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cosineNeighbours } from '../../src/analyzers/agreement/knn-overlap.js';
import { rowNorms } from '../../src/analyzers/agreement/cosine.js';
import { loadTokenizer } from '../../src/tokenizer/index.js';
import { runCli } from '../helpers/cli.js';
import { asRows, embeddings, promptRows, writeSide, type Row } from './fixtures.js';
import { neighbours, numericMismatches, referenceAgreement, type RefPrompt } from './reference.js';

// Both sides are float32 widened exactly and every sum runs in float64; only the order of the
// additions differs (Gemm blocks against plain loops): 1e-9 is far above that and below the 1e-6 asked.
const TOL = 1e-9;

/** The unique texts of the matched rows in A's order, with every dataset of their ids (the definition of `prompts`). */
async function uniquePrompts(rows: readonly Row[]): Promise<{ first: number[]; prompts: RefPrompt[] }> {
  const tokenizer = await loadTokenizer('sam3');
  const first: number[] = [];
  const prompts: RefPrompt[] = [];
  const seen = new Map<string, number>();
  rows.forEach((r, i) => {
    let u = seen.get(r.text);
    if (u === undefined) {
      seen.set(r.text, (u = prompts.length));
      first.push(i);
      prompts.push({ text: r.text, datasets: [], tokens: tokenizer.encode(r.text).length });
    }
    if (!prompts[u]!.datasets.includes(r.dataset)) prompts[u]!.datasets.push(r.dataset);
  });
  return { first, prompts };
}

function compareJson(args: string[]) {
  const r = runCli(['compare', ...args, '--json']);
  expect(r.stderr).not.toContain('internal error');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as { agreement: Record<string, unknown> & { all: { prompts: number } }; definitions: Record<string, string> };
}

describe('lite-text compare A.npy B.npy', () => {
  let dir: string;
  const rows = promptRows(260);
  const a = embeddings(rows, 24, 1);
  const b = embeddings(rows, 24, 2, { of: a, width: 24, noise: 0.6 });
  const c = embeddings(rows, 7, 3, { of: a, width: 24, noise: 0.4 });
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'lite-text-compare-'));
    writeSide(join(dir, 'a.npy'), rows, a, 24);
    writeSide(join(dir, 'b.npy'), rows, b, 24);
    writeSide(join(dir, 'c.npy'), rows, c, 7);
    // B without its last 5 prompts, for the coverage checks.
    writeSide(join(dir, 'short.npy'), rows.slice(0, -5), b.slice(0, (rows.length - 5) * 24), 24);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('equal widths: cosine, linear CKA, kNN overlap and their breakdowns equal the float64 reference; --out writes the same JSON, Markdown and charts', async () => {
    const out = join(dir, 'out');
    const report = compareJson([join(dir, 'a.npy'), join(dir, 'b.npy'), '--k', '5', '--out', out]);
    const { first, prompts } = await uniquePrompts(rows);
    const expected = referenceAgreement(asRows(a, 24, first), asRows(b, 24, first), prompts, 5);
    const { a: _a, b: _b, pooling: _p, dropped, ...measures } = report.agreement;
    expect(numericMismatches(measures, expected, TOL)).toEqual([]);
    expect(dropped).toEqual({ onlyA: 0, onlyB: 0 });
    // The files do not record their pooling: the report does not invent one.
    expect(report.agreement.pooling).toBeNull();
    expect(report.agreement.all.prompts).toBeLessThan(rows.length); // repeated texts count once
    expect(Object.keys(report.definitions)).toEqual(expect.arrayContaining(['prompts', 'cosine', 'cka.linear', 'knnOverlap']));
    expect(JSON.parse(readFileSync(join(out, 'agreement.json'), 'utf8')).agreement).toEqual(report.agreement);
    const md = readFileSync(join(out, 'agreement.md'), 'utf8');
    expect(md).toContain('## Definitions');
    expect(md).toContain(`The ${Math.min(20, prompts.length)} prompts with the lowest cosine`);
    for (const svg of ['agreement-cosine-by-length.svg', 'agreement-cka-by-dataset.svg']) expect(readFileSync(join(out, svg), 'utf8')).toMatch(/^<svg/);
  });

  it('different widths: no cosine, CKA and kNN overlap equal the reference', async () => {
    const report = compareJson([join(dir, 'a.npy'), join(dir, 'c.npy')]);
    const { first, prompts } = await uniquePrompts(rows);
    const expected = referenceAgreement(asRows(a, 24, first), asRows(c, 7, first), prompts, 10);
    const { a: _a, b: _b, pooling: _p, dropped: _d, ...measures } = report.agreement;
    expect(numericMismatches(measures, expected, TOL)).toEqual([]);
    expect(expected.all.cosine).toBeNull();
  });

  it('refuses sides that cover different prompts (E_INPUT_MISMATCH); --intersect compares the shared ids', async () => {
    const refused = runCli(['compare', join(dir, 'a.npy'), join(dir, 'short.npy')]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('[E_INPUT_MISMATCH]');
    expect(refused.stderr).toContain('5 id(s) only in A');
    const report = compareJson([join(dir, 'a.npy'), join(dir, 'short.npy'), '--intersect']);
    expect(report.agreement['dropped']).toEqual({ onlyA: 5, onlyB: 0 });
    const kept = rows.slice(0, -5);
    const { first, prompts } = await uniquePrompts(kept);
    const { a: _a, b: _b, pooling: _p, dropped: _d, ...measures } = report.agreement;
    expect(numericMismatches(measures, referenceAgreement(asRows(a, 24, first), asRows(b, 24, first), prompts, 10), TOL)).toEqual([]);
  });

  it('refuses a side whose prompt ids repeat (E_INPUT_FORMAT), whether or not both sides list the same ids in order', () => {
    const twice = [...rows.slice(0, 9), rows[3]!];
    const data = a.slice(0, 10 * 24);
    writeSide(join(dir, 'twice-a.npy'), twice, data, 24);
    writeSide(join(dir, 'twice-b.npy'), twice, data, 24);
    // The same ids in the same order on both sides (the fast path), and only B's repeating.
    for (const [x, y, named] of [['twice-a', 'twice-b', 'twice-a'], ['a', 'twice-b', 'twice-b']] as const) {
      const r = runCli(['compare', join(dir, `${x}.npy`), join(dir, `${y}.npy`), '--intersect']);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('[E_INPUT_FORMAT]');
      expect(r.stderr).toContain(`${named}.npy: prompt id "p3" appears twice`);
    }
  });

  it('a large input (the kNN in worker threads) equals the reference too', async () => {
    const big = promptRows(4400);
    const x = embeddings(big, 8, 11);
    const y = embeddings(big, 8, 12, { of: x, width: 8, noise: 0.5 });
    writeSide(join(dir, 'big-a.npy'), big, x, 8);
    writeSide(join(dir, 'big-b.npy'), big, y, 8);
    const report = compareJson([join(dir, 'big-a.npy'), join(dir, 'big-b.npy')]);
    const { first, prompts } = await uniquePrompts(big);
    expect(prompts.length).toBeGreaterThan(4096);
    const { a: _a, b: _b, pooling: _p, dropped: _d, ...measures } = report.agreement;
    expect(numericMismatches(measures, referenceAgreement(asRows(x, 8, first), asRows(y, 8, first), prompts, 10), TOL)).toEqual([]);
    // Three threads: A's pass on two of them, B's on the third, at once; the same numbers.
    const three = compareJson([join(dir, 'big-a.npy'), join(dir, 'big-b.npy'), '--threads', '3']);
    expect(three.agreement).toEqual(report.agreement);
  });

  it('refuses a .npy without its index with one line (exit 2)', () => {
    rmSync(join(dir, 'c.index.jsonl'));
    const r = runCli(['compare', join(dir, 'a.npy'), join(dir, 'c.npy')]);
    expect([r.status, r.stderr.trim().split('\n').length]).toEqual([2, 1]);
    expect(r.stderr).toContain('[E_IO]');
    expect(existsSync(join(dir, 'c.npy'))).toBe(true);
  });
});

describe('cosine neighbours', () => {
  it('break exact ties by the lower row index (many duplicate rows)', async () => {
    const distinct = embeddings(promptRows(9), 5, 7);
    // 63 rows, 9 distinct vectors: every row has 6 exact copies, so k = 8 cuts through a tie.
    const data = new Float32Array(63 * 5);
    for (let r = 0; r < 63; r++) data.set(distinct.subarray(((r * 4) % 9) * 5, ((r * 4) % 9) * 5 + 5), r * 5);
    const m = { data, rows: 63, cols: 5 };
    const got = await cosineNeighbours(m, rowNorms(m), 8);
    const want = neighbours(asRows(data, 5, Array.from({ length: 63 }, (_, i) => i)), 8);
    expect(Array.from(got)).toEqual(want.flat());
  });

  it('a tie wider than the neighbours asked for, on a few rows: those rows from all their distances', async () => {
    // 2,000 distinct-ish rows and 11 copies of one more: with k = 2 each copy has 10 others at
    // distance 0, as many as the engine is first asked for (k + 8), so its tie stays open; these
    // rows (and the few whose nearest is the copied vector) are under 1/64 of all.
    const width = 8;
    const base = embeddings(promptRows(2000), width, 11);
    const data = new Float32Array(2011 * width);
    const copies = new Set(Array.from({ length: 11 }, (_, c) => 3 + c * 181));
    for (let r = 0, s = 0; r < 2011; r++) data.set(copies.has(r) ? base.subarray(0, width).map((v) => -v) : base.subarray(s * width, ++s * width), r * width);
    const m = { data, rows: 2011, cols: width };
    const got = await cosineNeighbours(m, rowNorms(m), 2);
    expect(Array.from(got)).toEqual(neighbours(asRows(data, width, Array.from({ length: 2011 }, (_, i) => i)), 2).flat());
  });

  it('ties open on many rows: the engine is asked again for more neighbours', async () => {
    // 100 rows, 4 distinct vectors: every row has 24 copies, more than k + 8 and twice that.
    const distinct = embeddings(promptRows(4), 6, 13);
    const data = new Float32Array(100 * 6);
    for (let r = 0; r < 100; r++) data.set(distinct.subarray((r % 4) * 6, (r % 4) * 6 + 6), r * 6);
    const m = { data, rows: 100, cols: 6 };
    const got = await cosineNeighbours(m, rowNorms(m), 2);
    expect(Array.from(got)).toEqual(neighbours(asRows(data, 6, Array.from({ length: 100 }, (_, i) => i)), 2).flat());
  });
});
