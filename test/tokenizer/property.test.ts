import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanSam3 } from '../../src/tokenizer/clean/index.js';
import { isPlainAscii, pretokens, scanAscii } from '../../src/tokenizer/pretokenize.js';
import { Sam3Tokenizer } from '../../src/tokenizer/index.js';

const tokenizer = new Sam3Tokenizer();
const noSpace = (s: string) => s.replace(/[\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/g, '');

// Strings biased towards what breaks tokenizers: specials, contractions, entities, mojibake, controls.
const pieces = ['<start_of_text>', '<end_of_text>', "'s", "'LL", '&amp;', '&lt;', '&#39;', '&EACUTE;', 'Ã©', 'â€œ', '\u0345', 'ſ', 'İ', 'Σ', '\r\n', '\x1b[31m', '\u2028', 'ﬁ', 'Ａ', '😀', '\ud83d', ' ', '\t'];
const anyText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 4 })), { maxLength: 12 }).map((a) => a.join('')),
);
const asciiText = fc.oneof(
  fc.string({ unit: fc.integer({ min: 0, max: 0x7f }).map((c) => String.fromCharCode(c)), maxLength: 60 }),
  fc.array(fc.oneof(fc.constantFrom("'s", "'re", "'D", '<start_of_text>', '<END_OF_TEXT>', '&amp;', '&#39;', '&lt;b&gt;', ' ', '\n'), fc.string({ maxLength: 5 })), { maxLength: 12 }).map((a) => a.join('')),
);

describe('SAM3 tokenizer properties (fast-check)', () => {
  it('never throws and returns [start, ids in [0, 49408), end] for any string', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const ids = tokenizer.encode(text);
        expect(ids[0]).toBe(49406);
        expect(ids[ids.length - 1]).toBe(49407);
        for (const id of ids) expect(Number.isInteger(id) && id >= 0 && id < 49408).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('decode(encode(x)) is the cleaned text up to </w> spacing, for ASCII input', () => {
    fc.assert(
      fc.property(asciiText, (text) => {
        const ids = tokenizer.encode(text);
        const decoded = tokenizer.decode(ids.slice(1, -1), { keepSpecial: true });
        expect(noSpace(decoded)).toBe(noSpace(cleanSam3(text)));
      }),
      { numRuns: 3000 },
    );
  });

  it('the ASCII fast path gives the same pre-tokens as the regex path', () => {
    fc.assert(
      fc.property(asciiText, (text) => {
        fc.pre(isPlainAscii(text));
        const s = text.toLowerCase();
        const { bounds, count } = scanAscii(s, new Int32Array(2));
        const fast = Array.from({ length: count }, (_, k) => s.slice(bounds[2 * k], bounds[2 * k + 1]));
        expect(fast).toEqual([...pretokens(cleanSam3(text))].map((m) => m[0]));
      }),
      { numRuns: 3000 },
    );
  });
});
