import type { IoPlan } from './conventions.js';
import type { KeptIds } from './pruned.js';
import type { BatchOutput } from './run-batch.js';

export interface ProbeResult {
  /** Whether batches may be cut to their longest prompt. */
  canCut: boolean;
  /** Largest |padded - cut| over the probe's valid token features; undefined when not probed. */
  maxDiff: number | undefined;
  reason: string;
}

/** Tolerance of the load-time probe (padded and cut must agree within 1e-5). */
export const PROBE_TOLERANCE = 1e-5;

// Probe prompts: start 49406, a few ordinary ids, end 49407 (valid in every CLIP vocabulary), of different lengths.
const PROBE_IDS = [
  [49406, 320, 1929, 49407],
  [49406, 320, 736, 1125, 530, 518, 2368, 49407],
];

/**
 * Cutting a batch to its longest prompt is exact only when padding cannot influence valid tokens
 * (causal mask, or an attention mask the model respects). Do not assume it: encode the same prompts
 * padded to the context and cut, and compare the valid rows.
 */
export async function probeCutting(run: (ids: number[][], seq: number) => Promise<BatchOutput>, target: { plan: IoPlan; contextLength: number; kept?: KeptIds | undefined }): Promise<ProbeResult> {
  const { plan, contextLength, kept } = target;
  if (plan.fixedSeq !== undefined) return { canCut: false, maxDiff: undefined, reason: `sequence axis fixed at ${plan.fixedSeq}: every batch is padded to it` };
  if (plan.pooled) return { canCut: false, maxDiff: undefined, reason: 'pooled output: padding to the full context (not probed)' };
  // A pruned model runs only the ids it kept: its probes are made of those, of the same lengths.
  const probes = (kept ? PROBE_IDS.map((p) => kept.sample(p.length)) : PROBE_IDS).filter((p) => p.length <= contextLength);
  if (probes.length === 0) return { canCut: false, maxDiff: undefined, reason: `context ${contextLength} shorter than the probe prompts: every batch padded to it` };
  const batches = plan.fixedBatch === 1 ? probes.map((p) => [p]) : [probes];
  let maxDiff = 0;
  for (const batch of batches) {
    const cutLength = Math.max(...batch.map((p) => p.length));
    const padded = await run(batch, contextLength);
    const cut = await run(batch, cutLength);
    batch.forEach((p, r) => {
      for (let t = 0; t < p.length; t++) {
        for (let k = 0; k < padded.dim; k++) {
          const a = padded.data[(r * padded.seq + t) * padded.dim + k] ?? NaN;
          const b = cut.data[(r * cut.seq + t) * cut.dim + k] ?? NaN;
          const d = Math.abs(a - b);
          maxDiff = Number.isNaN(d) ? Infinity : Math.max(maxDiff, d);
        }
      }
    });
  }
  return maxDiff <= PROBE_TOLERANCE
    ? { canCut: true, maxDiff, reason: `probe: padded and cut agree (max diff ${maxDiff.toExponential(1)}): batches cut to their longest prompt` }
    : { canCut: false, maxDiff, reason: `probe: padding changes valid tokens (max diff ${maxDiff.toExponential(1)} > ${PROBE_TOLERANCE}): every batch padded to ${contextLength}` };
}
