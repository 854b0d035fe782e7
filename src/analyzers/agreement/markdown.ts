import { escapeCell, int, num, table } from '../../report/format.js';
import type { AgreementGroup, AgreementReport } from './schema.js';

const f4 = (x: number | null | undefined) => (x === null || x === undefined ? '–' : num(x, 4));

/** The agreement report as Markdown (formatting only: every number comes from the section). */
export function agreementMarkdown(report: AgreementReport, charts: ReadonlyArray<{ file: string; title: string }> = []): string {
  const s = report.agreement;
  const out: string[] = [];
  out.push(`# lite-text agreement: ${escapeCell(s.a.path)} vs ${escapeCell(s.b.path)}`, '');
  out.push(`lite-text ${report.tool.version} · ${report.createdAt}`, '');
  const side = (label: string, x: typeof s.a) => `- ${label}: \`${x.path}\` (${x.kind}, width ${x.width})`;
  out.push(side('A', s.a), side('B', s.b));
  out.push(`- Settings: pooling ${s.pooling ?? 'as written in the .npy files'}, k ${s.all.knnOverlap.k}`);
  if (s.dropped.onlyA + s.dropped.onlyB > 0) out.push(`- Dropped by --intersect: ${int(s.dropped.onlyA)} prompt id(s) only in A, ${int(s.dropped.onlyB)} only in B`);
  out.push('');
  const head = ['group', 'prompts', 'cosine mean', 'median', 'p5', 'min', 'linear CKA', `kNN overlap@${s.all.knnOverlap.k}`];
  const row = (name: string, g: AgreementGroup) => [escapeCell(name), int(g.prompts), f4(g.cosine?.mean), f4(g.cosine?.median), f4(g.cosine?.p5), f4(g.cosine?.min), f4(g.cka.linear), f4(g.knnOverlap.mean)];
  out.push('## Agreement', '');
  if (s.all.cosine === null) out.push(`The widths differ (${s.a.width} and ${s.b.width}): no per-prompt cosine; CKA and kNN overlap compare the geometry.`, '');
  out.push(table(head, [row('**all**', s.all)]), '');
  out.push('### By dataset', '', table(head, Object.entries(s.byDataset).map(([d, g]) => row(d, g))), '');
  out.push('### By token length', '', table(['tokens', ...head.slice(1)], Object.entries(s.byLength).map(([b, g]) => row(b, g))), '');
  if (s.worst.length > 0) {
    out.push(`### The ${s.worst.length} prompts with the lowest cosine`, '');
    out.push(table(['text', 'dataset', 'tokens', 'cosine'], s.worst.map((w) => [escapeCell(w.text), escapeCell(w.dataset), String(w.tokens), f4(w.cosine)]), ['l', 'l', 'r', 'r']), '');
  }
  out.push('## Definitions', '');
  for (const [key, text] of Object.entries(report.definitions)) out.push(`- \`${key}\`: ${text}`);
  out.push('');
  if (charts.length > 0) {
    out.push('## Charts', '');
    for (const c of charts) out.push(`![${c.title}](${c.file})`, '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}
