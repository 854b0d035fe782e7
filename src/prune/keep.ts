import type { SpecialIds } from '../tokenizer/types.js';

/** The ids whose rows a pruned table keeps: every id of the corpus's (uncut) prompts, start, end and pad (and 0, embed's padding). */
export function keptIds(sequences: readonly (readonly number[])[], special: SpecialIds): number[] {
  const ids = new Set<number>([0, special.pad, special.start, special.end].filter((id) => id >= 0));
  for (const s of sequences) for (const id of s) ids.add(id);
  return [...ids].sort((a, b) => a - b);
}

const PROBES = 8;

/** Up to 8 distinct sequences spread over the corpus's lengths (shortest and longest included): what verification runs. */
export function pickProbes(sequences: readonly number[][]): number[][] {
  const distinct = [...new Map(sequences.map((s) => [s.join(','), s])).values()].sort((a, b) => a.length - b.length || (a.join(',') < b.join(',') ? -1 : 1));
  if (distinct.length <= PROBES) return distinct;
  return Array.from({ length: PROBES }, (_, i) => distinct[Math.round((i * (distinct.length - 1)) / (PROBES - 1))]!);
}
