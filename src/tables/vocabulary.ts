import { int, num, pct, table } from '../report/format.js';
import type { VocabularyGroup } from '../analyzers/vocabulary/schema.js';
import { heading, round, type TableDef } from './types.js';

export interface VocabularyRow {
  dataset: string;
  usedTokens: number;
  usedFraction: number;
  occurrences: number;
  coverage: { '0.5': number; '0.9': number; '0.99': number };
  hapax: number;
  zipfExponent: number | null;
  rowsUnused: number;
  savedMiBfp16: number;
}

function row(dataset: string, v: VocabularyGroup): VocabularyRow {
  return {
    dataset,
    usedTokens: v.usedTokens,
    usedFraction: round(v.usedFraction),
    occurrences: v.occurrences,
    coverage: { ...v.coverage },
    hapax: v.hapax,
    zipfExponent: v.zipfExponent === null ? null : round(v.zipfExponent),
    rowsUnused: v.embeddingRows.rowsUnused,
    savedMiBfp16: round(v.embeddingRows.savedMiB.fp16),
  };
}

/** Table 3: vocabulary usage per dataset and overall. */
export const vocabularyTable: TableDef<VocabularyRow[]> = {
  id: 'vocabulary',
  number: 3,
  title: 'Vocabulary usage',
  needs: 'corpus',
  rows: (input) => [...input.datasets.map((d) => row(d.name, d.report.vocabulary!)), row('all', input.all.vocabulary!)],
  markdown(rows, meta) {
    return [
      ...heading(this, meta, 'Over the content ids of the unique prompts (start/end tokens excluded). Coverage: fewest ids covering 50/90/99 % of occurrences. Unused rows of the token-embedding table and the fp16 MiB pruning them saves, at the config\'s width.'),
      table(['dataset', 'used ids', 'of vocab', 'occurrences', 'ids 50 %', 'ids 90 %', 'ids 99 %', 'hapax', 'Zipf s', 'unused rows', 'saved fp16 MiB'], rows.map((r) => [
        r.dataset === 'all' ? '**all**' : r.dataset, int(r.usedTokens), pct(r.usedFraction), int(r.occurrences), int(r.coverage['0.5']), int(r.coverage['0.9']), int(r.coverage['0.99']), int(r.hapax),
        r.zipfExponent === null ? '–' : num(r.zipfExponent, 3), int(r.rowsUnused), num(r.savedMiBfp16, 1),
      ])),
    ].join('\n');
  },
};
