// The programmatic API: everything the CLI does is callable from TypeScript.
export { LiteTextError, isLiteTextError } from './errors.js';
export type { Prompt, PromptDraft } from './corpus/prompt.js';
export { PromptSchema } from './corpus/prompt.js';
export { ingest, loadCorpus } from './corpus/ingest.js';
export type { Tokenizer } from './tokenizer/types.js';
export { analyze, AnalyzeOptionsSchema, type AnalyzeOptions } from './analyze.js';
// analyze() with an encoder runs its nearest-neighbour tiles in worker threads: end them before a process.exit().
export { stopKnnWorkers } from './knn/index.js';
export { ReportSchema, SCHEMA_VERSION, type Report } from './report/schema.js';
export { reportJsonSchema } from './report/json-schema.js';
export { renderMarkdown } from './report/markdown.js';
export { writeReport } from './report/write.js';
