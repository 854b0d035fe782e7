import { analyzers, type Registry } from '../analyzers/index.js';
import { CORE_DEFINITIONS } from './core-schema.js';
import { escapeCell, int, table } from './format.js';
import { skippedLines } from './skipped.js';
import type { Report } from './schema.js';

/** Renders the report as Markdown: paper-style tables, chart links. Pure: computes no numbers. */
export function renderMarkdown(report: Report, charts: Array<{ file: string; title: string }> = [], registry: Registry = analyzers): string {
  const sections = report as unknown as Record<string, unknown>;
  const settings = [`dedupe ${report.settings.dedupe}`, ...registry.map((a) => a.settingsLine?.(report.settings) ?? '').filter(Boolean)];
  const out: string[] = [];
  out.push(`# lite-text report: ${report.name}`, '');
  out.push(`lite-text ${report.tool.version} · report schema ${report.schemaVersion} · ${report.createdAt}`, '');
  out.push(`- Inputs: ${report.inputs.paths.map((p) => `\`${p}\``).join(', ')} (${report.inputs.files.length} file(s); corpus fingerprint \`${report.inputs.fingerprint.slice(0, 16)}\`)`);
  out.push(`- Tokenizer: ${report.tokenizer.name}, ${int(report.tokenizer.vocabSize)} ids, context ${report.tokenizer.contextLength} (merges sha256 \`${report.tokenizer.hash.slice(0, 16)}\`)`);
  out.push(`- Settings: ${settings.join(', ')}`, '');

  out.push('## Corpus', '');
  const c = report.corpus;
  out.push(table(['dataset', 'prompts', 'unique', 'negatives'], [
    ...Object.entries(c.byDataset).map(([d, g]) => [escapeCell(d), int(g.prompts), int(g.uniquePrompts), int(g.negatives)]),
    ['**all**', int(c.prompts), int(c.uniquePrompts), int(c.negatives)],
  ]));
  if (c.removedByDedupe > 0) out.push('', `${int(c.removedByDedupe)} prompt(s) removed by --dedupe ${report.settings.dedupe}.`);
  const skipped = report.inputs.skipped;
  if (skipped && skippedLines(skipped).length > 0) {
    out.push('', 'Left out while reading the inputs:', '');
    for (const f of skipped.files) out.push(`- file \`${escapeCell(f.path)}\`: ${escapeCell(f.why)}`);
    for (const [reason, n] of Object.entries(skipped.records)) out.push(`- ${int(n)} record(s) skipped: ${escapeCell(reason)}`);
    for (const [reason, n] of Object.entries(skipped.dropped)) out.push(`- ${int(n)} record(s) dropped on request: ${escapeCell(reason)}`);
  }
  out.push('');

  const present = registry.filter((a) => sections[a.section] !== undefined);
  for (const a of present) out.push(...a.markdown(sections[a.section], report));
  out.push(...howToRead(report, [CORE_DEFINITIONS.head, ...present.map((a) => a.definitions), CORE_DEFINITIONS.tail]));

  if (charts.length > 0) {
    out.push('## Charts', '');
    for (const chart of charts) out.push(`![${chart.title}](${chart.file})`, '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/** Every measure the report shows, as the report's own `definitions` state it (the runner's and those of the sections present). */
function howToRead(report: Report, declared: ReadonlyArray<Readonly<Record<string, string>>>): string[] {
  const keys = declared.flatMap((d) => Object.keys(d)).filter((k) => report.definitions[k] !== undefined);
  if (keys.length === 0) return [];
  return ['## How to read this report', '', ...keys.map((k) => `- \`${k}\`: ${report.definitions[k]}`), ''];
}
