import type { TopLevelSpec } from 'vega-lite';
import { positionalHeatmapSpec } from './positional-chart.js';
import type { Report } from './schema.js';
import { renderSvg } from './svg.js';

/** A chart of a report: file name, title (for the Markdown link) and its vega-lite spec. */
export interface ChartSpec {
  file: string;
  title: string;
  spec: TopLevelSpec;
}

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Every chart the report's sections call for; pure function of the report. */
export function reportCharts(report: Report): ChartSpec[] {
  const charts: ChartSpec[] = [];
  if (report.context) {
    const max = report.context.lengths.max;
    const min = report.context.lengths.min;
    // One bar per (length, dataset), zeros included, so gaps in the distribution stay visible.
    const values = Object.entries(report.context.byDataset).flatMap(([dataset, g]) =>
      Array.from({ length: max - min + 1 }, (_, i) => ({ dataset, length: min + i, share: (g.histogram[String(min + i)] ?? 0) / g.prompts })),
    );
    charts.push({
      file: 'token-lengths.svg',
      title: 'Token-length histogram per dataset',
      spec: {
        $schema: SCHEMA,
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
    });
  }
  if (report.vocabulary) {
    charts.push({
      file: 'vocabulary-coverage.svg',
      title: 'Vocabulary coverage curve',
      spec: {
        $schema: SCHEMA,
        title: `Share of token occurrences covered by the top-k ids — ${report.name}`,
        width: 480,
        height: 240,
        data: { values: report.vocabulary.coverageCurve },
        mark: { type: 'line' },
        encoding: {
          x: { field: 'k', type: 'quantitative', scale: { type: 'log' }, title: 'k most frequent ids (log)' },
          y: { field: 'share', type: 'quantitative', title: 'share of occurrences', axis: { format: '%' }, scale: { domain: [0, 1] } },
        },
      },
    });
  }
  if (report.intrinsicDim) {
    const id = report.intrinsicDim;
    const values = (['mean', 'eot', 'tokens'] as const).flatMap((pooling) => {
      let cumulative = 0;
      return (id[pooling].pca?.explained ?? []).map((ratio, i) => ({ pooling, component: i + 1, explained: ratio, cumulative: (cumulative += ratio) }));
    });
    charts.push({
      file: 'pca-spectrum.svg',
      title: 'PCA spectrum of the text embeddings',
      spec: {
        $schema: SCHEMA,
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
            encoding: {
              x: { field: 'component', type: 'quantitative', title: 'component' },
              y: { field: 'cumulative', type: 'quantitative', title: 'cumulative', axis: { format: '%' }, scale: { domain: [0, 1] } },
              color: { field: 'pooling', type: 'nominal' },
            },
          },
        ],
      },
    });
  }
  if (report.encoderAnatomy?.positional) {
    charts.push({ file: 'positional-similarity.svg', title: 'Positional-embedding cosine similarity', spec: positionalHeatmapSpec(report.encoderAnatomy.positional) });
  }
  return charts;
}

export async function renderCharts(report: Report): Promise<Array<{ file: string; title: string; svg: string }>> {
  return Promise.all(reportCharts(report).map(async (c) => ({ file: c.file, title: c.title, svg: await renderSvg(c.spec) })));
}
