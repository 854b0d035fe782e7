/** Seeded weights of a tiny CLIP-style text encoder (the same weights feed every I/O convention). */
export interface TinySpec {
  vocab: number;
  context: number;
  width: number;
  layers: number;
  heads: number;
  mlpRatio: number;
  /** SAM3's "resizer" output width (1024 -> 256 in SAM3). */
  outDim: number;
  /** Width of an (unused) text projection stored in the file, as SAM3 keeps one; 0 = none. */
  projectionDim: number;
  seed: number;
}

export const TINY_SPEC: TinySpec = { vocab: 49408, context: 32, width: 32, layers: 2, heads: 2, mlpRatio: 4, outDim: 256, projectionDim: 16, seed: 1 };

export interface Param {
  dims: number[];
  data: Float32Array;
}

export type Weights = Map<string, Param>;

/** mulberry32: a tiny deterministic PRNG. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Canonical keys: tok, pos, l{i}.{ln1,ln2}.{w,b}, l{i}.{q,k,v,o,fc1,fc2}.{w,b}, lnf.{w,b}, resizer.{w,b}, proj.w.
 * Linear weights are stored [in, out] (ONNX MatMul layout, as torch.onnx exports them).
 */
export function tinyWeights(spec: TinySpec = TINY_SPEC): Weights {
  const rand = rng(spec.seed);
  const w: Weights = new Map();
  const add = (key: string, dims: number[], scale: number, offset = 0): void => {
    const n = dims.reduce((a, b) => a * b, 1);
    const data = new Float32Array(n);
    for (let i = 0; i < n; i++) data[i] = offset + scale * (2 * rand() - 1);
    w.set(key, { dims, data });
  };
  const W = spec.width;
  const M = W * spec.mlpRatio;
  add('tok', [spec.vocab, W], 0.5);
  add('pos', [spec.context, W], 0.5);
  for (let i = 0; i < spec.layers; i++) {
    add(`l${i}.ln1.w`, [W], 0.1, 1);
    add(`l${i}.ln1.b`, [W], 0.1);
    for (const p of ['q', 'k', 'v', 'o']) {
      add(`l${i}.${p}.w`, [W, W], 1 / Math.sqrt(W));
      add(`l${i}.${p}.b`, [W], 0.05);
    }
    add(`l${i}.ln2.w`, [W], 0.1, 1);
    add(`l${i}.ln2.b`, [W], 0.1);
    add(`l${i}.fc1.w`, [W, M], 1 / Math.sqrt(W));
    add(`l${i}.fc1.b`, [M], 0.05);
    add(`l${i}.fc2.w`, [M, W], 1 / Math.sqrt(M));
    add(`l${i}.fc2.b`, [W], 0.05);
  }
  add('lnf.w', [W], 0.1, 1);
  add('lnf.b', [W], 0.1);
  add('resizer.w', [W, spec.outDim], 1 / Math.sqrt(W));
  add('resizer.b', [spec.outDim], 0.05);
  if (spec.projectionDim > 0) add('proj.w', [W, spec.projectionDim], 1 / Math.sqrt(W));
  return w;
}

/** Ground-truth parameter counts of what a generated file holds (for the anatomy tests). */
export interface KnownCounts {
  tokenEmbedding: number;
  positionalEmbedding: number;
  layers: Array<{ attention: number; mlp: number; norms: number }>;
  finalNorm: number;
  resizer: number;
  projection: number;
  total: number;
}

export function knownCounts(spec: TinySpec, included: { resizer: boolean; projection: boolean }): KnownCounts {
  const W = spec.width;
  const M = W * spec.mlpRatio;
  const layer = { attention: 4 * W * W + 4 * W, mlp: 2 * W * M + M + W, norms: 4 * W };
  const c = {
    tokenEmbedding: spec.vocab * W,
    positionalEmbedding: spec.context * W,
    layers: Array.from({ length: spec.layers }, () => ({ ...layer })),
    finalNorm: 2 * W,
    resizer: included.resizer ? W * spec.outDim + spec.outDim : 0,
    projection: included.projection ? W * spec.projectionDim : 0,
  };
  const total = c.tokenEmbedding + c.positionalEmbedding + spec.layers * (layer.attention + layer.mlp + layer.norms) + c.finalNorm + c.resizer + c.projection;
  return { ...c, total };
}
