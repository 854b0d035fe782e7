import { analyzers, type Registry } from '../analyzers/index.js';
import { changePercent as percent, escapeCell, fmt, table } from '../report/format.js';
import type { DiffResult } from './compare.js';

const signed = (x: number) => (x > 0 ? `+${fmt(x)}` : fmt(x));
const value = (v: unknown) => (v === undefined ? '–' : `\`${escapeCell(typeof v === 'number' ? fmt(v) : JSON.stringify(v))}\``);

/** Renders a diff as Markdown; pure: every number comes from the DiffResult. */
export function renderDiffMarkdown(d: DiffResult, registry: Registry = analyzers): string {
  const out: string[] = [];
  out.push(`# lite-text diff: ${escapeCell(d.a.name)} → ${escapeCell(d.b.name)}`, '');
  out.push(`- A: \`${d.a.file}\` (corpus \`${d.a.fingerprint.slice(0, 12)}\`, tokenizer ${d.a.tokenizer})`);
  out.push(`- B: \`${d.b.file}\` (corpus \`${d.b.fingerprint.slice(0, 12)}\`, tokenizer ${d.b.tokenizer})`);
  if (d.sections) out.push(`- sections compared: ${d.sections.map((s) => `\`${s}\``).join(', ')}`);
  if (d.tolerance > 0) out.push(`- numbers within a relative difference of ${d.tolerance} count as equal`);
  out.push('');
  if (d.warnings.length > 0) {
    out.push('## Warnings', '');
    for (const w of d.warnings) out.push(`- **${w}**`);
    out.push('');
  }
  out.push('## Summary', '');
  out.push(table(['section', 'compared', 'equal', 'changed', 'only in A', 'only in B'], d.summary.map((s) => [s.section, String(s.compared), String(s.equal), String(s.changed), String(s.onlyInA), String(s.onlyInB)])));
  out.push('');
  if (d.thresholds.length > 0) {
    out.push('## Thresholds', '');
    for (const t of d.thresholds) {
      const hits = t.matches.filter((m) => m.breached);
      out.push(`- ${t.breached ? '**breached**' : 'ok'}: \`${escapeCell(t.expr)}\`${hits.length > 0 ? ` — ${hits.map((m) => `${m.path}: ${value(m.a)} → ${value(m.b)}`).join('; ')}` : ''}`);
    }
    out.push('');
  }
  for (const analyzer of registry) {
    const c = analyzer.diff?.comparison;
    const comparison = c ? (d as unknown as Record<string, unknown>)[c.key] : undefined;
    if (c && comparison !== undefined) out.push(...c.markdown(comparison));
  }
  const sections = [...new Set(d.numbers.map((n) => n.section))];
  if (sections.length > 0) out.push('## Changed numbers', '');
  for (const section of sections) {
    out.push(`### ${section}`, '');
    out.push(table(['path', 'A', 'B', 'change', 'relative'], d.numbers.filter((n) => n.section === section).map((n) => [`\`${escapeCell(n.path)}\``, fmt(n.a), fmt(n.b), signed(n.delta), percent(n.relative)])));
    out.push('');
  }
  if (d.values.length > 0) {
    out.push('## Other changed values', '');
    out.push(table(['path', 'A', 'B'], d.values.map((v) => [`\`${escapeCell(v.path)}\``, value(v.a), value(v.b)])));
    out.push('');
  }
  for (const [title, list] of [['Only in A', d.onlyInA], ['Only in B', d.onlyInB]] as const) {
    if (list.length === 0) continue;
    out.push(`## ${title}`, '');
    out.push(table(['path', 'value'], list.map((l) => [`\`${escapeCell(l.path)}\``, value(l.value)])));
    out.push('');
  }
  if (d.numbers.length + d.values.length + d.onlyInA.length + d.onlyInB.length === 0) out.push(d.sections ? 'The sections compared are equal.' : 'The reports are equal (apart from `createdAt`).', '');
  return `${out.join('\n').trimEnd()}\n`;
}
