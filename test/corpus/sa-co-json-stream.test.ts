// The streaming JSON scanner behind the sa-co and refcoco (MDETR) adapters.
import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanJson, type JsonEvent, type JsonPath, type Selection } from '../../src/corpus/json-stream.js';
import { tempDir } from '../helpers/tmp.js';

const dir = tempDir('lite-text-jsonstream');
let n = 0;
const file = (content: string | Buffer) => {
  const f = join(dir, `f${n++}.json`);
  writeFileSync(f, content);
  return f;
};
const items = (path: JsonPath, kind: string): Selection => (path.length === 0 ? (kind === 'scalar' ? 'value' : 'descend') : path.length === 1 ? 'value' : 'skip');
const scan = (f: string, chunkBytes = 5, select = items) => [...scanJson(f, { select, chunkBytes })];
const values = (events: JsonEvent[]) => events.filter((e) => e.type === 'value').map((e) => (e as { value: unknown }).value);

describe('scanJson', () => {
  it('yields the selected values with their paths, across tiny chunks, escapes, BOM and whitespace', () => {
    const doc = { 'a"b\\': ['x\\"y', { q: '"]}' }], n: -1.5e3, t: true, z: null, u: 'é\u2603\ud83d\ude00' };
    const events = scan(file(`\ufeff \n${JSON.stringify(doc, null, 3)}\n `));
    expect(events.map((e) => [e.type, ...e.path])).toEqual([['value', 'a"b\\'], ['value', 'n'], ['value', 't'], ['value', 'z'], ['value', 'u'], ['end']]);
    expect(values(events)).toEqual(Object.values(doc));
  });

  it('skips deep nesting iteratively (no stack overflow)', () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    const f = file(`{"skip": ${deep}, "keep": "yes"}`);
    const select = (path: JsonPath, kind: string): Selection => (path[0] === 'skip' ? 'skip' : items(path, kind));
    expect(values(scan(f, 4096, select))).toEqual(['yes']);
    // Selected, V8's JSON.parse (iterative) builds it; the scanner only walks the bytes.
    expect(scan(f, 4096).map((e) => e.path.join('/'))).toEqual(['skip', 'keep', '']);
  });

  it('property: descending the root and taking each child equals JSON.parse', () => {
    fc.assert(fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.integer({ min: 1, max: 64 }), (obj, chunk) => {
      const text = JSON.stringify(obj);
      const events = scan(file(text), chunk);
      expect(Object.fromEntries(events.filter((e) => e.type === 'value').map((e) => [e.path[0], (e as { value: unknown }).value]))).toEqual(JSON.parse(text));
    }), { numRuns: 60 });
  });

  it('reports malformed JSON with file:line:column', () => {
    const f = file('{\n  "a": [1, 2],\n  "b": {"c": tru}\n}');
    expect(() => scan(f)).toThrow(`${f}:3:14: malformed JSON (unexpected character "t")`);
    const g = file('{"a": 1} x');
    expect(() => scan(g)).toThrow(`${g}:1:10: malformed JSON (unexpected character "x" after the JSON value)`);
    const h = file('{"a": 1 "b": 2}');
    expect(() => scan(h)).toThrow(`${h}:1:9: malformed JSON (expected ',' or '}', found character "\\"")`);
    const k = file('{"a": "open');
    expect(() => scan(k)).toThrow(`${k}:1:7: malformed JSON (unterminated string)`);
  });

  it('line numbers count newlines in windows already dropped', () => {
    const lines = Array.from({ length: 500 }, (_, i) => `  "k${i}": "v${i}",`).join('\n');
    const f = file(`{\n${lines}\n  "bad": [1,,2]\n}`);
    expect(() => scan(f, 16)).toThrow(`${f}:502:`);
  });

  it('refuses a selected value larger than maxValueBytes (E_LIMIT)', () => {
    const f = file(JSON.stringify({ big: 'x'.repeat(10_000) }));
    expect(() => [...scanJson(f, { select: items, chunkBytes: 64, maxValueBytes: 1000 })]).toThrow(/a value larger than 1000 bytes/);
  });

  it('counts invalid UTF-8 in selected values', () => {
    const f = file(Buffer.concat([Buffer.from('{"a": "b'), Buffer.from([0xff, 0xfe]), Buffer.from('c"}')]));
    let bad = 0;
    const events = [...scanJson(f, { select: items, onInvalidUtf8: (k) => void (bad += k) })];
    expect(values(events)).toEqual(['b\ufffd\ufffdc']);
    expect(bad).toBe(2);
  });
});
