// The tokenizer module's public surface: the interface, SAM3's tokenizer, the registry.
import { createTokenizer, type TokenizerOptions } from './registry.js';
import type { Tokenizer } from './types.js';

export type { SpecialIds, Tokenizer } from './types.js';
export { toContext } from './types.js';
export { Sam3Tokenizer, SAM3_CONTEXT_LENGTH } from './sam3.js';
export { TokenizerJson } from './tokenizer-json.js';
export { createTokenizer, TOKENIZER_KINDS, type TokenizerKind, type TokenizerOptions } from './registry.js';
export { cleanSam3 } from './clean/index.js';

/** Async for callers that may later load tokenizers lazily; loading is synchronous today. */
export async function loadTokenizer(spec: string | undefined, options: TokenizerOptions = {}): Promise<Tokenizer> {
  return createTokenizer(spec ?? 'sam3', options);
}
