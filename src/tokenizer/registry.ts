import { LiteTextError } from '../errors.js';
import { builtinMerges, readMergesFile } from './merges.js';
import { Sam3Tokenizer } from './sam3.js';
import type { Tokenizer } from './types.js';

export interface TokenizerOptions {
  contextLength?: number;
}

/** A tokenizer kind: a plain object that says which `--tokenizer` values it takes and loads them. */
export interface TokenizerKind {
  name: string;
  description: string;
  accepts(spec: string): boolean;
  load(spec: string, options: TokenizerOptions): Tokenizer | Promise<Tokenizer>;
}

const ctx = (o: TokenizerOptions): { contextLength?: number } => (o.contextLength === undefined ? {} : { contextLength: o.contextLength });

export const sam3Kind: TokenizerKind = {
  name: 'sam3',
  description: "SAM3's tokenizer (CLIP BPE, built-in merges) or the same pipeline on a bpe_simple_vocab_16e6.txt[.gz] file",
  accepts: (spec) => spec === 'sam3' || /\.txt(\.gz)?$/i.test(spec),
  load: (spec, options) =>
    spec === 'sam3'
      ? new Sam3Tokenizer({ merges: builtinMerges(), ...ctx(options) })
      : new Sam3Tokenizer({ merges: readMergesFile(spec), name: `sam3:${spec}`, ...ctx(options) }),
};

export const tokenizerJsonKind: TokenizerKind = {
  name: 'tokenizer-json',
  description: 'any Hugging Face tokenizer.json, through @huggingface/tokenizers',
  accepts: (spec) => /\.json$/i.test(spec),
  // @huggingface/tokenizers loads only for a tokenizer.json (start-up of every tokenizing command).
  load: async (spec, options) => new (await import('./tokenizer-json.js')).TokenizerJson(spec, ctx(options)),
};

export const TOKENIZER_KINDS: readonly TokenizerKind[] = [sam3Kind, tokenizerJsonKind];

/** `sam3` (default), `PATH/bpe_simple_vocab_16e6.txt[.gz]` or `PATH/tokenizer.json`. */
export async function createTokenizer(spec = 'sam3', options: TokenizerOptions = {}): Promise<Tokenizer> {
  const kind = TOKENIZER_KINDS.find((k) => k.accepts(spec));
  if (!kind) {
    throw new LiteTextError('E_USAGE', `--tokenizer ${JSON.stringify(spec)}: not sam3, a .txt/.txt.gz merges file or a tokenizer.json`, 'use --tokenizer sam3, PATH/bpe_simple_vocab_16e6.txt.gz or PATH/tokenizer.json');
  }
  return kind.load(spec, options);
}
