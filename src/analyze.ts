import { createHash } from 'node:crypto';
import { join, relative } from 'node:path';
import { analyzeOptionsSchemaOf, AnalyzeOptionsSchema, type AnalyzeOptions, type ParsedAnalyzeOptions } from './analyze-options.js';
import { analyzers, findAnalyzer, type Registry } from './analyzers/index.js';
import { availableNeeds, provideResources } from './analyzers/resources.js';
import { multiplicity, tokenize, type TokenTable } from './analyzers/tokens.js';
import { needsOf, type AnyAnalyzer, type Group, type Need } from './analyzers/types.js';
import { emptyInputsError } from './corpus/empty.js';
import { loadCorpus, type IngestOptions } from './corpus/ingest.js';
import type { IngestSummary } from './corpus/summary.js';
import { promptNames } from './corpus/label.js';
import type { Prompt } from './corpus/prompt.js';
import { LiteTextError } from './errors.js';
import { noProgress, silentLogger, type Logger, type Progress } from './logger.js';
import { dedupe } from './dedupe.js';
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
  const options = (registry === analyzers ? AnalyzeOptionsSchema : analyzeOptionsSchemaOf(registry)).parse(rawOptions) as ParsedAnalyzeOptions & Record<string, unknown>;
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

  let files: Report['inputs']['files'] = [];
  let prompts: Prompt[];
  let summary: IngestSummary | undefined;
  let skipped: SkippedInputs | undefined;
  if (deps.prompts) prompts = deps.prompts;
  else {
    const loaded = await loadCorpus(inputs, options.ingest as IngestOptions, logger, { duplicates: false });
    prompts = loaded.prompts;
    summary = loaded.summary;
    const shown = (path: string) => (isDemo ? relative(PACKAGE_ROOT, path) : path);
    files = loaded.summary.files.map((f) => ({ path: shown(f.path), adapter: f.adapter, prompts: f.prompts }));
    skipped = { files: loaded.summary.skippedFiles.map((f) => ({ path: shown(f.path), why: f.why })), records: { ...loaded.summary.skipped }, dropped: { ...loaded.summary.dropped } };
  }
  const given = prompts.length;
  prompts = dedupe(prompts, (p) => p.text, options.dedupe);
  if (prompts.length === 0) {
    // --allow-empty lets an empty input set through ingest, but there is nothing to analyze.
    if (summary) throw emptyInputsError(inputs, summary);
    throw new LiteTextError('E_EMPTY_CORPUS', `no prompts to analyze in ${inputs.join(', ')}`, 'check the inputs with `lite-text ingest`; empty and whitespace-only prompts are skipped unless --keep-empty');
  }

  const tokenizer = deps.tokenizer ?? (await loadTokenizer(options.tokenizer, options.contextLength === undefined ? {} : { contextLength: options.contextLength }));
  const tokens = tokenize(prompts.map((p) => p.text), tokenizer, progress);
  const needed = new Set(selected.flatMap((a) => needsOf(a, settingsOf(a))));
  const base = {
    prompts,
    tokenizer,
    tokens,
    all: { name: 'all', indices: Int32Array.from(prompts.keys()) },
    byDataset: groupBy(prompts, (p) => p.dataset),
    byFile: options.byFile ? groupBy(prompts, (p) => p.source.file) : undefined,
    logger,
    progress,
    threads: options.encoderOptions.threads,
    // A pruned encoder refuses a prompt it cannot embed: distinct text t is named by its first prompt.
    resources: await provideResources(needed, { encoder: options.encoder, embeddings: options.embeddings, prompts, encoderOptions: options.encoderOptions, tokenizer, tokens, describe: promptNames(prompts, tokenizer, (t) => tokens.textOf.indexOf(t)), logger, progress }),
  };

  const sections: Record<string, unknown> = {};
  for (const a of selected) sections[a.section] = a.result.parse(await a.run({ ...base, settings: settingsOf(a) }));

  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'lite-text', version: VERSION },
    name: options.name ?? (isDemo ? 'demo' : defaultName(inputs)),
    createdAt: options.createdAt ?? new Date().toISOString(),
    inputs: { paths: isDemo ? [relative(PACKAGE_ROOT, DEMO_CORPUS)] : inputs, files, fingerprint: fingerprint(prompts), ...(skipped ? { skipped } : {}) },
    tokenizer: { name: tokenizer.name, vocabSize: tokenizer.vocabSize, contextLength: tokenizer.contextLength, special: { ...tokenizer.special }, hash: tokenizer.hash },
    settings: {
      analyzers: selected.map((a) => a.name),
      dedupe: options.dedupe,
      byFile: options.byFile,
      ...defined({ encoder: options.encoder, embeddings: options.embeddings }),
      // The options of every analyzer that could run here, whether selected or not.
      ...Object.assign({}, ...registry.filter(isAvailable).map((a) => defined(settingsOf(a)))),
    },
    corpus: { ...corpusCounts(base.all, base), removedByDedupe: given - prompts.length, byDataset: Object.fromEntries(base.byDataset.map((g) => [g.name, corpusCounts(g, base)])) },
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

function corpusCounts(group: Group, ctx: { tokens: TokenTable; prompts: readonly Prompt[] }): { prompts: number; uniquePrompts: number; negatives: number } {
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
