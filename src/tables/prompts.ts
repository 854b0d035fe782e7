import { int, num, table } from '../report/format.js';
import type { Report } from '../report/schema.js';
import { heading, round, type TableDef } from './types.js';

export interface PromptRow {
  dataset: string;
  /** Prompts as listed by the sources (before de-duplication). */
  prompts: number;
  /** Distinct prompt texts (after de-duplication, the prompts analyzed). */
  unique: number;
  mean: number;
  p50: number;
  p95: number;
  max: number;
}

function row(dataset: string, r: Report): PromptRow {
  const l = r.context!.lengths;
  return { dataset, prompts: r.corpus.prompts + r.corpus.removedByDedupe, unique: r.corpus.uniquePrompts, mean: round(l.mean), p50: round(l.p50), p95: round(l.p95), max: l.max };
}

/** Table 1: prompt statistics per dataset and over the whole corpus. */
export const promptsTable: TableDef<PromptRow[]> = {
  id: 'prompts',
  number: 1,
  title: 'Prompt statistics per dataset',
  needs: 'corpus',
  rows: (input) => [...input.datasets.map((d) => row(d.name, d.report)), row('all', input.all)],
  markdown(rows, meta) {
    return [
      ...heading(this, meta, 'Prompts as listed; unique after de-duplication (the "all" row de-duplicates across datasets). Tokens per prompt count the start and end tokens, untruncated, over the prompts analyzed (the unique ones under dedupe exact or normalized); percentiles interpolate linearly (numpy).'),
      table(['dataset', 'prompts', 'unique', 'mean tokens', 'p50', 'p95', 'max'], rows.map((r) => [r.dataset === 'all' ? '**all**' : r.dataset, int(r.prompts), int(r.unique), num(r.mean), num(r.p50), num(r.p95), String(r.max)])),
    ].join('\n');
  },
};
