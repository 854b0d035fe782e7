import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { LiteTextError } from '../errors.js';

/** A folder given as --encoder: transformers.js layout (onnx/text_model.onnx) or a single model.onnx. */
export function resolveModelPath(path: string): string {
  if (!existsSync(path)) throw new LiteTextError('E_IO', `${path}: no such encoder file or folder`, 'give the .onnx file (its .onnx.data beside it) or a transformers.js folder');
  if (!statSync(path).isDirectory()) return path;
  for (const candidate of [join(path, 'onnx', 'text_model.onnx'), join(path, 'text_model.onnx'), join(path, 'model.onnx')]) {
    if (existsSync(candidate)) return candidate;
  }
  throw new LiteTextError('E_IO', `${path}: folder holds no onnx/text_model.onnx, text_model.onnx or model.onnx`, 'give the .onnx file itself');
}
