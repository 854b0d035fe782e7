import type { TopLevelSpec } from 'vega-lite';

/** A chart of a report: file name, title (for the Markdown link) and its vega-lite spec. */
export interface ChartSpec {
  file: string;
  title: string;
  spec: TopLevelSpec;
}

export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Step lines of two (or more) reports' series on one chart, coloured by report (diff's overlays). */
export function overlayChart(title: string, values: object[], x: string, xTitle: string, yTitle: string): TopLevelSpec {
  return {
    $schema: VEGA_LITE_SCHEMA,
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
