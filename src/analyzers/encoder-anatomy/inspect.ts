import { LiteTextError } from '../../errors.js';
import { externalFiles, readModel, tensorDims, tensorFloats } from '../../encoder/onnx/proto.js';
import { elementBytes } from '../../encoder/onnx/proto.js';
import { resolveModelPath } from '../../encoder/session.js';
import { ARCHITECTURES, ARCH_NAMES, archPieces } from './arch.js';
import { attribute } from './attribute.js';
import { breakdown } from './breakdown.js';
import { positionalSimilarity } from './positional.js';
import type { EncoderAnatomy } from './schema.js';

const MIB = 1024 * 1024;

/** Token usage of a corpus: the distinct ids it uses (specials included) and how many prompts. */
export interface CorpusUsage {
  prompts: number;
  usedIds: ReadonlySet<number>;
}

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

/** Anatomy of a built-in architecture description (no weights): no positional similarity. */
export function inspectArch(name: string, usage?: CorpusUsage): EncoderAnatomy {
  const arch = ARCHITECTURES[name];
  if (!arch) throw new LiteTextError('E_USAGE', `--arch ${name}: unknown architecture`, `use one of ${ARCH_NAMES.join(', ')}`);
  const pieces = archPieces(arch);
  return {
    source: { kind: 'arch', name: `${arch.name} (${arch.source})` },
    architecture: { vocabSize: arch.vocabSize, width: arch.width, layers: new Set(pieces.map((p) => p.layer).filter((l) => l !== undefined)).size, contextLength: arch.contextLength },
    ...breakdown(pieces),
    unattributed: [],
    constants: { tensors: 0, elements: 0 },
    ...(usage ? { corpus: unusedRows(usage, arch.vocabSize, arch.width, 4) } : {}),
  };
}

function unusedRows(usage: CorpusUsage, vocab: number, width: number, storedBytes: number): NonNullable<EncoderAnatomy['corpus']> {
  const usedRows = [...usage.usedIds].filter((id) => id >= 0 && id < vocab).length;
  const unused = vocab - usedRows;
  return { prompts: usage.prompts, usedRows, unusedRows: unused, unusedMiB: { stored: (unused * width * storedBytes) / MIB, fp32: (unused * width * 4) / MIB, fp16: (unused * width * 2) / MIB } };
}
