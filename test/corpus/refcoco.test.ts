import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { refCocoAdapter, parquetNames, pickleNames } from '../../src/corpus/adapters/refcoco.js';
import { detectAdapter } from '../../src/corpus/detect.js';
import { readSample } from '../../src/corpus/read.js';
import { runMain } from '../helpers/cli.js';
import { MDETR_CAPTIONS, PARQUET_ANSWERS, SENTENCES, writeRefCocoFixtures, type RefCocoFixtures } from './fixtures/refcoco.js';
import { writeParquet } from './fixtures/parquet-writer.js';
import { runAdapter } from './fixtures/run-adapter.js';
import { tempDir } from '../helpers/tmp.js';

let dir: string;
let fx: RefCocoFixtures;
beforeAll(() => {
  dir = tempDir('lite-text-refcoco');
  fx = writeRefCocoFixtures(dir);
});

describe('refcoco: refer pickles (Python 2 cPickle)', () => {
  it.each([
    ['refcocoP2', 'refcoco', 'unc'],
    ['refcocoPlusP0', 'refcoco+', 'unc'],
    ['refcocogP1', 'refcocog', 'umd'],
  ] as const)('%s: prompt = sent, raw and ids to meta, split per ref, dataset/splitBy from the path', async (key, dataset, splitBy) => {
    const file = fx[key];
    const { drafts, skips, invalidUtf8 } = await runAdapter(refCocoAdapter, file);
    expect(skips).toEqual([]);
    expect(invalidUtf8).toBe(0);
    expect(drafts.map((d) => [d.split, d.text, d.meta?.raw, d.meta?.sent_id])).toEqual(SENTENCES);
    expect(drafts[2]).toEqual({
      text: 'man\'s "hat" café', dataset, subset: splitBy, split: 'testA', kind: 'referring-expression',
      source: { file, pointer: '/1/sentences/0/sent' },
      meta: { raw: 'Man\'s "hat" café', ref_id: 1, ann_id: 1719311, sent_id: 2, image_id: 581851 },
    });
  });

  it('uses the Python 2 string opcodes (and the reader agrees across protocols)', () => {
    const p0 = readFileSync(fx.refcocoPlusP0);
    const p2 = readFileSync(fx.refcocoP2);
    expect(p0.subarray(0, 4).toString('latin1')).toBe('(lp0');
    expect(p0.includes("S'the lady with the blue shirt'\n")).toBe(true); // STRING
    expect(p0.includes('Vguy in the middle \\u2603\n')).toBe(true); // UNICODE
    expect([...p2.subarray(0, 2)]).toEqual([0x80, 0x02]);
    expect(p2.includes(Buffer.from([0x55, 28, ...Buffer.from('the lady with the blue shirt')]))).toBe(true); // SHORT_BINSTRING
    expect(p2.indexOf(0x54)).toBeGreaterThan(0); // BINSTRING for the 300-byte sentence
  });

  it('detects pickles by content', () => {
    expect(refCocoAdapter.detect(readSample(fx.refcocoP2))?.confidence).toBe(0.95);
    expect(refCocoAdapter.detect(readSample(fx.refcocoPlusP0))?.confidence).toBe(0.95);
    expect(pickleNames('/data/refcocog/refs(google).p')).toEqual({ dataset: 'refcocog', subset: 'google' });
    expect(pickleNames('/data/misc/refs(unc).p')).toEqual({ dataset: 'refs(unc)', subset: 'unc' });
  });

  it('ingests through the CLI: the empty sentence is dropped and counted', async () => {
    const r = await runMain(['ingest', fx.refcocoP2]);
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.text)).toEqual(SENTENCES.map((s) => s[1]).filter(Boolean));
    expect(lines[0]).toMatchObject({ dataset: 'refcoco', subset: 'unc', split: 'train', kind: 'referring-expression' });
  });
});

describe('refcoco: unsafe and broken pickles', () => {
  const marker = () => join(dir, 'pwned');
  const cases: Array<[string, () => Buffer, string, number]> = [
    ['protocol 0 GLOBAL + REDUCE', () => Buffer.from(`cos\nsystem\n(S'touch ${marker()}'\ntR.`, 'latin1'), 'GLOBAL', 0],
    ['protocol 2 REDUCE on data', () => Buffer.from([0x80, 2, 0x5d, 0x71, 0, 0x55, 2, 0x68, 0x69, 0x85, 0x52, 0x2e]), 'REDUCE', 10],
    ['protocol 2 GLOBAL', () => Buffer.concat([Buffer.from([0x80, 2]), Buffer.from(`cposix\nsystem\nq\x00U\x05touch\x85R.`, 'latin1')]), 'GLOBAL', 2],
    ['protocol 4 STACK_GLOBAL', () => Buffer.concat([Buffer.from([0x80, 4, 0x8c, 2]), Buffer.from('os'), Buffer.from([0x94, 0x8c, 6]), Buffer.from('system'), Buffer.from([0x94, 0x93, 0x94, 0x2e])]), 'STACK_GLOBAL', 16],
    ['BUILD', () => Buffer.from(']}b.', 'latin1'), 'BUILD', 2],
    ['NEWOBJ', () => Buffer.from([0x80, 2, 0x5d, 0x29, 0x81, 0x2e]), 'NEWOBJ', 4],
    ['INST', () => Buffer.from(`(ios\nsystem\n.`, 'latin1'), 'INST', 1],
  ];
  it.each(cases)('%s is refused with the opcode and byte offset, nothing executed', async (_name, bytes, opcode, offset) => {
    const file = join(dir, 'refcoco', `evil-${opcode}.p`);
    writeFileSync(file, bytes());
    await expect(runAdapter(refCocoAdapter, file)).rejects.toMatchObject({
      code: 'E_UNSAFE_PICKLE',
      message: `${file}: refusing pickle opcode ${opcode} at byte ${offset}: it would import or call code`,
    });
    expect(() => readFileSync(marker())).toThrow();
  });

  it('the CLI refuses a malicious pickle with exit 2 and no output file', async () => {
    const file = join(dir, 'refcoco', 'evil.p');
    writeFileSync(file, Buffer.from(`cos\nsystem\n(S'touch ${marker()}'\ntR.`, 'latin1'));
    const out = join(dir, 'evil.jsonl');
    const r = await runMain(['ingest', '--adapter', 'refcoco', file, '-o', out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('refusing pickle opcode GLOBAL at byte 0');
    expect(r.stderr).toContain('E_UNSAFE_PICKLE');
    expect(() => readFileSync(out)).toThrow();
    expect(() => readFileSync(marker())).toThrow();
  });

  it('a truncated pickle is E_INPUT_FORMAT with the offset', async () => {
    const file = join(dir, 'refcoco', 'refs(cut).p');
    writeFileSync(file, readFileSync(fx.refcocoP2).subarray(0, 100));
    await expect(runAdapter(refCocoAdapter, file)).rejects.toMatchObject({ code: 'E_INPUT_FORMAT', message: `${file}: truncated pickle at byte 100 (BININT at byte 97 needs 2 more)` });
    const p0 = join(dir, 'refcoco', 'refs(cut0).p');
    writeFileSync(p0, readFileSync(fx.refcocoPlusP0).subarray(0, 40));
    await expect(runAdapter(refCocoAdapter, p0)).rejects.toMatchObject({ code: 'E_INPUT_FORMAT', message: `${p0}: truncated pickle at byte 40 (STRING at byte 39 needs 1 more)` });
  });

  it('a data pickle that is not refs is a format error (the only pickles read are refs)', async () => {
    const file = join(dir, 'refcoco', 'other.p');
    writeFileSync(file, Buffer.from([0x80, 2, 0x7d, 0x71, 0, 0x2e]));
    await expect(runAdapter(refCocoAdapter, file)).rejects.toMatchObject({ code: 'E_INPUT_FORMAT', message: `${file}: a Python pickle without RefCOCO refs (no list of refs with sentences[])` });
  });
});

describe('refcoco: MDETR and lmms-lab parquet', () => {
  it('MDETR finetune_refcoco_<split>.json: prompt = images[].caption, dataset and split from the name', async () => {
    const { drafts } = await runAdapter(refCocoAdapter, fx.mdetr);
    expect(drafts.map((d) => d.text)).toEqual(MDETR_CAPTIONS);
    expect(drafts[1]).toEqual({
      text: 'the left zebra', dataset: 'refcoco', split: 'testA', kind: 'referring-expression',
      source: { file: fx.mdetr, pointer: '/images/1/caption' },
      meta: { image_id: 1, original_img_id: 901, original_id: 101, sentence_id: 1, file_name: 'COCO_train2014_000000001.jpg' },
    });
    expect(refCocoAdapter.detect(readSample(fx.mdetr))).toEqual({ confidence: 0.9, what: 'MDETR RefCOCO JSON (images[].caption)' });
    const g = join(dir, 'mdetr_annotations', 'finetune_refcoco+_val.json');
    writeFileSync(g, readFileSync(fx.mdetr));
    expect((await runAdapter(refCocoAdapter, g)).drafts.map((d) => [d.dataset, d.split])[0]).toEqual(['refcoco+', 'val']);
    const other = await runAdapter(refCocoAdapter, fx.mdetrUnnamed);
    expect(other.drafts.map((d) => [d.dataset, d.split])).toEqual([['refcoco+', undefined], ['refcoco+', undefined], ['refcoco+', undefined]]);
  });

  it('parquet: each string of the answer list column, dataset from the folder, split from the file name', async () => {
    const { drafts } = await runAdapter(refCocoAdapter, fx.parquet);
    expect(drafts.map((d) => d.text)).toEqual(PARQUET_ANSWERS.flat());
    expect(drafts[3]).toEqual({
      text: 'cat sleeping', dataset: 'refcoco+', split: 'testA', kind: 'referring-expression',
      source: { file: fx.parquet, pointer: '/2/answer/1' }, meta: { question_id: 'q2', file_name: 'c.jpg' },
    });
    expect(refCocoAdapter.detect(readSample(fx.parquet))?.confidence).toBe(0.6);
    await expect(runAdapter(refCocoAdapter, fx.parquetNoAnswer)).rejects.toMatchObject({ code: 'E_ADAPTER_MISMATCH', message: `${fx.parquetNoAnswer}: not RefCOCO: parquet without an answer column (columns: caption)` });
    expect(parquetNames('/hf/datasets--lmms-lab--RefCOCOg/snapshots/abc/data/test-00000-of-00002.parquet')).toEqual({ dataset: 'refcocog', split: 'test' });
    expect(parquetNames('/x/RefCOCO/data/val-00000-of-00003.parquet')).toEqual({ dataset: 'refcoco', split: 'val' });
  });

  it('parquet with a plain string answer column: one prompt per row', async () => {
    const file = join(dir, 'RefCOCO', 'data', 'test-00000-of-00009.parquet');
    writeFileSync(file, writeParquet([{ name: 'answer', type: 'string', values: ['the man', 'a red car'] }]));
    const { drafts } = await runAdapter(refCocoAdapter, file);
    expect(drafts.map((d) => [d.text, d.dataset, d.split, d.source.pointer])).toEqual([['the man', 'refcoco', 'test', '/0/answer'], ['a red car', 'refcoco', 'test', '/1/answer']]);
  });

  it('parquet pages compressed with gzip are read (node:zlib)', async () => {
    const file = join(dir, 'RefCOCO', 'data', 'testB-00000-of-00009.parquet');
    writeFileSync(file, writeParquet([{ name: 'answer', type: 'list', values: [['left guy', 'man on left'], ['zebra']] }], 'gzip'));
    const { drafts } = await runAdapter(refCocoAdapter, file);
    expect(drafts.map((d) => [d.text, d.split, d.source.pointer])).toEqual([['left guy', 'testB', '/0/answer/0'], ['man on left', 'testB', '/0/answer/1'], ['zebra', 'testB', '/1/answer/0']]);
  });

  it('a truncated parquet file is E_INPUT_FORMAT', async () => {
    const file = join(dir, 'RefCOCO', 'data', 'testB-00000-of-00001.parquet');
    writeFileSync(file, readFileSync(fx.parquet).subarray(0, 60));
    await expect(runAdapter(refCocoAdapter, file)).rejects.toMatchObject({ code: 'E_INPUT_FORMAT', message: expect.stringContaining('unreadable parquet') });
  });

  it('the registry picks refcoco for every RefCOCO fixture (against all other adapters)', () => {
    for (const f of [fx.refcocoP2, fx.refcocoPlusP0, fx.refcocogP1, fx.mdetr, fx.mdetrUnnamed, fx.parquet]) expect(detectAdapter(readSample(f)).adapter?.name, f).toBe('refcoco');
  });
});
