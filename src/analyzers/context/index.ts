import * as z from 'zod';
import { defineAnalyzer } from '../types.js';
import { contextChart } from './charts.js';
import { contextOf } from './compute.js';
import { contextDiff } from './diff.js';
import { contextMarkdown } from './markdown.js';
import { ContextSectionSchema, type ContextSection } from './schema.js';

export * from './schema.js';

export const ContextOptionsSchema = z.object({
  /** Window lengths L to evaluate. */
  contextLengths: z.array(z.number().int().positive()).default([8, 16, 32, 77]),
});

export const contextAnalyzer = defineAnalyzer({
  name: 'context',
  section: 'context',
  description: 'context-window utilization: token lengths, density, padding waste and truncation per window length',
  needs: ['tokens'],
  options: ContextOptionsSchema,
  flags: { contextLengths: { arg: 'list', description: 'window lengths L to evaluate' } },
  result: ContextSectionSchema,
  run(ctx) {
    const { lengths } = ctx.tokens;
    const L = ctx.settings.contextLengths;
    const section: ContextSection = {
      ...contextOf(lengths, ctx.all, L),
      byDataset: Object.fromEntries(ctx.byDataset.map((g) => [g.name, contextOf(lengths, g, L)])),
    };
    if (ctx.byFile) section.byFile = Object.fromEntries(ctx.byFile.map((g) => [g.name, contextOf(lengths, g, L)]));
    return section;
  },
  markdown: contextMarkdown,
  charts: (result, report) => [contextChart(result, report)],
  definitions: {
    'context.lengths': 'mean, min, max and percentiles p50/p90/p95/p99 of token length; percentiles use linear interpolation between closest ranks (numpy default).',
    'context.windows[].density': 'mean over prompts of min(length, L), divided by L.',
    'context.windows[].paddingWaste': '1 − density.',
    'context.windows[].truncationRate': 'fraction of prompts with length > L.',
    'context.minLength': 'smallest L with truncationRate ≤ 1 % ("0.01"), ≤ 0.1 % ("0.001") and = 0 ("0").',
  },
  settingsLine: (s) => (s.contextLengths === undefined ? undefined : `windows ${s.contextLengths.join(', ')}`),
  diff: contextDiff,
  summary(result, report) {
    const w = result.windows.find((x) => x.length === report.tokenizer.contextLength) ?? result.windows[0];
    const lines = [`tokens per prompt: mean ${result.lengths.mean.toFixed(2)}, p95 ${result.lengths.p95}, max ${result.lengths.max}`];
    if (w) lines.push(`context ${w.length}: density ${(w.density * 100).toFixed(1)} %, padding waste ${(w.paddingWaste * 100).toFixed(1)} %, truncated ${(w.truncationRate * 100).toFixed(2)} %`);
    return lines;
  },
});
