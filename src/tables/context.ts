import { pct, table } from '../report/format.js';
import type { Report } from '../report/schema.js';
import { heading, round, type TableDef } from './types.js';

export interface ContextRow {
  dataset: string;
  windows: Array<{ length: number; density: number; paddingWaste: number; truncationRate: number }>;
}

function row(dataset: string, r: Report): ContextRow {
  return { dataset, windows: r.context!.windows.map((w) => ({ length: w.length, density: round(w.density), paddingWaste: round(w.paddingWaste), truncationRate: round(w.truncationRate) })) };
}

/** Table 2: context utilization at each window length L, per dataset and overall. */
export const contextTable: TableDef<ContextRow[]> = {
  id: 'context',
  number: 2,
  title: 'Context utilization per window length',
  needs: 'corpus',
  rows: (input) => [...input.datasets.map((d) => row(d.name, d.report)), row('all', input.all)],
  markdown(rows, meta) {
    const Ls = rows[0]?.windows.map((w) => w.length) ?? [];
    const head = ['dataset', ...Ls.flatMap((L) => [`density@${L}`, `waste@${L}`, `trunc@${L}`])];
    return [
      ...heading(this, meta, 'density = mean(min(len, L)) / L; padding waste = 1 − density; truncation = share of prompts longer than L tokens.'),
      table(head, rows.map((r) => [r.dataset === 'all' ? '**all**' : r.dataset, ...r.windows.flatMap((w) => [pct(w.density, 1), pct(w.paddingWaste, 1), pct(w.truncationRate, 2)])])),
    ].join('\n');
  },
};
