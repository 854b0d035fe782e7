import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TextIndex } from '../../src/analyzers/text-index.js';

describe('TextIndex', () => {
  it('gives each distinct text the index of its first occurrence, as a Map would (growth and collisions included)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('', 'a', 'A', '\u0000', 'é', 'e\u0301', '\ud83d')), { maxLength: 3000 }), (texts) => {
        const index = new TextIndex();
        const map = new Map<string, number>();
        for (const t of texts) {
          if (!map.has(t)) map.set(t, map.size);
          expect(index.add(t)).toBe(map.get(t));
        }
        expect(index.texts).toEqual([...map.keys()]);
      }),
      { numRuns: 200 },
    );
  });
});
