import { escapeCell, int, num, pct, table } from '../../report/format.js';
import type { VocabularyGroup, VocabularySection } from './schema.js';

const HEAD = ['dataset', 'used ids', 'of vocab', 'occurrences', 'ids for 50 %', '90 %', '99 %', 'hapax', 'Zipf s'] as const;

/** The vocabulary section: per-dataset sparsity table, prunable embedding rows, most frequent tokens. */
export function vocabularyMarkdown(v: VocabularySection): string[] {
  const out: string[] = [];
  out.push('## Vocabulary', '');
  const row = (name: string, g: VocabularyGroup) => [escapeCell(name), int(g.usedTokens), pct(g.usedFraction), int(g.occurrences), int(g.coverage['0.5']), int(g.coverage['0.9']), int(g.coverage['0.99']), int(g.hapax), g.zipfExponent === null ? '–' : num(g.zipfExponent, 3)];
  out.push(table([...HEAD], [
    ...Object.entries(v.byDataset).map(([d, g]) => row(d, g)),
    row('**all**', v),
  ]));
  const e = v.embeddingRows;
  out.push('', `Token embedding table (${int(e.rows)} × ${e.width}): the prompts need ${int(e.rowsNeeded)} rows (used ids + 2 specials); pruning the other ${int(e.rowsUnused)} saves ${num(e.savedMiB.fp32, 1)} MiB at fp32, ${num(e.savedMiB.fp16, 1)} MiB at fp16.`, '');
  if (v.byFile) {
    out.push('### Per file', '');
    out.push(table(['file', ...HEAD.slice(1)], Object.entries(v.byFile).map(([f, g]) => row(f, g))), '');
  }
  out.push('### Most frequent tokens', '');
  out.push(table(['rank', 'id', 'token', 'count', 'share'], v.topTokens.slice(0, 20).map((t, i) => [String(i + 1), String(t.id), `\`${escapeCell(t.token)}\``, int(t.count), pct(t.count / v.occurrences)]), ['r', 'r', 'l', 'r', 'r']));
  out.push('');
  return out;
}
