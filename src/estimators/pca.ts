import { LiteTextError } from '../errors.js';
import { centredRows, columnMeans, type DenseMatrix } from './matrix.js';
import { symmetricEigenvalues } from './eigen.js';
import { gramF64 } from '../knn/index.js';

export interface PcaSpectrum {
  /** Covariance eigenvalues (ddof = 1), descending: sklearn's `PCA().explained_variance_`, min(n, D) of them. */
  eigenvalues: number[];
  /** eigenvalue / Σ eigenvalues: sklearn's `explained_variance_ratio_`. */
  ratios: number[];
}

const PCA_BLOCK_ROWS = 4096;

/**
 * Covariance of the centred data, (X − μ)ᵀ(X − μ) / (n − 1), formed block by block with ORT's
 * float64 Gemm and summed in float64, then the eigenvalues of the D×D matrix (eigen.ts). Never an
 * SVD of the raw n×D data in JavaScript.
 */
/** `threads`: onnxruntime intra-op threads (default: one per core). */
export async function covariance(m: DenseMatrix, threads?: number): Promise<Float64Array> {
  const { rows: n, cols: d } = m;
  if (n < 2) throw new LiteTextError('E_INPUT_FORMAT', `PCA needs at least 2 points, got ${n}`, 'give the estimators more rows');
  const mean = columnMeans(m);
  const cov = new Float64Array(d * d);
  const block = new Float64Array(Math.min(PCA_BLOCK_ROWS, n) * d);
  for (let start = 0; start < n; start += PCA_BLOCK_ROWS) {
    const end = Math.min(n, start + PCA_BLOCK_ROWS);
    const rows = end - start;
    const part = await gramF64(centredRows(m, mean, start, end, block.subarray(0, rows * d)), rows, d, threads);
    for (let i = 0; i < cov.length; i++) cov[i]! += part[i]!;
  }
  for (let i = 0; i < cov.length; i++) cov[i]! /= n - 1;
  return cov;
}

export async function pcaSpectrum(m: DenseMatrix, threads?: number): Promise<PcaSpectrum> {
  const d = m.cols;
  const cov = await covariance(m, threads);
  // A covariance is positive semi-definite: round-off below zero is clamped to 0 (sklearn's
  // S²/(n−1) cannot be negative). sklearn keeps min(n, D) components.
  const eigenvalues = Array.from(symmetricEigenvalues(cov, d).subarray(0, Math.min(m.rows, d)), (v) => Math.max(v, 0));
  const total = eigenvalues.reduce((s, v) => s + v, 0);
  return { eigenvalues, ratios: eigenvalues.map((v) => (total > 0 ? v / total : 0)) };
}

/**
 * skdim lPCA, ver='ratio' (Bac et al. 2021, scikit-dimension `id/_PCA.py`): the number of leading
 * eigenvalues whose normalised cumulative sum stays below alpha, plus one.
 */
export function ratioRule(eigenvalues: readonly number[], alpha: number): number {
  let cum = 0;
  const cums = eigenvalues.map((v) => (cum += v));
  const max = Math.max(...cums);
  return cums.filter((c) => c / max < alpha).length + 1;
}

/** skdim lPCA, ver='FO' (Fukunaga & Olsen 1971): eigenvalues larger than alpha × the largest. */
export function foRule(eigenvalues: readonly number[], alpha = 0.05): number {
  const first = eigenvalues[0] ?? 0;
  return eigenvalues.filter((v) => v > alpha * first).length;
}

/** Participation ratio (Σλ)² / Σλ² (Gao et al. 2017; skdim lPCA ver='participation_ratio', unrounded). */
export function participationRatio(eigenvalues: readonly number[]): number {
  let s = 0;
  let s2 = 0;
  for (const v of eigenvalues) {
    s += v;
    s2 += v * v;
  }
  return s2 > 0 ? (s * s) / s2 : 0;
}
