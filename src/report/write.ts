import { join } from 'node:path';
import { LiteTextError } from '../errors.js';
import { writeOutputs } from '../util/atomic.js';
import { renderCharts } from './charts.js';
import { renderMarkdown } from './markdown.js';
import type { Report } from './schema.js';

export const FORMATS = ['json', 'md', 'svg'] as const;
export type Format = (typeof FORMATS)[number];

/**
 * Renders every requested format in memory first, then writes the files as one unit (writeOutputs), so
 * a failed render or write leaves nothing behind and a reader never sees a partial file.
 */
export async function writeReport(report: Report, outDir: string, formats: readonly Format[]): Promise<string[]> {
  const files: Array<[string, string]> = [];
  const charts = formats.includes('svg') ? await renderCharts(report) : [];
  if (formats.includes('json')) files.push(['report.json', `${JSON.stringify(report, null, 2)}\n`]);
  if (formats.includes('md')) files.push(['report.md', renderMarkdown(report, charts)]);
  for (const chart of charts) files.push([chart.file, chart.svg]);
  return writeOutputs(files.map(([name, data]) => [join(outDir, name), data] as const));
}

export function parseFormats(value: string): Format[] {
  const list = value.split(',').map((s) => s.trim()).filter(Boolean);
  for (const f of list) if (!(FORMATS as readonly string[]).includes(f)) throw new LiteTextError('E_USAGE', `--format: unknown format "${f}"`, `use a comma-separated subset of ${FORMATS.join(',')}`);
  return list as Format[];
}
