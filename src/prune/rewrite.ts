import { embeddingTables } from '../analyzers/encoder-anatomy/embedding-graph.js';
import { toNumber, type ModelProto, type NodeProto, type TensorProto } from '../encoder/onnx/proto.js';
import { LiteTextError } from '../errors.js';
import { firstRows, keepRows, remapTable } from './tables.js';

export interface GraphCut {
  /** Ids whose rows are kept (ascending, distinct, below the table's rows). */
  kept: readonly number[];
  /** Positional rows to keep, or undefined to keep them all. */
  contextLength: number | undefined;
  /** Inputs whose fixed sequence axis (axis 1) becomes `contextLength`. */
  fixedInputs: readonly string[];
}

export interface Rewritten {
  rowsBefore: number;
  /** Positional rows before and after (the model's context). */
  contextBefore: number;
  contextAfter: number;
}

/** A name no tensor of the graph has yet. */
function freshName(model: ModelProto, base: string): string {
  const graph = model.graph!;
  const used = new Set<string>([...(graph.initializer ?? []).map((t) => t.name ?? ''), ...(graph.input ?? []).map((i) => i.name ?? ''), ...(graph.node ?? []).flatMap((n) => n.output ?? [])]);
  let name = base;
  for (let i = 1; used.has(name); i++) name = `${base}_${i}`;
  return name;
}

/** The one node that reads the token table: a Gather on axis 0 (anything else, e.g. a tied output head, cannot be remapped). */
function tokenGather(model: ModelProto, table: string, path: string): NodeProto {
  const readers = (model.graph!.node ?? []).filter((n) => (n.input ?? []).includes(table));
  const gather = readers[0];
  const axis = gather?.attribute?.find((a) => a.name === 'axis');
  if (readers.length !== 1 || gather?.opType !== 'Gather' || gather.input?.[0] !== table || (axis !== undefined && toNumber(axis.i) !== 0)) {
    throw new LiteTextError('E_ENCODER', `${path}: token-embedding table ${table} is read by ${readers.map((n) => `${n.opType} ${n.name ?? ''}`.trim()).join(', ')}, not by one Gather on axis 0`,
      'prune-encoder remaps the ids of a plain embedding lookup only');
  }
  return gather;
}

/**
 * Prunes the graph in place: the token table keeps the rows of `cut.kept` (+ a NaN row), read through a
 * Gather of a constant remap [vocab] -> new row inserted in front of the embedding Gather, so the model
 * still takes the tokenizer's ids; the positional table keeps its first `contextLength` rows.
 */
export function rewriteGraph(model: ModelProto, path: string, cut: GraphCut): Rewritten {
  const graph = model.graph!;
  const tables = embeddingTables(model);
  if (!tables) {
    throw new LiteTextError('E_ENCODER', `${path}: no token-embedding lookup found (an Add of a Gather of a [vocab, W] initializer and the positional rows)`,
      'prune-encoder handles CLIP-style text encoders (SAM3, its students, Hugging Face CLIP)');
  }
  const byName = new Map((graph.initializer ?? []).map((t, i) => [t.name ?? '', i]));
  const replace = (t: TensorProto) => {
    graph.initializer![byName.get(t.name ?? '')!] = t;
    // Old IRs also list initializers as graph inputs: keep that declaration's shape in step.
    const declared = (graph.input ?? []).find((i) => i.name === t.name)?.type?.tensorType?.shape;
    if (declared) declared.dim = (t.dims ?? []).map((d) => ({ dimValue: d }));
  };
  const beyond = cut.kept.find((id) => id >= tables.token.rows);
  if (beyond !== undefined) {
    throw new LiteTextError('E_ENCODER', `${path}: the tokenizer gives id ${beyond} but the token-embedding table ${tables.token.name} has ${tables.token.rows} rows`, 'use the tokenizer of this model (--tokenizer)');
  }
  const gather = tokenGather(model, tables.token.name, path);
  const tokenIndex = byName.get(tables.token.name)!;
  replace(keepRows(graph.initializer![tokenIndex]!, path, cut.kept));

  const remap = freshName(model, `${tables.token.name}.lite_text_remap`);
  graph.initializer!.push(remapTable(remap, tables.token.rows, cut.kept));
  const rows = freshName(model, `${remap}.rows`);
  const remapNode: NodeProto = { opType: 'Gather', name: '/lite_text/remap/Gather', input: [remap, gather.input![1]!], output: [rows], attribute: [{ name: 'axis', type: 2, i: 0 }] };
  gather.input = [gather.input![0]!, rows];
  graph.node!.splice(graph.node!.indexOf(gather), 0, remapNode);

  const contextAfter = cut.contextLength ?? tables.positional.rows;
  if (cut.contextLength !== undefined && cut.contextLength < tables.positional.rows) {
    replace(firstRows(graph.initializer![byName.get(tables.positional.name)!]!, path, cut.contextLength));
    for (const input of graph.input ?? []) {
      if (!cut.fixedInputs.includes(input.name ?? '')) continue;
      const dim = input.type?.tensorType?.shape?.dim?.[1];
      if (dim) dim.dimValue = cut.contextLength;
    }
    // Declared intermediate shapes may name the old context: drop them (onnxruntime infers them again).
    graph.valueInfo = [];
  }
  return { rowsBefore: tables.token.rows, contextBefore: tables.positional.rows, contextAfter };
}
