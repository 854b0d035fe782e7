import fc from 'fast-check';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { analyze } from '../../src/analyze.js';
import { diffCharts, diffReports, parseReport, parseThreshold, renderDiffMarkdown, type LoadedReport } from '../../src/diff/index.js';
import { loadTablesConfig } from '../../src/tables/config.js';
import { ROOT } from '../helpers/cli.js';
import { assertProperty, outcome, Tally } from './harness.js';
import { jsonMutations, keyRename, numberMutation, yamlMutations } from './mutate.js';

/**
 * The two readers of files lite-text wrote or a user edited: `diff`'s report reader (a mutated
 * report.json is parsed, then diffed against the original, thresholds and charts included) and
 * `tables`' config reader (mutated YAML). A result or a LiteTextError naming the file, nothing else.
 */
const dir = mkdtempSync(join(tmpdir(), 'lt-fuzz-reports-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let original: LoadedReport;
let reportBytes: Buffer;

beforeAll(async () => {
  const report = await analyze({ createdAt: '1970-01-01T00:00:00.000Z', byFile: true });
  reportBytes = Buffer.from(`${JSON.stringify(report, null, 2)}\n`);
  original = parseReport(reportBytes.toString('utf8'), 'original.json');
}, 120_000);

const THRESHOLDS = ['context.windows[32].truncationRate > +0.001', 'vocabulary.usedTokens changed', 'corpus.prompts > +10%', 'context.byDataset.demo_categories.lengths.mean < -1'].map(parseThreshold);

describe('fuzz: report reader (diff) and tables config reader', () => {
  it('mutated report.json files are diffed or refused with E_REPORT', async () => {
    const tally = new Tally();
    let n = 0;
    await assertProperty('diff reports', fc.asyncProperty(fc.oneof(jsonMutations, numberMutation, keyRename, fc.tuple(numberMutation, keyRename).map(([x, y]) => (b: Buffer) => y(x(b)))), fc.boolean(), async (mutate, swap) => {
      const file = join(dir, `r${n++ % 8}.json`);
      writeFileSync(file, mutate(reportBytes));
      const o = await outcome(() => {
        const loaded = parseReport(readFileSync(file, 'utf8'), file);
        const [a, b] = swap ? [loaded, original] : [original, loaded];
        const result = diffReports(a, b, { thresholds: THRESHOLDS });
        return [renderDiffMarkdown(result), JSON.stringify(result), diffCharts(a, b).length];
      }, `report ${file}`, file);
      tally.add(o);
    }), 700);
    console.log(`fuzz report reader: ${tally.total} cases: ${tally.toString()}`);
  }, 240_000);

  it('valid reports that differ anywhere (numbers moved, entries dropped) diff cleanly, thresholds included', async () => {
    const tally = new Tally();
    let firstError: string | undefined;
    // Each numeric leaf moved within its kind (integers stay non-negative integers, fractions stay in [0, 1]),
    // or array entries dropped: the report still validates, so the whole diff runs.
    const move = fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.boolean()), { minLength: 1, maxLength: 40 });
    await assertProperty('diff valid reports', fc.asyncProperty(move, fc.boolean(), async (edits, swap) => {
      const doc = JSON.parse(reportBytes.toString('utf8')) as Record<string, unknown>;
      const leaves: Array<[Record<string, unknown> | unknown[], string | number]> = [];
      const walk = (node: unknown) => {
        if (Array.isArray(node)) node.forEach((v, i) => (typeof v === 'number' ? leaves.push([node, i]) : walk(v)));
        else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) if (k !== 'schemaVersion') (typeof v === 'number' ? leaves.push([node as Record<string, unknown>, k]) : walk(v));
      };
      walk(doc);
      for (const [p, q, drop] of edits) {
        const [holder, key] = leaves[Math.min(leaves.length - 1, Math.floor(p * leaves.length))]!;
        const old = (holder as Record<string | number, number>)[key]!;
        if (drop && Array.isArray(holder) && holder.length > 1) holder.splice(Number(key), 1);
        else (holder as Record<string | number, number>)[key] = Number.isInteger(old) ? Math.max(old >= 1 ? 1 : 0, Math.round(old * 2 * q)) : old <= 1 ? q : old * 2 * q;
      }
      const file = join(dir, 'valid.json');
      writeFileSync(file, JSON.stringify(doc));
      const o = await outcome(() => {
        const loaded = parseReport(readFileSync(file, 'utf8'), file);
        const [a, b] = swap ? [loaded, original] : [original, loaded];
        const result = diffReports(a, b, { thresholds: THRESHOLDS });
        return [renderDiffMarkdown(result), JSON.stringify(result), diffCharts(a, b).length];
      }, `valid report ${file}`, file);
      tally.add(o);
      if (o.kind === 'error' && firstError === undefined) firstError = o.error.message;
    }), 300);
    if (firstError !== undefined) console.log(`first refusal: ${firstError}`);
    console.log(`fuzz diff of valid reports: ${tally.total} cases: ${tally.toString()}`);
  }, 240_000);

  it('mutated tables configs load or are refused with E_CONFIG', async () => {
    const seed = readFileSync(join(ROOT, 'corpora/ci.yaml'));
    const tally = new Tally();
    let n = 0;
    await assertProperty('tables configs', fc.asyncProperty(yamlMutations, async (mutate) => {
      const sub = join(dir, `c${n++ % 8}`);
      mkdirSync(sub, { recursive: true });
      const file = join(sub, 'config.yaml');
      writeFileSync(file, mutate(seed));
      const o = await outcome(() => loadTablesConfig(file), `config ${file}`, file);
      tally.add(o);
    }), 900);
    console.log(`fuzz tables config reader: ${tally.total} cases: ${tally.toString()}`);
  }, 240_000);
});
