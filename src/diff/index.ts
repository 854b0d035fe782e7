export { loadReport, parseReport, type LoadedReport } from './load.js';
export { flatten } from './flatten.js';
export { diffReports, type DiffResult } from './compare.js';
export { parseThreshold, evaluateThresholds } from './thresholds.js';
export { renderDiffMarkdown } from './markdown.js';
export { diffCharts } from './charts.js';
export { sectionNames, selectSections } from './options.js';
