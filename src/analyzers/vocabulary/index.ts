import * as z from 'zod';
import { defineAnalyzer, type AnalyzerDiff } from '../types.js';
import { countIds, coverageCurve, vocabularyGroup, vocabularyOf } from './compute.js';
import { vocabularyChart } from './charts.js';
import { vocabularyMarkdown } from './markdown.js';
import { VocabularySectionSchema, type VocabularySection } from './schema.js';

export { countIds } from './compute.js';
export * from './schema.js';

export const VocabularyOptionsSchema = z.object({
  /** Token-embedding width W for the embeddingRows estimate (SAM3: 1024). */
  width: z.number().int().positive().default(1024),
});

const vocabularyDiff: AnalyzerDiff<never, never> = {
  warnings: (a, b) => (a['width'] === b['width'] ? [] : [`different embedding width (${String(a['width'])} vs ${String(b['width'])}): vocabulary.embeddingRows.savedMiB differs by construction`]),
};

export const vocabularyAnalyzer = defineAnalyzer({
  name: 'vocabulary',
  section: 'vocabulary',
  description: 'vocabulary sparsity: used ids, coverage, hapax, Zipf exponent, top tokens, prunable embedding rows',
  needs: ['tokens'],
  options: VocabularyOptionsSchema,
  flags: { width: { arg: 'n', description: 'token-embedding width W for the prunable-rows estimate (SAM3: 1024)' } },
  result: VocabularySectionSchema,
  run(ctx) {
    const { width } = ctx.settings;
    const { sorted, ...all } = vocabularyOf(countIds(ctx.tokens, ctx.all, ctx.tokenizer), ctx.tokenizer, width);
    const section: VocabularySection = {
      ...all,
      coverageCurve: coverageCurve(sorted, all.occurrences),
      byDataset: Object.fromEntries(ctx.byDataset.map((g) => [g.name, vocabularyGroup(ctx.tokens, g, ctx.tokenizer, width)])),
    };
    if (ctx.byFile) section.byFile = Object.fromEntries(ctx.byFile.map((g) => [g.name, vocabularyGroup(ctx.tokens, g, ctx.tokenizer, width)]));
    return section;
  },
  markdown: vocabularyMarkdown,
  charts: (result, report) => [vocabularyChart(result, report)],
  definitions: {
    'vocabulary content ids': 'ids strictly between each prompt\'s start and end token; 49406/49407 never count (specialInContent counts those met inside); id 0 is the ordinary token "!" and counts.',
    'vocabulary.usedTokens': 'distinct content ids.',
    'vocabulary.usedFraction': 'usedTokens / vocabulary size (49,408 for SAM3).',
    'vocabulary.occurrences': 'total content ids.',
    'vocabulary.coverage': 'smallest k such that the k most frequent ids cover at least 50 % / 90 % / 99 % of occurrences.',
    'vocabulary.hapax': 'ids seen exactly once.',
    'vocabulary.zipfExponent': 'minus the least-squares slope of ln(frequency) against ln(rank) over the top min(1000, usedTokens) ranks.',
    'vocabulary.topTokens': 'the 50 most frequent ids (ties by ascending id) with their token text and counts.',
    'vocabulary.embeddingRows': 'with embedding width W: rowsNeeded = usedTokens + 2 specials; savedMiB = (vocabulary size − rowsNeeded) × W × 4 (fp32) or 2 (fp16) bytes / 2^20.',
  },
  settingsLine: (s) => (s.width === undefined ? undefined : `embedding width ${s.width}`),
  diff: vocabularyDiff,
  summary: (result, report) => [`vocabulary: ${result.usedTokens} of ${report.tokenizer.vocabSize} ids used (${(result.usedFraction * 100).toFixed(2)} %)`],
});
