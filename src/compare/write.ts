import { join } from 'node:path';
import { agreementAnalyzer, type AgreementReport } from '../analyzers/agreement/index.js';
import { renderSvg } from '../report/svg.js';
import { writeOutputs } from '../util/atomic.js';

/** Renders agreement.json, agreement.md and the charts in memory, then writes them as one unit (writeOutputs). */
export async function writeAgreement(report: AgreementReport, dir: string): Promise<string[]> {
  const charts = await Promise.all(agreementAnalyzer.charts(report.agreement).map(async (c) => ({ file: c.file, title: c.title, svg: await renderSvg(c.spec) })));
  const files: Array<[string, string]> = [
    ['agreement.json', `${JSON.stringify(report, null, 2)}\n`],
    ['agreement.md', agreementAnalyzer.markdown(report, charts)],
    ...charts.map((c): [string, string] => [c.file, c.svg]),
  ];
  return writeOutputs(files.map(([name, data]) => [join(dir, name), data] as const));
}
