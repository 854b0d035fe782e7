// The heatmap is a report chart (src/report/); re-exported for inspect-encoder.
export { positionalHeatmapSpec, positionalHeatmapSvg } from '../../report/positional-chart.js';
