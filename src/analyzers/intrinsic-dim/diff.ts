import { overlayChart } from '../../report/chart-spec.js';
import { changePercent, escapeCell, fmt, table } from '../../report/format.js';
import { relativePercent } from '../stats.js';
import type { AnalyzerDiff, DiffLeaf } from '../types.js';

export interface IdRow {
  /** Path below `intrinsicDim`. */
  estimate: string;
  a: number;
  b: number;
  relative: number | null;
}

/** Every scalar intrinsic-dimension estimate both reports have, side by side (equal or not). */
export function compareIntrinsicDim(a: ReadonlyMap<string, DiffLeaf>, b: ReadonlyMap<string, DiffLeaf>, same: (path: string, a: number, b: number) => boolean = (_p, x, y) => x === y): IdRow[] {
  const rows: IdRow[] = [];
  for (const [path, leaf] of a) {
    if (!path.startsWith('intrinsicDim.') || path.includes('[')) continue;
    const other = b.get(path);
    if (typeof leaf.value !== 'number' || typeof other?.value !== 'number') continue;
    // Within diff --tolerance: no change (the values stay as the reports hold them).
    const rel = same(path, leaf.value, other.value) ? 0 : relativePercent(leaf.value, other.value);
    rows.push({ estimate: path.slice('intrinsicDim.'.length), a: leaf.value, b: other.value, relative: Number.isFinite(rel) ? rel : null });
  }
  return rows;
}

/** The first `explained` number array below an intrinsic-dimension section (its PCA spectrum), with the pooling (the key it sits under). */
function findExplained(node: unknown, under = ''): { pooling: string; explained: number[] } | undefined {
  if (typeof node !== 'object' || node === null) return undefined;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'explained' && Array.isArray(value) && value.every((v) => typeof v === 'number')) return { pooling: under, explained: value as number[] };
    const found = Array.isArray(value) ? undefined : findExplained(value, key === 'pca' ? under : key);
    if (found) return found;
  }
  return undefined;
}

/** Numerically zero ratios (round-off) have no place on a log axis. */
const POSITIVE = 1e-12;

export const intrinsicDimDiff: AnalyzerDiff<IdRow[], 'intrinsicDim'> = {
  comparison: {
    key: 'intrinsicDim',
    compare: (_a, _b, leaves) => {
      const rows = compareIntrinsicDim(leaves.a, leaves.b, leaves.same);
      return rows.length > 0 ? rows : undefined;
    },
    markdown: (rows) => [
      '## Intrinsic dimension', '',
      table(['estimate', 'A', 'B', 'change'], rows.map((r) => [escapeCell(r.estimate), fmt(r.a), fmt(r.b), changePercent(r.relative)])),
      '',
    ],
  },
  charts(a, b, labels) {
    const sa = findExplained(a);
    const sb = findExplained(b);
    if (!sa || !sb) return [];
    const all = ([[sa.explained, labels[0]], [sb.explained, labels[1]]] as const).flatMap(([list, report]) => list.map((ratio, i) => ({ report, component: i + 1, share: ratio })));
    const positive = all.filter((v) => v.share > POSITIVE).map((v) => v.share);
    // A log axis where the spectrum spans two decades or more (it nearly always does).
    const log = positive.length > 0 && Math.max(...positive) / Math.min(...positive) >= 100;
    const values = log ? all.filter((v) => v.share > POSITIVE) : all;
    const pooling = sa.pooling === sb.pooling ? `${sa.pooling} pooling` : `${sa.pooling} / ${sb.pooling} pooling`;
    return [{ file: 'pca-spectra-overlay.svg', title: `PCA explained-variance spectra (${pooling}), A and B`, spec: overlayChart(`PCA spectrum of the embeddings, ${pooling}`, values, 'component', 'principal component', `explained variance ratio${log ? ' (log)' : ''}`, { log }) }];
  },
};
