import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiteTextError } from '../../src/errors.js';
import { createTokenizer, Sam3Tokenizer, toContext } from '../../src/tokenizer/index.js';
import { builtinMerges } from '../../src/tokenizer/merges.js';
import { clipTokenizerJson } from './clip-tokenizer-json.js';
import { goldenRecords } from './golden.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lite-text-tok-'));
  const text = `#version: 0.2\n${builtinMerges().merges.map(([l, r]) => `${l} ${r}`).join('\n')}\n`;
  writeFileSync(join(dir, 'bpe.txt'), text);
  writeFileSync(join(dir, 'bpe_simple_vocab_16e6.txt.gz'), gzipSync(text));
  writeFileSync(join(dir, 'tokenizer.json'), JSON.stringify(clipTokenizerJson()));
  const wordPiece = { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab: { '[UNK]': 0, red: 1, car: 2, '##s': 3 } };
  writeFileSync(join(dir, 'wordpiece.json'), JSON.stringify({ version: '1.0', truncation: { max_length: 4 }, padding: null, added_tokens: [], normalizer: null, pre_tokenizer: { type: 'Whitespace' }, post_processor: null, decoder: null, model: wordPiece }));
  writeFileSync(join(dir, 'broken.txt'), '#version: 0.2\ni n\nthree parts here\n');
  writeFileSync(join(dir, 'broken.json'), '{"model": ');
  writeFileSync(join(dir, 'other.json'), '{"hello": 1}');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sample = goldenRecords().filter((_, i) => i % 5 === 0);

async function codeOf(fn: () => unknown): Promise<string | undefined> {
  try {
    await fn();
  } catch (error) {
    return error instanceof LiteTextError ? `${error.code}: ${error.message}` : `other: ${String(error)}`;
  }
  return undefined;
}

describe('tokenizer registry', () => {
  it('sam3 on a merges file (.txt and .txt.gz) gives the built-in ids and hash', async () => {
    const builtin = await createTokenizer('sam3');
    for (const file of ['bpe.txt', 'bpe_simple_vocab_16e6.txt.gz']) {
      const custom = await createTokenizer(join(dir, file));
      expect(custom).toBeInstanceOf(Sam3Tokenizer);
      expect(custom.hash).toBe(builtin.hash);
      expect(custom.vocabSize).toBe(49408);
      expect(sample.map((r) => custom.encode(r.text))).toEqual(sample.map((r) => r.tokens));
    }
  });

  it('tokenizer-json on a CLIP tokenizer.json matches SAM3 on every corpus prompt except the curly-quote ones ftfy changes', async () => {
    const hf = await createTokenizer(join(dir, 'tokenizer.json'), { contextLength: 77 });
    expect(hf.name).toContain('tokenizer-json');
    expect(hf.special).toEqual({ start: 49406, end: 49407, pad: 0 });
    expect(hf.vocabSize).toBe(49408);
    expect(hf.contextLength).toBe(77);
    const corpus = goldenRecords().filter((r) => r.source !== 'edge');
    const differ = corpus.filter((r) => JSON.stringify(hf.encode(r.text)) !== JSON.stringify(r.tokens));
    // The reference README: without ftfy only 12 Parti prompts (curly ’/‘) tokenize differently.
    expect(differ).toHaveLength(12);
    for (const r of differ) expect(r.source === 'parti' && /[‘’]/.test(r.text)).toBe(true);
    expect(hf.decode(hf.encode('A photo of a cat.'))).toBe('a photo of a cat.');
  });

  it('tokenizer-json without start/end tokens: specials -1, truncation keeps the last id, context from truncation.max_length', async () => {
    const wp = await createTokenizer(join(dir, 'wordpiece.json'));
    expect(wp.special).toEqual({ start: -1, end: -1, pad: 0 });
    expect(wp.vocabSize).toBe(4);
    expect(wp.contextLength).toBe(4);
    // Hand-derived from the 4-entry vocabulary: red, car + ##s, unknown word.
    expect(wp.encode('red cars blue')).toEqual([1, 2, 3, 0]);
    expect(toContext(wp.encode('red cars blue'), 2, wp.special)).toEqual([1, 2]);
    expect(toContext(wp.encode('red'), 3, wp.special)).toEqual([1, 0, 0]);
  });

  it('rejects unknown specs and malformed files with one-line errors', async () => {
    expect(await codeOf(() => createTokenizer('gpt2'))).toMatch(/^E_USAGE: --tokenizer "gpt2"/);
    expect(await codeOf(() => createTokenizer(join(dir, 'missing.txt')))).toMatch(/^E_IO: .*missing\.txt: cannot read/);
    expect(await codeOf(() => createTokenizer(join(dir, 'broken.txt')))).toMatch(/^E_TOKENIZER: .*broken\.txt:3: expected "left right"/);
    expect(await codeOf(() => createTokenizer(join(dir, 'broken.json')))).toMatch(/^E_TOKENIZER: .*broken\.json: invalid JSON/);
    expect(await codeOf(() => createTokenizer(join(dir, 'other.json')))).toMatch(/^E_TOKENIZER: .*other\.json: no "model" object/);
  });
});
