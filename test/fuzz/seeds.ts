import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { SHARED } from '../helpers/cli.js';
import { Py2Tuple, Py2Unicode, py2Pickle, type Py2Value } from '../corpus/fixtures/pickle-writer.js';
import { writeRefCocoFixtures } from '../corpus/fixtures/refcoco.js';
import { writeParquet } from '../corpus/fixtures/parquet-writer.js';
import { writeSaCoFixtures } from '../corpus/fixtures/saco.js';

/** A well-formed file of one adapter's format: where it lives (folder names matter to some adapters) and its bytes. */
export interface Seed {
  adapter: string;
  /** Relative path, e.g. `refcoco/refs(unc).p`. */
  path: string;
  bytes: Buffer;
  kind: 'json' | 'yaml' | 'csv' | 'lines' | 'binary';
}

const walk = (dir: string): string[] => readdirSync(dir).flatMap((name) => {
  const p = join(dir, name);
  return statSync(p).isDirectory() ? walk(p) : [p];
});

/** Seeds of every adapter, from the project's own fixture writers and small hand-made files. */
export function adapterSeeds(): Seed[] {
  const dir = mkdtempSync(join(tmpdir(), 'lt-fuzz-seeds-'));
  const saco = writeSaCoFixtures(dir);
  const ref = writeRefCocoFixtures(dir);
  const file = (p: string) => ({ path: relative(dir, p), bytes: readFileSync(p) });
  const seeds: Seed[] = [
    { adapter: 'sa-co', kind: 'json', ...file(saco.goldA) },
    { adapter: 'sa-co', kind: 'json', ...file(saco.goldB) },
    { adapter: 'sa-co', kind: 'json', ...file(saco.silver) },
    { adapter: 'refcoco', kind: 'binary', ...file(ref.refcocoP2) },
    { adapter: 'refcoco', kind: 'binary', ...file(ref.refcocoPlusP0) },
    { adapter: 'refcoco', kind: 'binary', ...file(ref.refcocogP1) },
    { adapter: 'refcoco', kind: 'json', ...file(ref.mdetr) },
    { adapter: 'refcoco', kind: 'binary', ...file(ref.parquet) },
  ];
  rmSync(dir, { recursive: true, force: true });
  // An lmms-lab export whose question_id is int64 (read back as a BigInt).
  seeds.push({
    adapter: 'refcoco', kind: 'binary', path: 'RefCOCOg/data/test-00000-of-00001.parquet',
    bytes: writeParquet([
      { name: 'question_id', type: 'int64', values: [1, 2 ** 40, 3] },
      { name: 'answer', type: 'list', values: [['a man'], [], ['the cat', 'black cat']] },
      { name: 'file_name', type: 'string', values: ['a.jpg', 'b.jpg', 'c.jpg'] },
    ]),
  });
  const veval = {
    info: { description: 'SA-Co/VEval' },
    videos: [{ id: 0, video_name: 'v0', file_names: ['v0/0.jpg'] }],
    annotations: [{ id: 1, video_id: 0, category_id: 1 }],
    categories: [{ id: 1, name: 'a red car' }, { id: 2, name: 'the dog' }],
    video_np_pairs: [{ id: 0, video_id: 0, category_id: 1, noun_phrase: 'a red car', num_masklets: 1 }, { id: 1, video_id: 0, category_id: 2, noun_phrase: 'the dog', num_masklets: 0 }],
  };
  const json = (adapter: string, path: string, value: unknown): Seed => ({ adapter, path, kind: 'json', bytes: Buffer.from(JSON.stringify(value)) });
  seeds.push(
    json('sa-co', 'saco_veval_sav_test.json', veval),
    json('lvis', 'lvis_v1_val.json', { categories: [{ id: 1, name: 'bat_(animal)', synonyms: ['bat_(animal)', 'flying_fox'], frequency: 'r' }, { id: 2, name: 'Band_Aid', synonyms: [], frequency: 'c' }] }),
    json('coco-categories', 'instances_val2017.json', { images: [], annotations: [], categories: [{ id: 1, name: 'person', supercategory: 'person' }, { id: 2, name: 'traffic light', supercategory: 'outdoor' }] }),
    json('json', 'prompts.json', ['a cat', 'two dogs', { text: 'a red bus' }]),
    json('json', 'nested.json', { data: { prompts: [{ prompt: 'x' }, { prompt: 'y z' }] } }),
    { adapter: 'jsonl', path: 'prompts.jsonl', kind: 'lines', bytes: Buffer.from('{"prompt": "a cat"}\n{"text": "the dog", "split": "val"}\n{"caption": "a bus"}\n') },
    { adapter: 'corpus', path: 'corpus.jsonl', kind: 'lines', bytes: Buffer.from(`${JSON.stringify({ id: 'a1', text: 'a cat', dataset: 'demo', kind: 'free', source: { file: 'x.txt', line: 1 } })}\n${JSON.stringify({ id: 'a2', text: 'dog', dataset: 'demo', kind: 'category', negative: true, source: { file: 'y.json', pointer: '/a/0' } })}\n`) },
    { adapter: 'csv', path: 'prompts.csv', kind: 'csv', bytes: Buffer.from('id,prompt,category\n1,a cat,animal\n2,"two ""red"" dogs",animal\n3,"multi\nline",x\n') },
    { adapter: 'tsv', path: 'PartiPrompts.tsv', kind: 'csv', bytes: Buffer.from('Prompt\tCategory\tChallenge\tNote\nbond\tAbstract\tBasic\t\na "quoted" cat\tAnimals\tBasic\tnote\n') },
    { adapter: 'text', path: 'coco.names', kind: 'lines', bytes: Buffer.from('person\nbicycle\ncar\n\ntraffic light\n') },
    { adapter: 'odinw', path: 'odinw.yaml', kind: 'yaml', bytes: readFileSync(join(SHARED, 'corpora/odinw/pothole.yaml')) },
    { adapter: 'odinw', path: 'odinw2.yaml', kind: 'yaml', bytes: readFileSync(join(SHARED, 'corpora/odinw/EgoHands_specific.yaml')) },
  );
  return seeds;
}

/** Random refs-like pickles (lists of dicts of Python 2 strings), for structure fuzzing. */
export function refsValue(texts: string[], split: string): Py2Value {
  return texts.map((t, i) => ({
    ref_id: i, split, image_id: i * 3, category_id: 1,
    sentences: [{ raw: t, sent: i % 2 ? new Py2Unicode(t) : t, tokens: t.split(' '), sent_id: i }],
    bbox: new Py2Tuple([1, 2, 3, 4]),
  }));
}
export { py2Pickle };
