import type { z } from 'zod';
import type { Prompt } from '../corpus/prompt.js';
import type { Logger, Progress } from '../logger.js';
import type { FlagsOf } from '../options.js';
import type { ChartSpec } from '../report/chart-spec.js';
import type { ReportCore } from '../report/core-schema.js';
import type { Tokenizer } from '../tokenizer/types.js';
import type { TokenTable } from './tokens.js';

/** What an analyzer needs; the runner loads only what the selected analyzers declare. */
export type Need = 'tokens' | 'embeddings' | 'encoder';

/** A named set of prompts (one dataset, one source file, or all). */
export interface Group {
  name: string;
  /** Indices into the prompt list, ascending. */
  indices: Int32Array;
}

/** What the runner provides for the needs beyond tokens. */
export interface Resources {
  /** `encoder`: the ONNX file given with --encoder. */
  encoder?: { path: string } | undefined;
  /** `embeddings`: per-token embeddings of every distinct text (one encoder run, on first call). */
  embeddings?: (() => Promise<CorpusEmbeddings>) | undefined;
}

export interface AnalyzeContext<Settings = Record<string, unknown>> {
  prompts: readonly Prompt[];
  tokenizer: Tokenizer;
  tokens: TokenTable;
  all: Group;
  byDataset: Group[];
  /** Per source file; only with --by-file. */
  byFile?: Group[] | undefined;
  /** This analyzer's own options, parsed from its `options` schema. */
  settings: Settings;
  logger: Logger;
  progress: Progress;
  resources: Resources;
  /** --threads: every thread the run may use (onnxruntime's, the exact kNN's); undefined: the defaults. */
  threads?: number | undefined;
}

/** A leaf of a report's JSON tree as `diff` sees it (src/diff/flatten.ts). */
export interface DiffLeaf {
  path: string;
  value: unknown;
}

/** What `diff` shows of a section beyond the leaf-by-leaf comparison; it reads raw JSON (any version). */
export interface AnalyzerDiff<Comparison = unknown, Key extends string = string> {
  /** A side-by-side table, stored under `key` in diff's JSON output. */
  comparison?: {
    key: Key;
    /** `leaves.same(path, a, b)`: whether two numbers count as equal (diff --tolerance). */
    compare(a: unknown, b: unknown, leaves: { a: ReadonlyMap<string, DiffLeaf>; b: ReadonlyMap<string, DiffLeaf>; same(path: string, a: number, b: number): boolean }): Comparison | undefined;
    markdown(comparison: Comparison): string[];
  };
  /** Overlay charts of the two sections; labels name the reports ("A: demo"). */
  charts?(a: unknown, b: unknown, labels: readonly [string, string]): ChartSpec[];
  /** Why the two reports' settings make this section's numbers differ by construction. */
  warnings?(a: Record<string, unknown>, b: Record<string, unknown>): string[];
}

/**
 * An analyzer: one folder, one plain object that declares everything about itself. Shared code (the
 * runner, the report schema, Markdown, charts, CLI flags, diff) only loops over the registry.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface Analyzer<S extends string = string, O extends z.ZodObject = z.ZodObject, R extends z.ZodType = z.ZodType, D extends AnalyzerDiff<any, string> = AnalyzerDiff<any, string>> {
  name: string;
  /** The report key the result is stored under. */
  section: S;
  description: string;
  /** What it needs, possibly depending on its options (a built-in architecture needs no encoder file). */
  needs: readonly Need[] | ((settings: z.output<O>) => readonly Need[]);
  /** Its options (zod): programmatic options, defaults, report settings and CLI flags all derive from it. */
  options: O;
  flags: FlagsOf<O>;
  result: R;
  run(ctx: AnalyzeContext<z.output<O>>): Promise<z.output<R>> | z.output<R>;
  /** Its report section, as Markdown lines (pure: computes no numbers). */
  markdown(result: z.output<R>, report: ReportCore): string[];
  charts?(result: z.output<R>, report: ReportCore): ChartSpec[];
  /** One or two sentences per measure it reports, with the formula; the report carries them. */
  definitions: Readonly<Record<string, string>>;
  /** Its part of the report header's settings line (`windows 8, 16`), from the settings the report recorded. */
  settingsLine?(settings: Partial<z.output<O>>): string | undefined;
  /** Lines `analyze` prints after writing the report. */
  summary?(result: z.output<R>, report: ReportCore): string[];
  /** What `diff` shows of this section beyond the leaf-by-leaf comparison. */
  diff?: D;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyAnalyzer = Analyzer<string, z.ZodObject<any>, z.ZodType<any>, AnalyzerDiff<any, string>>;

/** Declares an analyzer, keeping its literal section name and exact schemas for the typed Report. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function defineAnalyzer<const S extends string, O extends z.ZodObject, R extends z.ZodType, D extends AnalyzerDiff<any, string> = AnalyzerDiff<never, never>>(analyzer: Analyzer<S, O, R, D>): Analyzer<S, O, R, D> {
  return analyzer;
}

export function needsOf(analyzer: AnyAnalyzer, settings: Record<string, unknown>): readonly Need[] {
  return typeof analyzer.needs === 'function' ? analyzer.needs(settings) : analyzer.needs;
}

/** What the runner provides as `resources.embeddings`: per-token embeddings of every distinct text. */
export interface CorpusEmbeddings {
  /** Token rows of distinct text t are rows offsets[t] .. offsets[t+1] of `data` (row-major, `cols` wide). */
  tokens: { data: Float32Array; cols: number; offsets: readonly number[] };
  mean: { data: Float32Array; rows: number; cols: number };
  eot: { data: Float32Array; rows: number; cols: number };
  encoder: { file: string; output: string; convention: string };
}
