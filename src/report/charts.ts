import { analyzers, type Registry } from '../analyzers/index.js';
import type { ChartSpec } from './chart-spec.js';
import type { Report } from './schema.js';
import { renderSvg } from './svg.js';

export type { ChartSpec } from './chart-spec.js';

/** Every chart the report's sections call for, in registry order; pure function of the report. */
export function reportCharts(report: Report, registry: Registry = analyzers): ChartSpec[] {
  const sections = report as unknown as Record<string, unknown>;
  return registry.flatMap((a) => {
    const section = sections[a.section];
    return section === undefined || !a.charts ? [] : a.charts(section, report);
  });
}

export async function renderCharts(report: Report, registry: Registry = analyzers): Promise<Array<{ file: string; title: string; svg: string }>> {
  return Promise.all(reportCharts(report, registry).map(async (c) => ({ file: c.file, title: c.title, svg: await renderSvg(c.spec) })));
}
