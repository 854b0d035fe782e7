import type { ModelProto, NodeProto, TensorProto } from '../../encoder/onnx/proto.js';
import { tensorDims } from '../../encoder/onnx/proto.js';
import type { Component } from './schema.js';

// Ops that select or reshape a table without computing on it: the table an Add operand reads is found through them.
// (Gather's data is its first input, as Slice's, Reshape's, Expand's and DequantizeLinear's is.)
const VIEW_OPS = new Set(['Gather', 'Slice', 'Unsqueeze', 'Squeeze', 'Reshape', 'Expand', 'Identity', 'Cast', 'DequantizeLinear', 'Flatten']);
const MAX_DEPTH = 8;

interface Table {
  name: string;
  /** Rows and width, leading size-1 axes dropped ([1, ctx, W] is a [ctx, W] table). */
  rows: number;
  width: number;
  /** A Gather lies between the table and the Add (an embedding lookup). */
  gathered: boolean;
}

/** An embedding table the graph reads: its initializer, rows and width (leading size-1 axes dropped). */
export interface EmbeddingTable {
  name: string;
  rows: number;
  width: number;
}

/**
 * The token and positional embeddings as the graph shows them, whatever their names. Every public export
 * adds the positional rows to the token-embedding Gather's output: samexporter and usls add the [ctx, W]
 * (or [1, ctx, W]) constant torch.onnx folded `pos[:32]` into, under an anonymous name; dynamic exports add
 * a Slice of the parameter; Hugging Face CLIP adds a Gather of it by position ids. So: an Add whose operands
 * both read a 2-D table of one width W, one of them through a Gather, is the embedding sum. When only one
 * operand is a lookup, its table is the token embedding; when both are (Hugging Face), the larger table
 * (the vocabulary) is. The other is the positional embedding.
 */
export function embeddingTables(model: ModelProto): { token: EmbeddingTable; positional: EmbeddingTable } | undefined {
  const graph = model.graph ?? {};
  const initializers = new Map<string, TensorProto>((graph.initializer ?? []).map((t) => [t.name ?? '', t]));
  const producer = new Map<string, NodeProto>();
  for (const node of graph.node ?? []) for (const o of node.output ?? []) producer.set(o, node);

  const tableOf = (tensor: string): Table | undefined => {
    let gathered = false;
    let at = tensor;
    for (let depth = 0; depth < MAX_DEPTH; depth++) {
      const init = initializers.get(at);
      if (init) {
        const dims = tensorDims(init);
        while (dims.length > 2 && dims[0] === 1) dims.shift();
        return dims.length === 2 ? { name: at, rows: dims[0]!, width: dims[1]!, gathered } : undefined;
      }
      const node = producer.get(at);
      if (!node || !VIEW_OPS.has(node.opType ?? '')) return undefined;
      gathered ||= node.opType === 'Gather';
      at = node.input?.[0] ?? '';
    }
    return undefined;
  };

  for (const node of graph.node ?? []) {
    if (node.opType !== 'Add' || (node.input ?? []).length !== 2) continue;
    const [a, b] = (node.input ?? []).map(tableOf);
    if (!a || !b || a.name === b.name || a.width !== b.width || !(a.gathered || b.gathered)) continue;
    if (a.gathered && b.gathered && a.rows === b.rows) continue;
    const aIsToken = a.gathered !== b.gathered ? a.gathered : a.rows > b.rows;
    const [token, pos] = aIsToken ? [a, b] : [b, a];
    return { token: { name: token.name, rows: token.rows, width: token.width }, positional: { name: pos.name, rows: pos.rows, width: pos.width } };
  }
  return undefined;
}

/** The initializers that hold the token and positional embeddings, by role (empty when the graph shows none). */
export function embeddingRoles(model: ModelProto): Map<string, Component> {
  const tables = embeddingTables(model);
  const roles = new Map<string, Component>();
  if (tables) {
    roles.set(tables.token.name, 'tokenEmbedding');
    roles.set(tables.positional.name, 'positionalEmbedding');
  }
  return roles;
}
