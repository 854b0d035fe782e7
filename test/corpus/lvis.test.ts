import { describe, expect, it } from 'vitest';
import { readableName } from '../../src/corpus/adapters/lvis.js';
import { collect, texts } from './harness.js';
import { failure, tmpFiles } from './tmp-files.js';

const put = tmpFiles('lt-lvis-');

/** An LVIS v1 annotation file: categories after the (here small) annotations and images. */
function lvisFile(categories: unknown[]): string {
  return JSON.stringify({
    info: { description: 'LVIS v1', year: 2020 },
    annotations: [{ id: 1, image_id: 9, category_id: 2, bbox: [1, 2, 3, 4], segmentation: [[1, 2, 3, 4]], area: 12 }],
    images: [{ id: 9, file_name: 'x.jpg', neg_category_ids: [3], not_exhaustive_category_ids: [] }],
    licenses: [],
    categories,
  }, null, 1);
}

const CATEGORIES = [
  { id: 1, name: 'bat_(animal)', synonyms: ['bat_(animal)'], frequency: 'c', synset: 'bat.n.01' },
  { id: 2, name: 'Band_Aid', synonyms: ['Band_Aid', 'sticking_plaster'], frequency: 'r', synset: 'band_aid.n.01' },
  { id: 3, synonyms: ['nameless'], frequency: 'f' },
  { id: 4, name: 'bull', synonyms: ['horned_cow', 7], frequency: 'f' },
];

describe('lvis', () => {
  it('readable names drop a trailing parenthesised qualifier and turn "_" into spaces', () => {
    expect(readableName('bat_(animal)')).toBe('bat');
    expect(readableName('Band_Aid')).toBe('Band Aid');
    expect(readableName('arctic_(type_of_shoe)')).toBe('arctic');
    expect(readableName('monitor_(computer_equipment) computer_monitor')).toBe('monitor (computer equipment) computer monitor');
    expect(readableName('_(x)')).toBe(' (x)');
  });

  it('reads lvis_v1_val.json: categories[].name, readable by default, originals and frequency in meta', async () => {
    const file = put('lvis_v1_val.json', lvisFile(CATEGORIES));
    const run = await collect(file);
    expect(run.adapter).toBe('lvis');
    expect(run.drafts).toEqual([
      { text: 'bat', dataset: 'lvis', split: 'val', kind: 'category', source: { file, pointer: '/categories/0/name' }, meta: { id: 1, frequency: 'c', synset: 'bat.n.01', original: 'bat_(animal)' } },
      { text: 'Band Aid', dataset: 'lvis', split: 'val', kind: 'category', source: { file, pointer: '/categories/1/name' }, meta: { id: 2, frequency: 'r', synset: 'band_aid.n.01', original: 'Band_Aid' } },
      { text: 'bull', dataset: 'lvis', split: 'val', kind: 'category', source: { file, pointer: '/categories/3/name' }, meta: { id: 4, frequency: 'f' } },
    ]);
    expect(run.skips).toEqual([{ reason: 'category without a name string', where: '#/categories/2' }]);
  });

  it('--synonyms adds every synonym (also the one equal to the name); --names raw keeps them as written', async () => {
    const file = put('synonyms/lvis_v1_val.json', lvisFile(CATEGORIES));
    const run = await collect(file, { synonyms: true, names: 'raw' });
    expect(run.drafts.map((d) => [d.text, d.kind, d.source.pointer])).toEqual([
      ['bat_(animal)', 'category', '/categories/0/name'],
      ['bat_(animal)', 'synonym', '/categories/0/synonyms/0'],
      ['Band_Aid', 'category', '/categories/1/name'],
      ['Band_Aid', 'synonym', '/categories/1/synonyms/0'],
      ['sticking_plaster', 'synonym', '/categories/1/synonyms/1'],
      ['bull', 'category', '/categories/3/name'],
      ['horned_cow', 'synonym', '/categories/3/synonyms/0'],
    ]);
    expect(run.skips.map((s) => s.where)).toEqual(['#/categories/2', '#/categories/3/synonyms/1']);
    const readable = await collect(file, { synonyms: true });
    expect(texts(readable).slice(0, 5)).toEqual(['bat', 'bat', 'Band Aid', 'Band Aid', 'sticking plaster']);
    expect(readable.drafts[4]!.meta).toMatchObject({ original: 'sticking_plaster', id: 2 });
  });

  it('rejects an unknown --names mode through its option schema', async () => {
    const file = put('mode/lvis_v1_val.json', lvisFile(CATEGORIES));
    await expect(collect(file, { names: 'pretty' })).rejects.toThrow(/names/);
  });

  it('malformed JSON is an E_INPUT_FORMAT error with line:column', async () => {
    const file = put('broken/lvis_v1_val.json', '{"info": {"description": "LVIS"},\n "categories": [\n  {"name": "a"}\n  {"name": "b"}]}');
    const error = await failure(() => collect(file, {}, 'lvis'));
    expect(error).toMatchObject({ code: 'E_INPUT_FORMAT' });
    expect(error.message).toBe(`${file}:4:3: malformed JSON (expected ',' or ']', found character "{")`);
  });

  it('forced on a file without categories: E_ADAPTER_MISMATCH naming what is missing', async () => {
    const file = put('captions_val2017.json', JSON.stringify({ info: {}, images: [], annotations: [{ caption: 'a dog' }] }));
    const error = await failure(() => collect(file, {}, 'lvis'));
    expect(error).toMatchObject({ code: 'E_ADAPTER_MISMATCH' });
    expect(error.message).toBe(`${file}: lvis: no categories[] array (top-level keys: info, images, annotations)`);
    const strings = put('strings.json', '["a", "b"]');
    expect((await failure(() => collect(strings, {}, 'lvis'))).message).toMatch(/no \[\]\.name string found/);
  });
});
