// The heatmap is a report chart (src/report/); re-exported for inspect-encoder.
export { positionalHeatmapSvg } from '../../report/positional-chart.js';
