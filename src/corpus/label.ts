import { excerpt } from '../errors.js';
import type { Tokenizer } from '../tokenizer/types.js';
import type { Prompt } from './prompt.js';

/** A prompt as messages name it: its file and line (or JSON pointer) and its text. */
export function promptLabel(p: Prompt): string {
  const at = p.source.line !== undefined ? `:${p.source.line}` : p.source.pointer !== undefined ? `#${p.source.pointer}` : '';
  return `${p.source.file}${at} ${excerpt(p.text)}`;
}

/** Names of prompts (sequence i is prompts[promptOf(i)]) and of token ids, for errors about a prompt's tokens. */
export function promptNames(prompts: readonly Prompt[], tokenizer: Tokenizer, promptOf: (sequence: number) => number = (i) => i) {
  return { prompt: (i: number) => promptLabel(prompts[promptOf(i)]!), token: (id: number) => tokenizer.idToToken(id) };
}
