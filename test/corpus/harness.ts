import type { AdapterContext } from '../../src/corpus/adapter.js';
import { findAdapter } from '../../src/corpus/adapters/index.js';
import { detectAdapter } from '../../src/corpus/detect.js';
import type { PromptDraft } from '../../src/corpus/prompt.js';
import { openSource, type Source } from '../../src/corpus/source.js';

/** What the chosen adapter made of one file: its drafts before the pipeline drops empty prompts. */
export interface Collected {
  adapter: string;
  what: string;
  drafts: PromptDraft[];
  skips: Array<{ reason: string; where: string }>;
  drops: string[];
  invalidUtf8: number;
}

/**
 * Detects (or forces, with `adapter`) the adapter of one file, as ingest does, and runs its read()
 * with a recording context (skips and invalid UTF-8 are counted, never thrown).
 */
export async function collect(file: string, options: Record<string, unknown> = {}, adapter?: string): Promise<Collected> {
  const source = openSource(file);
  try {
    return await collectFrom(source, options, adapter);
  } finally {
    source.close();
  }
}

async function collectFrom(source: Source, options: Record<string, unknown>, adapter: string | undefined): Promise<Collected> {
  const file = source.path;
  const found = adapter === undefined ? detectAdapter(source.sample()) : { adapter: findAdapter(adapter), what: 'forced' };
  if (!found.adapter) throw new Error(`no adapter for ${file}: ${found.what}`);
  const out: Collected = { adapter: found.adapter.name, what: found.what, drafts: [], skips: [], drops: [], invalidUtf8: 0 };
  const ctx: AdapterContext = {
    file,
    source,
    options,
    shared: new Map(),
    skip: (reason, where) => void out.skips.push({ reason, where }),
    drop: (reason) => void out.drops.push(reason),
    invalidUtf8: (n) => void (out.invalidUtf8 += n),
  };
  for await (const batch of found.adapter.read(ctx, found.adapter.options.parse(options))) out.drafts.push(...[batch].flat());
  return out;
}

export const texts = (c: { drafts: Array<{ text: string }> }): string[] => c.drafts.map((d) => d.text);
