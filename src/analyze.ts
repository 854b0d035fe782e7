import { join, relative } from 'node:path';
import { analyzeOptionsSchemaOf, AnalyzeOptionsSchema, type AnalyzeOptions, type ParsedAnalyzeOptions } from './analyze-options.js';
import { analyzers, findAnalyzer, type Registry } from './analyzers/index.js';
import { availableNeeds, provideResources } from './analyzers/resources.js';
import { loadAnalyzedCorpus } from './analyze-corpus.js';
import { multiplicity, perGroup, type TokenTable } from './analyzers/tokens.js';
import { needsOf, type AnalyzeContext, type AnyAnalyzer, type Group, type Need } from './analyzers/types.js';
import { emptyInputsError } from './corpus/empty.js';
import { promptNames } from './corpus/label.js';
import type { IngestOptions } from './corpus/ingest.js';
import type { Prompt } from './corpus/prompt.js';
import { LiteTextError } from './errors.js';
import { noProgress, silentLogger, type Logger, type Progress } from './logger.js';
import { PARSE_ONCE } from './options.js';
import { definitionsOf } from './report/definitions.js';
import type { SkippedInputs } from './report/core-schema.js';
import { SCHEMA_VERSION, type Report } from './report/schema.js';
import { loadTokenizer } from './tokenizer/index.js';
import type { Tokenizer } from './tokenizer/types.js';
import { PACKAGE_ROOT, VERSION } from './util/package-info.js';
import { isSafeName, SAFE_NAME_RULE, toSafeName } from './util/safe-name.js';

export const DEMO_CORPUS = join(PACKAGE_ROOT, 'corpora', 'demo');

export { AnalyzeOptionsSchema, type AnalyzeOptions } from './analyze-options.js';
export { normalizeForDedupe } from './dedupe.js';

export interface AnalyzeDeps {
  logger?: Logger;
  progress?: Progress;
  /** Already-loaded prompts (skips ingest; `inputs` then only labels the report). */
  prompts?: Prompt[];
  tokenizer?: Tokenizer;
  /** The analyzers to choose from (default: the registry); options are parsed with their schemas. */
  analyzers?: Registry;
}

/** The programmatic core: corpus → tokens → analyzers → one Report object. */
export async function analyze(rawOptions: AnalyzeOptions, deps: AnalyzeDeps = {}): Promise<Report> {
  const registry = deps.analyzers ?? analyzers;
  const options = (registry === analyzers ? AnalyzeOptionsSchema : analyzeOptionsSchemaOf(registry)).parse(rawOptions, PARSE_ONCE) as ParsedAnalyzeOptions & Record<string, unknown>;
  if (options.name !== undefined && !isSafeName(options.name)) {
    throw new LiteTextError('E_USAGE', `--name ${JSON.stringify(options.name)}: the report name must be ${SAFE_NAME_RULE}`, 'e.g. --name sam3-gold (it names the report and its default folder reports/<name>/)');
  }
  // A context length the user names is always one of the windows (the one the console line reports).
  const named = options.contextLength;
  const windows = options['contextLengths'];
  if (named !== undefined && Array.isArray(windows) && !windows.includes(named)) options['contextLengths'] = [...(windows as number[]), named].sort((x, y) => x - y);
  const logger = deps.logger ?? silentLogger;
  const progress = deps.progress ?? noProgress;
  const available = availableNeeds(options.encoder, options.embeddings);
  const settingsOf = (a: AnyAnalyzer) => pickOptions(a, options);
  const isAvailable = (a: AnyAnalyzer) => needsOf(a, settingsOf(a)).every((n) => available.includes(n));
  const selected = selectAnalyzers(registry, options.analyzers, (a) => needsOf(a, settingsOf(a)).filter((n) => !available.includes(n)));
  const isDemo = options.inputs.length === 0 && deps.prompts === undefined;
  const inputs = isDemo ? [DEMO_CORPUS] : options.inputs;

  const needed = new Set(selected.flatMap((a) => needsOf(a, settingsOf(a))));
  // Streamed: the prompts are read in batches, deduped and indexed as they come (analyze-corpus.ts).
  // Embeddings (an encoder or --embeddings) keep the whole records: ids find rows in a .npy's index,
  // and a pruned encoder's refusal names the prompt's file and line.
  const keepRecords = needed.has('embeddings');
  // The worker thread loads the tokenizer from its spec: an injected tokenizer is used here only.
  // --threads 1: everything in the main thread.
  const background = deps.tokenizer || options.encoderOptions.threads === 1 ? {} : { tokenizer: options.tokenizer ?? 'sam3' };
  const corpus = await loadAnalyzedCorpus(deps.prompts ? { prompts: deps.prompts } : { inputs, ingest: options.ingest as IngestOptions, logger }, options.dedupe, { keepRecords, ...background });
  const shown = (path: string) => (isDemo ? relative(PACKAGE_ROOT, path) : path);
  const files: Report['inputs']['files'] = (corpus.summary?.files ?? []).map((f) => ({ path: shown(f.path), adapter: f.adapter, prompts: f.prompts }));
  const s = corpus.summary;
  const skipped: SkippedInputs | undefined = s && { files: s.skippedFiles.map((f) => ({ path: shown(f.path), why: f.why })), records: { ...s.skipped }, dropped: { ...s.dropped } };
  let tokenizer: Tokenizer;
  let tokens: TokenTable;
  try {
    if (corpus.count === 0) {
      // --allow-empty lets an empty input set through ingest, but there is nothing to analyze.
      if (corpus.summary) throw emptyInputsError(inputs, corpus.summary);
      throw new LiteTextError('E_EMPTY_CORPUS', `no prompts to analyze in ${inputs.join(', ')}`, 'check the inputs with `lite-text ingest`; empty and whitespace-only prompts are skipped unless --keep-empty');
    }
    tokenizer = deps.tokenizer ?? (await loadTokenizer(options.tokenizer, options.contextLength === undefined ? {} : { contextLength: options.contextLength }));
    tokens = await corpus.texts.finish(tokenizer, progress);
    const { thread, here } = corpus.texts.batches;
    logger.debug(`indexed and tokenized ${thread} batch(es) of prompts in the tokenize thread, ${here} in the main thread`);
  } finally {
    // The tokenize thread, if one was started, is no longer needed (or its results not wanted).
    corpus.texts.close();
  }
  const records = keepRecords ? corpus.prompts() : [];
  const base = {
    tokenizer,
    tokens,
    all: { name: 'all', indices: corpus.byDataset.length === 1 ? corpus.byDataset[0]!.indices : Int32Array.from({ length: corpus.count }, (_, i) => i) },
    byDataset: corpus.byDataset,
    byFile: options.byFile ? corpus.byFile : undefined,
    logger,
    progress,
    threads: options.encoderOptions.threads,
    // A pruned encoder refuses a prompt it cannot embed: distinct text t is named by its first prompt.
    resources: await provideResources(needed, { encoder: options.encoder, embeddings: options.embeddings, prompts: records, encoderOptions: options.encoderOptions, tokenizer, tokens, describe: promptNames(records, tokenizer, (t) => tokens.textOf.indexOf(t)), logger, progress }),
  };
  // An analyzer that reads prompt records gets them made on first use (the token analyzers never do).
  const contextOf = (settings: Record<string, unknown>) => Object.defineProperty({ ...base, settings }, 'prompts', { get: corpus.prompts, enumerable: true }) as AnalyzeContext;

  const sections: Record<string, unknown> = {};
  for (const a of selected) sections[a.section] = a.result.parse(await a.run(contextOf(settingsOf(a))), PARSE_ONCE);

  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'lite-text', version: VERSION },
    name: options.name ?? (isDemo ? 'demo' : defaultName(inputs)),
    createdAt: options.createdAt ?? new Date().toISOString(),
    inputs: { paths: isDemo ? [relative(PACKAGE_ROOT, DEMO_CORPUS)] : inputs, files, fingerprint: corpus.fingerprint, ...(skipped ? { skipped } : {}) },
    tokenizer: { name: tokenizer.name, vocabSize: tokenizer.vocabSize, contextLength: tokenizer.contextLength, special: { ...tokenizer.special }, hash: tokenizer.hash },
    settings: {
      analyzers: selected.map((a) => a.name),
      dedupe: options.dedupe,
      byFile: options.byFile,
      ...defined({ encoder: options.encoder, embeddings: options.embeddings }),
      // The options of every analyzer that could run here, whether selected or not.
      ...Object.assign({}, ...registry.filter(isAvailable).map((a) => defined(settingsOf(a)))),
    },
    corpus: { ...corpusCounts(base.all, tokens, corpus.negative), removedByDedupe: corpus.given - corpus.count, byDataset: Object.fromEntries(base.byDataset.map((g) => [g.name, corpusCounts(g, tokens, corpus.negative)])) },
    ...sections,
    definitions: definitionsOf(registry),
  } as Report;
}

/** An analyzer's own options, picked from the parsed analyze options. */
function pickOptions(a: AnyAnalyzer, options: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.keys(a.options.shape).map((k) => [k, options[k]]));
}

function defined(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

function selectAnalyzers(registry: Registry, names: string[] | undefined, missingNeeds: (a: AnyAnalyzer) => Need[]): AnyAnalyzer[] {
  if (names === undefined) return registry.filter((a) => missingNeeds(a).length === 0);
  return names.map((name) => {
    const a = findAnalyzer(name, registry);
    if (!a) throw new LiteTextError('E_USAGE', `unknown analyzer "${name}"`, `one of: ${registry.map((r) => r.name).join(', ')}`);
    const missing = missingNeeds(a);
    if (missing.length > 0) throw new LiteTextError('E_USAGE', `analyzer "${name}" needs ${missing.join(', ')}`, 'pass --encoder MODEL (or --embeddings FILE.npy for the embeddings)');
    return a;
  });
}

function corpusCounts(group: Group, tokens: TokenTable, negative: Uint8Array): { prompts: number; uniquePrompts: number; negatives: number } {
  // A copy: the report holds it (the corpus and its only dataset are one group, counted once).
  return { ...perGroup(corpusCountsMade, group.indices, tokens, () => corpusCountsOnce(group, tokens, negative)) };
}

const corpusCountsMade = new WeakMap<Int32Array, WeakMap<TokenTable, { prompts: number; uniquePrompts: number; negatives: number }>>();

function corpusCountsOnce(group: Group, tokens: TokenTable, negative: Uint8Array): { prompts: number; uniquePrompts: number; negatives: number } {
  const mult = multiplicity(tokens, group.indices);
  let unique = 0;
  for (const k of mult) if (k > 0) unique++;
  let negatives = 0;
  for (const i of group.indices) negatives += negative[i]!;
  return { prompts: group.indices.length, uniquePrompts: unique, negatives };
}

function defaultName(inputs: string[]): string {
  const first = inputs[0] ?? 'report';
  const base = first.replace(/[\\/]+$/, '').split(/[\\/]/).pop() ?? 'report';
  return toSafeName(base.replace(/\.(jsonl?|txt|csv|tsv|ya?ml|p|parquet|names)$/i, ''), 'report');
}
