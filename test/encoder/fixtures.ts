import { join } from 'node:path';
import { writeTinyEncoder, type GenerateOptions } from '../../src/encoder/testing/generate.js';
import { tinyWeights, TINY_SPEC } from '../../src/encoder/testing/weights.js';
import { tempDir as helperTempDir } from '../helpers/tmp.js';

export const SPEC = TINY_SPEC;
export const WEIGHTS = tinyWeights(SPEC);

/** A fresh temp folder per test file (removed after it). */
export function tempDir(prefix: string): string {
  return helperTempDir(`lite-text-${prefix}`);
}

/** Writes one generated encoder (from the shared seeded weights) into its own folder. */
export function tiny(dir: string, name: string, options: GenerateOptions & { external?: boolean }) {
  return writeTinyEncoder(join(dir, name), options, SPEC, WEIGHTS);
}

/** Deterministic prompts of varied lengths (start 49406 ... end 49407), with duplicates. */
export function samplePrompts(): number[][] {
  const lengths = [3, 8, 5, 12, 3, 20, 7, 31, 40, 5];
  const prompts = lengths.map((n, i) => [49406, ...Array.from({ length: n - 2 }, (_, j) => (i * 7919 + j * 104729) % 49406), 49407]);
  return [...prompts, prompts[1]!, prompts[3]!];
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = a.length === b.length ? 0 : Infinity;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}
