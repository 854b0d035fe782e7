import { int, num, table } from '../report/format.js';
import { heading, type TableDef } from './types.js';

export interface IdRow {
  encoder: string;
  source: string;
  pooling: string;
  /** Points: the corpus's analyzed prompts, one embedding each. */
  prompts: number;
  width: number;
  pca90: number | null;
  pca95: number | null;
  pca99: number | null;
  participationRatio: number | null;
  twoNN: Record<string, number>;
  mle: Record<string, number>;
}

/** ORT's float32 sums may differ in the last bits between CPUs: 6 significant digits keep the table stable. */
const round6 = (x: number) => Number(x.toPrecision(6));
const roundAll = (r: Record<string, number> | undefined) => Object.fromEntries(Object.entries(r ?? {}).map(([k, v]) => [k, round6(v)]));

/** Table 5: intrinsic dimension of each ONNX encoder's prompt embeddings (estimators as `lite-text id`). */
export const intrinsicDimTable: TableDef<IdRow[]> = {
  id: 'intrinsic-dim',
  number: 5,
  title: 'Intrinsic dimension of the prompt embeddings per encoder',
  needs: 'embeddings',
  rows: (input) => input.intrinsicDim.map(({ name, source, pooling, prompts, width, estimates: e }) => ({
    encoder: name,
    source,
    pooling,
    prompts,
    width,
    pca90: e.pca?.components90 ?? null,
    pca95: e.pca?.components95 ?? null,
    pca99: e.pca?.components99 ?? null,
    participationRatio: e.participationRatio === undefined ? null : round6(e.participationRatio),
    twoNN: roundAll(e.twoNN),
    mle: roundAll(Object.fromEntries(Object.entries(e.mle ?? {}).map(([k, v]) => [k, v.mle]))),
  })),
  markdown(rows, meta) {
    const fractions = Object.keys(rows[0]?.twoNN ?? {});
    const ks = Object.keys(rows[0]?.mle ?? {});
    const dash = (x: number | null | undefined, digits = 2) => (x === null || x === undefined ? '–' : num(x, digits));
    return [
      ...heading(this, meta, 'One point per analyzed prompt: the encoder\'s pooled output (mean of the valid token rows, or the end-of-text row). PCA: components reaching 90/95/99 % of the variance; PR: participation ratio; TwoNN per discarded fraction; MLE (Levina–Bickel, MacKay–Ghahramani combination) per k. Built-in architecture descriptions have no weights and no row here.'),
      table(['encoder', 'source', 'pooling', 'prompts', 'width', 'PCA 90 %', 'PCA 95 %', 'PCA 99 %', 'PR', ...fractions.map((f) => `TwoNN ${f}`), ...ks.map((k) => `MLE ${k}`)], rows.map((r) => [
        r.encoder, `\`${r.source}\``, r.pooling, int(r.prompts), String(r.width), dash(r.pca90), dash(r.pca95), dash(r.pca99), dash(r.participationRatio),
        ...fractions.map((f) => dash(r.twoNN[f])), ...ks.map((k) => dash(r.mle[k])),
      ])),
    ].join('\n');
  },
};
