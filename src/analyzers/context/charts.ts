import { categoryColor, VEGA_LITE_SCHEMA, type ChartSpec } from '../../report/chart-spec.js';
import type { ReportCore } from '../../report/core-schema.js';
import type { ContextSection } from './schema.js';

/** Above this many datasets the histogram becomes small multiples, one row per dataset. */
const MAX_COLOURS = 20;

/** Token-length histogram per dataset, with a rule at the tokenizer's context length. */
export function contextChart(context: ContextSection, report: ReportCore): ChartSpec {
  const L = report.tokenizer.contextLength;
  const { min } = context.lengths;
  // The axis reaches the context length even when no prompt does, so the rule is always drawn.
  const max = Math.max(context.lengths.max, L);
  const datasets = Object.keys(context.byDataset);
  // One bar per (length, dataset), zeros included, so gaps in the distribution stay visible.
  const values = Object.entries(context.byDataset).flatMap(([dataset, g]) =>
    Array.from({ length: max - min + 1 }, (_, i) => ({ dataset, length: min + i, share: (g.histogram[String(min + i)] ?? 0) / g.prompts })),
  );
  const x = { field: 'length', type: 'ordinal', title: 'tokens per prompt', scale: { domain: Array.from({ length: max - min + 1 }, (_, i) => min + i) }, axis: { labelAngle: 0, labelOverlap: true } } as const;
  const facet = datasets.length > MAX_COLOURS;
  const bars = {
    mark: { type: 'bar' },
    encoding: {
      x,
      ...(facet ? {} : { xOffset: { field: 'dataset', type: 'nominal' } }),
      y: { field: 'share', type: 'quantitative', title: 'share of the dataset\'s prompts', axis: { format: '%' } },
      color: { field: 'dataset', type: 'nominal', legend: facet ? null : { labelLimit: 260 }, scale: { scheme: categoryColor(datasets.length) } },
    },
  };
  const rule = {
    data: { values: [{ length: L, label: `context ${L}` }] },
    layer: [
      { mark: { type: 'rule', color: 'black', strokeDash: [4, 3], strokeWidth: 1.5 }, encoding: { x } },
      { mark: { type: 'text', align: 'left', dx: 4, dy: -4, baseline: 'bottom', fontSize: 11 }, encoding: { x, y: { value: 0 }, text: { field: 'label' } } },
    ],
  };
  const width = Math.max(360, Math.min(900, (max - min + 1) * (facet ? 8 : 14)));
  const title = `Tokens per prompt (start/end included; dashed: ${L === 32 ? 'SAM3 context 32' : `context ${L}; SAM3's is 32`}) — ${report.name}`;
  const spec = facet
    ? { $schema: VEGA_LITE_SCHEMA, title, data: { values }, facet: { row: { field: 'dataset', type: 'nominal', header: { labelAngle: 0, labelAlign: 'left', labelLimit: 200 } } }, spec: { width, height: 60, layer: [bars, rule] }, resolve: { scale: { y: 'independent' } } }
    : { $schema: VEGA_LITE_SCHEMA, title, width, height: 240, data: { values }, layer: [bars, rule] };
  return { file: 'token-lengths.svg', title: 'Token-length histogram per dataset', spec: spec as ChartSpec['spec'] };
}
