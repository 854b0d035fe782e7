import type { TopLevelSpec } from 'vega-lite';

/** A chart of a report: file name, title (for the Markdown link) and its vega-lite spec. */
export interface ChartSpec {
  file: string;
  title: string;
  spec: TopLevelSpec;
}

export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** A categorical colour scheme with a distinct colour for each of `n` categories (up to 20). */
export const categoryColor = (n: number) => (n <= 10 ? 'tableau10' : 'tableau20');

/**
 * Step lines of two (or more) reports' series on one chart, coloured by report (diff's overlays).
 * `log`: a logarithmic y axis (for series spanning decades), without the percent format.
 */
export function overlayChart(title: string, values: object[], x: string, xTitle: string, yTitle: string, options: { log?: boolean } = {}): TopLevelSpec {
  return {
    $schema: VEGA_LITE_SCHEMA,
    title,
    width: 480,
    height: 240,
    data: { values },
    mark: { type: 'line', point: true, interpolate: 'step-after' },
    encoding: {
      x: { field: x, type: 'quantitative', title: xTitle },
      y: { field: 'share', type: 'quantitative', title: yTitle, ...(options.log ? { scale: { type: 'log' } } : { axis: { format: '%' } }) },
      color: { field: 'report', type: 'nominal' },
    },
  } as TopLevelSpec;
}
