import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTokenizer, Sam3Tokenizer } from '../../src/tokenizer/index.js';
import { builtinMerges } from '../../src/tokenizer/merges.js';
import { clipTokenizerJson } from '../tokenizer/clip-tokenizer-json.js';
import { assertProperty, outcome, Tally } from './harness.js';
import { jsonMutations, mutations } from './mutate.js';

/**
 * The tokenizer on arbitrary text (every code point, lone surrogates, controls, huge words) and
 * on mutated tokenizer files (merges .txt, tokenizer.json): ids or a LiteTextError, never a crash.
 */
const dir = mkdtempSync(join(tmpdir(), 'lt-fuzz-tok-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Any UTF-16 unit sequence: code points of every plane, lone surrogates, controls, combining marks, specials. */
const anyUnit = fc.oneof(
  { arbitrary: fc.integer({ min: 0, max: 0x10ffff }).map((c) => String.fromCodePoint(c)), weight: 4 },
  { arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)), weight: 2 },
  { arbitrary: fc.constantFrom('\u0000', '\u0085', '\u2028', '\ufeff', '\u200b', '\u0301', '&amp;', '&#x1F600;', 'Ã©', '<|startoftext|>', '<|endoftext|>', '</w>', ' ', '\t', '\n', "'s", '🙂', '👩‍👩‍👧'), weight: 3 },
  { arbitrary: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), weight: 4 },
);
const anyText = fc.oneof(
  { arbitrary: fc.string({ unit: anyUnit, maxLength: 40 }), weight: 8 },
  { arbitrary: fc.tuple(fc.string({ unit: anyUnit, maxLength: 3 }), fc.integer({ min: 1000, max: 20_000 })).map(([s, n]) => s.repeat(Math.ceil(n / Math.max(1, s.length)))), weight: 1 },
);

describe('fuzz: tokenizer', () => {
  const sam3 = new Sam3Tokenizer();

  it('encode on arbitrary strings returns [start, ids in range, end]; decode never throws', async () => {
    const tally = new Tally();
    await assertProperty('tokenizer encode', fc.asyncProperty(anyText, async (text) => {
      const o = await outcome(() => sam3.encode(text), `encode(${JSON.stringify(text.slice(0, 80))})`);
      tally.add(o);
      if (o.kind !== 'result') return;
      const ids = o.value as number[];
      expect(ids[0]).toBe(49406);
      expect(ids[ids.length - 1]).toBe(49407);
      for (const id of ids) if (!(Number.isInteger(id) && id >= 0 && id < sam3.vocabSize)) throw new Error(`id ${id} out of range for ${JSON.stringify(text.slice(0, 80))}`);
      expect(typeof sam3.decode(ids)).toBe('string');
    }), 2600);
    console.log(`fuzz tokenizer encode: ${tally.total} cases: ${tally.toString()}`);
  }, 240_000);

  it('mutated merges files load or fail with a LiteTextError', async () => {
    // A short merges file (version line + 2,000 merges) keeps each load fast.
    const seed = Buffer.from(`#version: 0.2\n${builtinMerges().merges.slice(0, 2000).map(([l, r]) => `${l} ${r}`).join('\n')}\n`);
    const tally = new Tally();
    let n = 0;
    await assertProperty('merges files', fc.asyncProperty(mutations, fc.boolean(), async (mutate, gz) => {
      const file = join(dir, `bpe_${n++ % 8}.txt${gz ? '.gz' : ''}`);
      const bytes = mutate(seed);
      writeFileSync(file, gz ? (await import('node:zlib')).gzipSync(bytes).subarray(0, gz && bytes.length % 3 === 0 ? 20 : undefined) : bytes);
      const o = await outcome(async () => (await createTokenizer(file)).encode('a photo of a café, 🙂'), `merges ${file}`, file);
      tally.add(o);
    }), 120);
    console.log(`fuzz merges files: ${tally.total} cases: ${tally.toString()}`);
  }, 240_000);

  it('mutated tokenizer.json files load or fail with a LiteTextError', async () => {
    // A small CLIP tokenizer.json (the first 300 merges) with the real layout.
    const full = clipTokenizerJson() as { model: { vocab: Record<string, number>; merges: string[] } };
    const merges = full.model.merges.slice(0, 300);
    const vocab = Object.fromEntries(Object.entries(full.model.vocab).filter(([, id]) => id < 512 + 300 || id >= 49406));
    const seed = Buffer.from(JSON.stringify({ ...full, model: { ...full.model, vocab, merges } }));
    const tally = new Tally();
    let n = 0;
    await assertProperty('tokenizer.json', fc.asyncProperty(jsonMutations, async (mutate) => {
      const file = join(dir, `t${n++ % 8}`, 'tokenizer.json');
      (await import('node:fs')).mkdirSync(join(file, '..'), { recursive: true });
      writeFileSync(file, mutate(seed));
      const o = await outcome(async () => {
        const tok = await createTokenizer(file);
        return [tok.encode('a photo of a cat'), tok.encode('\uD800 x'), tok.decode([0, 1, 49406])];
      }, `tokenizer.json ${file}`, file);
      tally.add(o);
    }), 250);
    console.log(`fuzz tokenizer.json: ${tally.total} cases: ${tally.toString()}`);
  }, 240_000);
});
