// The generic dumps: text, csv/tsv, jsonl, json — each flag, each bad input.
import { describe, expect, it } from 'vitest';
import { chooseColumns } from '../../src/corpus/adapters/csv.js';
import { detectAdapter } from '../../src/corpus/detect.js';
import { loadCorpus } from '../../src/corpus/ingest.js';
import { readSample } from '../../src/corpus/read.js';
import { collect, texts } from './harness.js';
import { failure, tmpFiles } from './tmp-files.js';

const put = tmpFiles('lt-generic-');

describe('text', () => {
  it('one raw prompt per line: BOM dropped, CRLF and LF, spaces and empty lines kept for the pipeline', async () => {
    const file = put('prompts.txt', '\ufeffa red car\r\n  two dogs \n\nlast');
    const run = await collect(file);
    expect(run.adapter).toBe('text');
    expect(texts(run)).toEqual(['a red car', '  two dogs ', '', 'last']);
    expect(run.drafts[1]).toEqual({ text: '  two dogs ', dataset: 'prompts', kind: 'free', source: { file, line: 2 } });
    const { prompts, summary } = await loadCorpus([file]);
    expect(prompts.map((p) => p.text)).toEqual(['a red car', '  two dogs ', 'last']);
    expect(Object.values(summary.skipped)).toEqual([1]);
  });

  it('.names lists are categories; other text is the low-confidence fallback; invalid UTF-8 is counted', async () => {
    expect((await collect(put('classes.names', 'cat\ndog\n'))).drafts[1]).toMatchObject({ text: 'dog', kind: 'category', dataset: 'classes' });
    const fallback = await collect(put('README', 'just text\n'));
    expect([fallback.adapter, fallback.what]).toEqual(['text', 'UTF-8 text (fallback: one prompt per line)']);
    expect(detectAdapter(readSample(put('README.md', '# A dataset\n'))).adapter).toBeUndefined();
    expect(detectAdapter(readSample(put('config.json', '{"lr": 0.1}'))).adapter).toBeUndefined();
    expect(texts(await collect(put('notes.md', '# a\nb\n'), {}, 'text'))).toEqual(['# a', 'b']);
    const bad = await collect(put('bad.txt', Buffer.from([0x61, 0xff, 0x62, 0x0a, 0x63, 0x0a])));
    expect([texts(bad), bad.invalidUtf8]).toEqual([['a\ufffdb', 'c'], 1]);
  });

  it('forced on a binary file: E_ADAPTER_MISMATCH', async () => {
    const file = put('blob.bin', Buffer.from([0x80, 0x02, 0x00, 0x0a, 0x01]));
    expect(await failure(() => collect(file, {}, 'text'))).toMatchObject({ code: 'E_ADAPTER_MISMATCH', message: `${file}: text: NUL byte on line 1: a binary file` });
  });
});

describe('csv / tsv', () => {
  it('takes the first of prompt/text/caption/sentence/name from the header; the column name sets the kind', async () => {
    const file = put('caps.csv', 'id,caption,note\n1,"a dog, running",x\n2,"two\nlines",y\n3,"say ""hi""",z\n');
    const run = await collect(file);
    expect(run.adapter).toBe('csv');
    expect(run.drafts.map((d) => [d.text, d.source.line, d.kind])).toEqual([
      ['a dog, running', 2, 'caption'],
      ['two\nlines', 3, 'caption'],
      ['say "hi"', 5, 'caption'],
    ]);
    expect(run.drafts[0]).toEqual({ text: 'a dog, running', dataset: 'caps', kind: 'caption', source: { file, line: 2 } });
    expect(texts(await collect(file, { column: 'NOTE' }))).toEqual(['x', 'y', 'z']);
    expect(texts(await collect(put('both.csv', 'caption,text\nc,t\n')))).toEqual(['t']); // preference order, not column order
    expect(texts(await collect(file, { column: '1' }))).toEqual(['1', '2', '3']);
    expect((await collect(file, { column: '3,2' })).drafts.slice(0, 2).map((d) => [d.text, d.kind, d.meta])).toEqual([
      ['x', 'free', { column: 'note' }],
      ['a dog, running', 'caption', { column: 'caption' }],
    ]);
  });

  it('without a header: column 1, or the first non-integer column; --column picks by 1-based index', () => {
    expect(chooseColumns(['a cat', 'x'], undefined, 'f')).toEqual({ header: false, columns: [{ index: 0, name: undefined }] });
    expect(chooseColumns(['17', 'Person', 'Person'], undefined, 'f')).toEqual({ header: false, columns: [{ index: 1, name: undefined }] });
    expect(chooseColumns(['17', 'Person', 'Person'], '3', 'f').columns).toEqual([{ index: 2, name: undefined }]);
    expect(chooseColumns(['Prompt', 'Category'], undefined, 'f')).toEqual({ header: true, columns: [{ index: 0, name: 'Prompt' }] });
    expect(chooseColumns(['label', 'x'], 'label', 'f')).toEqual({ header: true, columns: [{ index: 0, name: 'label' }] });
  });

  it('ragged rows are skipped with a reason (errors under --strict); blank lines too', async () => {
    const file = put('ragged.csv', 'prompt,tag\na cat,x\nonly one\n\na dog,y,extra\nfine,z\n');
    const run = await collect(file);
    expect(texts(run)).toEqual(['a cat', 'fine']);
    expect(run.skips).toEqual([
      { reason: 'ragged row: 1 field(s), expected 2', where: ':3' },
      { reason: 'blank line', where: ':4' },
      { reason: 'ragged row: 3 field(s), expected 2', where: ':5' },
    ]);
    await expect(loadCorpus([file], { strict: true })).rejects.toMatchObject({ code: 'E_SKIPPED', message: `${file}:3: ragged row: 1 field(s), expected 2` });
  });

  it('malformed CSV (a quote never closed): E_INPUT_FORMAT with the line, hinting --no-quotes', async () => {
    const file = put('open-quote.csv', 'prompt\nok\n"never closed\nmore\n');
    expect(await failure(() => collect(file))).toMatchObject({
      code: 'E_INPUT_FORMAT',
      message: `${file}:3: malformed CSV (Quote Not Closed: the parsing is finished with an opening quote)`,
      hint: 'raw " characters that are not quoting? pass --no-quotes',
    });
    expect(texts(await collect(file, { quotes: false }))).toEqual(['ok', '"never closed', 'more']);
  });

  it('tsv: quoting by default, --no-quotes splits on TAB only', async () => {
    const file = put('p.tsv', 'Prompt\tNote\n"a\tb"\tquoted\nsay "x"\tmid\n');
    expect((await collect(file)).adapter).toBe('tsv');
    expect(texts(await collect(file))).toEqual(['a\tb', 'say "x"']);
    const raw = await collect(file, { quotes: false });
    expect(texts(raw)).toEqual(['say "x"']);
    expect(raw.skips).toEqual([{ reason: 'ragged row: 3 field(s), expected 2', where: ':2' }]);
  });

  it('--column that names no column: E_USAGE with the first row', async () => {
    const file = put('cols.csv', 'prompt,tag\na,b\n');
    expect(await failure(() => collect(file, { column: 'nope' }))).toMatchObject({
      code: 'E_USAGE', message: `${file}:1: no column "nope" (the first row has 2: "prompt", "tag")`,
    });
    expect((await failure(() => collect(file, { column: '3' }))).code).toBe('E_USAGE');
  });
});

describe('jsonl', () => {
  it('prompt, else text, else caption per record; bare strings; blank lines are no records', async () => {
    const file = put('gen.jsonl', '{"prompt": "p1", "text": "t1"}\n{"text": "t2"}\n\n{"caption": "c3"}\n"s4"\n{"tag": 5}\n{"prompt": 6}\n');
    const run = await collect(file);
    expect(run.adapter).toBe('jsonl');
    expect(run.drafts.map((d) => [d.text, d.kind, d.source.line])).toEqual([['p1', 'free', 1], ['t2', 'free', 2], ['c3', 'caption', 4], ['s4', 'free', 5]]);
    expect(run.skips).toEqual([
      { reason: 'no "prompt"/"text"/"caption" field', where: ':6' },
      { reason: 'field "prompt" is the number 6, not a string', where: ':7' },
    ]);
  });

  it('--field by name, by pointer, or a list of fallbacks', async () => {
    const file = put('nested.jsonl', '{"q": {"en": "a cat"}, "alt": "x"}\n{"alt": "a dog"}\n');
    expect(texts(await collect(file, { field: '/q/en,alt' }))).toEqual(['a cat', 'a dog']);
    expect(texts(await collect(file, { field: 'alt' }))).toEqual(['x', 'a dog']);
  });

  it('detected from content without the extension; an invalid line is E_INPUT_FORMAT file:LINE:COL', async () => {
    const file = put('records.log', '{"prompt": "a"}\n{"prompt": "b"}\n{"prompt": "c",}\n');
    expect(detectAdapter(readSample(file)).adapter?.name).toBe('jsonl');
    expect(await failure(() => collect(file))).toMatchObject({
      code: 'E_INPUT_FORMAT', message: `${file}:3:16: invalid JSON line (expected a property name, found character "}")`,
    });
  });
});

describe('json', () => {
  it('an array of strings or objects; pointers per element', async () => {
    const strings = put('list.json', '["a cat", "a dog"]');
    const run = await collect(strings);
    expect(run.adapter).toBe('json');
    expect(run.drafts[1]).toEqual({ text: 'a dog', dataset: 'list', kind: 'free', source: { file: strings, pointer: '/1' } });
    const objects = put('objs.json', JSON.stringify([{ caption: 'c0' }, { text: 't1' }, { other: 1 }, 'bare']));
    const o = await collect(objects);
    expect(o.drafts.map((d) => [d.text, d.kind, d.source.pointer])).toEqual([['c0', 'caption', '/0/caption'], ['t1', 'free', '/1/text'], ['bare', 'free', '/3']]);
    expect(o.skips).toEqual([{ reason: 'no "prompt"/"text"/"caption" field', where: '#/2' }]);
  });

  it('--pointer to a nested array (RFC 6901 escapes); an object root without it names the arrays', async () => {
    const file = put('wrapped.json', JSON.stringify({ meta: {}, 'a/b': [{ prompt: 'x' }], prompts: ['p'] }));
    expect((await collect(file, { pointer: '/a~1b' })).drafts[0]).toMatchObject({ text: 'x', source: { pointer: '/a~1b/0/prompt' } });
    expect(texts(await collect(file, { pointer: '/prompts' }))).toEqual(['p']);
    expect(await failure(() => collect(file))).toMatchObject({
      code: 'E_ADAPTER_MISMATCH', message: `${file}: json: the JSON root is an object, not an array`,
      hint: 'pass --pointer to the array of prompts (arrays here: /a~1b, /prompts)',
    });
    expect((await failure(() => collect(file, { pointer: '/nope' }))).message).toBe(`${file}: json: nothing at /nope`);
    expect((await failure(() => collect(file, { pointer: 'prompts' }))).code).toBe('E_USAGE');
  });

  it('malformed JSON: E_INPUT_FORMAT with line:column', async () => {
    const file = put('broken.json', '[\n  "a",\n  "b"\n  "c"\n]');
    expect(await failure(() => collect(file))).toMatchObject({ code: 'E_INPUT_FORMAT', message: `${file}:4:3: malformed JSON (expected ',' or ']', found character "\\"")` });
  });
});
