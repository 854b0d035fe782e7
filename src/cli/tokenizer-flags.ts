import type { Command } from 'commander';
import { positiveInt } from './parse.js';

/** `--tokenizer` and `--context-length` (shared by every command that tokenizes). */
export function addTokenizerFlags(cmd: Command, contextHelp = 'the tokenizer\'s context length (SAM3: 32)'): Command {
  return cmd
    .option('--tokenizer <spec>', 'sam3 (default), a bpe_simple_vocab_16e6.txt[.gz] merges file, or a tokenizer.json')
    .option('--context-length <n>', contextHelp, positiveInt);
}
