import type { TopLevelSpec } from 'vega-lite';
import type { ChartSpec } from '../report/charts.js';
import type { LoadedReport } from './load.js';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Overlay charts of two reports: token-length histograms, and PCA spectra when both have one. */
export function diffCharts(a: LoadedReport, b: LoadedReport): ChartSpec[] {
  const label = (r: LoadedReport, side: string) => `${side}: ${r.report.name}`;
  const charts: ChartSpec[] = [];
  const ha = a.report.context?.histogram;
  const hb = b.report.context?.histogram;
  if (ha && hb) {
    const values = [[a, ha, 'A'], [b, hb, 'B']].flatMap(([r, h, s]) => {
      const rep = r as LoadedReport;
      return Object.entries(h as Record<string, number>).map(([length, count]) => ({ report: label(rep, s as string), length: Number(length), share: count / rep.report.context!.prompts }));
    });
    charts.push({ file: 'token-lengths-overlay.svg', title: 'Token-length histograms, A and B', spec: overlay('Token length (start/end included)', values, 'length', 'tokens per prompt', 'share of prompts') });
  }
  const sa = findExplained(a.raw['intrinsicDim']);
  const sb = findExplained(b.raw['intrinsicDim']);
  if (sa && sb) {
    const values = [[a, sa, 'A'], [b, sb, 'B']].flatMap(([r, list, s]) => (list as number[]).map((ratio, i) => ({ report: label(r as LoadedReport, s as string), component: i + 1, share: ratio })));
    charts.push({ file: 'pca-spectra-overlay.svg', title: 'PCA explained-variance spectra, A and B', spec: overlay('PCA spectrum of the embeddings', values, 'component', 'principal component', 'explained variance ratio') });
  }
  return charts;
}

function overlay(title: string, values: object[], x: string, xTitle: string, yTitle: string): TopLevelSpec {
  return {
    $schema: SCHEMA,
    title,
    width: 480,
    height: 240,
    data: { values },
    mark: { type: 'line', point: true, interpolate: 'step-after' },
    encoding: {
      x: { field: x, type: 'quantitative', title: xTitle },
      y: { field: 'share', type: 'quantitative', title: yTitle, axis: { format: '%' } },
      color: { field: 'report', type: 'nominal' },
    },
  } as TopLevelSpec;
}

/** The first `explained` number array below an intrinsic-dimension section (its PCA spectrum). */
function findExplained(node: unknown): number[] | undefined {
  if (typeof node !== 'object' || node === null) return undefined;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'explained' && Array.isArray(value) && value.every((v) => typeof v === 'number')) return value as number[];
    const found = Array.isArray(value) ? undefined : findExplained(value);
    if (found) return found;
  }
  return undefined;
}
