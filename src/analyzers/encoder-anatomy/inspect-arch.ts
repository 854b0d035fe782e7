import { LiteTextError } from '../../errors.js';
import { ARCHITECTURES, ARCH_NAMES, archPieces } from './arch.js';
import { breakdown } from './breakdown.js';
import type { EncoderAnatomy } from './schema.js';

// The anatomy without weights, apart from inspect.ts: an ONNX file needs onnx-proto, which the
// analyzer registry must not load (analyze without --encoder never reads a model).

const MIB = 1024 * 1024;

/** Token usage of a corpus: the distinct ids it uses (specials included) and how many prompts. */
export interface CorpusUsage {
  prompts: number;
  usedIds: ReadonlySet<number>;
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

/** The embedding rows the corpus never uses, and their memory as stored, at fp32 and at fp16. */
export function unusedRows(usage: CorpusUsage, vocab: number, width: number, storedBytes: number): NonNullable<EncoderAnatomy['corpus']> {
  const usedRows = [...usage.usedIds].filter((id) => id >= 0 && id < vocab).length;
  const unused = vocab - usedRows;
  return { prompts: usage.prompts, usedRows, unusedRows: unused, unusedMiB: { stored: (unused * width * storedBytes) / MIB, fp32: (unused * width * 4) / MIB, fp16: (unused * width * 2) / MIB } };
}
