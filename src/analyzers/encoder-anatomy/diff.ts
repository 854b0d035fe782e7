import { escapeCell, table } from '../../report/format.js';
import { relativePercent } from '../stats.js';
import type { AnalyzerDiff } from '../types.js';

const MIB = 1024 * 1024;

export interface EncoderRow {
  component: string;
  parametersA: number;
  parametersB: number;
  /** (A − B) / A in percent: how much smaller B is (the 88 % headline for S0 vs SAM3). */
  reduction: number | null;
  fp32MiBA: number;
  fp32MiBB: number;
}

export interface EncoderComparison {
  sourceA: string;
  sourceB: string;
  rows: EncoderRow[];
  total: EncoderRow;
  fp16MiB: { a: number; b: number };
}

interface AnatomyShape {
  source?: { name?: unknown };
  parameters?: { total?: unknown; byComponent?: Record<string, unknown> };
  bytes?: { total?: { fp16?: unknown } };
}

/**
 * Parameters and memory by component, side by side, when both reports carry an encoder-anatomy section.
 * Read structurally (parameters.byComponent, parameters.total), so it follows the section as it grows.
 */
export function compareEncoders(rawA: unknown, rawB: unknown): EncoderComparison | undefined {
  const a = rawA as AnatomyShape | undefined;
  const b = rawB as AnatomyShape | undefined;
  const ca = a?.parameters?.byComponent;
  const cb = b?.parameters?.byComponent;
  if (!ca || !cb || typeof a?.parameters?.total !== 'number' || typeof b?.parameters?.total !== 'number') return undefined;
  const components = [...new Set([...Object.keys(ca), ...Object.keys(cb)])];
  const row = (component: string, pa: number, pb: number): EncoderRow => ({
    component,
    parametersA: pa,
    parametersB: pb,
    reduction: pa === 0 ? null : -relativePercent(pa, pb),
    fp32MiBA: (4 * pa) / MIB,
    fp32MiBB: (4 * pb) / MIB,
  });
  const rows = components
    .map((c) => row(c, asNumber(ca[c]), asNumber(cb[c])))
    .filter((r) => r.parametersA !== 0 || r.parametersB !== 0);
  return {
    sourceA: String(a.source?.name ?? 'A'),
    sourceB: String(b.source?.name ?? 'B'),
    rows,
    total: row('total', a.parameters.total, b.parameters.total),
    fp16MiB: { a: asNumber(a.bytes?.total?.fp16) / MIB, b: asNumber(b.bytes?.total?.fp16) / MIB },
  };
}

function asNumber(v: unknown): number {
  return typeof v === 'number' ? v : 0;
}

export const encoderAnatomyDiff: AnalyzerDiff<EncoderComparison, 'encoder'> = {
  comparison: {
    key: 'encoder',
    compare: (a, b) => compareEncoders(a, b),
    markdown: (e) => [
      '## Encoder', '', `A: ${escapeCell(e.sourceA)}; B: ${escapeCell(e.sourceB)}.`, '',
      table(['component', 'parameters A', 'parameters B', 'reduction', 'fp32 MiB A', 'fp32 MiB B'], [...e.rows, e.total].map((r) => [
        r.component === 'total' ? '**total**' : r.component, String(r.parametersA), String(r.parametersB), r.reduction === null ? '–' : `${r.reduction.toFixed(2)} %`, r.fp32MiBA.toFixed(1), r.fp32MiBB.toFixed(1),
      ])),
      '', `fp16: ${e.fp16MiB.a.toFixed(1)} MiB → ${e.fp16MiB.b.toFixed(1)} MiB.`, '',
    ],
  },
};
