import type ort from 'onnxruntime-node';
import { planIo, type IoPlan } from '../encoder/conventions.js';
import { createSession } from '../encoder/create-session.js';
import { buildFeeds } from '../encoder/build-feeds.js';
import { toNumber, type ModelProto } from '../encoder/onnx/proto.js';
import { PROBE_TOLERANCE } from '../encoder/probe.js';
import { runBatch } from '../encoder/run-batch.js';
import { readSignature } from '../encoder/signature.js';
import { LiteTextError } from '../errors.js';

export interface Planned {
  /** What errors name. */
  path: string;
  session: ort.InferenceSession;
  plan: IoPlan;
}

export interface IoChoice {
  convention?: string | undefined;
  output?: string | undefined;
}

/** A session (over the file, or over inline model bytes) and its I/O plan, as embed would make them. */
export async function openPlanned(path: string, io: IoChoice, bytes?: Uint8Array): Promise<Planned> {
  const session = await createSession(path, {}, bytes);
  try {
    return { path, session, plan: planIo(path, readSignature(session), io.convention, io.output) };
  } catch (error) {
    await session.release();
    throw error;
  }
}

/** The pruned model must be fed and read exactly as the original: same convention, inputs and output. */
export function assertSamePlan(source: string, a: IoPlan, b: IoPlan): void {
  const key = (p: IoPlan) => JSON.stringify([p.convention, p.output, p.layout, p.pooled, p.width, p.fixedBatch, p.feeds.map((f) => [f.name, f.role, f.type])]);
  if (key(a) !== key(b)) {
    throw new LiteTextError('E_ENCODER', `${source}: the pruned model no longer matches the original's I/O (${a.convention} ${a.output} -> ${b.convention} ${b.output})`, 'prune-encoder keeps every input and output; report this model');
  }
}

/**
 * The valid rows of each probe through one model, in batches of its fixed batch size, padded to its
 * context (as embed pads when it may not cut batches: the case where padding could matter).
 */
export async function probeFeatures(m: Planned, probes: readonly number[][], padId: number, context: number): Promise<Float32Array[]> {
  const per = m.plan.fixedBatch ?? probes.length;
  const out: Float32Array[] = [];
  for (let i = 0; i < probes.length; i += per) {
    const batch = probes.slice(i, i + per);
    const real = batch.length;
    while (batch.length < per) batch.push(batch[0]!);
    const r = await runBatch({ session: m.session, plan: m.plan, padId, path: m.path }, batch, m.plan.fixedSeq ?? context);
    for (let j = 0; j < real; j++) out.push(r.data.slice(j * r.seq * r.dim, (j * r.seq + (m.plan.pooled ? 1 : batch[j]!.length)) * r.dim));
  }
  return out;
}

/** Largest |a - b| over every probe's rows (Infinity when a shape or a value differs in kind). */
export function maxDifference(a: readonly Float32Array[], b: readonly Float32Array[]): number {
  let max = 0;
  a.forEach((x, p) => {
    const y = b[p];
    if (!y || y.length !== x.length) max = Infinity;
    else for (let i = 0; i < x.length; i++) max = Math.max(max, Number.isNaN(x[i]! - y[i]!) ? Infinity : Math.abs(x[i]! - y[i]!));
  });
  return max;
}

export const VERIFY_TOLERANCE = PROBE_TOLERANCE;

/**
 * After a fixed sequence axis was cut, the declared output shapes still name the old context: run the
 * pruned model once and set every fixed output dim to what it returns. Returns whether any changed.
 */
export async function fitOutputShapes(model: ModelProto, m: Planned, probe: readonly number[], padId: number): Promise<boolean> {
  const rows = Array.from({ length: m.plan.fixedBatch ?? 1 }, () => probe);
  const result = await m.session.run(buildFeeds(m.plan.feeds, rows, m.plan.fixedSeq ?? probe.length, padId), { logSeverityLevel: 4 });
  let changed = false;
  for (const output of model.graph?.output ?? []) {
    const actual = result[output.name ?? '']?.dims;
    (output.type?.tensorType?.shape?.dim ?? []).forEach((d, i) => {
      const size = actual?.[i];
      // dim_value is one arm of a oneof: only a dim that holds it (not a dim_param) is fixed.
      if (Object.prototype.hasOwnProperty.call(d, 'dimValue') && size !== undefined && toNumber(d.dimValue) !== size) {
        d.dimValue = size;
        changed = true;
      }
    });
  }
  return changed;
}
