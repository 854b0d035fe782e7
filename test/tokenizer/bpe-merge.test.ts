import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BpeModel } from '../../src/tokenizer/bpe.js';
import { BYTE_TO_ID } from '../../src/tokenizer/bytes.js';
import { mergeLong, mergeSimple } from '../../src/tokenizer/bpe-merge.js';
import { builtinMerges } from '../../src/tokenizer/merges.js';
import { PairTable } from '../../src/tokenizer/pair-table.js';
import { Sam3Tokenizer } from '../../src/tokenizer/index.js';

const model = new BpeModel(builtinMerges());

/** A pre-token's bytes as BpeModel starts them: byte symbols, the last one with </w>. */
function symbols(bytes: readonly number[]): number[] {
  const word = bytes.map((b) => BYTE_TO_ID[b]!);
  word[word.length - 1]! += 256;
  return word;
}

function both(word: readonly number[], pairs: PairTable): { simple: number[]; long: number[] } {
  const a = [...word];
  const b = [...word];
  return { simple: a.slice(0, mergeSimple(a, a.length, pairs)), long: b.slice(0, mergeLong(b, b.length, pairs)) };
}

const ascii = (s: string) => [...Buffer.from(s, 'utf8')];
// Words that stress the merge order: runs of one letter (overlapping pairs), short periods, real
// words glued together, any bytes (UTF-8 of emoji and accents, invalid sequences).
const longWord = fc.oneof(
  fc.tuple(fc.constantFrom('a', 'e', 's', 'z', 'x'), fc.integer({ min: 65, max: 3000 })).map(([c, n]) => ascii(c.repeat(n))),
  fc.tuple(fc.string({ unit: fc.constantFrom('a', 'b', 'n', 'o'), minLength: 1, maxLength: 5 }), fc.integer({ min: 20, max: 600 })).map(([p, n]) => ascii(p.repeat(n))),
  fc.array(fc.constantFrom('photo', 'cat', 'ing', 'tion', 'un', 'zebra', 'xx', 'q', 'mmmm'), { minLength: 20, maxLength: 400 }).map((a) => ascii(a.join(''))),
  fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'), minLength: 65, maxLength: 2000 }).map(ascii),
  fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 65, maxLength: 1500 }),
  fc.string({ unit: 'grapheme', minLength: 30, maxLength: 400 }).map(ascii),
);

describe('BPE merge loops', () => {
  it('the O(n log n) loop gives the straightforward loop\'s ids on long words (CLIP merges)', () => {
    fc.assert(
      fc.property(longWord, (bytes) => {
        const { simple, long } = both(symbols(bytes), model.pairs);
        expect(long).toEqual(simple);
      }),
      { numRuns: 300 },
    );
  });

  it('applies one rank in a single left-to-right pass before any pair it creates (a merges file in any order)', () => {
    // Symbols 1 = "a", 2 = "aa", 3 = "aaa". Rank 0: (aa, a) -> aaa; rank 1: (a, a) -> aa. On "aaaa" CLIP's
    // pass for rank 1 gives [aa, aa] and stops; merging (aa, a) as soon as it appears would give [aaa, a].
    const pairs = new PairTable(4);
    pairs.set(2, 1, 0, 3);
    pairs.set(1, 1, 1, 2);
    for (const [word, expected] of [[[1, 1, 1, 1], [2, 2]], [[1, 1, 1], [3]], [[1, 1, 1, 1, 1], [2, 3]]] as const) {
      const { simple, long } = both(word, pairs);
      expect(simple).toEqual(expected);
      expect(long).toEqual(expected);
    }
  });

  it('the tokenizer takes the long loop for a 20,000-letter word and gives the straightforward ids', () => {
    // A fixed pseudo-random word (an LCG over a..z): many distinct merges, the quadratic loop's worst case.
    let x = 12345;
    const word = Array.from({ length: 20_000 }, () => String.fromCharCode(97 + ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 16) % 26)).join('');
    const ids = new Sam3Tokenizer().encode(word);
    const sym = symbols(ascii(word));
    expect(ids).toEqual([49406, ...sym.slice(0, mergeSimple(sym, sym.length, model.pairs)), 49407]);
  });
});
