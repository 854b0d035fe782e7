import type { ContextGroup } from './sections/context.js';
import type { VocabularyGroup } from './sections/vocabulary.js';
import { encoderMarkdown, intrinsicDimMarkdown } from './markdown-encoder.js';
import type { Report } from './schema.js';

/** A Markdown table; numbers are already formatted. */
export function table(head: string[], rows: string[][], align: Array<'l' | 'r'> = head.map((_, i) => (i === 0 ? 'l' : 'r'))): string {
  const sep = align.map((a) => (a === 'r' ? '---:' : ':---'));
  return [head, sep, ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

export const pct = (x: number, digits = 2) => `${(x * 100).toFixed(digits)} %`;
export const num = (x: number, digits = 2) => (Number.isInteger(x) ? String(x) : x.toFixed(digits));
export const int = (x: number) => x.toLocaleString('en-US');
export const escapeCell = (s: string) => s.replace(/\|/g, '\\|').replace(/`/g, "'").replace(/\n/g, ' ');

/** Renders the report as Markdown: paper-style tables, chart links. Pure: computes no numbers. */
export function renderMarkdown(report: Report, charts: Array<{ file: string; title: string }> = []): string {
  const out: string[] = [];
  out.push(`# lite-text report: ${report.name}`, '');
  out.push(`lite-text ${report.tool.version} · report schema ${report.schemaVersion} · ${report.createdAt}`, '');
  out.push(`- Inputs: ${report.inputs.paths.map((p) => `\`${p}\``).join(', ')} (${report.inputs.files.length} file(s); corpus fingerprint \`${report.inputs.fingerprint.slice(0, 16)}\`)`);
  out.push(`- Tokenizer: ${report.tokenizer.name}, ${int(report.tokenizer.vocabSize)} ids, context ${report.tokenizer.contextLength} (merges sha256 \`${report.tokenizer.hash.slice(0, 16)}\`)`);
  out.push(`- Settings: dedupe ${report.settings.dedupe}, windows ${report.settings.contextLengths.join(', ')}, embedding width ${report.settings.width}`, '');

  out.push('## Corpus', '');
  const c = report.corpus;
  out.push(table(['dataset', 'prompts', 'unique', 'negatives'], [
    ...Object.entries(c.byDataset).map(([d, g]) => [escapeCell(d), int(g.prompts), int(g.uniquePrompts), int(g.negatives)]),
    ['**all**', int(c.prompts), int(c.uniquePrompts), int(c.negatives)],
  ]));
  if (c.removedByDedupe > 0) out.push('', `${int(c.removedByDedupe)} prompt(s) removed by --dedupe ${report.settings.dedupe}.`);
  out.push('');

  if (report.context) contextMarkdown(out, report, report.context);
  if (report.vocabulary) vocabularyMarkdown(out, report.vocabulary);
  if (report.encoderAnatomy) encoderMarkdown(out, report.encoderAnatomy);
  if (report.intrinsicDim) intrinsicDimMarkdown(out, report.intrinsicDim);

  if (charts.length > 0) {
    out.push('## Charts', '');
    for (const chart of charts) out.push(`![${chart.title}](${chart.file})`, '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

function contextMarkdown(out: string[], report: Report, ctx: ContextGroup & { byDataset: Record<string, ContextGroup> }): void {
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
}

function vocabularyMarkdown(out: string[], v: VocabularyGroup & { byDataset: Record<string, VocabularyGroup> }): void {
  out.push('## Vocabulary', '');
  const row = (name: string, g: VocabularyGroup) => [escapeCell(name), int(g.usedTokens), pct(g.usedFraction), int(g.occurrences), int(g.coverage['0.5']), int(g.coverage['0.9']), int(g.coverage['0.99']), int(g.hapax), g.zipfExponent === null ? '–' : num(g.zipfExponent, 3)];
  out.push(table(['dataset', 'used ids', 'of vocab', 'occurrences', 'ids for 50 %', '90 %', '99 %', 'hapax', 'Zipf s'], [
    ...Object.entries(v.byDataset).map(([d, g]) => row(d, g)),
    row('**all**', v),
  ]));
  const e = v.embeddingRows;
  out.push('', `Token embedding table (${int(e.rows)} × ${e.width}): the prompts need ${int(e.rowsNeeded)} rows (used ids + 2 specials); pruning the other ${int(e.rowsUnused)} saves ${num(e.savedMiB.fp32, 1)} MiB at fp32, ${num(e.savedMiB.fp16, 1)} MiB at fp16.`, '');
  out.push('### Most frequent tokens', '');
  out.push(table(['rank', 'id', 'token', 'count', 'share'], v.topTokens.slice(0, 20).map((t, i) => [String(i + 1), String(t.id), `\`${escapeCell(t.token)}\``, int(t.count), pct(t.count / v.occurrences)]), ['r', 'r', 'l', 'r', 'r']));
  out.push('');
}
