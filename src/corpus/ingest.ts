import * as z from 'zod';
import { LiteTextError, excerpt } from '../errors.js';
import type { Logger } from '../logger.js';
import { silentLogger } from '../logger.js';
import { PARSE_ONCE } from '../options.js';
import type { Adapter, AdapterContext, FileSample } from './adapter.js';
import { adapters, findAdapter } from './adapters/index.js';
import { detectAdapter } from './detect.js';
import { EMPTY_HINT, emptyInputsError, whatWasSkipped } from './empty.js';
import { forcedError } from './forced.js';
import { expandInputs, type InputFile } from './inputs.js';
import { promptId, type Prompt, type PromptDraft } from './prompt.js';
import { openSource, type Source } from './source.js';
import { createSummary, type FileSummary, type IngestSummary } from './summary.js';

/** Options of every ingest (shared by `ingest`, `analyze`, `embed`); adapter options ride along. */
export const IngestOptionsSchema = z.looseObject({
  /** Force one adapter for every file instead of detecting. */
  adapter: z.string().optional(),
  /** Override the dataset name of every prompt. */
  dataset: z.string().min(1).optional(),
  /** Turn skipped records (empty prompts, invalid UTF-8, unrecognised walked files) into errors. */
  strict: z.boolean().default(false),
  /** Keep empty and whitespace-only prompts (SAM3 still encodes them, as [49406, 49407]). */
  keepEmpty: z.boolean().default(false),
  /** Accept a file, or a whole input set, that yields no prompt (else E_EMPTY_CORPUS naming what was skipped). */
  allowEmpty: z.boolean().default(false),
});
export type IngestOptions = z.input<typeof IngestOptionsSchema>;

const BLANK = /^\s*$/u;

export interface Ingest {
  /** The prompts one by one (convenient; one await per prompt). */
  prompts: AsyncGenerator<Prompt>;
  /** The same prompts in batches (one await per batch: what big corpora should use). Consume one of the two. */
  batches: AsyncGenerator<Prompt[]>;
  /** Filled in as the prompts are consumed; final once they are exhausted. */
  summary: IngestSummary;
}

/** Streams the prompts of every input, in input order, with stable ids and a running summary. */
export interface IngestFeatures {
  /** Count exact duplicates per dataset in the summary (a set of every text; analyze has its own). */
  duplicates?: boolean;
  /** Picks the adapter of each file from its first bytes instead of detection (`tokenize --input`'s auto rule). */
  pick?: (sample: FileSample) => string;
  /** Under --strict, blank prompts are still skipped (counted), not errors: `tokenize` skips blank lines. */
  blankIsSkip?: boolean;
  /** Compute each prompt's stable id (default); `tokenize` prints texts only and leaves `id` empty. */
  ids?: boolean;
}

export function ingest(inputs: readonly string[], rawOptions: IngestOptions = {}, logger: Logger = silentLogger, features: IngestFeatures = {}): Ingest {
  const options = IngestOptionsSchema.parse(rawOptions, PARSE_ONCE);
  const forced = options.adapter === undefined ? undefined : findAdapter(options.adapter);
  if (options.adapter !== undefined && forced === undefined) {
    throw new LiteTextError('E_USAGE', `unknown adapter "${options.adapter}"`, `one of: ${adapters.map((a) => a.name).join(', ')}`);
  }
  const summary = createSummary(features.duplicates ?? true);
  const shared = new Map<string, unknown>();
  const withIds = features.ids ?? true;

  async function* run(): AsyncGenerator<Prompt[]> {
    const expanded = expandInputs(inputs);
    for (const s of expanded.skipped) {
      if (options.strict) throw new LiteTextError('E_SKIPPED', `${s.path}: ${s.why}`, 'drop --strict to skip it');
      summary.skipFile(s.path, s.why);
    }
    for (const input of expanded.files) {
      const source = openSource(input.path);
      try {
        yield* readInput(input, source);
      } finally {
        source.close();
      }
    }
    if (summary.prompts === 0 && !options.allowEmpty) throw emptyInputsError(inputs, summary);
  }

  async function* readInput(input: InputFile, source: Source): AsyncGenerator<Prompt[]> {
    const sample = source.sample();
    let adapter: Adapter<any>;
    let detected = 'forced';
    const chosen = forced ?? (features.pick === undefined ? undefined : findAdapter(features.pick(sample)));
    if (chosen) adapter = chosen;
    else {
      const found = detectAdapter(sample);
      if (!found.adapter) {
        if (input.walked && !options.strict) {
          summary.skipFile(input.path, found.what);
          logger.debug(`${input.path}: skipped (${found.what})`);
          return;
        }
        throw new LiteTextError('E_NO_ADAPTER', `${input.path}: no adapter recognises this file (${found.what})`, `force one with --adapter (${adapters.map((a) => a.name).join(', ')})`);
      }
      adapter = found.adapter;
      detected = found.what;
    }
    const file = summary.startFile(input.path, adapter.name, detected);
    const skippedBefore = { ...summary.skipped };
    const droppedBefore = countOf(summary.dropped);
    const ctx: AdapterContext = {
      file: input.path,
      source,
      options,
      shared,
      skip(reason, where) {
        if (options.strict) throw new LiteTextError('E_SKIPPED', `${input.path}${where}: ${reason}`, 'fix the record (ingest, analyze and embed skip it without --strict)');
        summary.skip(reason);
      },
      drop(reason) {
        summary.drop(reason);
      },
      invalidUtf8(count, line) {
        if (options.strict) {
          throw new LiteTextError('E_INPUT_FORMAT', `${input.path}${line === undefined ? '' : `:${line}`}: invalid UTF-8 (${count} byte sequence(s))`, 'convert the file to UTF-8 (iconv -f ENCODING -t UTF-8); `ingest` without --strict decodes it with replacement characters');
        }
        file.invalidUtf8 += count;
      },
    };
    const adapterOptions = parseAdapterOptions(adapter, options, input.path);
    try {
      yield* readFile(adapter, ctx, adapterOptions, file);
    } catch (error) {
      // A file met while walking a folder that turns out not to be what detection guessed is
      // skipped like any unrecognised file (fatal when named explicitly, forced, or --strict).
      const skippable = error instanceof LiteTextError && error.code === 'E_ADAPTER_MISMATCH' && input.walked && !forced && !options.strict && file.prompts === 0;
      if (forced && file.prompts === 0) throw forcedError(error, forced, sample, input.path);
      if (!skippable) throw error;
      summary.files.splice(summary.files.indexOf(file), 1);
      summary.skipFile(input.path, error.message);
      return;
    }
    // A file that yields nothing is never a silent success: fatal when named, listed when walked.
    // (One whose records an option such as --dedupe-annotators dropped did what was asked.)
    if (file.prompts > 0 || options.allowEmpty || countOf(summary.dropped) > droppedBefore) return;
    const why = `no prompts (${whatWasSkipped(sample, summary, skippedBefore)})`;
    if (!input.walked || options.strict) throw new LiteTextError('E_EMPTY_CORPUS', `${input.path}: ${why}`, EMPTY_HINT);
    summary.files.splice(summary.files.indexOf(file), 1);
    summary.skipFile(input.path, why);
  }

  async function* readFile(adapter: Adapter<any>, ctx: AdapterContext, adapterOptions: unknown, file: FileSummary): AsyncGenerator<Prompt[]> {
    for await (const item of adapter.read(ctx, adapterOptions)) {
      const drafts = Array.isArray(item) ? item : [item];
      const batch: Prompt[] = [];
      for (const draft of drafts) {
        if (!options.keepEmpty && BLANK.test(draft.text)) {
          const reason = `empty or whitespace-only prompt ${excerpt(draft.text, 20)}`;
          if (features.blankIsSkip) summary.skip(reason);
          else ctx.skip(reason, where(draft));
          continue;
        }
        const prompt = finalize(draft, options.dataset, withIds);
        summary.add(prompt);
        batch.push(prompt);
      }
      file.prompts += batch.length;
      if (batch.length > 0) yield batch;
    }
  }
  const batches = run();
  async function* one(): AsyncGenerator<Prompt> {
    for await (const batch of batches) yield* batch;
  }
  return { prompts: one(), batches, summary };
}

const countOf = (counts: Record<string, number>): number => Object.values(counts).reduce((a, b) => a + b, 0);

/** Reads every prompt into memory (for analyze/embed). */
export async function loadCorpus(inputs: readonly string[], options: IngestOptions = {}, logger: Logger = silentLogger, features: IngestFeatures = {}): Promise<{ prompts: Prompt[]; summary: IngestSummary }> {
  const run = ingest(inputs, options, logger, features);
  const prompts: Prompt[] = [];
  for await (const batch of run.batches) for (const p of batch) prompts.push(p);
  return { prompts, summary: run.summary };
}

function parseAdapterOptions(adapter: Adapter<any>, options: Record<string, unknown>, file: string): unknown {
  const parsed = adapter.options.safeParse(options, PARSE_ONCE);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new LiteTextError('E_USAGE', `${file}: invalid option for adapter ${adapter.name}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim(), `see \`lite-text ingest --help\``);
}

function where(draft: PromptDraft): string {
  if (draft.source.line !== undefined) return `:${draft.source.line}`;
  if (draft.source.pointer !== undefined) return `#${draft.source.pointer}`;
  return '';
}

/** Fixed key order, the stable id (kept when the record already has one: a corpus file), --dataset. */
function finalize(draft: PromptDraft & { id?: string }, dataset: string | undefined, withId: boolean): Prompt {
  const d = dataset === undefined ? draft : { ...draft, dataset };
  // One object shape for every record (fast); absent optional fields stay undefined, which
  // JSON.stringify omits, so the written record has exactly the fields the source gave.
  return {
    id: draft.id ?? (withId ? promptId(d) : ''),
    text: d.text,
    dataset: d.dataset,
    subset: d.subset,
    split: d.split,
    kind: d.kind,
    negative: d.negative,
    source: d.source,
    meta: d.meta,
  } as Prompt;
}
