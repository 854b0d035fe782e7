import { createHash } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ort from 'onnxruntime-node';
import { LiteTextError } from '../errors.js';
import { silentLogger, type Logger } from '../logger.js';
import { planIo, type IoPlan } from './conventions.js';
import { externalFiles, readModel } from './onnx/proto.js';
import { probeCutting, type ProbeResult } from './probe.js';
import { runBatch } from './run-batch.js';
import { formatSignature, readSignature, type Signature } from './signature.js';

export const DEVICES = ['cpu', 'cuda'] as const;
export type Device = (typeof DEVICES)[number];

export interface EncoderOptions {
  /** Force an I/O convention (--encoder-io). */
  convention?: string | undefined;
  /** Output tensor to read (--output). */
  output?: string | undefined;
  threads?: number | undefined;
  device?: Device | undefined;
  /** Context length token sequences are cut to (SAM3: 32). */
  contextLength?: number | undefined;
  /** Padding id (SAM3 pads with 0). */
  padId?: number | undefined;
  logger?: Logger | undefined;
  /** false: never cut batches (always pad to the context), e.g. for the naive baseline. Default true. */
  allowCut?: boolean | undefined;
}

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
  /** Whether batches may be cut to their longest prompt (dynamic seq axis and the load-time probe agreed). */
  probe: ProbeResult;
  session: ort.InferenceSession;
  close(): Promise<void>;
}

/** A folder given as --encoder: transformers.js layout (onnx/text_model.onnx) or a single model.onnx. */
export function resolveModelPath(path: string): string {
  if (!existsSync(path)) throw new LiteTextError('E_IO', `${path}: no such encoder file or folder`, 'pass the .onnx file (or a transformers.js folder) with --encoder');
  if (!statSync(path).isDirectory()) return path;
  for (const candidate of [join(path, 'onnx', 'text_model.onnx'), join(path, 'text_model.onnx'), join(path, 'model.onnx')]) {
    if (existsSync(candidate)) return candidate;
  }
  throw new LiteTextError('E_IO', `${path}: folder holds no onnx/text_model.onnx, text_model.onnx or model.onnx`, 'pass the .onnx file itself with --encoder');
}

async function sha256Files(files: string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const file of files) {
    for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  }
  return hash.digest('hex');
}

async function createSession(path: string, options: EncoderOptions): Promise<ort.InferenceSession> {
  const device = options.device ?? 'cpu';
  const sessionOptions: ort.InferenceSession.SessionOptions = {
    executionProviders: [device],
    graphOptimizationLevel: 'all',
    logSeverityLevel: 3,
    ...(options.threads !== undefined ? { intraOpNumThreads: options.threads } : {}),
  };
  try {
    // The path (not bytes) lets ORT resolve external data (`model.onnx.data`) beside the model.
    return await ort.InferenceSession.create(path, sessionOptions);
  } catch (error) {
    const message = ((error as Error).message ?? String(error)).split('\n')[0] ?? '';
    if (device !== 'cpu') {
      throw new LiteTextError('E_DEVICE', `${path}: the ${device} execution provider is not available in the installed onnxruntime-node (${message})`,
        'use --device cpu, or install an onnxruntime-node build with CUDA support (see onnxruntime-node docs)');
    }
    throw new LiteTextError('E_ENCODER', `${path}: onnxruntime cannot load the model (${message})`, 'check that the file is a complete ONNX export and its .data file sits beside it');
  }
}

export async function openEncoder(modelPath: string, options: EncoderOptions = {}): Promise<Encoder> {
  const logger = options.logger ?? silentLogger;
  if (options.device !== undefined && !(DEVICES as readonly string[]).includes(options.device)) {
    throw new LiteTextError('E_USAGE', `--device ${options.device}: unknown device`, `use one of ${DEVICES.join(', ')}`);
  }
  const path = resolveModelPath(modelPath);
  const files = [path, ...externalFiles(readModel(path), path)];
  const [modelHash, session] = await Promise.all([sha256Files(files), createSession(path, options)]);
  const signature = readSignature(session);
  logger.debug(`encoder ${path}: ${formatSignature(signature)}`);
  let plan: IoPlan;
  try {
    plan = planIo(path, signature, options.convention, options.output);
  } catch (error) {
    await session.release();
    throw error;
  }
  const contextLength = plan.fixedSeq ?? options.contextLength ?? 32;
  const padId = options.padId ?? 0;
  const partial = { path, files, modelHash, signature, plan, contextLength, padId, session };
  const probe = options.allowCut === false
    ? { canCut: false, maxDiff: undefined, reason: 'cutting disabled: every batch padded to the context' }
    : await probeCutting((ids, seq) => runBatch(partial, ids, seq), partial);
  logger.info(`encoder: ${plan.convention} convention, output ${plan.output}${plan.layout === 'sequence-first' ? ' (sequence-first)' : ''}, ${probe.reason}`);
  return { ...partial, probe, close: () => session.release() };
}
