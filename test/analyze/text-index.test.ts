import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TextIndex } from '../../src/analyzers/text-index.js';
import { TextStore } from '../../src/analyzers/text-store.js';

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
        expect(Array.from({ length: index.store.size }, (_, t) => index.store.get(t))).toEqual([...map.keys()]);
      }),
      { numRuns: 200 },
    );
  });
});

describe('TextStore', () => {
  it('gives back every text exactly (Latin-1, wider characters, lone surrogates, long texts) and compares like ===', () => {
    const unit = fc.oneof(fc.constantFrom('a', 'é', 'ÿ', '\u0000', 'Ā', '中', '\ud83d', '\ude00', '😀'), fc.string({ maxLength: 3 }));
    fc.assert(
      fc.property(fc.array(fc.array(unit, { maxLength: 12 }).map((parts) => parts.join('')), { maxLength: 300 }), fc.nat(3), (texts, longAt) => {
        // One text longer than a page's half: it gets a page of its own.
        const all = [...texts.slice(0, longAt), 'x'.repeat(3 << 20) + 'é', ...texts.slice(longAt)];
        const store = new TextStore();
        all.forEach((t) => store.add(t));
        expect(store.size).toBe(all.length);
        all.forEach((t, i) => {
          expect(store.get(i)).toBe(t);
          expect(store.equals(i, t)).toBe(true);
          expect(store.equals(i, `${t}a`)).toBe(false);
          if (t.length > 0) expect(store.equals(i, t.slice(0, -1) + String.fromCharCode(t.charCodeAt(t.length - 1) ^ 1))).toBe(false);
        });
      }),
      { numRuns: 30 },
    );
  });
});
