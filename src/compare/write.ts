import { join } from 'node:path';
import { agreementAnalyzer, type AgreementReport } from '../analyzers/agreement/index.js';
import { LiteTextError } from '../errors.js';
import { renderSvg } from '../report/svg.js';
import { writeFileAtomic } from '../util/atomic.js';

/** Renders agreement.json, agreement.md and the charts in memory, then writes each file atomically. */
export async function writeAgreement(report: AgreementReport, dir: string): Promise<string[]> {
  const charts = await Promise.all(agreementAnalyzer.charts(report.agreement).map(async (c) => ({ file: c.file, title: c.title, svg: await renderSvg(c.spec) })));
  const files: Array<[string, string]> = [
    ['agreement.json', `${JSON.stringify(report, null, 2)}\n`],
    ['agreement.md', agreementAnalyzer.markdown(report, charts)],
    ...charts.map((c): [string, string] => [c.file, c.svg]),
  ];
  return files.map(([name, data]) => {
    const path = join(dir, name);
    try {
      writeFileAtomic(path, data);
    } catch (error) {
      throw new LiteTextError('E_IO', `${path}: cannot write (${(error as Error).message})`, 'check that --out is a writable folder');
    }
    return path;
  });
}
