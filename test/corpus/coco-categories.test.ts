import { describe, expect, it } from 'vitest';
import { guessDataset } from '../../src/corpus/adapters/coco-categories.js';
import { collect, texts } from './harness.js';
import { failure, tmpFiles } from './tmp-files.js';

const put = tmpFiles('lt-coco-');
const cats = (names: string[]) => names.map((name, i) => ({ id: i + 1, name, supercategory: 'thing' }));

/** A COCO instances file: many annotations (RLE-like strings, escapes) before the categories. */
function instances(categories: unknown[], annotations = 2000): string {
  const anns = Array.from({ length: annotations }, (_, i) => ({
    id: i, image_id: i % 50, category_id: 1, iscrowd: i % 7 === 0 ? 1 : 0, area: 10.5,
    bbox: [1, 2, 3, 4], segmentation: { counts: `a\\"b]}[{${i}`, size: [480, 640] },
  }));
  return `{"info": {"year": 2017},\n "images": [${Array.from({ length: 50 }, (_, i) => `{"id": ${i}, "file_name": "${i}.jpg"}`).join(',\n')}],\n "annotations": ${JSON.stringify(anns)},\n "categories": ${JSON.stringify(categories)}}`;
}

describe('coco-categories', () => {
  it('streams categories[] out of a COCO instances file, past its annotations', async () => {
    const file = put('annotations/instances_val2017.json', instances(cats(['person', 'bicycle', 'car'])));
    const run = await collect(file);
    expect(run.adapter).toBe('coco-categories');
    expect(run.drafts[1]).toEqual({
      text: 'bicycle', dataset: 'coco', split: 'val2017', kind: 'category',
      source: { file, pointer: '/categories/1/name' }, meta: { id: 2, supercategory: 'thing' },
    });
    expect(texts(run)).toEqual(['person', 'bicycle', 'car']);
  });

  it('names the dataset from the file and its content; --dataset is the pipeline\'s', async () => {
    const o365 = put('zhiyuan_objv2_val.json', instances(cats(['Person', 'Sneakers']), 3));
    expect((await collect(o365)).drafts[0]).toMatchObject({ dataset: 'objects365', split: 'val' });
    const o365ByCount = put('o365/categories.json', JSON.stringify({ categories: cats(Array.from({ length: 365 }, (_, i) => `c${i}`)) }));
    expect((await collect(o365ByCount)).drafts).toHaveLength(365);
    expect((await collect(o365ByCount)).drafts[364]).toMatchObject({ text: 'c364', dataset: 'objects365' });
    const rf = put('rf100-vl/aerial-airport/train/_annotations.coco.json', JSON.stringify({ info: {}, categories: cats(['planes', 'airplane']), images: [], annotations: [] }));
    expect((await collect(rf)).drafts[1]).toMatchObject({ text: 'airplane', dataset: 'rf100-vl', subset: 'aerial-airport', split: 'train' });
    const odinw = put('odinw/AerialMaritimeDrone/large/valid/annotations_without_background.json', JSON.stringify({ images: [], annotations: [], categories: cats(['boat']) }));
    expect((await collect(odinw)).drafts[0]).toMatchObject({ text: 'boat', dataset: 'odinw', subset: 'AerialMaritimeDrone_large', split: 'valid' });
    const other = put('my_export.json', JSON.stringify({ images: [], annotations: [], categories: cats(['widget']) }));
    expect((await collect(other)).drafts[0]).toMatchObject({ dataset: 'my_export' });
    expect((await collect(other)).drafts[0]!.split).toBeUndefined();
    expect(guessDataset('x/panoptic_val2017.json', [])).toEqual({ dataset: 'coco' });
    expect(guessDataset('x/anything.json', [{ name: 'person' }, ...cats(Array.from({ length: 79 }, (_, i) => `c${i}`))])).toEqual({ dataset: 'coco' });
  });

  it('leaves SA-Co (text_input) and MDETR (caption) COCO files to their adapters', async () => {
    const gold = put('gold_fg_food_merged_a_release_test.json', JSON.stringify({
      info: {}, images: [{ id: 1, file_name: 'a.jpg', text_input: 'a red apple', queried_category: '3' }], annotations: [], categories: [{ id: 1, name: 'object' }],
    }));
    expect((await collect(gold)).adapter).toBe('sa-co');
    const mdetr = put('finetune_refcoco_val.json', JSON.stringify({
      images: [{ id: 1, file_name: 'a.jpg', caption: 'the man on the left', dataset_name: 'refcoco', tokens_positive_eval: [] }], annotations: [], categories: [{ id: 1, name: 'object' }],
    }));
    expect((await collect(mdetr)).adapter).toBe('refcoco');
    // Forced, it still reads their (dummy) categories.
    expect(texts(await collect(gold, {}, 'coco-categories'))).toEqual(['object']);
  });

  it('malformed JSON in the skipped annotations: E_INPUT_FORMAT with the line', async () => {
    const text = instances(cats(['person'])).replace('"images": [{"id": 0', '"images": [{"id": 0}} {"id": -1');
    const file = put('broken/instances_train2017.json', text);
    const error = await failure(() => collect(file));
    expect(error.code).toBe('E_INPUT_FORMAT');
    expect(error.message).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:2:\\d+: malformed JSON \\(`));
  });

  it('forced on JSON without categories, or not JSON at all', async () => {
    const captions = put('captions_val2017.json', JSON.stringify({ info: {}, images: [], annotations: [] }));
    expect(await failure(() => collect(captions, {}, 'coco-categories'))).toMatchObject({
      code: 'E_ADAPTER_MISMATCH',
      message: `${captions}: coco-categories: no categories[] array (top-level keys: info, images, annotations)`,
    });
    const list = put('names.txt', 'person\ncar\n');
    expect(await failure(() => collect(list, {}, 'coco-categories'))).toMatchObject({ code: 'E_ADAPTER_MISMATCH', message: `${list}: coco-categories: not JSON (it starts with "p")` });
    expect((await failure(() => collect(put('empty.json', ' \n'), {}, 'json'))).message).toMatch(/json: the file is empty, not JSON$/);
  });

  it('invalid UTF-8 in a category name is replaced and counted', async () => {
    const bytes = Buffer.concat([Buffer.from('{"images": [], "categories": [{"id": 1, "name": "caf'), Buffer.from([0xe9]), Buffer.from('"}]}')]);
    const run = await collect(put('latin1/instances_val2017.json', bytes));
    expect([texts(run), run.invalidUtf8]).toEqual([['caf\ufffd'], 1]);
  });

  it('a category without a string name is skipped with its pointer', async () => {
    const file = put('skip/instances_val2017.json', JSON.stringify({ images: [], categories: [{ id: 1, name: 'a' }, { id: 2, name: 5 }, { id: 3, name: '' }] }));
    const run = await collect(file);
    expect(texts(run)).toEqual(['a', '']);
    expect(run.skips).toEqual([{ reason: 'category without a name string', where: '#/categories/1' }]);
  });
});
