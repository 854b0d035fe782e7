import { analyzers, type Registry } from '../analyzers/index.js';
import type { ChartSpec } from '../report/chart-spec.js';
import type { LoadedReport } from './load.js';

/** Overlay charts of two reports, as each analyzer draws them (token-length histograms, PCA spectra); only `sections`' when given. */
export function diffCharts(a: LoadedReport, b: LoadedReport, sections?: ReadonlySet<string>, registry: Registry = analyzers): ChartSpec[] {
  const labels = [`A: ${a.report.name}`, `B: ${b.report.name}`] as const;
  return registry.filter((analyzer) => sections === undefined || sections.has(analyzer.section)).flatMap((analyzer) => analyzer.diff?.charts?.(a.raw[analyzer.section], b.raw[analyzer.section], labels) ?? []);
}
