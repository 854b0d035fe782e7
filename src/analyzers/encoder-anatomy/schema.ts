import * as z from 'zod';

const count = z.number().int().nonnegative();

/** Bytes of a set of parameters: as stored in the file, and if held at fp32 / fp16 / int8. */
export const BytesSchema = z.object({ stored: count, fp32: count, fp16: count, int8: count });

export const COMPONENTS = ['tokenEmbedding', 'positionalEmbedding', 'attention', 'mlp', 'norms', 'tokenMixer', 'finalNorm', 'projection', 'resizer', 'unattributed'] as const;
export type Component = (typeof COMPONENTS)[number];
export const LAYER_PARTS = ['attention', 'mlp', 'norms', 'tokenMixer'] as const;
export type LayerPart = (typeof LAYER_PARTS)[number];

const byComponent = z.object(Object.fromEntries(COMPONENTS.map((c) => [c, count])) as Record<Component, typeof count>);

/** The `encoder-anatomy` report section (also what `inspect-encoder --json` prints). */
export const EncoderAnatomySchema = z.object({
  source: z.object({ kind: z.enum(['onnx', 'arch']), name: z.string(), files: z.array(z.string()).optional() }),
  architecture: z.object({ vocabSize: count.optional(), width: count.optional(), layers: count, contextLength: count.optional() }),
  parameters: z.object({
    total: count,
    byComponent,
    byLayer: z.array(z.object({ layer: count, attention: count, mlp: count, norms: count, tokenMixer: count, total: count })),
  }),
  bytes: z.object({ total: BytesSchema, byComponent: z.record(z.string(), BytesSchema) }),
  /** Initializers no rule could place (name, shape, parameters). */
  unattributed: z.array(z.object({ name: z.string(), shape: z.array(count), parameters: count })),
  /** Integer tensors and float scalars (shapes, axes, mask constants): not parameters. */
  constants: z.object({ tensors: count, elements: count }),
  positional: z.object({
    rows: count,
    width: count,
    /** For each position p: the mean cosine similarity of row p to rows p-1 and p+1 (those that exist). */
    meanNeighbourSimilarity: z.array(z.number()),
    /** Cosine similarity of every pair of positional rows [rows][rows]. */
    similarity: z.array(z.array(z.number())),
  }).optional(),
  corpus: z.object({
    prompts: count,
    /** Distinct ids the corpus uses, start and end tokens included. */
    usedRows: count,
    unusedRows: count,
    unusedMiB: z.object({ stored: z.number(), fp32: z.number(), fp16: z.number() }),
  }).optional(),
});

export type EncoderAnatomy = z.infer<typeof EncoderAnatomySchema>;
