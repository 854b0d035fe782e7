import type { z } from 'zod';
import type { PromptDraft } from './prompt.js';
import type { Source } from './source.js';

import type { FileSample } from './source.js';

export type { FileSample };


/** How sure a detection is, in (0, 1]: higher wins (1 = certain, e.g. a lite-text corpus); return null for "not mine". */
export interface Detection {
  confidence: number;
  /** What was recognised, for messages ("COCO JSON with images[].text_input"). */
  what: string;
}

/**
 * A flag an adapter adds to `ingest` / `analyze` / `embed` (commander syntax). Its key (camelCase of
 * the long name) names an option of the adapter's schema, whose default is the flag's default.
 */
export interface AdapterFlag {
  flags: string;
  description: string;
}

/** Counters and options an adapter reports into; the pipeline owns them. */
export interface AdapterContext {
  /** Path as the user gave it (used in messages and in `source.file`). */
  file: string;
  /** The input, opened once: read it through this (a FIFO or stdin cannot be opened twice). */
  source: Source;
  /** All ingest options (validated by each adapter's own schema before use). */
  options: Record<string, unknown>;
  /** A record skipped for a reason ("empty prompt", "not a string"); `where` is a line or pointer. */
  skip(reason: string, where: string): void;
  /** A record left out because an option asked for it (counted in the summary; never an error, even with --strict). */
  drop(reason: string): void;
  /** Invalid UTF-8 sequences replaced while decoding (`line`: of the first, when known). */
  invalidUtf8(count: number, line?: number): void;
  /** State shared by all files of one ingest run (e.g. SA-Co Gold's --dedupe-annotators seen set). */
  shared: Map<string, unknown>;
}

export interface Adapter<Options = Record<string, unknown>> {
  name: string;
  description: string;
  /** zod schema of this adapter's options, parsed from the ingest options. */
  options: z.ZodType<Options>;
  flags: AdapterFlag[];
  detect(sample: FileSample): Detection | null;
  /**
   * Streams prompt drafts, one at a time or in arrays (a batch per chunk read saves an await per
   * prompt on big dumps); throws LiteTextError for malformed input (with file and line/pointer).
   */
  read(ctx: AdapterContext, options: Options): AsyncIterable<PromptDraft | PromptDraft[]>;
}
