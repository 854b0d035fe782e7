import { escapeCell, int, num, table } from '../../report/format.js';
import type { IdCloud, IntrinsicDimSection } from './schema.js';

/** Paper-style intrinsic-dimension table: one row per pooling. */
export function intrinsicDimMarkdown(s: IntrinsicDimSection): string[] {
  const out: string[] = [];
  out.push('## Intrinsic dimension of the text embeddings', '');
  const method = s.mean.intervals.method;
  const intervals = s.bootstrap === 0 ? 'no intervals (--bootstrap 0)'
    : method === undefined ? `95 % percentile-bootstrap intervals over ${s.bootstrap} resamples of the points (an older report: such intervals can miss their own estimates)`
      : `95 % intervals from ${s.bootstrap} half-samples without replacement (${escapeCell(method)}; see How to read this report)`;
  out.push(`Encoder \`${escapeCell(s.encoder.file)}\` (${s.encoder.convention}, output \`${s.encoder.output}\`); at most ${int(s.sample)} points per cloud, stratified by dataset (seed ${s.seed}); ${intervals}. TwoNN at discard fraction 0.1, MLE at k = 20.`, '');
  const interval = (i: { low: number; high: number } | null) => (i === null ? '–' : `[${num(i.low)}, ${num(i.high)}]`);
  const row = (name: string, c: IdCloud) => [
    name, int(c.n), String(c.dimension), c.pca ? String(c.pca.components90) : '–', c.pca ? String(c.pca.components95) : '–', c.pca ? String(c.pca.fo) : '–',
    c.participationRatio === undefined ? '–' : num(c.participationRatio), c.twoNN?.['0.1'] === undefined ? '–' : num(c.twoNN['0.1']), interval(c.intervals.twoNN),
    c.mle?.['k20'] === undefined ? '–' : num(c.mle['k20'].mle), interval(c.intervals.mle), int(c.duplicatesRemoved),
  ];
  out.push(table(['pooling', 'points', 'D', 'PCA 90 %', 'PCA 95 %', 'lPCA FO', 'PR', 'TwoNN', 'TwoNN 95 %', 'MLE k=20', 'MLE 95 %', 'duplicates removed'], [
    row('mean', s.mean), row('eot', s.eot), row('tokens', s.tokens),
  ]), '');
  return out;
}
