// The programmatic API: everything the CLI does is callable from TypeScript.
export { LiteTextError, isLiteTextError } from './errors.js';
export type { Prompt, PromptDraft } from './corpus/prompt.js';
export { PromptSchema } from './corpus/prompt.js';
export type { Tokenizer } from './tokenizer/types.js';
