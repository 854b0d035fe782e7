export { loadReport, parseReport, type LoadedReport } from './load.js';
export { flatten, type Leaf } from './flatten.js';
export { diffReports, comparabilityWarnings, type DiffResult, type NumberChange, type ValueChange, type SectionSummary } from './compare.js';
export { parseThreshold, evaluateThresholds, relativePercent, type Threshold, type ThresholdResult } from './thresholds.js';
export { renderDiffMarkdown } from './markdown.js';
export { diffCharts } from './charts.js';
