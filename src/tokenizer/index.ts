// The tokenizer module's public surface: the interface, SAM3's tokenizer, the registry.
import { createTokenizer, type TokenizerOptions } from './registry.js';
import type { Tokenizer } from './types.js';
export type { Tokenizer } from './types.js';
export { toContext } from './types.js';
export { Sam3Tokenizer } from './sam3.js';
export { createTokenizer, type TokenizerOptions } from './registry.js';
/** createTokenizer with the default spec (sam3) for `undefined`. */
export async function loadTokenizer(spec: string | undefined, options: TokenizerOptions = {}): Promise<Tokenizer> {
  return createTokenizer(spec ?? 'sam3', options);
}
