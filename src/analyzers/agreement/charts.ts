import { VEGA_LITE_SCHEMA, type ChartSpec } from '../../report/chart-spec.js';
import type { AgreementSection } from './schema.js';

/** Cosine (mean and p5) per token-length bucket, when the widths agree; linear CKA per dataset. */
export function agreementCharts(s: AgreementSection): ChartSpec[] {
  const charts: ChartSpec[] = [];
  const cosine = Object.entries(s.byLength).flatMap(([bucket, g]) => (g.cosine ? [{ bucket, measure: 'mean', cosine: g.cosine.mean }, { bucket, measure: 'p5', cosine: g.cosine.p5 }] : []));
  if (cosine.length > 0) {
    charts.push({
      file: 'agreement-cosine-by-length.svg',
      title: 'Cosine between A and B against token length',
      spec: {
        $schema: VEGA_LITE_SCHEMA,
        title: 'cos(A, B) per prompt, by token length (start/end included)',
        width: 420,
        height: 240,
        data: { values: cosine },
        mark: { type: 'line', point: true },
        encoding: {
          x: { field: 'bucket', type: 'ordinal', sort: null, title: 'tokens per prompt', axis: { labelAngle: 0 } },
          y: { field: 'cosine', type: 'quantitative', title: 'cosine', scale: { zero: false } },
          color: { field: 'measure', type: 'nominal', title: '' },
        },
      },
    });
  }
  const cka = Object.entries(s.byDataset).filter(([, g]) => g.cka.linear !== null).map(([dataset, g]) => ({ dataset, cka: g.cka.linear }));
  charts.push({
    file: 'agreement-cka-by-dataset.svg',
    title: 'Linear CKA per dataset',
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      title: 'Linear CKA of A and B per dataset',
      width: 420,
      height: Math.max(60, 22 * cka.length),
      data: { values: cka },
      mark: { type: 'bar' },
      encoding: {
        y: { field: 'dataset', type: 'nominal', sort: null, title: null, axis: { labelLimit: 260 } },
        x: { field: 'cka', type: 'quantitative', title: 'linear CKA', scale: { domain: [0, 1] } },
      },
    },
  });
  return charts;
}
