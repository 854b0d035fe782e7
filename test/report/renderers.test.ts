// The pure renderers in-process: Markdown of the demo report equals the reviewed golden file (the same
// one test/analyze/markdown.test.ts checks through the CLI); charts are derived from the report only.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.js';
import { analyzers } from '../../src/analyzers/index.js';
import { reportCharts } from '../../src/report/charts.js';
import { CORE_DEFINITIONS } from '../../src/report/core-schema.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { ROOT } from '../helpers/cli.js';

const GOLDEN = join(ROOT, 'test/analyze/fixtures/demo/report.md');

describe('report renderers', async () => {
  // The golden file masks the time as <time>: a report made with that createdAt renders it verbatim.
  const report = await analyze({ createdAt: '<time>' });

  it('renderMarkdown(demo report) is the reviewed Markdown', () => {
    expect(renderMarkdown(report)).toBe(readFileSync(GOLDEN, 'utf8'));
  });

  it('links the charts it is given, after the sections', () => {
    const md = renderMarkdown(report, [{ file: 'x.svg', title: 'X' }]);
    expect(md).toBe(`${readFileSync(GOLDEN, 'utf8').trimEnd()}\n\n## Charts\n\n![X](x.svg)\n`);
  });

  it('charts: one per section that draws one, shares of each dataset summing to 1', () => {
    const charts = reportCharts(report);
    expect(charts.map((c) => c.file)).toEqual(['token-lengths.svg', 'vocabulary-coverage.svg']);
    const values = (charts[0]!.spec as { data: { values: Array<{ dataset: string; share: number }> } }).data.values;
    const byDataset = new Map<string, number>();
    for (const v of values) byDataset.set(v.dataset, (byDataset.get(v.dataset) ?? 0) + v.share);
    expect([...byDataset.keys()].sort()).toEqual(Object.keys(report.corpus.byDataset).sort());
    for (const total of byDataset.values()) expect(total).toBeCloseTo(1, 12);
    const curve = report.vocabulary!.coverageCurve;
    expect((charts[1]!.spec as { data: { values: unknown } }).data.values).toEqual(curve);
  });

  it('explains every measure it shows in "How to read this report", from the report\'s own definitions', () => {
    const md = renderMarkdown(report);
    const section = md.slice(md.indexOf('## How to read this report'));
    const shown = [CORE_DEFINITIONS.head, ...analyzers.filter((a) => (report as Record<string, unknown>)[a.section] !== undefined).map((a) => a.definitions), CORE_DEFINITIONS.tail];
    for (const key of shown.flatMap((d) => Object.keys(d))) expect(section).toContain(`- \`${key}\`: ${report.definitions[key]}\n`);
    // Sections the report lacks are not explained; every analyzer declares its own definitions.
    expect(section).not.toContain('intrinsicDim');
    for (const a of analyzers) expect(Object.keys(a.definitions).length, a.name).toBeGreaterThan(0);
    for (const key of ['intrinsicDim.*.intervals', 'intrinsicDim.*.twoNN', 'intrinsicDim.*.mle', 'intrinsicDim.*.dimension', 'intrinsicDim.*.duplicatesRemoved', 'encoderAnatomy.corpus']) expect(report.definitions[key]).toBeDefined();
  });

  it('lists what reading the inputs left out: skipped files and records by reason', () => {
    const skipped = { files: [{ path: 'data/README.md', why: 'text starting "# notes"' }, { path: 'data/loop', why: 'a symlink loop' }], records: { 'empty prompt': 3 }, dropped: {} };
    const md = renderMarkdown({ ...report, inputs: { ...report.inputs, skipped } });
    expect(md).toContain('Left out while reading the inputs:\n\n- file `data/README.md`: text starting "# notes"\n- file `data/loop`: a symlink loop\n- 3 record(s) skipped: empty prompt\n');
    expect(renderMarkdown(report)).not.toContain('Left out while reading');
  });

  it('--by-file: per-file tables in the context and vocabulary sections', async () => {
    const byFile = await analyze({ createdAt: '<time>', byFile: true });
    const md = renderMarkdown(byFile);
    const files = Object.keys(byFile.context!.byFile!);
    expect(files).toHaveLength(3);
    const context = md.slice(md.indexOf('## Context window'), md.indexOf('## Vocabulary'));
    const vocabulary = md.slice(md.indexOf('## Vocabulary'), md.indexOf('### Most frequent'));
    for (const f of files) {
      const c = byFile.context!.byFile![f]!;
      const v = byFile.vocabulary!.byFile![f]!;
      expect(context).toContain(`| ${f} | ${c.prompts} | `);
      expect(vocabulary).toContain(`| ${f} | ${v.usedTokens} | `);
    }
    expect(md.match(/### Per file/g)).toHaveLength(2);
  });

  it('token lengths: a rule at the context length, a distinct colour per dataset (tableau20 above 10), small multiples above 20', () => {
    const spec = (r: typeof report) => reportCharts(r)[0]!.spec as unknown as Record<string, any>;
    const demo = spec(report);
    const rule = demo['layer'][1];
    expect(rule.data.values).toEqual([{ length: 32, label: 'context 32' }]);
    expect(rule.layer[0].mark.type).toBe('rule');
    expect(demo['layer'][0].encoding.color.scale.scheme).toBe('tableau10');
    const many = (n: number) => {
      const g = report.context!.byDataset['sa-co-gold']!;
      const byDataset = Object.fromEntries(Array.from({ length: n }, (_, i) => [`d${i}`, g]));
      return spec({ ...report, context: { ...report.context!, byDataset } });
    };
    expect(many(11)['layer'][0].encoding.color.scale.scheme).toBe('tableau20');
    expect(many(21)['facet'].row.field).toBe('dataset');
  });
});
