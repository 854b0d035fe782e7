import { VEGA_LITE_SCHEMA, type ChartSpec } from '../../report/chart-spec.js';
import type { ReportCore } from '../../report/core-schema.js';
import type { ContextSection } from './schema.js';

/** Token-length histogram per dataset. */
export function contextChart(context: ContextSection, report: ReportCore): ChartSpec {
  const { max, min } = context.lengths;
  // One bar per (length, dataset), zeros included, so gaps in the distribution stay visible.
  const values = Object.entries(context.byDataset).flatMap(([dataset, g]) =>
    Array.from({ length: max - min + 1 }, (_, i) => ({ dataset, length: min + i, share: (g.histogram[String(min + i)] ?? 0) / g.prompts })),
  );
  return {
    file: 'token-lengths.svg',
    title: 'Token-length histogram per dataset',
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      title: `Tokens per prompt (start/end included; ${report.tokenizer.contextLength === 32 ? 'SAM3 context 32' : `context ${report.tokenizer.contextLength}; SAM3's is 32`}) — ${report.name}`,
      width: Math.max(360, Math.min(900, (max - min + 1) * 14)),
      height: 240,
      data: { values },
      mark: { type: 'bar' },
      encoding: {
        x: { field: 'length', type: 'ordinal', title: 'tokens per prompt', axis: { labelAngle: 0, labelOverlap: true } },
        xOffset: { field: 'dataset', type: 'nominal' },
        y: { field: 'share', type: 'quantitative', title: 'share of the dataset\'s prompts', axis: { format: '%' } },
        color: { field: 'dataset', type: 'nominal', legend: { labelLimit: 260 } },
      },
    },
  };
}
