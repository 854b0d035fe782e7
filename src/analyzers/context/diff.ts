import { overlayChart } from '../../report/chart-spec.js';
import type { AnalyzerDiff } from '../types.js';

interface HistogramShape {
  prompts: number;
  histogram: Record<string, number>;
}

function isHistogram(x: unknown): x is HistogramShape {
  const h = x as Partial<HistogramShape> | undefined;
  return typeof h?.prompts === 'number' && typeof h.histogram === 'object' && h.histogram !== null;
}

/** The token-length histograms of A and B on one chart. */
export const contextDiff: AnalyzerDiff<never, never> = {
  charts(a, b, labels) {
    if (!isHistogram(a) || !isHistogram(b)) return [];
    const values = ([[a, labels[0]], [b, labels[1]]] as const).flatMap(([c, report]) => Object.entries(c.histogram).map(([length, count]) => ({ report, length: Number(length), share: count / c.prompts })));
    return [{ file: 'token-lengths-overlay.svg', title: 'Token-length histograms, A and B', spec: overlayChart('Token length (start/end included)', values, 'length', 'tokens per prompt', 'share of prompts') }];
  },
  warnings(a, b) {
    const la = listOf(a['contextLengths']);
    const lb = listOf(b['contextLengths']);
    return la === lb ? [] : [`different window lengths (${la} vs ${lb}): windows in one report only are listed as only in A / only in B`];
  },
};

const listOf = (v: unknown) => (Array.isArray(v) ? v.join(',') : String(v));
