import { agreementCharts } from './charts.js';
import { agreementOf } from './compute.js';
import { agreementDefinitions } from './definitions.js';
import { agreementMarkdown } from './markdown.js';
import { AgreementSchema } from './schema.js';

export * from './schema.js';

/**
 * The agreement analyzer: how close two encoders' embeddings of the same prompts are. It has the
 * analyzer-module shape (result schema, compute, Markdown, charts, definitions) but is not in the
 * `analyze` registry: it needs two embedding sets, which `compare` provides (src/compare/).
 */
export const agreementAnalyzer = {
  name: 'agreement',
  section: 'agreement',
  description: 'agreement of two encoders on the same prompts: cosine, linear CKA, kNN overlap',
  result: AgreementSchema,
  compute: agreementOf,
  markdown: agreementMarkdown,
  charts: agreementCharts,
  definitions: agreementDefinitions,
} as const;
