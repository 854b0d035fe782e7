import { availableParallelism } from 'node:os';
import type ort from 'onnxruntime-node';
import { GRAPH_BYTES } from './onnx-graphs-bytes.js';

let api: typeof ort | undefined;
let loading: Promise<typeof ort> | undefined;

/**
 * onnxruntime-node, loaded on first use: the CLI's main thread needs it only for what it runs itself
 * (the covariance; the kNN of small inputs), so a command's start-up does not wait for it.
 */
export function loadOrt(): Promise<typeof ort> {
  loading ??= import('onnxruntime-node').then((m) => (api = (m as { default?: typeof ort }).default ?? (m as unknown as typeof ort)));
  return loading;
}

/** The loaded module (after a session was opened). */
export function ortApi(): typeof ort {
  if (!api) throw new Error('onnxruntime-node used before loadOrt()');
  return api;
}

export type GraphName = keyof typeof GRAPH_BYTES;

/** The ONNX model of one of the estimators' graphs (onnx-graphs.ts, committed as bytes). */
export function graphBytes(name: GraphName): Uint8Array {
  return Buffer.from(GRAPH_BYTES[name], 'base64');
}

/** A CPU session for one of the estimators' small graphs, on `threads` intra-op threads. */
async function openSession(name: GraphName, threads: number): Promise<ort.InferenceSession> {
  const o = await loadOrt();
  return o.InferenceSession.create(graphBytes(name), {
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
    executionProviders: ['cpu'],
    // Idle pool threads sleep instead of spinning: between runs the main thread does other work,
    // and on a small (often shared) machine a spinning thread takes the core it needs.
    extra: { session: { intra_op: { allow_spinning: '0' } } },
  });
}

// One session per graph and thread count, made on first use (sessions keep no state between runs).
const sessions = new Map<string, Promise<ort.InferenceSession>>();

/** The session of `name` on `threads` intra-op threads (default: one per core), shared by every caller in this thread. */
export function session(name: GraphName, threads = Math.max(1, availableParallelism())): Promise<ort.InferenceSession> {
  const key = `${name}:${threads}`;
  let s = sessions.get(key);
  if (!s) {
    s = openSession(name, threads);
    sessions.set(key, s);
  }
  return s;
}

/** −2·A (m×k) · B (n×k)ᵀ in float32 (the `tile32` graph), written into `out` (m·n values, not shared memory): ORT fills it in place. */
export async function tileInto(s: ort.InferenceSession, a: Float32Array, m: number, b: Float32Array, n: number, k: number, out: Float32Array): Promise<void> {
  const { Tensor } = ortApi();
  await s.run({ A: new Tensor('float32', a, [m, k]), B: new Tensor('float32', b, [n, k]) }, { C: new Tensor('float32', out, [m, n]) });
}
