import { COMPONENTS, LAYER_PARTS, type Component, type EncoderAnatomy, type LayerPart } from './schema.js';

/** One attributed parameter tensor. */
export interface Piece {
  component: Component;
  layer?: number | undefined;
  parameters: number;
  /** Bytes as stored in the file. */
  storedBytes: number;
}

/** Sums pieces into the report's parameter and byte breakdown (shared by ONNX reading and built-in architectures). */
export function breakdown(pieces: Piece[]): Pick<EncoderAnatomy, 'parameters' | 'bytes'> {
  const byComponent = Object.fromEntries(COMPONENTS.map((c) => [c, 0])) as Record<Component, number>;
  const stored = Object.fromEntries(COMPONENTS.map((c) => [c, 0])) as Record<Component, number>;
  const layers = new Map<number, Record<LayerPart, number>>();
  for (const p of pieces) {
    byComponent[p.component] += p.parameters;
    stored[p.component] += p.storedBytes;
    if (p.layer !== undefined && (LAYER_PARTS as readonly string[]).includes(p.component)) {
      const row = layers.get(p.layer) ?? { attention: 0, mlp: 0, norms: 0, tokenMixer: 0 };
      row[p.component as LayerPart] += p.parameters;
      layers.set(p.layer, row);
    }
  }
  const bytes = (params: number, storedBytes: number) => ({ stored: storedBytes, fp32: 4 * params, fp16: 2 * params, int8: params });
  const total = pieces.reduce((a, p) => a + p.parameters, 0);
  const totalStored = pieces.reduce((a, p) => a + p.storedBytes, 0);
  return {
    parameters: {
      total,
      byComponent,
      byLayer: [...layers.entries()].sort((a, b) => a[0] - b[0]).map(([layer, r]) => ({ layer, ...r, total: r.attention + r.mlp + r.norms + r.tokenMixer })),
    },
    bytes: {
      total: bytes(total, totalStored),
      byComponent: Object.fromEntries(COMPONENTS.map((c) => [c, bytes(byComponent[c], stored[c])])),
    },
  };
}
