import { VEGA_LITE_SCHEMA, type ChartSpec } from '../../report/chart-spec.js';
import type { ReportCore } from '../../report/core-schema.js';
import type { IntrinsicDimSection } from './schema.js';

/** PCA spectrum of each pooling: explained variance ratio (log) and cumulative. */
export function pcaSpectrumChart(id: IntrinsicDimSection, report: ReportCore): ChartSpec {
  const values = (['mean', 'eot', 'tokens'] as const).flatMap((pooling) => {
    let cumulative = 0;
    return (id[pooling].pca?.explained ?? []).map((ratio, i) => ({ pooling, component: i + 1, explained: ratio, cumulative: (cumulative += ratio) }));
  });
  return {
    file: 'pca-spectrum.svg',
    title: 'PCA spectrum of the text embeddings',
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      title: `PCA spectrum (explained and cumulative variance) — ${report.name}`,
      data: { values },
      hconcat: [
        {
          width: 300, height: 220, mark: { type: 'line', point: false },
          // Numerically zero (or negative round-off) eigenvalues have no place on a log axis.
          transform: [{ filter: 'datum.explained > 1e-12' }],
          encoding: {
            x: { field: 'component', type: 'quantitative', title: 'component' },
            y: { field: 'explained', type: 'quantitative', scale: { type: 'log' }, title: 'explained variance ratio (log)' },
            color: { field: 'pooling', type: 'nominal' },
          },
        },
        {
          width: 300, height: 220, mark: { type: 'line', point: false },
          // Up to the cloud's own dimension (its numerical rank): past it the curve is flat at 100 %.
          transform: [{ filter: 'datum.explained > 1e-12' }],
          encoding: {
            x: { field: 'component', type: 'quantitative', title: 'component' },
            y: { field: 'cumulative', type: 'quantitative', title: 'cumulative', axis: { format: '%' }, scale: { domain: [0, 1] } },
            color: { field: 'pooling', type: 'nominal' },
          },
        },
      ],
    },
  };
}
