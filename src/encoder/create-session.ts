import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import ort from 'onnxruntime-node';
import { LiteTextError } from '../errors.js';
import type { EncoderOptions } from './session-options.js';

/** Where onnxruntime-node keeps its native libraries (bin/napi-v6/<platform>/<arch>). */
function nativeDir(): string | undefined {
  try {
    const main = createRequire(import.meta.url).resolve('onnxruntime-node');
    return join(dirname(main), '..', 'bin', 'napi-v6', process.platform, process.arch);
  } catch {
    return undefined;
  }
}

/** The CUDA EP needs libonnxruntime_providers_cuda beside the binding (Linux builds); say so before ORT logs a native error. */
function assertDevice(device: string, path: string): void {
  if (device !== 'cuda' || process.platform !== 'linux') return;
  const dir = nativeDir();
  if (dir && existsSync(dir) && !existsSync(join(dir, 'libonnxruntime_providers_cuda.so'))) {
    throw new LiteTextError('E_DEVICE', `${path}: the cuda execution provider is not available in the installed onnxruntime-node (no libonnxruntime_providers_cuda.so in ${dir})`,
      'use --device cpu, or install onnxruntime-node with its CUDA binaries (npm install onnxruntime-node --onnxruntime-node-install-cuda)');
  }
}

/** ORT's process-wide logger (read once, when the first session of the process is made): fatal only. */
function silenceOrt(): void {
  ort.env.logLevel = 'fatal';
}

/** A session over the model file at `path`, or over `bytes` (an inline model; `path` then only names it in errors). */
export async function createSession(path: string, options: EncoderOptions, bytes?: Uint8Array): Promise<ort.InferenceSession> {
  silenceOrt();
  const device = options.device ?? 'cpu';
  assertDevice(device, path);
  const sessionOptions: ort.InferenceSession.SessionOptions = {
    executionProviders: [device],
    graphOptimizationLevel: 'all',
    // 4 = fatal only: ORT's own [E:onnxruntime:...] / [W:...] lines never reach the terminal; its errors
    // come back as exceptions and become one lite-text line.
    logSeverityLevel: 4,
    ...(options.threads !== undefined ? { intraOpNumThreads: options.threads } : {}),
  };
  try {
    // The path (not bytes) lets ORT resolve external data (`model.onnx.data`) beside the model.
    return await (bytes === undefined ? ort.InferenceSession.create(path, sessionOptions) : ort.InferenceSession.create(bytes, sessionOptions));
  } catch (error) {
    const message = ((error as Error).message ?? String(error)).split('\n')[0] ?? '';
    if (device !== 'cpu') {
      throw new LiteTextError('E_DEVICE', `${path}: the ${device} execution provider is not available in the installed onnxruntime-node (${message})`,
        'use --device cpu, or install onnxruntime-node with its CUDA binaries (npm install onnxruntime-node --onnxruntime-node-install-cuda)');
    }
    throw new LiteTextError('E_ENCODER', `${path}: onnxruntime cannot load the model (${message})`, 'check that the file is a complete ONNX export and its .data file sits beside it');
  }
}
