import { intrinsicDimDefinitions } from './definitions.js';
import { defineAnalyzer } from '../types.js';
import { pcaSpectrumChart } from './charts.js';
import { intrinsicDimDiff } from './diff.js';
import { intrinsicDimMarkdown } from './markdown.js';
import { IntrinsicDimOptionsSchema, IntrinsicDimSectionSchema } from './schema.js';
import { intrinsicDimSummary } from './summary.js';

export * from './schema.js';

export const intrinsicDimAnalyzer = defineAnalyzer({
  name: 'intrinsic-dim',
  section: 'intrinsicDim',
  description: 'intrinsic dimension of the text embeddings (mean, eot, per-token): PCA spectrum, participation ratio, TwoNN, MLE',
  needs: ['embeddings'],
  options: IntrinsicDimOptionsSchema,
  flags: {
    idSample: { arg: 'n', description: 'intrinsic dimension: at most N points per cloud, stratified by dataset' },
    seed: { arg: 'n', description: 'seed of the intrinsic-dimension sample and of the interval half-samples' },
    bootstrap: { arg: 'n', description: 'half-samples (without replacement) for the TwoNN and MLE 95 % intervals; 0: none' },
  },
  result: IntrinsicDimSectionSchema,
  // The estimators and the exact kNN load only when embeddings are analyzed.
  run: async (ctx) => (await import('./run.js')).intrinsicDimensions(ctx),
  markdown: intrinsicDimMarkdown,
  charts: (result, report) => [pcaSpectrumChart(result, report)],
  definitions: intrinsicDimDefinitions,
  diff: intrinsicDimDiff,
  summary: intrinsicDimSummary,
});
