import { availableParallelism } from 'node:os';
import ort from 'onnxruntime-node';
import { modelBytes, type GraphName } from './onnx-graphs.js';

// One session per graph: block shapes vary per call through the dynamic dimensions.
const sessions = new Map<GraphName, Promise<ort.InferenceSession>>();

function session(name: GraphName): Promise<ort.InferenceSession> {
  let s = sessions.get(name);
  if (!s) {
    s = ort.InferenceSession.create(modelBytes(name), {
      intraOpNumThreads: Math.max(1, availableParallelism()),
      interOpNumThreads: 1,
      graphOptimizationLevel: 'all',
      executionProviders: ['cpu'],
      // Idle pool threads sleep instead of spinning: between runs the main thread merges candidates,
      // and on a small (often shared) machine a spinning thread takes the core it needs.
      extra: { session: { intra_op: { allow_spinning: '0' } } },
    });
    sessions.set(name, s);
  }
  return s;
}

/** A (m×k) · B (n×k)ᵀ in float32; returns the m×n product, row-major. */
export async function gemmABt(a: Float32Array, m: number, b: Float32Array, n: number, k: number): Promise<Float32Array> {
  const out = await (await session('dots32')).run({ A: new ort.Tensor('float32', a, [m, k]), B: new ort.Tensor('float32', b, [n, k]) });
  return out['C']!.data as Float32Array;
}

/** Aᵀ·A for A (m×k) in float64 (the block's contribution to a Gram matrix); returns k×k. */
export async function gramF64(a: Float64Array, m: number, k: number): Promise<Float64Array> {
  const out = await (await session('gram64')).run({ A: new ort.Tensor('float64', a, [m, k]) });
  return out['C']!.data as Float64Array;
}

let range = new Int32Array(0);
/** 0, 1, …, n − 1 (a shared, growing buffer). */
function iota(n: number): Int32Array {
  if (range.length < n) {
    range = new Int32Array(n);
    for (let i = 0; i < n; i++) range[i] = i;
  }
  return range.subarray(0, n);
}

/** Selected float32 keys of a block and where each came from. */
export interface BlockKeys {
  keys: Float32Array;
  index: Int32Array;
}

/** Each A row's kr smallest keys −2 a·b + |b|² over B (bi×kr; index: the column, 0..bj), via ORT TopK. */
export async function rowTopK(a: Float32Array, bi: number, b: Float32Array, bj: number, d: number, bNorms: Float32Array, kr: number): Promise<BlockKeys> {
  const out = await (await session('topk32')).run({
    A: new ort.Tensor('float32', a, [bi, d]),
    B: new ort.Tensor('float32', b, [bj, d]),
    NB: new ort.Tensor('float32', bNorms, [bj]),
    KR: new ort.Tensor('int64', BigInt64Array.of(BigInt(kr)), [1]),
  });
  return { keys: out['RV']!.data as Float32Array, index: out['RI']!.data as Int32Array };
}

/**
 * Row side: keys −2 a·b + |b|² strictly below the A row's threshold; column side: keys −2 a·b + |a|²
 * strictly below the B row's threshold. Indices are flat into the bi×bj block, ascending.
 */
export async function filterBlock(
  a: Float32Array, bi: number, b: Float32Array, bj: number, d: number,
  aNorms: Float32Array, bNorms: Float32Array, aThr: Float32Array, bThr: Float32Array,
): Promise<{ rows: BlockKeys; cols: BlockKeys }> {
  const out = await (await session('filter32')).run({
    A: new ort.Tensor('float32', a, [bi, d]),
    B: new ort.Tensor('float32', b, [bj, d]),
    NB: new ort.Tensor('float32', bNorms, [bj]),
    NA: new ort.Tensor('float32', aNorms, [bi, 1]),
    TR: new ort.Tensor('float32', aThr, [bi, 1]),
    TC: new ort.Tensor('float32', bThr, [bj]),
    IOTA: new ort.Tensor('int32', iota(bi * bj), [bi * bj]),
  });
  return {
    rows: { keys: out['RV']!.data as Float32Array, index: out['RI']!.data as Int32Array },
    cols: { keys: out['CV']!.data as Float32Array, index: out['CI']!.data as Int32Array },
  };
}
