import { setImmediate } from 'node:timers/promises';
import { LiteTextError } from '../../errors.js';
import type { DenseMatrix } from '../../estimators/index.js';
import { defaultWorkers } from '../../knn/index.js';
import type { Progress } from '../../logger.js';
import { linearCka } from './cka.js';
import { cosineStats, rowCosines, rowNorms } from './cosine.js';
import { neighbourOverlap, unitNeighbours, unitRows } from './knn-overlap.js';
import type { AgreementGroup, AgreementSection, WorstPrompt } from './schema.js';

/** One compared prompt (a unique text): the datasets it occurs in. */
export interface ComparedPrompt {
  text: string;
  datasets: readonly string[];
}

export interface AgreementInput {
  /** Row i of each matrix is prompts[i]. */
  a: DenseMatrix;
  b: DenseMatrix;
  prompts: readonly ComparedPrompt[];
  /** A prompt's token length (for the length buckets); asked for once the kNN passes run, so that tokenizing overlaps them. */
  tokenCount: (text: string) => number;
}

export interface AgreementOptions {
  k: number;
  threads?: number | undefined;
  progress?: Progress | undefined;
}

/** Token-length buckets (start/end tokens included): [low, high] inclusive; the last is open. */
export const LENGTH_BUCKETS: ReadonlyArray<readonly [number, number]> = [[1, 4], [5, 8], [9, 16], [17, 32], [33, 64], [65, Infinity]];
export const bucketLabel = ([lo, hi]: readonly [number, number]) => (hi === Infinity ? `${lo}+` : `${lo}-${hi}`);
export const WORST = 20;

type Measures = Pick<AgreementSection, 'all' | 'byDataset' | 'byLength' | 'worst'>;

/**
 * Cosine, linear CKA and kNN overlap of two embeddings of the same prompts, overall and per dataset
 * and length bucket. The kNN passes start first, on worker threads; everything else runs in this
 * thread meanwhile, and only the overlap means wait for them.
 */
export async function agreementOf(input: AgreementInput, options: AgreementOptions): Promise<Measures> {
  const { a, b, prompts } = input;
  const n = prompts.length;
  const { k } = options;
  if (n < k + 1) throw new LiteTextError('E_USAGE', `--k ${k} needs at least ${k + 1} distinct prompts, got ${n}`, 'give more prompts or a smaller --k');
  const normsA = nonZeroNorms(a, prompts, 'A');
  const normsB = nonZeroNorms(b, prompts, 'B');
  const knn = neighbourPasses(a, b, normsA, normsB, options);
  knn.catch(() => {});

  // This thread answers the kNN worker threads between the phases of their passes: its own work
  // runs in short steps, and yields to their messages between them.
  const tokens = await tokenCounts(prompts, input.tokenCount);
  const named = groupsOf(prompts, tokens);
  const rows = [Int32Array.from({ length: n }, (_, i) => i), ...named.map((g) => g.rows)];
  const cosines = a.cols === b.cols ? rowCosines(a, b, normsA, normsB) : null;
  await setImmediate();
  const ckas = await linearCka(a, b, rows, options.threads === undefined && n > 2048 ? 1 : options.threads);
  const measured: Array<Omit<AgreementGroup, 'knnOverlap'>> = [];
  for (const [i, r] of rows.entries()) {
    measured.push({ prompts: r.length, cosine: cosines ? cosineStats(cosines, r) : null, cka: { linear: ckas[i]! } });
    await setImmediate();
  }
  const worst = cosines ? worstOf(cosines, prompts, tokens) : [];

  const overlap = await knn;
  const group = (i: number): AgreementGroup => ({ ...measured[i]!, knnOverlap: { k, mean: rows[i]!.reduce((s, r) => s + overlap[r]!, 0) / rows[i]!.length } });
  const out: Measures = { all: group(0), byDataset: {}, byLength: {}, worst };
  named.forEach((g, i) => {
    out[g.kind][g.name] = group(i + 1);
  });
  return out;
}

const TOKENIZE_SLICE = 1024;

async function tokenCounts(prompts: readonly ComparedPrompt[], count: (text: string) => number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < prompts.length; i += TOKENIZE_SLICE) {
    for (const p of prompts.slice(i, i + TOKENIZE_SLICE)) out.push(count(p.text));
    await setImmediate();
  }
  return out;
}

/**
 * kNN overlap per row. The two kNN passes run at once when there are worker threads for both, each
 * on its own (no barrier between them, and one pass's set-up and recompute overlap the other's
 * tiles); else one after the other, B's unit rows made while A's tiles run. The progress bar follows
 * A's pass (B's runs alongside at the same pace). CKA's Gemms run meanwhile in this thread.
 */
async function neighbourPasses(a: DenseMatrix, b: DenseMatrix, normsA: Float64Array, normsB: Float64Array, options: AgreementOptions): Promise<Float64Array> {
  const { k, threads, progress } = options;
  const n = a.rows;
  const workers = defaultWorkers(n, threads);
  if (workers >= 2) {
    const half = Math.ceil(workers / 2);
    const nearA = unitNeighbours(unitRows(a, normsA), k, { threads, progress, workers: { count: half, first: 0 } });
    const nearB = unitNeighbours(unitRows(b, normsB), k, { threads, workers: { count: workers - half, first: half } });
    const [na, nb] = await Promise.all([nearA, nearB]);
    return neighbourOverlap(na, nb, n, k);
  }
  const nearA = unitNeighbours(unitRows(a, normsA), k, options);
  const unitB = unitRows(b, normsB);
  return neighbourOverlap(await nearA, await unitNeighbours(unitB, k, options), n, k);
}

function nonZeroNorms(m: DenseMatrix, prompts: readonly ComparedPrompt[], side: string): Float64Array {
  const norms = rowNorms(m);
  const zero = norms.findIndex((v) => !(v > 0 && Number.isFinite(v)));
  if (zero >= 0) throw new LiteTextError('E_INPUT_FORMAT', `${side}: the embedding of ${JSON.stringify(prompts[zero]!.text)} has norm ${norms[zero]} (no cosine)`, 'check the encoder or the .npy file');
  return norms;
}

interface NamedGroup {
  kind: 'byDataset' | 'byLength';
  name: string;
  rows: Int32Array;
}

/** Datasets in sorted order (a text counts in every dataset it occurs in), then the non-empty length buckets in order. */
function groupsOf(prompts: readonly ComparedPrompt[], tokens: readonly number[]): NamedGroup[] {
  const byDataset = new Map<string, number[]>();
  const byLength = LENGTH_BUCKETS.map(() => [] as number[]);
  prompts.forEach((p, i) => {
    for (const d of new Set(p.datasets)) {
      if (!byDataset.has(d)) byDataset.set(d, []);
      byDataset.get(d)!.push(i);
    }
    byLength[LENGTH_BUCKETS.findIndex(([lo, hi]) => tokens[i]! >= lo && tokens[i]! <= hi)]?.push(i);
  });
  const datasets = [...byDataset.keys()].sort().map((name): NamedGroup => ({ kind: 'byDataset', name, rows: Int32Array.from(byDataset.get(name)!) }));
  const lengths = byLength.flatMap((rows, i): NamedGroup[] => (rows.length === 0 ? [] : [{ kind: 'byLength', name: bucketLabel(LENGTH_BUCKETS[i]!), rows: Int32Array.from(rows) }]));
  return [...datasets, ...lengths];
}

/** The prompts with the lowest cosine, lowest first (ties: earlier prompt first). */
function worstOf(cosines: Float64Array, prompts: readonly ComparedPrompt[], tokens: readonly number[]): WorstPrompt[] {
  const order = Array.from(cosines.keys()).sort((i, j) => cosines[i]! - cosines[j]! || i - j);
  return order.slice(0, WORST).map((i) => ({ text: prompts[i]!.text, dataset: prompts[i]!.datasets.join(', '), tokens: tokens[i]!, cosine: cosines[i]! }));
}
