import { LiteTextError } from '../../errors.js';
import type { DenseMatrix } from '../../estimators/index.js';
import { defaultWorkers } from '../../knn/index.js';
import type { Progress } from '../../logger.js';
import { linearCka } from './cka.js';
import { cosineStats, rowCosines, rowNorms } from './cosine.js';
import { neighbourOverlap, unitNeighbours, unitRows } from './knn-overlap.js';
import type { AgreementGroup, AgreementSection, WorstPrompt } from './schema.js';

/** One compared prompt (a unique text): the datasets it occurs in and its token length. */
export interface ComparedPrompt {
  text: string;
  datasets: readonly string[];
  tokens: number;
}

export interface AgreementInput {
  /** Row i of each matrix is prompts[i]. */
  a: DenseMatrix;
  b: DenseMatrix;
  prompts: readonly ComparedPrompt[];
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

/** Cosine, linear CKA and kNN overlap of two embeddings of the same prompts, overall and per dataset and length bucket. */
export async function agreementOf(input: AgreementInput, options: AgreementOptions): Promise<Measures> {
  const { a, b, prompts } = input;
  const n = prompts.length;
  const { k } = options;
  if (n < k + 1) throw new LiteTextError('E_USAGE', `--k ${k} needs at least ${k + 1} distinct prompts, got ${n}`, 'give more prompts or a smaller --k');
  const normsA = nonZeroNorms(a, prompts, 'A');
  const normsB = nonZeroNorms(b, prompts, 'B');

  const groups = groupsOf(prompts);
  const all = Int32Array.from({ length: n }, (_, i) => i);
  const knn = neighbourPasses(a, b, normsA, normsB, options);
  knn.catch(() => {});
  const ckas = await linearCka(a, b, [all, ...groups.map((g) => g.rows)], options.threads === undefined && n > 2048 ? 1 : options.threads);
  const overlap = await knn;
  const cosines = a.cols === b.cols ? rowCosines(a, b, normsA, normsB) : null;

  const group = (rows: Int32Array, cka: number | null): AgreementGroup => ({
    prompts: rows.length,
    cosine: cosines ? cosineStats(cosines, rows) : null,
    cka: { linear: cka },
    knnOverlap: { k, mean: rows.reduce((s, r) => s + overlap[r]!, 0) / rows.length },
  });
  const out: Measures = { all: group(all, ckas[0]!), byDataset: {}, byLength: {}, worst: [] };
  groups.forEach((g, i) => {
    out[g.kind][g.name] = group(g.rows, ckas[i + 1]!);
  });
  if (cosines) out.worst = worstOf(cosines, prompts);
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
function groupsOf(prompts: readonly ComparedPrompt[]): NamedGroup[] {
  const byDataset = new Map<string, number[]>();
  const byLength = LENGTH_BUCKETS.map(() => [] as number[]);
  prompts.forEach((p, i) => {
    for (const d of new Set(p.datasets)) {
      if (!byDataset.has(d)) byDataset.set(d, []);
      byDataset.get(d)!.push(i);
    }
    byLength[LENGTH_BUCKETS.findIndex(([lo, hi]) => p.tokens >= lo && p.tokens <= hi)]?.push(i);
  });
  const datasets = [...byDataset.keys()].sort().map((name): NamedGroup => ({ kind: 'byDataset', name, rows: Int32Array.from(byDataset.get(name)!) }));
  const lengths = byLength.flatMap((rows, i): NamedGroup[] => (rows.length === 0 ? [] : [{ kind: 'byLength', name: bucketLabel(LENGTH_BUCKETS[i]!), rows: Int32Array.from(rows) }]));
  return [...datasets, ...lengths];
}

/** The prompts with the lowest cosine, lowest first (ties: earlier prompt first). */
function worstOf(cosines: Float64Array, prompts: readonly ComparedPrompt[]): WorstPrompt[] {
  const order = Array.from(cosines.keys()).sort((i, j) => cosines[i]! - cosines[j]! || i - j);
  return order.slice(0, WORST).map((i) => ({ text: prompts[i]!.text, dataset: prompts[i]!.datasets.join(', '), tokens: prompts[i]!.tokens, cosine: cosines[i]! }));
}
