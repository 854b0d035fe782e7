import * as z from 'zod';
import type { FlagsOf } from '../options.js';

/** Which tokenizer, and its context length: every command that tokenizes takes these. */
export const TokenizerOptionsSchema = z.object({
  /** `sam3` (default), a merges file, or a tokenizer.json. */
  tokenizer: z.string().optional(),
  contextLength: z.number().int().positive().optional(),
});

export const TOKENIZER_FLAGS: FlagsOf<typeof TokenizerOptionsSchema> = {
  tokenizer: { arg: 'spec', description: 'sam3 (default), a bpe_simple_vocab_16e6.txt[.gz] merges file, or a tokenizer.json' },
  contextLength: { arg: 'n', description: 'the tokenizer\'s context length (SAM3: 32)' },
};
