// diff on two real reports: the demo corpus (A) and a copy with one prompt changed and one long prompt
// added (B). Completeness and soundness are checked against the two JSON trees directly.
import { copyFileSync, cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.js';
import { inspectArch } from '../../src/analyzers/encoder-anatomy/index.js';
import { diffReports, evaluateThresholds, flatten, parseReport, parseThreshold, renderDiffMarkdown, type DiffResult, type LoadedReport } from '../../src/diff/index.js';
import { LiteTextError } from '../../src/errors.js';
import type { Report } from '../../src/report/schema.js';
import { ROOT, runMain } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

const dir = tempDir('lt-diff');
const fileA = join(dir, 'a.json');
const fileB = join(dir, 'b.json');
// 40+ tokens: truncated at L = 32, which no demo prompt is.
const LONG = 'the tall man in the dark blue jacket standing behind the second red car on the far left side of the crowded street next to the old stone church holding a small yellow umbrella and a paper bag';
let A: Report;
let B: Report;
let d: DiffResult;
const load = (file: string) => parseReport(readFileSync(file, 'utf8'), file);

beforeAll(async () => {
  const copy = join(dir, 'demo');
  cpSync(join(ROOT, 'corpora/demo'), copy, { recursive: true });
  const jsonl = join(copy, 'referring_expressions.jsonl');
  const lines = readFileSync(jsonl, 'utf8').trimEnd().split('\n');
  lines[0] = JSON.stringify({ text: 'man on the left wearing a red striped shirt and a hat', split: 'train', ref_id: 1000 });
  lines.push(JSON.stringify({ text: LONG, split: 'val', ref_id: 9999 }));
  writeFileSync(jsonl, `${lines.join('\n')}\n`);
  const createdAt = '2026-01-01T00:00:00.000Z';
  A = await analyze({ createdAt, contextLengths: [8, 16, 32] });
  B = await analyze({ inputs: [copy], createdAt, contextLengths: [8, 16, 32], name: 'demo' });
  writeFileSync(fileA, JSON.stringify(A, null, 2));
  writeFileSync(fileB, JSON.stringify(B, null, 2));
  d = diffReports(load(fileA), load(fileB));
}, 60_000);

/**
 * Resolves a diff path in a raw report independently of flatten(): at an object, the longest key that
 * prefixes the rest of the path (keys may contain dots: "0.01"); `[k]` finds the element whose
 * length/layer/k/id/name is k.
 */
function resolve(node: unknown, rest: string): unknown {
  if (rest === '') return node;
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    const k = rest.slice(1, close);
    const arr = node as Array<Record<string, unknown>>;
    const next = arr.find((e) => ['length', 'layer', 'k', 'id', 'name'].some((f) => String(e?.[f]) === k)) ?? arr[Number(k)];
    return resolve(next, rest.slice(close + 1).replace(/^\./, ''));
  }
  const obj = node as Record<string, unknown>;
  const key = Object.keys(obj)
    .filter((k) => rest === k || rest.startsWith(`${k}.`) || rest.startsWith(`${k}[`))
    .sort((x, y) => y.length - x.length)[0];
  if (key === undefined) return undefined;
  return resolve(obj[key], rest.slice(key.length).replace(/^\./, ''));
}

describe('diff on the demo corpus vs a modified copy', () => {
  it('lists every changed number of context, vocabulary and corpus, with A, B and both changes', () => {
    const listed = new Map(d.numbers.map((n) => [n.path, n]));
    const expectChange = (path: string, a: number, b: number) => {
      if (a === b) return expect(listed.has(path)).toBe(false);
      const n = listed.get(path);
      expect(n, path).toBeDefined();
      expect(n).toMatchObject({ a, b, delta: b - a });
      if (a === 0) expect(n!.relative).toBeNull();
      else expect(n!.relative).toBeCloseTo(((b - a) / Math.abs(a)) * 100, 9);
    };
    for (const ds of Object.keys(A.context!.byDataset)) {
      const ga = A.context!.byDataset[ds]!;
      const gb = B.context!.byDataset[ds]!;
      for (const k of ['mean', 'min', 'max', 'p50', 'p90', 'p95', 'p99'] as const) expectChange(`context.byDataset.${ds}.lengths.${k}`, ga.lengths[k], gb.lengths[k]);
      for (const w of ga.windows) {
        const wb = gb.windows.find((x) => x.length === w.length)!;
        for (const k of ['density', 'paddingWaste', 'truncationRate'] as const) expectChange(`context.byDataset.${ds}.windows[${w.length}].${k}`, w[k], wb[k]);
      }
      const va = A.vocabulary!.byDataset[ds]!;
      const vb = B.vocabulary!.byDataset[ds]!;
      for (const k of ['usedTokens', 'usedFraction', 'occurrences', 'hapax'] as const) expectChange(`vocabulary.byDataset.${ds}.${k}`, va[k], vb[k]);
      expectChange(`corpus.byDataset.${ds}.prompts`, A.corpus.byDataset[ds]!.prompts, B.corpus.byDataset[ds]!.prompts);
    }
    // The modification is visible where it must be.
    const truncated = (r: Report) => r.context!.windows.find((w) => w.length === 32)!.truncationRate * r.corpus.prompts;
    expect(Math.round(truncated(B))).toBe(Math.round(truncated(A)) + 1);
    expect(listed.get('context.windows[32].truncationRate')).toMatchObject({ a: A.context!.windows[2]!.truncationRate, b: B.context!.windows[2]!.truncationRate });
    const n = A.corpus.byDataset['referring_expressions']!.prompts;
    expect(listed.get('corpus.byDataset.referring_expressions.prompts')).toMatchObject({ a: n, b: n + 1, delta: 1 });
    expect(B.corpus.prompts).toBe(A.corpus.prompts + 1);
    expect(listed.has('context.byDataset.sa-co-gold.lengths.mean')).toBe(false);
  });

  it('lists nothing that is equal, and every listed value is what the two reports hold', () => {
    for (const n of d.numbers) {
      expect(resolve(A, n.path), n.path).toBe(n.a);
      expect(resolve(B, n.path), n.path).toBe(n.b);
      expect(n.a).not.toBe(n.b);
    }
    // Equal numbers are only counted: the summary adds up to every leaf of A (createdAt aside).
    const leaves = flatten(A as unknown as Record<string, unknown>).size;
    expect(d.summary.reduce((s, x) => s + x.compared + x.onlyInA, 0)).toBe(leaves);
    expect(d.summary.find((s) => s.section === 'context')!.changed).toBe(d.numbers.filter((n) => n.section === 'context').length);
    // One summary row per dataset: only the edited one changed.
    expect(d.summary.find((s) => s.section === 'context · sa-co-gold')).toMatchObject({ changed: 0, onlyInA: 0, onlyInB: 0 });
    expect(d.summary.find((s) => s.section === 'context · referring_expressions')!.changed).toBeGreaterThan(5);
    expect(d.numbers.filter((n) => n.path.startsWith('context.byDataset.referring_expressions.')).every((n) => n.section === 'context · referring_expressions')).toBe(true);
  });

  it('finds exactly the fields mutated in a copy (number, string, keyed array element)', () => {
    const raw = JSON.parse(JSON.stringify(A)) as Report;
    raw.context!.windows.find((w) => w.length === 16)!.density += 0.25;
    raw.name = 'renamed';
    raw.vocabulary!.topTokens.reverse(); // reordered, not changed: keyed by id
    raw.vocabulary!.topTokens[0]!.count += 1;
    const id = raw.vocabulary!.topTokens[0]!.id;
    const r = diffReports(load(fileA), parseReport(JSON.stringify(raw), 'mutated.json'));
    expect(r.numbers.map((n) => n.path)).toEqual(['context.windows[16].density', `vocabulary.topTokens[${id}].count`]);
    expect(r.values).toEqual([{ path: 'name', section: 'report', a: 'demo', b: 'renamed' }]);
    expect(r.onlyInA).toEqual([]);
    expect(r.warnings).toEqual([]);
  });

  it('warns that the corpora differ, and says which comparisons that voids', () => {
    expect(d.warnings).toHaveLength(1);
    expect(d.warnings[0]).toMatch(new RegExp(`^different corpora \\(fingerprint [0-9a-f]{12} vs [0-9a-f]{12}; ${A.corpus.prompts} vs ${B.corpus.prompts} prompts\\): the corpus, context, vocabulary`));
    expect(renderDiffMarkdown(d)).toContain('## Warnings');
    const same = diffReports(load(fileA), load(fileA));
    expect(same.warnings).toEqual([]);
    expect(same.numbers).toEqual([]);
    expect(renderDiffMarkdown(same)).toContain('The reports are equal');
  });

  it('warns about a different tokenizer', () => {
    const raw = JSON.parse(JSON.stringify(A)) as Report;
    raw.tokenizer.hash = '0'.repeat(64);
    const r = diffReports(load(fileA), parseReport(JSON.stringify(raw), 'other-tokenizer.json'));
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatch(/^different tokenizers \(sam3 f61f2adf497e vs sam3 000000000000\): token lengths, context windows and vocabulary counts are not comparable/);
  });

  it('puts encoder anatomy and intrinsic-dimension sections side by side (any section, known to the schema or not)', () => {
    const withSections = (r: Report, arch: string, twoNN: number): LoadedReport => {
      const raw = { ...JSON.parse(JSON.stringify(r)), encoderAnatomy: inspectArch(arch), intrinsicDim: { mean: { twoNN: { '0.1': twoNN }, pca: { explained: [0.5, 0.3, 0.2] } } } };
      return { file: arch, report: r, raw };
    };
    const r = diffReports(withSections(A, 'sam3', 12), withSections(A, 'litetext-s0', 9), { thresholds: [parseThreshold('intrinsicDim.mean.twoNN.0.1 < -20%')] });
    expect(r.encoder!.total).toMatchObject({ parametersA: 353_724_672, parametersB: 42_535_168 });
    expect(r.encoder!.total.reduction).toBeCloseTo((1 - 42_535_168 / 353_724_672) * 100, 9);
    expect(r.encoder!.total.reduction!.toFixed(0)).toBe('88');
    const tok = r.encoder!.rows.find((x) => x.component === 'tokenEmbedding')!;
    expect(tok).toMatchObject({ parametersA: 49408 * 1024, parametersB: 49408 * 512, reduction: 50 });
    expect(r.intrinsicDim).toEqual([{ estimate: 'mean.twoNN.0.1', a: 12, b: 9, relative: -25 }]);
    expect(r.thresholds[0]!.breached).toBe(true);
    expect(renderDiffMarkdown(r)).toContain('| **total** | 353724672 | 42535168 | 87.98 % |');
  });
});

describe('threshold language', () => {
  const leaves = (o: Record<string, unknown>) => flatten(o);
  const a = leaves({ context: { windows: [{ length: 32, truncationRate: 0.5 }] }, vocabulary: { usedTokens: 100, byDataset: { lvis: { usedTokens: 50 }, coco: { usedTokens: 0 }, 'my prompts': { usedTokens: 7 } } }, tokenizer: { hash: 'x' } });
  const b = leaves({ context: { windows: [{ length: 32, truncationRate: 0.625 }] }, vocabulary: { usedTokens: 89, byDataset: { lvis: { usedTokens: 50 }, coco: { usedTokens: 3 }, 'my prompts': { usedTokens: 9 } } }, tokenizer: { hash: 'x' } });
  const breached = (expr: string) => evaluateThresholds([parseThreshold(expr)], a, b)[0]!.breached;

  it.each([
    ['context.windows[32].truncationRate > +0.1', true],
    ['context.windows[32].truncationRate > +0.125', false],
    ['context.windows[32].truncationRate >= 0.125', true],
    ['context.windows[32].truncationRate < -0.1', false],
    ['context.windows[32].truncationRate > +20%', true],
    ['context.windows[32].truncationRate > +25%', false],
    ['context.windows[32].truncationRate >= +25%', true],
    ['vocabulary.usedTokens < -10%', true],
    ['vocabulary.usedTokens < -11%', false],
    ['vocabulary.usedTokens <= -11', true],
    ['vocabulary.usedTokens > +0', false],
    ['vocabulary.usedTokens changed', true],
    ['vocabulary.byDataset.lvis.usedTokens changed', false],
    ['vocabulary.byDataset.coco.usedTokens > +1000%', true], // from 0: an infinite relative change
    ['vocabulary.byDataset.*.usedTokens > +0', true],
    ['tokenizer.hash changed', false],
    ['vocabulary.byDataset.my prompts.usedTokens > +1', true],
    ['vocabulary.byDataset.my prompts.usedTokens changed', true],
    ['  vocabulary.usedTokens<=-11  ', true],
  ])('%s → breached %s', (expr, expected) => expect(breached(expr)).toBe(expected));

  it.each([
    ['context.windows[32].truncationRate >> 1', /the value must be a number/],
    ['vocabulary.usedTokens', /no operator/],
    ['vocabulary.usedTokens > ten', /the value must be a number/],
    ['vocabulary.usedTokens > +5 %%', /the value must be a number/],
    ['> +5', /no PATH before the operator/],
  ])('rejects %s', (expr, message) => {
    expect(() => parseThreshold(expr)).toThrow(message);
    try {
      parseThreshold(expr);
    } catch (error) {
      expect((error as LiteTextError).code).toBe('E_USAGE');
    }
  });

  it('rejects a path that is in neither report, and an order on a string', () => {
    expect(() => evaluateThresholds([parseThreshold('vocabulary.usedTokenz > 0')], a, b)).toThrow(/no field vocabulary.usedTokenz in either report/);
    expect(() => evaluateThresholds([parseThreshold('tokenizer.hash > 0')], a, b)).toThrow(/tokenizer.hash is not a number/);
  });
});

describe('lite-text diff (CLI)', () => {
  it('exits 1 and names the breached threshold, 0 when none is breached (and writes the overlay chart)', async () => {
    const fail = await runMain(['diff', fileA, fileB, '--fail-on', 'context.windows[32].truncationRate > +0.001', '--fail-on', 'vocabulary.usedTokens < -5%']);
    expect(fail.status).toBe(1);
    const [ta, tb] = [A, B].map((r) => r.context!.windows.find((w) => w.length === 32)!.truncationRate);
    expect(tb! - ta!).toBeGreaterThan(0.001);
    expect(fail.stderr).toContain(`lite-text: threshold breached: context.windows[32].truncationRate > +0.001 (context.windows[32].truncationRate: ${ta} -> ${tb})`);
    expect(fail.stderr).not.toContain('threshold breached: vocabulary.usedTokens');
    expect(fail.stdout).toContain('- **breached**: `context.windows[32].truncationRate > +0.001`');
    expect(fail.stdout).toContain('- ok: `vocabulary.usedTokens < -5%`');
    expect(fail.stderr).toContain('warning: different corpora');

    const charts = join(dir, 'charts');
    const folderB = join(dir, 'b-folder');
    mkdirSync(folderB);
    copyFileSync(fileB, join(folderB, 'report.json'));
    const ok = await runMain(['diff', fileA, folderB, '--json', '--fail-on', 'context.windows[8].density < -1%', '--fail-on', 'tokenizer.hash changed', '--charts', charts]);
    expect(ok.status).toBe(0);
    // --charts: the overlay of the two length histograms.
    const svg = readFileSync(join(charts, 'token-lengths-overlay.svg'), 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('A: demo');
    expect(svg).toContain('B: demo');
    const json = JSON.parse(ok.stdout) as DiffResult;
    expect(json.thresholds.map((t) => t.breached)).toEqual([false, false]);
    expect(json.numbers.length).toBe(d.numbers.length);
    expect(json.b.file).toBe(join(folderB, 'report.json'));
  });

  it('exits 2 on a bad expression and on an unknown schema version, naming the file and the version', async () => {
    const bad = await runMain(['diff', fileA, fileB, '--fail-on', 'context.windows[32].truncationRate >> +1']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--fail-on "context.windows\[32\].truncationRate >> \+1": the value must be a number.*\[E_USAGE\]/);
    const future = join(dir, 'future.json');
    writeFileSync(future, JSON.stringify({ ...A, schemaVersion: 99 }));
    const v = await runMain(['diff', fileA, future]);
    expect(v.status).toBe(2);
    expect(v.stderr).toContain(`lite-text: ${future}: report schemaVersion 99 is not supported (this lite-text reads schemaVersion 1)`);
    expect(v.stderr).toContain('[E_REPORT]');
  });

  it('rejects files that are not JSON, not a report or an invalid report with E_REPORT, file and position', () => {
    const reportError = (text: string, file: string) => {
      try {
        parseReport(text, file);
      } catch (error) {
        expect((error as LiteTextError).code).toBe('E_REPORT');
        return (error as LiteTextError).message;
      }
      throw new Error('no error');
    };
    expect(reportError('{\n  "schemaVersion": 1,\n  "name": oops\n}', 'broken.json')).toMatch(/^broken.json:3:11: not JSON /);
    expect(reportError('[1, 2]', 'other.json')).toBe('other.json: not a lite-text report (no schemaVersion at the top level)');
    expect(reportError('{"schemaVersion": "1"}', 'string.json')).toMatch(/^string.json: report schemaVersion "1" is not supported/);
    const raw = JSON.parse(JSON.stringify(A)) as Record<string, any>;
    raw['context'].windows[1].density = 'high';
    expect(reportError(JSON.stringify(raw), 'invalid.json')).toMatch(/^invalid.json: not a valid lite-text report at \/context\/windows\/1\/density: /);
  });
});
