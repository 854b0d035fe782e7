// Every real file under ../shared/corpora (but saco/, covered by sa-co.test.ts) through detection
// and its adapter, with the flags of the reference extraction: the prompt lists must be exactly
// those of ../shared/reference/sam3-tokenizer/dev-stats.json (`corpora` rules, `stats[].n` and
// `unique_texts`), and every distinct prompt must be one that golden-dev.jsonl tokenizes.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/ingest.js';
import { SHARED, runMain } from '../helpers/cli.js';
import { collect, texts, type Collected } from './harness.js';
import { tempDir } from '../helpers/tmp.js';

const CORPORA = join(SHARED, 'corpora');
const REF = join(SHARED, 'reference', 'sam3-tokenizer');
const stats = (JSON.parse(readFileSync(join(REF, 'dev-stats.json'), 'utf8')) as { stats: Record<string, { n: number; unique_texts: number }> }).stats;
const golden = new Set(readFileSync(join(REF, 'golden-dev.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { text: string }).text));
const at = (...parts: string[]) => join(CORPORA, ...parts);
const ODINW = readdirSync(at('odinw')).filter((f) => f.endsWith('.yaml')).sort(); // byte-wise order, as the reference

/** The list matches the reference counts, and each distinct string is in golden-dev.jsonl. */
function expectReference(list: string[], corpus: string): void {
  expect(list.length).toBe(stats[corpus]!.n);
  expect(new Set(list).size).toBe(stats[corpus]!.unique_texts);
  expect(list.filter((t) => !golden.has(t))).toEqual([]);
}

describe('real corpora: detection, counts and texts (before empty prompts are dropped)', () => {
  it('LVIS cat_info (top-level array): 1,203 names, 3,028 with --synonyms --names raw', async () => {
    const names = await collect(at('lvis', 'lvis_v1_train_cat_info.json'));
    expect(names.adapter).toBe('lvis');
    expect(names.drafts).toHaveLength(1203);
    expect(names.drafts[63]).toEqual({
      text: 'bat', dataset: 'lvis', split: 'train', kind: 'category',
      source: { file: at('lvis', 'lvis_v1_train_cat_info.json'), pointer: '/63/name' },
      meta: { id: 64, frequency: 'c', synset: 'bat.n.01', original: 'bat_(animal)' },
    });
    expect(names.drafts[45]!.text).toBe('Band Aid');
    expect(names.drafts[1]).toMatchObject({ text: 'air conditioner', meta: { frequency: 'f' } });
    expect(names.drafts[697]!.text).toBe('monitor (computer equipment) computer monitor'); // qualifier not trailing: kept
    const raw = await collect(at('lvis', 'lvis_v1_train_cat_info.json'), { synonyms: true, names: 'raw' });
    expectReference(texts(raw), 'lvis');
    expect(raw.drafts.filter((d) => d.kind === 'category')).toHaveLength(1203);
    expect(raw.drafts.filter((d) => d.kind === 'synonym')).toHaveLength(1825);
    const bull = raw.drafts.findIndex((d) => d.text === 'bull');
    expect(raw.drafts.slice(bull, bull + 2).map((d) => [d.text, d.kind, d.source.pointer])).toEqual([
      ['bull', 'category', '/161/name'],
      ['horned_cow', 'synonym', '/161/synonyms/0'],
    ]);
    expect(raw.drafts.every((d) => d.meta?.['original'] === undefined)).toBe(true);
  });

  it('Objects365 names CSV (no header, CRLF): column 2 by default, the reference with --column 2,3', async () => {
    const file = at('objects365', 'Objects365_names_fix.csv');
    const byDefault = await collect(file);
    expect(byDefault.adapter).toBe('csv');
    expect(byDefault.drafts).toHaveLength(365);
    expect(byDefault.drafts[37]).toEqual({ text: 'Moniter/TV', dataset: 'Objects365_names_fix', kind: 'free', source: { file, line: 38 } });
    const both = await collect(file, { column: '2,3' });
    expectReference(texts(both), 'objects365');
    expect(both.drafts.slice(74, 76).map((d) => [d.text, d.source.line, d.meta])).toEqual([
      ['Moniter/TV', 38, { column: 2 }],
      ['Monitor/TV', 38, { column: 3 }],
    ]);
    expect(texts(both)).toContain('Tape Measur/ Ruler');
    expect(byDefault.drafts.filter((d, i) => d.text !== both.drafts[2 * i + 1]!.text)).toHaveLength(13);
  });

  it('COCO panoptic categories (top-level array): 133 names, dataset coco', async () => {
    const run = await collect(at('coco-panoptic', 'panoptic_coco_categories.json'));
    expect(run.adapter).toBe('coco-categories');
    expectReference(texts(run), 'coco_panoptic');
    expect(run.drafts[131]).toMatchObject({ text: 'wall-other-merged', dataset: 'coco', kind: 'category', source: { pointer: '/131/name' }, meta: { isthing: 0 } });
    expect(run.drafts[0]!.meta).toEqual({ id: 1, supercategory: 'person', isthing: 1 });
  });

  it.each([
    ['coco.names', 'darknet_coco', 'person', 'toothbrush'],
    ['voc.names', 'darknet_voc', 'aeroplane', 'tvmonitor'],
    ['openimages.names', 'darknet_openimages', 'Tortoise', undefined],
    ['9k.names', 'darknet_9k', 'thing', undefined],
  ])('darknet %s: one category per line', async (name, corpus, first, last) => {
    const run = await collect(at('darknet', name));
    expect(run.adapter).toBe('text');
    expectReference(texts(run), corpus);
    expect(run.drafts[0]).toEqual({ text: first, dataset: name.replace('.names', ''), kind: 'category', source: { file: at('darknet', name), line: 1 } });
    if (last !== undefined) expect(run.drafts.at(-1)!.text).toBe(last);
  });

  it('ODinW: 36 GLIP configs, 344 names; the Python-literal file and the odd names raw', async () => {
    const runs: Collected[] = [];
    for (const f of ODINW) runs.push(await collect(at('odinw', f)));
    expect(runs).toHaveLength(36);
    expect(new Set(runs.map((r) => r.adapter))).toEqual(new Set(['odinw']));
    expectReference(runs.flatMap(texts), 'odinw');
    const by = (stem: string) => runs[ODINW.indexOf(`${stem}.yaml`)]!;
    const mushrooms = by('NorthAmericaMushrooms_North_American_Mushrooms.v1-416x416.coco');
    expect(mushrooms.drafts.map((d) => d.text)).toEqual(['flat mushroom', 'yellow mushroom']);
    expect(mushrooms.drafts[0]).toMatchObject({ dataset: 'odinw', subset: 'NorthAmericaMushrooms_North_American_Mushrooms.v1-416x416.coco', kind: 'category' });
    expect(by('ChessPieces_Chess_Pieces.v23-raw.coco').drafts[0]).toMatchObject({ text: '  ', source: { pointer: '/DATASETS/OVERRIDE_CATEGORY/0/name', line: 4 } });
    expect(texts(by('boggleBoards_416x416AutoOrient_export_'))).toEqual(expect.arrayContaining(['o ', 't\\', 'Q']));
    expect(by('CottontailRabbits').drafts).toEqual([{
      text: 'rabbit', dataset: 'odinw', subset: 'CottontailRabbits', kind: 'category',
      source: { file: at('odinw', 'CottontailRabbits.yaml'), line: 4, pointer: '/DATASETS/OVERRIDE_CATEGORY/0/name' },
      meta: { id: 1, supercategory: 'Cottontail-Rabbit' },
    }]);
  });

  it('ODinW CAPTION_PROMPT (4 files, two of them not JSON): meta, and prompts with --caption-prompts', async () => {
    const pothole = await collect(at('odinw', 'pothole.yaml'), { captionPrompts: true });
    expect(pothole.drafts.map((d) => [d.text, d.kind, d.source.pointer])).toEqual([
      ['pothole', 'category', '/DATASETS/OVERRIDE_CATEGORY/0/name'],
      ['there are some holes on the road', 'caption', '/DATASETS/CAPTION_PROMPT/0'],
    ]);
    const aquarium = await collect(at('odinw', 'Aquarium_Aquarium_Combined.v2-raw-1024.coco.yaml'), { captionPrompts: true });
    expect(aquarium.drafts.filter((d) => d.kind === 'caption').map((d) => d.text)).toContain('penguin , which is black and white');
    expect(aquarium.drafts[0]!.meta).toEqual({ id: 1, supercategory: 'creatures', captionPrompt: { prefix: ' ', name: 'fish', suffix: '' } });
    const hands = await collect(at('odinw', 'EgoHands_generic.yaml'), { captionPrompts: true });
    expect(texts(hands)).toEqual(['hand', ' hand of a person']);
    expect((await collect(at('odinw', 'pothole.yaml'))).drafts).toHaveLength(1);
  });

  it('PartiPrompts.tsv: 1,632 prompts from the Prompt column, spaces and quotes raw, with and without --no-quotes', async () => {
    const file = at('parti', 'PartiPrompts.tsv');
    const run = await collect(file, { quotes: false });
    expect(run.adapter).toBe('tsv');
    expectReference(texts(run), 'parti');
    expect(run.drafts[0]).toEqual({ text: 'bond', dataset: 'PartiPrompts', kind: 'free', source: { file, line: 2 } });
    expect(run.drafts.find((d) => d.source.line === 1562)!.text).toMatch(/^"G I G G L E" painted in thick/);
    expect(run.drafts.find((d) => d.source.line === 406)!.text).toMatch(/^ A sloth in a go kart/);
    expect(run.drafts.filter((d) => /[‘’]/.test(d.text))).toHaveLength(12);
    // csv-parse with relaxed quotes keeps these raw quotes too: the same list without the flag.
    expect(texts(await collect(file))).toEqual(texts(run));
  });

  it('GenEval: the JSON Lines prompt fields equal the text file lines', async () => {
    const jsonl = await collect(at('geneval', 'evaluation_metadata.jsonl'));
    const txt = await collect(at('geneval', 'generation_prompts.txt'));
    expect([jsonl.adapter, txt.adapter]).toEqual(['jsonl', 'text']);
    expectReference(texts(jsonl), 'geneval');
    expect(texts(txt)).toEqual(texts(jsonl));
    expect(jsonl.drafts[1]).toEqual({ text: 'a photo of a cow', dataset: 'evaluation_metadata', kind: 'free', source: { file: at('geneval', 'evaluation_metadata.jsonl'), line: 2 } });
    expect(txt.drafts[1]).toEqual({ text: 'a photo of a cow', dataset: 'generation_prompts', kind: 'free', source: { file: at('geneval', 'generation_prompts.txt'), line: 2 } });
  });

  it('pinned ids: the same records give the same ids on every run (ids hash the base name, not the path)', async () => {
    const names = (await loadCorpus([at('darknet', 'coco.names')])).prompts;
    expect(names.slice(0, 2).map((p) => [p.id, p.text])).toEqual([['e096fe21871da4b9', 'person'], ['b90f8f5f5e639677', 'bicycle']]);
    const rabbit = (await loadCorpus([at('odinw', 'CottontailRabbits.yaml')])).prompts;
    expect(rabbit.map((p) => p.id)).toEqual(['f37135837f27bc27']);
  });

  it('through ingest: the ODinW folder gives 343 prompts, the two-space name skipped and counted', async () => {
    const { prompts, summary } = await loadCorpus([at('odinw')]);
    expect(prompts).toHaveLength(343);
    expect(summary.files).toHaveLength(36);
    expect(summary.files.every((f) => f.adapter === 'odinw')).toBe(true);
    expect(Object.values(summary.skipped).reduce((a, b) => a + b, 0)).toBe(1);
    expect(summary.groups.find((g) => g.subset === 'boggleBoards_416x416AutoOrient_export_')!.prompts).toBe(36);
    expect((await loadCorpus([at('odinw')], { keepEmpty: true })).prompts).toHaveLength(344);
  });
});

describe('real corpora through the CLI', () => {
  it('lite-text ingest with adapter flags writes the corpus and a JSON summary', async () => {
    const out = join(tempDir('lt-real'), 'lvis.jsonl');
    const run = await runMain(['ingest', '--synonyms', '--names', 'raw', at('lvis', 'lvis_v1_train_cat_info.json'), '-o', out, '--json']);
    expect(run.status).toBe(0);
    const summary = JSON.parse(run.stdout) as { prompts: number; files: Array<{ adapter: string }> };
    expect([summary.prompts, summary.files[0]!.adapter]).toEqual([3028, 'lvis']);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as { text: string; kind: string; id: string });
    expect(lines).toHaveLength(3028);
    expect(lines[1]).toMatchObject({ text: 'aerosol_can', kind: 'synonym' });
    expect(lines[1]!.id).toMatch(/^[0-9a-f]{16}$/);
  });

  it('a forced adapter that does not fit: one line naming the file and what is missing, exit 2', async () => {
    const run = await runMain(['ingest', '--adapter', 'lvis', at('darknet', 'coco.names')]);
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(`${at('darknet', 'coco.names')}: lvis: not JSON (it starts with "p")`);
    expect(run.stdout).toBe('');
  });
});
