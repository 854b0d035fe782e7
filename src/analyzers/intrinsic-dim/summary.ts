import type { IntrinsicDimSection } from './schema.js';

const f2 = (x: number | undefined) => (x === undefined ? '–' : x.toFixed(2));
const iv = (i: { low: number; high: number } | null) => (i === null ? '' : ` [${i.low.toFixed(2)}, ${i.high.toFixed(2)}]`);

/** The console lines of `analyze --encoder`: per pooling, PR, TwoNN (f = 0.1) and MLE (k = 20) with their 95 % intervals. */
export function intrinsicDimSummary(s: IntrinsicDimSection): string[] {
  return (['mean', 'eot', 'tokens'] as const).map((pooling) => {
    const c = s[pooling];
    return `intrinsic dimension, ${pooling === 'tokens' ? 'per-token' : `${pooling} pooling`} (${c.n.toLocaleString('en-US')} points, D ${c.dimension}): PR ${f2(c.participationRatio)}, TwoNN ${f2(c.twoNN?.['0.1'])}${iv(c.intervals.twoNN)}, MLE k=20 ${f2(c.mle?.['k20']?.mle)}${iv(c.intervals.mle)}`;
  });
}
