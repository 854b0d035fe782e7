import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Tokenizer as HfTokenizer } from '@huggingface/tokenizers';
import { cannotRead, LiteTextError } from '../errors.js';
import { SAM3_CONTEXT_LENGTH } from './sam3.js';
import type { SpecialIds, Tokenizer } from './types.js';

function readJson(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw cannotRead(path, error, 'check the tokenizer path', { what });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new LiteTextError('E_TOKENIZER', `${path}: invalid JSON in ${what} (${(error as Error).message})`, 'pass a Hugging Face tokenizer.json');
  }
}

interface TokenizerJsonFile {
  model?: unknown;
  truncation?: { max_length?: number } | null;
  padding?: { pad_id?: number } | null;
}

/**
 * Any Hugging Face `tokenizer.json` through `@huggingface/tokenizers` (transformers.js's tokenizer
 * module). A `tokenizer_config.json` beside it is used when present. Start/end ids are what the
 * post-processor puts around an empty text.
 */
export class TokenizerJson implements Tokenizer {
  readonly name: string;
  readonly vocabSize: number;
  readonly special: SpecialIds;
  readonly contextLength: number;
  readonly hash: string;
  private readonly tok: HfTokenizer;

  constructor(path: string, options: { contextLength?: number } = {}) {
    const json = readJson(path, 'tokenizer.json') as TokenizerJsonFile;
    if (typeof json !== 'object' || json === null || typeof json.model !== 'object') {
      throw new LiteTextError('E_TOKENIZER', `${path}: no "model" object, not a Hugging Face tokenizer.json`, 'pass the tokenizer.json of a Hugging Face model');
    }
    const configPath = join(dirname(path), 'tokenizer_config.json');
    const config = existsSync(configPath) ? (readJson(configPath, 'tokenizer_config.json') as Record<string, unknown>) : {};
    try {
      this.tok = new HfTokenizer(json, config);
    } catch (error) {
      throw new LiteTextError('E_TOKENIZER', `${path}: @huggingface/tokenizers cannot load it (${(error as Error).message})`, 'pass a tokenizer.json written by the Rust `tokenizers` library');
    }
    this.name = `tokenizer-json:${path}`;
    this.hash = createHash('sha256').update(readFileSync(path)).digest('hex');
    let maxId = -1;
    for (const id of this.tok.get_vocab(true).values()) if (id > maxId) maxId = id;
    this.vocabSize = maxId + 1;
    const around = this.tok.encode('').ids;
    this.special = { start: around[0] ?? -1, end: around.length > 1 ? (around[around.length - 1] as number) : -1, pad: json.padding?.pad_id ?? 0 };
    const maxLength = json.truncation?.max_length;
    this.contextLength = options.contextLength ?? (typeof maxLength === 'number' ? maxLength : SAM3_CONTEXT_LENGTH);
  }

  encode(text: string): number[] {
    return this.tok.encode(text).ids;
  }

  encodeBatch(texts: readonly string[]): number[][] {
    return texts.map((t) => this.encode(t));
  }

  decode(ids: readonly number[], options: { keepSpecial?: boolean } = {}): string {
    return this.tok.decode([...ids], { skip_special_tokens: !options.keepSpecial });
  }

  idToToken(id: number): string {
    return this.tok.decode([id], { skip_special_tokens: false });
  }
}
