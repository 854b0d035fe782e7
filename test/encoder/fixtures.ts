import { basename, join } from 'node:path';
import { DTYPE } from '../../src/encoder/onnx/proto.js';
import { writeModel, writeTinyEncoder, type GenerateOptions } from '../../src/encoder/testing/generate.js';
import { GraphBuilder } from '../../src/encoder/testing/graph.js';
import { tinyWeights, TINY_SPEC } from '../../src/encoder/testing/weights.js';
import { tempDir as helperTempDir } from '../helpers/tmp.js';

export { oneErrorLine } from '../helpers/cli.js';

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

/** A one-Gather model: integer inputs (int64 unless inputType) (the first holds the token ids), `output` = table[ids], a [rows, table.length / rows] table. */
export function lookupModel(path: string, options: { inputs?: string[]; inputType?: number; output?: string; rows?: number; table?: Float32Array; dims?: Array<number | string> } = {}): string {
  const { inputs = ['input_ids'], inputType = DTYPE.INT64, output = 'text_features', rows = 49408, table = new Float32Array(rows * 4), dims = ['batch', 'seq'] } = options;
  const g = new GraphBuilder();
  const [ids] = inputs.map((name) => g.input(name, inputType, dims));
  const width = table.length / rows;
  g.output(output, g.op('Gather', [g.floatInit('table', [rows, width], table), ids!], { axis: 0 }), DTYPE.FLOAT, [...dims, width]);
  writeModel(g.model(basename(path)), path);
  return path;
}

