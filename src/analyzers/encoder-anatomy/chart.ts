import type * as vl from 'vega-lite';
import { renderSvg } from '../../report/svg.js';
import type { EncoderAnatomy } from './schema.js';

/** Vega-Lite heatmap of the positional cosine-similarity matrix. */
export function positionalHeatmapSpec(positional: NonNullable<EncoderAnatomy['positional']>): vl.TopLevelSpec {
  const values = positional.similarity.flatMap((row, i) => row.map((s, j) => ({ i, j, s: Math.round(s * 1e4) / 1e4 })));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: 'Positional embedding: cosine similarity of positions',
    data: { values },
    mark: 'rect',
    width: 320,
    height: 320,
    encoding: {
      x: { field: 'j', type: 'ordinal', title: 'position' },
      y: { field: 'i', type: 'ordinal', title: 'position' },
      color: { field: 's', type: 'quantitative', title: 'cosine', scale: { domain: [-1, 1], scheme: 'redblue', reverse: true } },
    },
  };
}

/** Renders the heatmap to SVG headlessly (vega-lite compile -> vega View, renderer 'none'). */
export async function positionalHeatmapSvg(positional: NonNullable<EncoderAnatomy['positional']>): Promise<string> {
  return renderSvg(positionalHeatmapSpec(positional));
}
