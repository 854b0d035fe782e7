import type { TopLevelSpec } from 'vega-lite';
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
    const values = Object.entries(report.context.byDataset).flatMap(([dataset, g]) => {
      return Object.entries(g.histogram).map(([length, count]) => ({ dataset, length: Number(length), share: count / g.prompts }));
    });
    charts.push({
      file: 'token-lengths.svg',
      title: 'Token-length histogram per dataset',
      spec: {
        $schema: SCHEMA,
        title: `Token length (start/end included) — ${report.name}`,
        width: 480,
        height: 240,
        data: { values },
        mark: { type: 'line', point: true, interpolate: 'step-after' },
        encoding: {
          x: { field: 'length', type: 'quantitative', title: 'tokens per prompt' },
          y: { field: 'share', type: 'quantitative', title: 'share of prompts', axis: { format: '%' } },
          color: { field: 'dataset', type: 'nominal' },
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
  return charts;
}

export async function renderCharts(report: Report): Promise<Array<{ file: string; title: string; svg: string }>> {
  return Promise.all(reportCharts(report).map(async (c) => ({ file: c.file, title: c.title, svg: await renderSvg(c.spec) })));
}
