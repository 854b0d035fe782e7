// An independent float64 reference of the agreement measures, straight from their definitions
// (docs/compare.md) with plain loops: what numpy computes with float64 arrays, including
// n×n similarity matrices the implementation never forms.

export interface RefPrompt {
  text: string;
  datasets: string[];
  tokens: number;
}

type Rows = number[][];

const dot = (x: number[], y: number[]) => x.reduce((s, v, i) => s + v * y[i]!, 0);
const norm = (x: number[]) => Math.sqrt(dot(x, x));

/** numpy.percentile(x, q) with the default linear method. */
export function percentile(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  const pos = ((s.length - 1) * q) / 100;
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, s.length - 1);
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
}

export function cosines(a: Rows, b: Rows): number[] {
  return a.map((x, i) => dot(x, b[i]!) / (norm(x) * norm(b[i]!)));
}

function centred(x: Rows): Rows {
  const d = x[0]!.length;
  const mean = Array.from({ length: d }, (_, c) => x.reduce((s, r) => s + r[c]!, 0) / x.length);
  return x.map((r) => r.map((v, c) => v - mean[c]!));
}

/** ‖PᵀQ‖²_F for column-centred P, Q. */
function crossNorm2(p: Rows, q: Rows): number {
  let s = 0;
  for (let i = 0; i < p[0]!.length; i++) {
    for (let j = 0; j < q[0]!.length; j++) {
      let v = 0;
      for (let r = 0; r < p.length; r++) v += p[r]![i]! * q[r]![j]!;
      s += v * v;
    }
  }
  return s;
}

export function linearCka(x: Rows, y: Rows): number {
  const X = centred(x);
  const Y = centred(y);
  return crossNorm2(Y, X) / Math.sqrt(crossNorm2(X, X) * crossNorm2(Y, Y));
}

/** k nearest other rows by cosine similarity, ties by lower index (brute force over all pairs, top-k by insertion). */
export function neighbours(x: Rows, k: number): number[][] {
  const u = x.map((r) => {
    const l = norm(r);
    return r.map((v) => v / l);
  });
  return u.map((ui, i) => {
    const top: Array<{ j: number; s: number }> = [];
    u.forEach((uj, j) => {
      if (j === i) return;
      const s = dot(ui, uj);
      // j ascends, so an equal similarity never displaces an earlier row.
      if (top.length === k && !(s > top[k - 1]!.s)) return;
      if (top.length === k) top.pop();
      let q = top.length;
      top.push({ j, s });
      while (q > 0 && top[q - 1]!.s < s) {
        top[q] = top[q - 1]!;
        top[q - 1] = { j, s };
        q--;
      }
    });
    return top.map((o) => o.j);
  });
}

export function overlaps(a: Rows, b: Rows, k: number): number[] {
  const na = neighbours(a, k);
  const nb = neighbours(b, k);
  return na.map((n, i) => n.filter((j) => nb[i]!.includes(j)).length / k);
}

const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
const BUCKETS: Array<[string, number, number]> = [['1-4', 1, 4], ['5-8', 5, 8], ['9-16', 9, 16], ['17-32', 17, 32], ['33-64', 33, 64], ['65+', 65, Infinity]];

/** The whole agreement section's numbers for rows a, b of prompts. */
export function referenceAgreement(a: Rows, b: Rows, prompts: RefPrompt[], k: number) {
  const cos = a[0]!.length === b[0]!.length ? cosines(a, b) : null;
  const ov = overlaps(a, b, k);
  const group = (rows: number[]) => ({
    prompts: rows.length,
    cosine: cos ? { mean: mean(rows.map((r) => cos[r]!)), median: percentile(rows.map((r) => cos[r]!), 50), p5: percentile(rows.map((r) => cos[r]!), 5), min: Math.min(...rows.map((r) => cos[r]!)) } : null,
    cka: { linear: rows.length < 2 ? null : linearCka(rows.map((r) => a[r]!), rows.map((r) => b[r]!)) },
    knnOverlap: { k, mean: mean(rows.map((r) => ov[r]!)) },
  });
  const all = prompts.map((_, i) => i);
  const datasets = [...new Set(prompts.flatMap((p) => p.datasets))].sort();
  const byDataset = Object.fromEntries(datasets.map((d) => [d, group(all.filter((i) => prompts[i]!.datasets.includes(d)))]));
  const byLength = Object.fromEntries(BUCKETS.map(([name, lo, hi]) => [name, all.filter((i) => prompts[i]!.tokens >= lo && prompts[i]!.tokens <= hi)] as const).filter(([, rows]) => rows.length > 0).map(([name, rows]) => [name, group(rows)]));
  const worst = cos ? [...all].sort((i, j) => cos[i]! - cos[j]! || i - j).slice(0, 20).map((i) => ({ text: prompts[i]!.text, dataset: prompts[i]!.datasets.join(', '), tokens: prompts[i]!.tokens, cosine: cos[i]! })) : [];
  return { all: group(all), byDataset, byLength, worst };
}

/** Every number of `actual` within `tol` of `expected` (same keys, same nulls), as a list of mismatches. */
export function numericMismatches(actual: unknown, expected: unknown, tol: number, path = ''): string[] {
  if (typeof expected === 'number') return typeof actual === 'number' && Math.abs(actual - expected) <= tol ? [] : [`${path}: ${String(actual)} vs ${expected}`];
  if (expected === null || typeof expected !== 'object') return actual === expected ? [] : [`${path}: ${JSON.stringify(actual)} vs ${JSON.stringify(expected)}`];
  if (actual === null || typeof actual !== 'object') return [`${path}: ${JSON.stringify(actual)} vs an object`];
  const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
  return [...keys].flatMap((key) => numericMismatches((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key], tol, `${path}.${key}`));
}
