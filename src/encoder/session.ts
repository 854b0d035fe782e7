import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ort from 'onnxruntime-node';
import { cannotRead, LiteTextError } from '../errors.js';
import { silentLogger } from '../logger.js';
import { planIo, type IoPlan } from './conventions.js';
import { createSession } from './create-session.js';
import { fileStamp, readModelMemo, sha256Files, writeModelMemo, type FileStamp } from './model-memo.js';
import { externalFiles, readModel } from './onnx/proto.js';
import { probeCutting, type ProbeResult } from './probe.js';
import { KeptIds, readPrunedInfo, type PrunedInfo } from './pruned.js';
import { runBatch } from './run-batch.js';
import { formatSignature, readSignature, type Signature } from './signature.js';

import { DEVICES, type EncoderOptions } from './session-options.js';

export type { EncoderOptions } from './session-options.js';

export interface Encoder {
  /** The .onnx file (a folder resolves to onnx/text_model.onnx or model.onnx inside it). */
  path: string;
  /** Model file plus its external-data files. */
  files: string[];
  /** sha256 over the model file(s): the cache key's model part. */
  modelHash: string;
  signature: Signature;
  plan: IoPlan;
  contextLength: number;
  padId: number;
  /** A model written by prune-encoder: the ids it keeps (embed refuses others). */
  kept: KeptIds | undefined;
  /** Set by ready(): whether batches may be cut to their longest prompt. */
  probe: ProbeResult | undefined;
  session: ort.InferenceSession | undefined;
  /** Loads the ORT session (if not yet) and runs the cut probe; embed() calls it only when something must be computed. */
  ready(): Promise<{ session: ort.InferenceSession; probe: ProbeResult }>;
  close(): Promise<void>;
}

/** A folder given as --encoder: transformers.js layout (onnx/text_model.onnx) or a single model.onnx. */
export function resolveModelPath(path: string): string {
  let folder: boolean;
  try {
    folder = statSync(path).isDirectory();
  } catch (error) {
    throw cannotRead(path, error, 'give the .onnx file (its .onnx.data beside it) or a transformers.js folder', { what: 'the encoder' });
  }
  if (!folder) return path;
  for (const candidate of [join(path, 'onnx', 'text_model.onnx'), join(path, 'text_model.onnx'), join(path, 'model.onnx')]) {
    if (existsSync(candidate)) return candidate;
  }
  throw new LiteTextError('E_IO', `${path}: folder holds no onnx/text_model.onnx, text_model.onnx or model.onnx`, 'give the .onnx file itself');
}

export async function openEncoder(modelPath: string, options: EncoderOptions = {}): Promise<Encoder> {
  const logger = options.logger ?? silentLogger;
  if (options.device !== undefined && !(DEVICES as readonly string[]).includes(options.device)) {
    throw new LiteTextError('E_USAGE', `--device ${options.device}: unknown device`, `use one of ${DEVICES.join(', ')}`);
  }
  const path = resolveModelPath(modelPath);
  const memo = options.memoDir === undefined ? undefined : readModelMemo(options.memoDir, path, logger);
  let session: ort.InferenceSession | undefined;
  let files: string[];
  let modelHash: string;
  let signature: Signature;
  let stamps: FileStamp[] = [];
  let pruned: PrunedInfo | undefined;
  if (memo) {
    ({ modelHash, signature, pruned } = memo);
    files = memo.files.map((f) => f.path);
  } else {
    const model = readModel(path);
    pruned = readPrunedInfo(model, path);
    files = [path, ...externalFiles(model, path)];
    // Stamped before hashing: a file that changes while it is hashed no longer matches its stamp.
    stamps = files.map(fileStamp);
    [modelHash, session] = await Promise.all([sha256Files(files), createSession(path, options)]);
    signature = readSignature(session);
  }
  logger.debug(`encoder ${path}: ${formatSignature(signature)}`);
  let plan: IoPlan;
  try {
    plan = planIo(path, signature, options.convention, options.output);
    // Written before any work: a cache folder that cannot be written stops the run here.
    if (!memo && options.memoDir !== undefined) writeModelMemo(options.memoDir, path, { files: stamps, modelHash, signature, pruned });
  } catch (error) {
    await session?.release();
    throw error;
  }
  const encoder: Encoder = {
    path, files, modelHash, signature, plan,
    // A pruned model's positional rows end at its recorded context: prompts are cut to it.
    contextLength: Math.min(plan.fixedSeq ?? options.contextLength ?? 32, pruned?.contextLength ?? Infinity),
    padId: options.padId ?? 0,
    kept: pruned === undefined ? undefined : new KeptIds(pruned),
    probe: undefined,
    session,
    async ready() {
      encoder.session ??= await createSession(path, options);
      const target = { session: encoder.session, plan, padId: encoder.padId, path };
      encoder.probe ??= options.allowCut === false
        ? { canCut: false, maxDiff: undefined, reason: 'cutting disabled: every batch padded to the context' }
        : await probeCutting((ids, seq) => runBatch(target, ids, seq), { plan, contextLength: encoder.contextLength, kept: encoder.kept });
      logger.info(`encoder: ${plan.convention} convention, output ${plan.output}${plan.layout === 'sequence-first' ? ' (sequence-first)' : ''}; ${encoder.probe.reason}`);
      return { session: encoder.session, probe: encoder.probe };
    },
    async close() {
      await encoder.session?.release();
      encoder.session = undefined;
    },
  };
  return encoder;
}
