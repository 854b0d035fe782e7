import type { Command } from 'commander';
import { TOKENIZER_FLAGS, TokenizerOptionsSchema } from '../tokenizer/options.js';
import { addOptionFlags } from './option-flags.js';

/** `--tokenizer` and `--context-length` (shared by every command that tokenizes); a command may say what the length does for it. */
export function addTokenizerFlags(cmd: Command, contextHelp?: string): Command {
  const flags = contextHelp === undefined ? TOKENIZER_FLAGS : { ...TOKENIZER_FLAGS, contextLength: { arg: 'n', description: contextHelp } };
  return addOptionFlags(cmd, TokenizerOptionsSchema, flags);
}
