// analyze() against ../shared/reference/sam3-tokenizer/dev-stats.json: every number, to 1e-9, on the
// same corpora extracted by the same rules (the reference's "corpora" section) through our adapters.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.js';
import { countIds } from '../../src/analyzers/vocabulary/index.js';
import { tokenize } from '../../src/analyzers/tokens.js';
import { loadCorpus, type IngestOptions } from '../../src/corpus/ingest.js';
import type { Prompt } from '../../src/corpus/prompt.js';
import type { Report } from '../../src/report/schema.js';
import { loadTokenizer } from '../../src/tokenizer/index.js';
import { SHARED } from '../helpers/cli.js';

interface GroupStats {
  n: number;
  unique_texts: number;
  length: Record<'mean' | 'min' | 'max' | 'p50' | 'p90' | 'p95' | 'p99', number>;
  length_histogram: Record<string, number>;
  context: Record<string, { density: number; padding_waste: number; truncation_rate: number }>;
  vocabulary: {
    distinct_ids: number;
    distinct_fraction_of_vocab: number;
    total_occurrences: number;
    ids_covering_50pct: number;
    ids_covering_90pct: number;
    ids_covering_99pct: number;
    hapax_ids: number;
    special_ids_in_content: number;
    id0_occurrences: number;
  };
}
const reference = JSON.parse(readFileSync(join(SHARED, 'reference/sam3-tokenizer/dev-stats.json'), 'utf8')) as { stats: Record<string, GroupStats> };
const corpora = join(SHARED, 'corpora');

// The reference's extraction rules, as ingest flags (keep-empty: the reference keeps ODinW's "  ").
const sources: Array<[string, string[], IngestOptions]> = [
  ['lvis', ['lvis/lvis_v1_train_cat_info.json'], { adapter: 'lvis', names: 'raw', synonyms: true }],
  ['objects365', ['objects365/Objects365_names_fix.csv'], { adapter: 'csv', column: '2,3' }],
  ['coco_panoptic', ['coco-panoptic/panoptic_coco_categories.json'], { adapter: 'coco-categories' }],
  ['darknet_coco', ['darknet/coco.names'], { adapter: 'text' }],
  ['darknet_voc', ['darknet/voc.names'], { adapter: 'text' }],
  ['darknet_openimages', ['darknet/openimages.names'], { adapter: 'text' }],
  ['darknet_9k', ['darknet/9k.names'], { adapter: 'text' }],
  ['odinw', ['odinw'], { adapter: 'odinw' }],
  ['parti', ['parti/PartiPrompts.tsv'], { adapter: 'tsv', quotes: false, column: 'Prompt' }],
  ['geneval', ['geneval/evaluation_metadata.jsonl'], { adapter: 'jsonl', field: 'prompt' }],
  ['saco_sample', ['saco/saco_veval_sample_gt.json'], { adapter: 'sa-co', saCoSource: 'categories' }],
  ['saco_sample', ['saco/saco_veval_sample_gt.json'], { adapter: 'sa-co', saCoSource: 'pairs' }],
];

const close = (actual: number, expected: number) => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));

describe('analyze reproduces dev-stats.json', () => {
  let report: Report;
  let prompts: Prompt[];

  beforeAll(async () => {
    prompts = [];
    for (const [dataset, paths, flags] of sources) {
      const { prompts: list } = await loadCorpus(paths.map((p) => join(corpora, p)), { ...flags, dataset, keepEmpty: true });
      prompts.push(...list);
    }
    report = await analyze({ inputs: ['shared/corpora'], contextLengths: [8, 16, 32, 77] }, { prompts });
  });

  const names = Object.keys(reference.stats);
  it.each(names)('%s', async (name) => {
    const ref = reference.stats[name]!;
    const ctx = name === 'all' ? report.context! : report.context!.byDataset[name]!;
    const voc = name === 'all' ? report.vocabulary! : report.vocabulary!.byDataset[name]!;
    const corpus = name === 'all' ? report.corpus : report.corpus.byDataset[name]!;
    expect(ctx.prompts).toBe(ref.n);
    expect(corpus.prompts).toBe(ref.n);
    expect(corpus.uniquePrompts).toBe(ref.unique_texts);
    for (const key of ['mean', 'min', 'max', 'p50', 'p90', 'p95', 'p99'] as const) close(ctx.lengths[key], ref.length[key]);
    expect(ctx.histogram).toEqual(ref.length_histogram);
    for (const w of ctx.windows) {
      const r = ref.context[String(w.length)]!;
      close(w.density, r.density);
      close(w.paddingWaste, r.padding_waste);
      close(w.truncationRate, r.truncation_rate);
    }
    const v = ref.vocabulary;
    expect(voc.usedTokens).toBe(v.distinct_ids);
    close(voc.usedFraction, v.distinct_fraction_of_vocab);
    expect(voc.occurrences).toBe(v.total_occurrences);
    expect(voc.coverage).toEqual({ '0.5': v.ids_covering_50pct, '0.9': v.ids_covering_90pct, '0.99': v.ids_covering_99pct });
    expect(voc.hapax).toBe(v.hapax_ids);
    expect(voc.specialInContent).toBe(v.special_ids_in_content);
    // id 0 ("!") is ordinary content: its count comes from the analyzer's own counting.
    const subset = name === 'all' ? prompts : prompts.filter((p) => p.dataset === name);
    const tokenizer = await loadTokenizer('sam3');
    const table = tokenize(subset.map((p) => p.text), tokenizer);
    const { counts } = countIds(table, { name, indices: Int32Array.from(subset.keys()) }, tokenizer);
    expect(counts[0]).toBe(v.id0_occurrences);
  });
});
