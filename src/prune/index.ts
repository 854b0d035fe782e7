import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { loadCorpus, type IngestOptions } from '../corpus/ingest.js';
import { fitContext } from '../encoder/embed.js';
import { sha256Files } from '../encoder/model-memo.js';
import { externalFiles, readModel } from '../encoder/onnx/proto.js';
import { encodeRanges, PRUNE_KEYS, readPrunedInfo } from '../encoder/pruned.js';
import { resolveModelPath } from '../encoder/model-path.js';
import { isLiteTextError, LiteTextError } from '../errors.js';
import { silentLogger, type Logger } from '../logger.js';
import { loadTokenizer } from '../tokenizer/index.js';
import { writeOutputs } from '../util/atomic.js';
import { checkOutputFile } from '../util/output-path.js';
import { keptIds, pickProbes } from './keep.js';
import { rewriteGraph } from './rewrite.js';
import { inlineExternalData, serializeModel } from './serialize.js';
import { assertSamePlan, fitOutputShapes, maxDifference, openPlanned, probeFeatures, VERIFY_TOLERANCE, type IoChoice, type Planned } from './verify.js';

export interface PruneOptions extends IoChoice {
  /** The ONNX encoder (a file, or a transformers.js folder). */
  model: string;
  inputs: readonly string[];
  ingest?: IngestOptions | undefined;
  /** The pruned .onnx (and `<out>.data` beside it when the source keeps its weights in external data). */
  out: string;
  /** Positional rows to keep (the context prompts are cut to); undefined keeps them all. */
  contextLength?: number | undefined;
  tokenizer?: string | undefined;
  logger?: Logger | undefined;
}

/** What `prune-encoder --json` prints. */
export interface PruneSummary {
  rowsBefore: number;
  rowsKept: number;
  contextLength: number;
  bytesBefore: number;
  bytesAfter: number;
}

const sizeOf = (files: readonly string[]) => files.reduce((s, f) => s + statSync(f).size, 0);

/** `lite-text prune-encoder`: a smaller, verified ONNX encoder that keeps the corpus's token rows (and the first L positions). */
export async function pruneEncoder(o: PruneOptions): Promise<PruneSummary & { files: string[]; maxDiff: number }> {
  const logger = o.logger ?? silentLogger;
  if (!o.out.endsWith('.onnx')) throw new LiteTextError('E_USAGE', `--out ${o.out}: expected a .onnx file name`, 'e.g. --out pruned.onnx');
  if (o.inputs.length === 0) throw new LiteTextError('E_USAGE', `${o.model}: no inputs: prune-encoder keeps the rows of the prompts it is given`, 'give the corpus after the model, e.g. lite-text prune-encoder model.onnx prompts.jsonl --out pruned.onnx');
  checkOutputFile(o.out);
  const path = resolveModelPath(o.model);
  const model = readModel(path);
  const sources = [path, ...externalFiles(model, path)];
  // An external-data source gives an external-data output: the model file stays small, its weights beside it.
  const location = sources.length > 1 ? `${basename(o.out)}.data` : undefined;
  if (location !== undefined) checkOutputFile(`${o.out}.data`);
  if (readPrunedInfo(model, path)) throw new LiteTextError('E_USAGE', `${path}: already pruned by lite-text (its metadata holds ${PRUNE_KEYS.keptIds})`, 'prune the original encoder');

  const tokenizer = await loadTokenizer(o.tokenizer);
  const { prompts } = await loadCorpus(o.inputs, o.ingest ?? {}, logger);
  if (prompts.length === 0) throw new LiteTextError('E_EMPTY_CORPUS', `${o.inputs.join(', ')}: no prompts to keep the rows of`, 'give the corpus the pruned encoder will embed');
  const sequences = tokenizer.encodeBatch(prompts.map((p) => p.text));

  const open: Planned[] = [];
  const close = async () => void (await Promise.all(open.splice(0).map((m) => m.session.release())));
  const original = await openPlanned(path, o);
  open.push(original);
  try {
    const { plan } = original;
    const L = o.contextLength;
    if (L !== undefined && L < 2) throw new LiteTextError('E_USAGE', `--context-length ${L}: a prompt needs at least its start and end tokens`, 'give --context-length 2 or more');
    if (L !== undefined && plan.fixedSeq !== undefined && L > plan.fixedSeq) {
      throw new LiteTextError('E_USAGE', `--context-length ${L}: ${path} takes exactly ${plan.fixedSeq} tokens (a fixed sequence axis)`, `give --context-length ${plan.fixedSeq} or less`);
    }
    const kept = keptIds(sequences, tokenizer.special);
    inlineExternalData(model, path);
    const cut = { kept, contextLength: L, fixedInputs: L !== undefined && plan.fixedSeq !== undefined && L < plan.fixedSeq ? plan.feeds.map((f) => f.name) : [] };
    const info = rewriteGraph(model, path, cut);
    if (L !== undefined && L > info.contextBefore) {
      throw new LiteTextError('E_USAGE', `--context-length ${L}: ${path} has ${info.contextBefore} positional rows`, `give --context-length ${info.contextBefore} or less`);
    }
    model.metadataProps = [
      ...(model.metadataProps ?? []),
      { key: PRUNE_KEYS.keptIds, value: encodeRanges(kept) },
      { key: PRUNE_KEYS.vocabRows, value: String(info.rowsBefore) },
      ...(L === undefined ? [] : [{ key: PRUNE_KEYS.contextLength, value: String(L) }]),
      { key: PRUNE_KEYS.source, value: await sha256Files(sources) },
    ];

    // Verify before writing: the pruned model loads, is fed and read as the original, and gives the same features.
    // Each side padded to its own context, as embed pads them: a model that lets padding reach valid tokens shows it.
    const context = L ?? plan.fixedSeq ?? tokenizer.contextLength;
    const contextBefore = plan.fixedSeq ?? Math.max(tokenizer.contextLength, context);
    const probes = pickProbes(sequences.map((ids, i) => fitContext(ids, context, i)));
    const pad = tokenizer.special.pad;
    let pruned = await openPruned(path, o, serializeModel(model).model, L !== undefined);
    open.push(pruned);
    if (cut.fixedInputs.length > 0 && (await fitOutputShapes(model, pruned, probes[0]!, pad))) {
      pruned = await openPruned(path, o, serializeModel(model).model, true);
      open.push(pruned);
    }
    assertSamePlan(path, plan, pruned.plan);
    const maxDiff = maxDifference(await probeFeatures(original, probes, pad, contextBefore), await probeFeatures(pruned, probes, pad, context));
    if (!(maxDiff <= VERIFY_TOLERANCE)) {
      throw new LiteTextError('E_ENCODER', `${path}: the pruned model's features differ from the original's by ${maxDiff.toExponential(1)} (> ${VERIFY_TOLERANCE}) on ${probes.length} corpus prompts`,
        L === undefined ? 'the graph reads the token table in a way prune-encoder does not handle; report this model' : 'padding reaches valid tokens in this model (not causal, mask not respected): drop --context-length');
    }
    logger.info(`verified: ${probes.length} corpus prompts give the same features (max diff ${maxDiff.toExponential(1)})`);
    await close();

    const bytes = serializeModel(model, location);
    const files = await writeOutputs(location === undefined ? [[o.out, bytes.model]] : [[o.out, bytes.model], [`${o.out}.data`, bytes.data]]);
    return { rowsBefore: info.rowsBefore, rowsKept: kept.length, contextLength: info.contextAfter, bytesBefore: sizeOf(sources), bytesAfter: sizeOf(files), files, maxDiff };
  } finally {
    await close();
  }
}

/** The pruned model's session; a load failure is refused with what most likely caused it. */
async function openPruned(source: string, io: IoChoice, bytes: Uint8Array, cutContext: boolean): Promise<Planned> {
  try {
    return await openPlanned(`${source} (pruned)`, io, bytes);
  } catch (error) {
    if (!isLiteTextError(error)) throw error;
    throw new LiteTextError(error.code, error.message, cutContext ? 'this export hard-codes its context in the graph: drop --context-length' : 'report this model: prune-encoder cannot rewrite its graph');
  }
}
