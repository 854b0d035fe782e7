import type { TinySpec, Weights } from '../../src/encoder/testing/weights.js';

/**
 * An independent float64 forward pass of the generated encoder, written from the architecture
 * (pre-LN CLIP blocks, exact GELU, final LN, resizer), not from the ONNX graph. `causal` and
 * `attend` decide which keys a query sees. Returns per-token features [seq, outDim] and hidden [seq, width].
 */
export function referenceForward(w: Weights, spec: TinySpec, ids: number[], opts: { causal: boolean; valid: number }): { features: number[][]; hidden: number[][] } {
  const W = spec.width;
  const get = (k: string) => w.get(k)!.data;
  const S = ids.length;
  let x = ids.map((id, t) => Array.from({ length: W }, (_, k) => get('tok')[id * W + k]! + get('pos')[t * W + k]!));
  const ln = (v: number[], key: string) => {
    const mean = v.reduce((a, b) => a + b, 0) / W;
    const variance = v.reduce((a, b) => a + (b - mean) ** 2, 0) / W;
    return v.map((a, k) => ((a - mean) / Math.sqrt(variance + 1e-5)) * get(`${key}.w`)[k]! + get(`${key}.b`)[k]!);
  };
  const linear = (v: number[], key: string) => {
    const wt = get(`${key}.w`);
    const b = get(`${key}.b`);
    const out = b.length;
    return Array.from({ length: out }, (_, j) => v.reduce((acc, a, i) => acc + a * wt[i * out + j]!, b[j]!));
  };
  const erf = (z: number) => {
    // Maclaurin series erf z = 2/sqrt(pi) sum (-1)^n z^(2n+1) / (n! (2n+1)) (A&S 7.1.5), exact to ~1e-14 for |z| <= 4;
    // beyond, erf is +-1 within 1.6e-8.
    if (Math.abs(z) > 4) return Math.sign(z);
    let sum = 0;
    let term = z;
    for (let n = 0; n < 60; n++) {
      sum += term / (2 * n + 1);
      term *= (-z * z) / (n + 1);
    }
    return (2 / Math.sqrt(Math.PI)) * sum;
  };
  const hd = W / spec.heads;
  for (let l = 0; l < spec.layers; l++) {
    const h = x.map((v) => ln(v, `l${l}.ln1`));
    const q = h.map((v) => linear(v, `l${l}.q`));
    const k = h.map((v) => linear(v, `l${l}.k`));
    const v = h.map((r) => linear(r, `l${l}.v`));
    const ctx = x.map(() => new Array<number>(W).fill(0));
    for (let head = 0; head < spec.heads; head++) {
      for (let i = 0; i < S; i++) {
        const scores: number[] = [];
        for (let j = 0; j < S; j++) {
          const allowed = (!opts.causal || j <= i) && j < opts.valid;
          let dot = 0;
          for (let d = 0; d < hd; d++) dot += q[i]![head * hd + d]! * k[j]![head * hd + d]!;
          scores.push(allowed ? dot / Math.sqrt(hd) : -Infinity);
        }
        const m = Math.max(...scores);
        const e = scores.map((s) => Math.exp(s - m));
        const z = e.reduce((a, b) => a + b, 0);
        for (let j = 0; j < S; j++) for (let d = 0; d < hd; d++) ctx[i]![head * hd + d]! += (e[j]! / z) * v[j]![head * hd + d]!;
      }
    }
    x = x.map((r, i) => { const o = linear(ctx[i]!, `l${l}.o`); return r.map((a, kk) => a + o[kk]!); });
    x = x.map((r) => {
      const a = linear(ln(r, `l${l}.ln2`), `l${l}.fc1`).map((z) => 0.5 * z * (1 + erf(z / Math.SQRT2)));
      const o = linear(a, `l${l}.fc2`);
      return r.map((b, kk) => b + o[kk]!);
    });
  }
  const hidden = x.map((v) => ln(v, 'lnf'));
  return { hidden, features: hidden.map((v) => linear(v, 'resizer')) };
}
