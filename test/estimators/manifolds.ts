// Synthetic manifolds of known dimension, generated deterministically from a seed, following the
// samplers of scikit-dimension's `datasets` (hyperBall, hyperSphere) and scikit-learn's
// make_swiss_roll (t = 1.5π(1 + 2u), height 21·v), which produced tolerance-bands.md.
import { denseMatrix, normal, seededRng, type DenseMatrix, type Rng } from '../../src/estimators/index.js';

type Sampler = (rng: Rng, out: Float64Array) => void;

function generate(n: number, ambient: number, seed: number, sampler: Sampler): DenseMatrix {
  const rng = seededRng(seed);
  const data = new Float64Array(n * ambient);
  for (let i = 0; i < n; i++) sampler(rng, data.subarray(i * ambient, (i + 1) * ambient));
  return denseMatrix(data, n, ambient);
}

/** Uniform in [0, 1]^d, zero-padded to `ambient` coordinates. */
export const cube = (n: number, d: number, ambient: number, seed: number) =>
  generate(n, ambient, seed, (rng, out) => { for (let c = 0; c < d; c++) out[c] = rng(); });

/** Standard normal in d coordinates, zero-padded. */
export const gauss = (n: number, d: number, ambient: number, seed: number) =>
  generate(n, ambient, seed, (rng, out) => { for (let c = 0; c < d; c++) out[c] = normal(rng); });

/** Uniform in the unit d-ball: a uniform direction times U^(1/d); zero-padded. */
export const ball = (n: number, d: number, ambient: number, seed: number) =>
  generate(n, ambient, seed, (rng, out) => {
    let s = 0;
    for (let c = 0; c < d; c++) s += (out[c] = normal(rng)) ** 2;
    const scale = rng() ** (1 / d) / Math.sqrt(s);
    for (let c = 0; c < d; c++) out[c]! *= scale;
  });

/** Uniform on the unit d-sphere in d + 1 coordinates. */
export const sphere = (n: number, d: number, seed: number) =>
  generate(n, d + 1, seed, (rng, out) => {
    let s = 0;
    for (let c = 0; c <= d; c++) s += (out[c] = normal(rng)) ** 2;
    for (let c = 0; c <= d; c++) out[c]! /= Math.sqrt(s);
  });

/** scikit-learn make_swiss_roll(noise=0): a 2-manifold in 3 coordinates. */
export const swissRoll = (n: number, seed: number) =>
  generate(n, 3, seed, (rng, out) => {
    const t = 1.5 * Math.PI * (1 + 2 * rng());
    out[0] = t * Math.cos(t);
    out[1] = 21 * rng();
    out[2] = t * Math.sin(t);
  });

/** Independent reference: all pairwise distances in float64, sorted per row (self excluded). */
export function bruteForceKnn(m: DenseMatrix, k: number): Float64Array[] {
  const rows: Float64Array[] = [];
  for (let i = 0; i < m.rows; i++) {
    const d = new Float64Array(m.rows - 1);
    let w = 0;
    for (let j = 0; j < m.rows; j++) {
      if (j === i) continue;
      let s = 0;
      for (let c = 0; c < m.cols; c++) s += (m.data[i * m.cols + c]! - m.data[j * m.cols + c]!) ** 2;
      d[w++] = Math.sqrt(s);
    }
    rows.push(d.sort().slice(0, k));
  }
  return rows;
}
