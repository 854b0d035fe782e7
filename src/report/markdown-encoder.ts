import type { EncoderAnatomy } from './sections/encoder-anatomy.js';
import { COMPONENTS } from './sections/encoder-anatomy.js';
import type { IdCloud, IntrinsicDimSection } from './sections/intrinsic-dim.js';
import { escapeCell, int, num, pct, table } from './markdown.js';

const LABEL: Record<string, string> = {
  tokenEmbedding: 'token embedding', positionalEmbedding: 'positional embedding', attention: 'attention', mlp: 'MLP',
  norms: 'layer norms', tokenMixer: 'token mixer', finalNorm: 'final norm', projection: 'text projection', resizer: 'resizer', unattributed: 'unattributed',
};
const mib = (bytes: number) => num(bytes / 2 ** 20, 2);

/** The encoder's anatomy: parameters and memory by component (paper-style), positional redundancy, unused rows. */
export function encoderMarkdown(out: string[], s: EncoderAnatomy): void {
  out.push('## Text encoder anatomy', '');
  const a = s.architecture;
  out.push(`${escapeCell(s.source.name)} (${s.source.kind === 'arch' ? 'built-in architecture description' : 'ONNX initializers'}): vocabulary ${a.vocabSize === undefined ? '?' : int(a.vocabSize)}, width ${a.width ?? '?'}, ${a.layers} layers, context ${a.contextLength ?? '?'} — **${int(s.parameters.total)} parameters**.`, '');
  const rows = COMPONENTS.filter((c) => s.parameters.byComponent[c] > 0).map((c) => {
    const b = s.bytes.byComponent[c]!;
    return [LABEL[c] ?? c, int(s.parameters.byComponent[c]), pct(s.parameters.byComponent[c] / s.parameters.total), mib(b.stored), mib(b.fp32), mib(b.fp16), mib(b.int8)];
  });
  rows.push(['**total**', int(s.parameters.total), '100.00 %', mib(s.bytes.total.stored), mib(s.bytes.total.fp32), mib(s.bytes.total.fp16), mib(s.bytes.total.int8)]);
  out.push(table(['component', 'parameters', 'share', 'stored MiB', 'fp32 MiB', 'fp16 MiB', 'int8 MiB'], rows), '');
  if (s.positional) {
    const m = s.positional.meanNeighbourSimilarity;
    out.push(`Positional embedding: ${s.positional.rows} rows; mean cosine similarity of each position to its neighbours: min ${num(Math.min(...m), 3)}, max ${num(Math.max(...m), 3)}.`, '');
  }
  if (s.corpus) {
    const c = s.corpus;
    out.push(`The corpus uses ${int(c.usedRows)} embedding rows (start and end included); the other ${int(c.unusedRows)} hold ${num(c.unusedMiB.stored, 2)} MiB as stored (${num(c.unusedMiB.fp32, 2)} MiB at fp32, ${num(c.unusedMiB.fp16, 2)} MiB at fp16).`, '');
  }
}

/** Paper-style intrinsic-dimension table: one row per pooling. */
export function intrinsicDimMarkdown(out: string[], s: IntrinsicDimSection): void {
  out.push('## Intrinsic dimension of the text embeddings', '');
  out.push(`Encoder \`${escapeCell(s.encoder.file)}\` (${s.encoder.convention}, output \`${s.encoder.output}\`); at most ${int(s.sample)} points per cloud, stratified by dataset (seed ${s.seed}); 95 % percentile-bootstrap intervals over ${s.bootstrap} resamples.`, '');
  const interval = (i: { low: number; high: number } | null) => (i === null ? '–' : `[${num(i.low)}, ${num(i.high)}]`);
  const row = (name: string, c: IdCloud) => [
    name, int(c.n), String(c.dimension), c.pca ? String(c.pca.components90) : '–', c.pca ? String(c.pca.components95) : '–', c.pca ? String(c.pca.fo) : '–',
    c.participationRatio === undefined ? '–' : num(c.participationRatio), c.twoNN?.['0.1'] === undefined ? '–' : num(c.twoNN['0.1']), interval(c.intervals.twoNN),
    c.mle?.['k20'] === undefined ? '–' : num(c.mle['k20'].mle), interval(c.intervals.mle), int(c.duplicatesRemoved),
  ];
  out.push(table(['pooling', 'points', 'D', 'PCA 90 %', 'PCA 95 %', 'lPCA FO', 'PR', 'TwoNN', 'TwoNN 95 %', 'MLE k=20', 'MLE 95 %', 'duplicates removed'], [
    row('mean', s.mean), row('eot', s.eot), row('tokens', s.tokens),
  ]), '');
}
