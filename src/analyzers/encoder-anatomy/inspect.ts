import { LiteTextError } from '../../errors.js';
import { elementBytes, externalFiles, readModel, tensorDims, tensorFloats } from '../../encoder/onnx/proto.js';
import { resolveModelPath } from '../../encoder/model-path.js';
import { attribute } from './attribute.js';
import { breakdown } from './breakdown.js';
import { positionalSimilarity } from './positional.js';
import type { EncoderAnatomy } from './schema.js';
import { unusedRows, type CorpusUsage } from './inspect-arch.js';

/** Anatomy of an ONNX text encoder, read from its initializers (external data included). */
export function inspectOnnx(modelPath: string, usage?: CorpusUsage): EncoderAnatomy {
  const path = resolveModelPath(modelPath);
  const model = readModel(path);
  const a = attribute(model);
  const tok = [...a.byName.entries()].find(([n]) => a.componentOf.get(n) === 'tokenEmbedding')?.[1];
  const pos = [...a.byName.entries()].find(([n]) => a.componentOf.get(n) === 'positionalEmbedding')?.[1];
  const tokDims = tok ? tensorDims(tok) : [];
  const posDims = pos ? tensorDims(pos).filter((d) => d !== 1) : [];
  let positional: EncoderAnatomy['positional'];
  if (pos && posDims.length === 2) {
    const values = tensorFloats(pos, path);
    if (values) positional = positionalSimilarity(values, posDims[0]!, posDims[1]!);
  }
  const section: EncoderAnatomy = {
    source: { kind: 'onnx', name: path, files: [path, ...externalFiles(model, path)] },
    architecture: {
      ...(tokDims.length === 2 ? { vocabSize: tokDims[0]!, width: tokDims[1]! } : {}),
      layers: new Set(a.pieces.filter((p) => p.layer !== undefined).map((p) => p.layer)).size,
      ...(posDims.length === 2 ? { contextLength: posDims[0]! } : {}),
    },
    ...breakdown(a.pieces),
    unattributed: a.unattributed,
    constants: a.constants,
    ...(positional ? { positional } : {}),
  };
  if (usage) {
    if (tokDims.length !== 2) throw new LiteTextError('E_ENCODER', `${path}: no token-embedding table found, so --corpus cannot count unused rows`, 'inspect the initializer names with --json (unattributed)');
    section.corpus = unusedRows(usage, tokDims[0]!, tokDims[1]!, elementBytes(tok!.dataType ?? 1));
  }
  return section;
}
