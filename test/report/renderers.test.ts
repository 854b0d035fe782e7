// The pure renderers in-process: Markdown of the demo report equals the reviewed golden file (the same
// one test/analyze/markdown.test.ts checks through the CLI); charts are derived from the report only.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.js';
import { reportCharts } from '../../src/report/charts.js';
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
});
