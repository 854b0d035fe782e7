import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { saCoAdapter, parseSaCoName } from '../../src/corpus/adapters/sa-co.js';
import { detectAdapter } from '../../src/corpus/detect.js';
import { readSample } from '../../src/corpus/read.js';
import { runMain, SHARED } from '../helpers/cli.js';
import { GOLD_PAIRS, writeSaCoFixtures, type SaCoFixtures } from './fixtures/saco.js';
import { runAdapter } from './fixtures/run-adapter.js';
import { tempDir } from '../helpers/tmp.js';

const VEVAL = join(SHARED, 'corpora/saco/saco_veval_sample_gt.json');
const PAIRS = ['thick gold chain', 'a braid', 'the face', 'a neck', 'the nike air jordan logo', 'the right hand', 'the left hand', 'air jordan'];

let dir: string;
let fx: SaCoFixtures;
beforeAll(() => {
  dir = tempDir('lite-text-saco');
  fx = writeSaCoFixtures(dir);
});

describe('sa-co: SA-Co/VEval real sample', () => {
  it('reads the 8 video_np_pairs in order, negative where num_masklets is 0', async () => {
    const { drafts, skips } = await runAdapter(saCoAdapter, VEVAL);
    expect(skips).toEqual([]);
    expect(drafts.map((d) => d.text)).toEqual(PAIRS);
    expect(drafts.filter((d) => d.negative).map((d) => d.text)).toEqual(['thick gold chain']);
    expect(drafts[1]).toEqual({
      text: 'a braid', dataset: 'sa-co-veval', kind: 'noun-phrase', negative: false,
      source: { file: VEVAL, pointer: '/video_np_pairs/1' },
      meta: { pair_id: 977, video_id: 0, category_id: 1390, num_masklets: 1 },
    });
  });

  it('--sa-co-source categories gives the 3,005 categories[].name', async () => {
    const { drafts } = await runAdapter(saCoAdapter, VEVAL, { saCoSource: 'categories' });
    expect(drafts).toHaveLength(3005);
    expect(drafts.slice(0, 3).map((d) => d.text)).toEqual(['a monkey', 'a horse', 'a fan']);
    expect(drafts[2999]).toMatchObject({ text: 'black and white sneaker', source: { pointer: '/categories/2999' }, meta: { category_id: 3000 } });
    expect(drafts[3004]).toMatchObject({ text: 'thick gold chain', dataset: 'sa-co-veval', meta: { category_id: 50554 } });
    expect(drafts.some((d) => d.negative !== undefined)).toBe(false);
  });

  it('is detected from content (video_np_pairs lies past the 64 KiB sample)', () => {
    expect(saCoAdapter.detect(readSample(VEVAL))).toEqual({ confidence: 0.8, what: 'SA-Co/VEval JSON (videos with noun phrases)' });
  });

  it('ingests through the CLI with ids, dataset and the negative flag', async () => {
    const r = await runMain(['ingest', VEVAL]);
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.text)).toEqual(PAIRS);
    expect(lines[0]).toMatchObject({ dataset: 'sa-co-veval', kind: 'noun-phrase', negative: true });
    expect(lines[0].id).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('sa-co: Gold and Silver (generated)', () => {
  it('Gold a (images before annotations): every pair, negatives from annotations[].image_id', async () => {
    const { drafts } = await runAdapter(saCoAdapter, fx.goldA);
    expect(drafts.map((d) => d.text)).toEqual(GOLD_PAIRS.map((p) => p.text_input));
    expect(drafts.map((d) => d.negative)).toEqual(GOLD_PAIRS.map((p) => !p.positive));
    expect(drafts[4]).toEqual({
      text: 'grilled cheese "sandwich"', dataset: 'sa-co-gold', subset: 'fg_food', split: 'test', kind: 'noun-phrase', negative: false,
      source: { file: fx.goldA, pointer: '/images/4' },
      meta: { image_id: 5, file_name: 'sa_3.jpg', queried_category: '5', annotator: 'a' },
    });
  });

  it('Gold b (annotations first, one pass) gives the same prompts', async () => {
    const a = await runAdapter(saCoAdapter, fx.goldA);
    const b = await runAdapter(saCoAdapter, fx.goldB);
    expect(b.drafts.map((d) => [d.text, d.negative, d.meta?.annotator])).toEqual(a.drafts.map((d) => [d.text, d.negative, 'b']));
  });

  it('--dedupe-annotators keeps one copy per (file_name, text_input) across a/b/c', async () => {
    const shared = new Map<string, unknown>();
    const runs = [];
    for (const f of [fx.goldA, fx.goldB, fx.goldC]) runs.push(await runAdapter(saCoAdapter, f, { dedupeAnnotators: true }, shared));
    expect(runs.map((r) => r.drafts.length)).toEqual([5, 0, 1]);
    expect(runs[2]!.drafts[0]).toMatchObject({ text: 'a slice of pizza', negative: false, meta: { annotator: 'c' } });
    expect(runs.map((r) => r.drops.length)).toEqual([0, 5, 5]); // counted as drops, not skips
    expect(runs.every((r) => r.skips.length === 0)).toBe(true);
    const without = await runAdapter(saCoAdapter, fx.goldC);
    expect(without.drafts).toHaveLength(6);
  });

  it('Silver: string ids, non-ASCII text, a null text_input skipped and counted', async () => {
    const { drafts, skips } = await runAdapter(saCoAdapter, fx.silver);
    expect(drafts.map((d) => [d.text, d.negative])).toEqual([['Danaus plexippus', false], ['a café table', true], ['Apis mellifera', false]]);
    expect(drafts[0]).toMatchObject({ dataset: 'sa-co-silver', subset: 'inaturalist', split: 'test', meta: { image_id: 'inat_0' } });
    expect(skips).toEqual([{ reason: 'text_input is not a string', where: '#/images/2/text_input' }]);
  });

  it('the CLI drops the whitespace-only pair and counts it; forced sa-co on another JSON is a mismatch', async () => {
    const r = await runMain(['ingest', fx.goldA]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(4);
    const other = join(dir, 'instances.json');
    writeFileSync(other, JSON.stringify({ images: [{ id: 1, file_name: 'a.jpg' }], annotations: [], categories: [{ id: 1, name: 'cat' }] }));
    const m = await runMain(['ingest', '--adapter', 'sa-co', other]);
    expect(m.status).toBe(2);
    expect(m.stderr).toContain('no images[].text_input or video_np_pairs found');
    expect(m.stderr).toContain('E_ADAPTER_MISMATCH');
  });

  it('counts invalid UTF-8 in text_input (images-first file, read in the second pass)', async () => {
    const f = join(dir, 'gold_utf8_merged_a_release_test.json');
    const text = readFileSync(fx.goldA);
    const at = text.indexOf('a fork');
    writeFileSync(f, Buffer.concat([text.subarray(0, at), Buffer.from([0xc3]), text.subarray(at + 1)]));
    const { drafts, invalidUtf8 } = await runAdapter(saCoAdapter, f);
    expect(drafts[2]!.text).toBe('\ufffd fork');
    expect(invalidUtf8).toBe(1);
  });

  it('--strict turns the skipped null text_input into an error naming its pointer', async () => {
    const r = await runMain(['ingest', fx.silver, '--strict']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${fx.silver}#/images/2/text_input: text_input is not a string`);
    expect(r.stderr).toContain('E_SKIPPED');
  });

  it('malformed JSON names the file, line and column', async () => {
    const bad = join(dir, 'gold_x_merged_a_release_test.json');
    writeFileSync(bad, readFileSync(fx.goldA, 'utf8').replace('"a fork"', '"a fork" oops'));
    await expect(runAdapter(saCoAdapter, bad)).rejects.toThrow(/gold_x_merged_a_release_test\.json:\d+:\d+: malformed JSON/);
    const cut = join(dir, 'silver_cut_merged_test.json');
    writeFileSync(cut, readFileSync(fx.silver, 'utf8').slice(0, 300));
    await expect(runAdapter(saCoAdapter, cut)).rejects.toThrow(/silver_cut_merged_test\.json:1:301: malformed JSON \(unterminated string\)/);
  });

  it('detects Gold/Silver by images[].text_input and names subsets/splits from the file name', () => {
    expect(saCoAdapter.detect(readSample(fx.goldA))?.confidence).toBe(0.95);
    // Annotations first and longer than the 64 KiB sample: recognised by their missing category_id.
    const late = join(dir, 'gold_late_merged_b_release_test.json');
    const masks = Array.from({ length: 400 }, (_, i) => ({ id: i, image_id: i, bbox: [1, 2, 3, 4], segmentation: { counts: 'x'.repeat(200), size: [1, 1] } }));
    writeFileSync(late, JSON.stringify({ info: { description: 'x' }, annotations: masks, images: [{ id: 0, file_name: 'a.jpg', text_input: 'a cat' }] }));
    expect(saCoAdapter.detect(readSample(late))).toEqual({ confidence: 0.5, what: 'COCO-style JSON, annotations first without category_id (SA-Co layout)' });
    expect(detectAdapter(readSample(late)).adapter?.name).toBe('sa-co');
    writeFileSync(late, JSON.stringify({ annotations: masks.map((m) => ({ ...m, category_id: 1 })), images: [] }));
    expect(saCoAdapter.detect(readSample(late))).toBe(null);
    expect(parseSaCoName('x/gold_wiki_common_merged_c_release_test.json', false)).toEqual({ dataset: 'sa-co-gold', subset: 'wiki_common', split: 'test', annotator: 'c' });
    expect(parseSaCoName('silver_nga_art_merged_test.json', false)).toEqual({ dataset: 'sa-co-silver', subset: 'nga_art', split: 'test' });
    expect(parseSaCoName('toy_saco_veval_sav_test_gt.json', true)).toEqual({ dataset: 'sa-co-veval', subset: 'sav', split: 'test' });
    expect(parseSaCoName('saco_veval_smartglasses_val.json', true)).toEqual({ dataset: 'sa-co-veval', subset: 'smartglasses', split: 'val' });
    expect(parseSaCoName('SACo-Silver/annotations.json', false)).toEqual({ dataset: 'sa-co-silver' });
  });

  it('the registry picks sa-co for every SA-Co file (against all other adapters)', () => {
    for (const f of [VEVAL, fx.goldA, fx.goldB, fx.goldC, fx.silver]) expect(detectAdapter(readSample(f)).adapter?.name, f).toBe('sa-co');
  });

  it('the CLI flags reach the adapter: --dedupe-annotators, --sa-co-source categories', async () => {
    // Dropped copies are counted in the summary, apart from skipped records (they never fail --strict).
    const d = await runMain(['ingest', fx.goldA, fx.goldB, fx.goldC, '--dedupe-annotators']);
    expect(d.status, d.stderr).toBe(0);
    expect(d.stderr).toMatch(/dropped on request: 10 copies of an earlier annotator file's \(file_name, text_input\) pair \(--dedupe-annotators\)/);
    expect(d.stderr).toMatch(/skipped records: 1 empty or whitespace-only prompt\n/);
    expect(d.stdout.trim().split('\n').map((l) => JSON.parse(l).text)).toEqual(['a red apple', 'the bowl of soup', 'a fork', 'grilled cheese "sandwich"', 'a slice of pizza']);
    const corpus = join(dir, 'veval-categories.jsonl');
    const c = await runMain(['ingest', VEVAL, '--sa-co-source', 'categories', '--json', '-o', corpus]);
    expect(c.status, c.stderr).toBe(0);
    expect(readFileSync(corpus, 'utf8').trim().split('\n')).toHaveLength(3005);
    expect(JSON.parse(c.stdout)).toMatchObject({ prompts: 3005, negatives: 0, duplicates: 0 });
  });
});
