import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FIX_DEADLINE_MS, FixDeadline } from '../../src/tokenizer/clean/deadline.js';
import { fixText } from '../../src/tokenizer/clean/ftfy.js';
import { Sam3Tokenizer } from '../../src/tokenizer/index.js';
import { goldenRecords } from './golden.js';
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

  it('repeats its fixes until the text stops changing, as ftfy does (no pass limit)', () => {
    // ftfy 6.3.1 fix_text('&' + 'amp;' * 19) == '&' and fix_text('&' + 'amp;' * 40 + 'eacute;') == 'é'
    // (run with the ftfy-6.3.1 wheel): one HTML layer a pass, 20 and 42 passes; a 16-pass limit left
    // '&amp;amp;amp;amp;', which SAM3's two further html.unescape calls still turn into '&amp;'.
    expect(fixText(`&${'amp;'.repeat(19)}`)).toBe('&');
    expect(fixText(`&${'amp;'.repeat(40)}eacute;`)).toBe('é');
    // Through the tokenizer: the same ids as the golden '&amp;amp;' line (both clean to '&').
    const golden = goldenRecords().find((r) => r.text === '&amp;amp;');
    expect(golden).toBeDefined();
    expect(new Sam3Tokenizer().encode(`&${'amp;'.repeat(19)}`)).toEqual(golden!.tokens);
  });
});

describe('the time bound of the fix loop', () => {
  afterEach(() => vi.restoreAllMocks());

  it('is E_LIMIT once the deadline has passed, never a silently different text', () => {
    let now = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => now);
    const deadline = new FixDeadline('&amp;amp;');
    for (let i = 0; i < 1000; i++) deadline.check();
    now += FIX_DEADLINE_MS + 1;
    expect(() => deadline.check()).toThrow(expect.objectContaining({ code: 'E_LIMIT' }));
  });
});
