import { LiteTextError } from '../errors.js';
import { selectRows, type DenseMatrix } from '../estimators/index.js';
import type { Side } from './sides.js';

export interface Matched {
  a: DenseMatrix;
  b: DenseMatrix;
  /** One per unique text, in A's order: its text and every dataset its matched ids belong to. */
  prompts: Array<{ text: string; datasets: string[] }>;
  dropped: { onlyA: number; onlyB: number };
}

/**
 * Matches rows by prompt id; sets that do not cover the same ids are refused unless `intersect`.
 * Each unique text keeps the rows of its first id in A's order (one text, one embedding).
 */
export function matchSides(a: Side, b: Side, intersect: boolean): Matched {
  const idsOfA = idRows(a);
  // The usual case, both sides embedded from the same inputs: the same ids in the same order.
  const same = a.index.length === b.index.length && a.index.every((p, i) => p.id === b.index[i]!.id);
  const rowsOfB = same ? idsOfA : idRows(b);
  const onlyA = same ? [] : a.index.filter((p) => !rowsOfB.has(p.id));
  const onlyB = same ? [] : b.index.filter((p) => !idsOfA.has(p.id));
  if ((onlyA.length > 0 || onlyB.length > 0) && !intersect) {
    const first = onlyA[0] ? `${JSON.stringify(onlyA[0].id)} only in A` : `${JSON.stringify(onlyB[0]!.id)} only in B`;
    throw new LiteTextError('E_INPUT_MISMATCH', `${a.path} and ${b.path} cover different prompts: ${onlyA.length} id(s) only in A, ${onlyB.length} only in B (${first})`, 'embed the same inputs on both sides, or pass --intersect to compare the prompts they share');
  }
  const textRow = new Map<string, number>();
  const rowsA: number[] = [];
  const rowsB: number[] = [];
  const prompts: Matched['prompts'] = [];
  a.index.forEach((p, ra) => {
    const rb = rowsOfB.get(p.id);
    if (rb === undefined) return;
    const q = b.index[rb]!;
    if (q.text !== p.text) throw new LiteTextError('E_INPUT_MISMATCH', `prompt id ${JSON.stringify(p.id)}: text ${JSON.stringify(p.text)} in A but ${JSON.stringify(q.text)} in B`, 'embed the same corpus on both sides');
    let u = textRow.get(p.text);
    if (u === undefined) {
      textRow.set(p.text, (u = prompts.length));
      prompts.push({ text: p.text, datasets: [] });
      rowsA.push(ra);
      rowsB.push(rb);
    }
    const datasets = prompts[u]!.datasets;
    if (!datasets.includes(p.dataset)) datasets.push(p.dataset);
  });
  if (prompts.length === 0) throw new LiteTextError('E_INPUT_MISMATCH', `${a.path} and ${b.path} share no prompt id`, 'embed the same inputs on both sides');
  return { a: rowsOf(a.matrix, rowsA), b: rowsOf(b.matrix, rowsB), prompts, dropped: { onlyA: onlyA.length, onlyB: onlyB.length } };
}

/** The listed rows of m; m itself when they are all its rows in order (the usual case: no copy). */
function rowsOf(m: DenseMatrix, rows: readonly number[]): DenseMatrix {
  return rows.length === m.rows && rows.every((r, i) => r === i) ? m : selectRows(m, rows);
}

function idRows(side: Side): Map<string, number> {
  const rows = new Map<string, number>();
  side.index.forEach((p, r) => {
    if (rows.has(p.id)) throw new LiteTextError('E_INPUT_FORMAT', `${side.path}: prompt id ${JSON.stringify(p.id)} appears twice`, 'each prompt id must be unique on a side');
    rows.set(p.id, r);
  });
  return rows;
}
