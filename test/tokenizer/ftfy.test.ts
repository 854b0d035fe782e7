import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixText } from '../../src/tokenizer/clean/ftfy.js';
import { pyHtmlUnescape } from '../../src/tokenizer/clean/html.js';

// {"text", "fixed"} pairs from the real ftfy 6.3.1 (`ftfy.fix_text`), made by scripts/gen-ftfy-fixtures.py.
const cases = readFileSync(new URL('./fixtures/ftfy-6.3.1.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l !== '')
  .map((l) => JSON.parse(l) as { text: string; fixed: string });

describe('ftfy-like cleaning', () => {
  it('gives ftfy 6.3.1 fix_text output on 3,000 generated stress strings', () => {
    expect(cases).toHaveLength(3000);
    const wrong = cases.filter((c) => fixText(c.text) !== c.fixed);
    expect(wrong).toEqual([]);
  });

  it('unescapes HTML like Python 3.11 html.unescape', () => {
    // Expected values are Python 3.11's html.unescape outputs (legacy prefixes, numeric rules).
    expect(pyHtmlUnescape('&amp;amp;')).toBe('&amp;');
    expect(pyHtmlUnescape('&notit;')).toBe('¬it;');
    expect(pyHtmlUnescape('&notin;')).toBe('∉');
    expect(pyHtmlUnescape('&#0;&#x80;&#xD800;&#x110000;&#x81;')).toBe('\ufffd€\ufffd\ufffd\x81');
    expect(pyHtmlUnescape('&#1;&#x7f;&#xfdd0;&#x1ffff;x')).toBe('x');
    expect(pyHtmlUnescape('&#13;&#65&#x41;')).toBe('\rAA');
    expect(pyHtmlUnescape('&quot &QUOT;')).toBe('" "');
  });
});
