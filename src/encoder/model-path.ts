import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { cannotRead, LiteTextError } from '../errors.js';

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
