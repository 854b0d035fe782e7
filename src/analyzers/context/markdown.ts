import { escapeCell, int, num, pct, table } from '../../report/format.js';
import type { ReportCore } from '../../report/core-schema.js';
import type { ContextSection } from './schema.js';

/** The context-window section: length summary, windows, per-dataset tables. */
export function contextMarkdown(ctx: ContextSection, report: ReportCore): string[] {
  const out: string[] = [];
  out.push('## Context window', '');
  out.push(`Token length counts the start and end tokens and is not truncated. Over all ${int(ctx.prompts)} prompts: mean ${num(ctx.lengths.mean)}, median ${num(ctx.lengths.p50)}, p95 ${num(ctx.lengths.p95)}, max ${ctx.lengths.max}.`, '');
  out.push(table(['window L', 'density', 'padding waste', 'truncated'], ctx.windows.map((w) => [String(w.length), pct(w.density), pct(w.paddingWaste), pct(w.truncationRate, 3)])));
  out.push('', `Smallest window with truncation ≤ 1 %: **${ctx.minLength['0.01']}**, ≤ 0.1 %: **${ctx.minLength['0.001']}**, none: **${ctx.minLength['0']}** tokens (${report.tokenizer.contextLength === 32 ? 'SAM3 uses 32' : `context length ${report.tokenizer.contextLength}; SAM3 uses 32`}).`, '');
  out.push('### Per dataset', '');
  out.push(table(['dataset', 'prompts', 'unique', 'mean', 'p50', 'p95', 'max', 'min L (≤1 %)'], Object.entries(ctx.byDataset).map(([d, g]) => [
    escapeCell(d), int(g.prompts), int(report.corpus.byDataset[d]?.uniquePrompts ?? 0), num(g.lengths.mean), num(g.lengths.p50), num(g.lengths.p95), String(g.lengths.max), String(g.minLength['0.01']),
  ])));
  out.push('');
  const Ls = ctx.windows.map((w) => w.length);
  out.push(table(['dataset', ...Ls.map((L) => `density@${L}`), ...Ls.map((L) => `trunc@${L}`)], Object.entries(ctx.byDataset).map(([d, g]) => [
    escapeCell(d), ...g.windows.map((w) => pct(w.density)), ...g.windows.map((w) => pct(w.truncationRate, 3)),
  ])));
  out.push('');
  if (ctx.byFile) {
    out.push('### Per file', '');
    out.push(table(['file', 'prompts', 'mean', 'p50', 'p95', 'max', 'min L (≤1 %)', ...Ls.map((L) => `trunc@${L}`)], Object.entries(ctx.byFile).map(([f, g]) => [
      escapeCell(f), int(g.prompts), num(g.lengths.mean), num(g.lengths.p50), num(g.lengths.p95), String(g.lengths.max), String(g.minLength['0.01']), ...g.windows.map((w) => pct(w.truncationRate, 3)),
    ])));
    out.push('');
  }
  return out;
}
