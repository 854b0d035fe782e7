import { createHash } from 'node:crypto';
import { join, relative } from 'node:path';
import { z } from 'zod';
import { analyzers as registry, findAnalyzer } from './analyzers/index.js';
import { multiplicity, tokenize } from './analyzers/tokens.js';
import type { AnalyzeContext, Analyzer, Group, Need } from './analyzers/types.js';
import type { CorpusEmbeddings } from './analyzers/intrinsic-dim/index.js';
import { emptyInputsError } from './corpus/empty.js';
import { loadCorpus, type IngestOptions } from './corpus/ingest.js';
import type { IngestSummary } from './corpus/summary.js';
import type { Prompt } from './corpus/prompt.js';
import { LiteTextError } from './errors.js';
import { noProgress, silentLogger, type Logger, type Progress } from './logger.js';
import { DEFINITIONS } from './report/definitions.js';
import { SCHEMA_VERSION, type Report } from './report/schema.js';
import { loadTokenizer } from './tokenizer/index.js';
import type { Tokenizer } from './tokenizer/types.js';
import { PACKAGE_ROOT, VERSION } from './util/package-info.js';
import { isSafeName, SAFE_NAME_RULE, toSafeName } from './util/safe-name.js';

export const DEMO_CORPUS = join(PACKAGE_ROOT, 'corpora', 'demo');

export const AnalyzeOptionsSchema = z.object({
  /** Files, folders, globs or corpus .jsonl files; empty → the bundled demo corpus. */
  inputs: z.array(z.string()).default([]),
  ingest: z.record(z.string(), z.unknown()).default({}),
  /** `sam3` (default), a merges file, or a tokenizer.json. */
  tokenizer: z.string().optional(),
  contextLength: z.number().int().positive().optional(),
  contextLengths: z.array(z.number().int().positive()).default([8, 16, 32, 77]),
  dedupe: z.enum(['none', 'exact', 'normalized']).default('none'),
  width: z.number().int().positive().default(1024),
  byFile: z.boolean().default(false),
  /** Analyzer names; default: every registered analyzer whose needs can be met. */
  analyzers: z.array(z.string()).optional(),
  name: z.string().optional(),
  /** Fixed timestamp for reproducible output (tests, `tables`). */
  createdAt: z.string().optional(),
  /** An ONNX text encoder: enables the encoder-anatomy and intrinsic-dim analyzers. */
  encoder: z.string().optional(),
  /** A built-in architecture (sam3, litetext-s0, -s1, -l) for encoder-anatomy without weights. */
  arch: z.string().optional(),
  encoderOptions: z.object({
    encoderIo: z.string().optional(),
    output: z.string().optional(),
    threads: z.number().int().positive().optional(),
    device: z.enum(['cpu', 'cuda']).default('cpu'),
    batchSize: z.number().int().positive().default(64),
    /** Embedding cache folder, or false for none. */
    cache: z.union([z.string(), z.literal(false)]).default('.lite-text-cache'),
  }).default({ device: 'cpu', batchSize: 64, cache: '.lite-text-cache' }),
  /** Intrinsic dimension: at most this many points per cloud (stratified by dataset), seed, bootstrap resamples. */
  idSample: z.number().int().positive().default(20_000),
  seed: z.number().int().nonnegative().default(0),
  bootstrap: z.number().int().nonnegative().default(10),
});
export type AnalyzeOptions = z.input<typeof AnalyzeOptionsSchema>;

export interface AnalyzeDeps {
  logger?: Logger;
  progress?: Progress;
  /** Already-loaded prompts (skips ingest; `inputs` then only labels the report). */
  prompts?: Prompt[];
  tokenizer?: Tokenizer;
}

/** The programmatic core: corpus → tokens → analyzers → one Report object. */
export async function analyze(rawOptions: AnalyzeOptions, deps: AnalyzeDeps = {}): Promise<Report> {
  const options = AnalyzeOptionsSchema.parse(rawOptions);
  if (options.name !== undefined && !isSafeName(options.name)) {
    throw new LiteTextError('E_USAGE', `--name ${JSON.stringify(options.name)}: the report name must be ${SAFE_NAME_RULE}`, 'it names the default output folder reports/<name>/; use --out to choose another folder');
  }
  const logger = deps.logger ?? silentLogger;
  const progress = deps.progress ?? noProgress;
  const available: Need[] = ['tokens'];
  if (options.encoder !== undefined || options.arch !== undefined) available.push('encoder');
  if (options.encoder !== undefined) available.push('embeddings');
  const selected = selectAnalyzers(options.analyzers, available);
  const isDemo = options.inputs.length === 0 && deps.prompts === undefined;
  const inputs = isDemo ? [DEMO_CORPUS] : options.inputs;

  let files: Report['inputs']['files'] = [];
  let prompts: Prompt[];
  let summary: IngestSummary | undefined;
  if (deps.prompts) prompts = deps.prompts;
  else {
    const loaded = await loadCorpus(inputs, options.ingest as IngestOptions, logger, { duplicates: false });
    prompts = loaded.prompts;
    summary = loaded.summary;
    files = loaded.summary.files.map((f) => ({ path: isDemo ? relative(PACKAGE_ROOT, f.path) : f.path, adapter: f.adapter, prompts: f.prompts }));
  }
  const given = prompts.length;
  prompts = dedupe(prompts, options.dedupe);
  if (prompts.length === 0) {
    // --allow-empty lets an empty input set through ingest, but there is nothing to analyze.
    if (summary) throw emptyInputsError(inputs, summary);
    throw new LiteTextError('E_EMPTY_CORPUS', `no prompts to analyze in ${inputs.join(', ')}`, 'check the inputs with `lite-text ingest`; empty and whitespace-only prompts are skipped unless --keep-empty');
  }

  const tokenizer = deps.tokenizer ?? (await loadTokenizer(options.tokenizer, options.contextLength === undefined ? {} : { contextLength: options.contextLength }));
  // A context length the user names is always one of the windows (the one the console line reports).
  const contextLengths = options.contextLength === undefined || options.contextLengths.includes(options.contextLength)
    ? options.contextLengths
    : [...options.contextLengths, options.contextLength].sort((a, b) => a - b);
  const tokens = tokenize(prompts.map((p) => p.text), tokenizer, progress);
  const ctx: AnalyzeContext = {
    prompts,
    tokenizer,
    tokens,
    all: { name: 'all', indices: Int32Array.from(prompts.keys()) },
    byDataset: groupBy(prompts, (p) => p.dataset),
    byFile: groupBy(prompts, (p) => p.source.file),
    settings: {
      contextLengths,
      width: options.width,
      byFile: options.byFile,
      ...(options.arch === undefined ? {} : { arch: options.arch }),
      id: { sample: options.idSample, seed: options.seed, bootstrap: options.bootstrap },
    },
    logger,
    progress,
    resources: {},
  };
  if (options.encoder !== undefined) {
    const modelPath = options.encoder;
    const { resolveModelPath } = await import('./encoder/index.js');
    ctx.resources.encoder = { path: resolveModelPath(modelPath) };
    ctx.resources.embeddings = once(() => corpusEmbeddings(modelPath, options, ctx));
  }

  const sections: Record<string, unknown> = {};
  for (const analyzer of selected) sections[analyzer.section] = analyzer.schema.parse(await analyzer.run(ctx));

  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'lite-text', version: VERSION },
    name: options.name ?? (isDemo ? 'demo' : defaultName(inputs)),
    createdAt: options.createdAt ?? new Date().toISOString(),
    inputs: { paths: isDemo ? [relative(PACKAGE_ROOT, DEMO_CORPUS)] : inputs, files, fingerprint: fingerprint(prompts) },
    tokenizer: { name: tokenizer.name, vocabSize: tokenizer.vocabSize, contextLength: tokenizer.contextLength, special: { ...tokenizer.special }, hash: tokenizer.hash },
    settings: {
      analyzers: selected.map((a) => a.name),
      contextLengths,
      dedupe: options.dedupe,
      width: options.width,
      byFile: options.byFile,
      ...(options.encoder === undefined ? {} : { encoder: options.encoder, idSample: options.idSample, seed: options.seed, bootstrap: options.bootstrap }),
      ...(options.arch === undefined ? {} : { arch: options.arch }),
    },
    corpus: { ...corpusCounts(ctx.all, ctx), removedByDedupe: given - prompts.length, byDataset: Object.fromEntries(ctx.byDataset.map((g) => [g.name, corpusCounts(g, ctx)])) },
    ...sections,
    definitions: DEFINITIONS,
  } as Report;
}

function selectAnalyzers(names: string[] | undefined, available: Need[]): Array<Analyzer<any>> {
  if (names === undefined) return registry.filter((a) => a.needs.every((n) => available.includes(n)));
  return names.map((name) => {
    const a = findAnalyzer(name);
    if (!a) throw new LiteTextError('E_USAGE', `unknown analyzer "${name}"`, `one of: ${registry.map((r) => r.name).join(', ')}`);
    const missing = a.needs.filter((n) => !available.includes(n));
    if (missing.length > 0) throw new LiteTextError('E_USAGE', `analyzer "${name}" needs ${missing.join(', ')}`, 'pass --encoder MODEL');
    return a;
  });
}

function once<T>(make: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => (value ??= make());
}

/** Per-token embeddings of every distinct text (one encoder run), pooled to mean and eot from them. */
async function corpusEmbeddings(modelPath: string, options: z.output<typeof AnalyzeOptionsSchema>, ctx: AnalyzeContext): Promise<CorpusEmbeddings> {
  const { EmbeddingCache, embed, openEncoder, poolTokens } = await import('./encoder/index.js');
  const o = options.encoderOptions;
  const encoder = await openEncoder(modelPath, {
    convention: o.encoderIo,
    output: o.output,
    threads: o.threads,
    device: o.device,
    logger: ctx.logger,
    contextLength: ctx.tokenizer.contextLength,
    padId: ctx.tokenizer.special.pad,
    memoDir: o.cache === false ? undefined : o.cache,
  });
  try {
    const t = ctx.tokens;
    const sequences = Array.from({ length: t.distinct }, (_, i) => Array.from(t.ids.subarray(t.offsets[i]!, t.offsets[i + 1]!)));
    const cache = o.cache === false ? undefined : new EmbeddingCache(o.cache, ctx.logger);
    const emb = await embed(encoder, sequences, { pooling: 'tokens', batchSize: o.batchSize, logger: ctx.logger, progress: ctx.progress, ...(cache ? { cache } : {}) });
    const tokens = { data: emb.data, cols: emb.cols, offsets: emb.offsets! };
    return { tokens, mean: poolTokens(tokens, 'mean'), eot: poolTokens(tokens, 'eot'), encoder: { file: modelPath, output: encoder.plan.output, convention: encoder.plan.convention } };
  } finally {
    await encoder.close();
  }
}

/** `normalized`: NFKC, lower case, whitespace runs collapsed and trimmed. */
export function normalizeForDedupe(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
}

function dedupe(prompts: Prompt[], mode: 'none' | 'exact' | 'normalized'): Prompt[] {
  if (mode === 'none') return prompts;
  const key = mode === 'exact' ? (t: string) => t : normalizeForDedupe;
  const seen = new Set<string>();
  return prompts.filter((p) => {
    const k = key(p.text);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function groupBy(prompts: readonly Prompt[], key: (p: Prompt) => string): Group[] {
  const map = new Map<string, number[]>();
  prompts.forEach((p, i) => {
    const k = key(p);
    let list = map.get(k);
    if (!list) map.set(k, (list = []));
    list.push(i);
  });
  return [...map].map(([name, list]) => ({ name, indices: Int32Array.from(list) }));
}

function corpusCounts(group: Group, ctx: AnalyzeContext): { prompts: number; uniquePrompts: number; negatives: number } {
  const mult = multiplicity(ctx.tokens, group.indices);
  let unique = 0;
  for (const k of mult) if (k > 0) unique++;
  let negatives = 0;
  for (const i of group.indices) if (ctx.prompts[i]!.negative === true) negatives++;
  return { prompts: group.indices.length, uniquePrompts: unique, negatives };
}

function fingerprint(prompts: readonly Prompt[]): string {
  // Same bytes as update(text) + update('\0') per prompt, fed in ~64K-character chunks (far fewer calls).
  const hash = createHash('sha256');
  let chunk: string[] = [];
  let size = 0;
  for (const p of prompts) {
    chunk.push(p.text);
    size += p.text.length + 1;
    if (size > 65536) {
      hash.update(`${chunk.join('\u0000')}\u0000`);
      chunk = [];
      size = 0;
    }
  }
  if (chunk.length > 0) hash.update(`${chunk.join('\u0000')}\u0000`);
  return hash.digest('hex');
}

function defaultName(inputs: string[]): string {
  const first = inputs[0] ?? 'report';
  const base = first.replace(/[\\/]+$/, '').split(/[\\/]/).pop() ?? 'report';
  return toSafeName(base.replace(/\.(jsonl?|txt|csv|tsv|ya?ml|p|parquet|names)$/i, ''), 'report');
}
