import { findAdapter } from '../../src/corpus/adapters/index.js';
import { detectAdapter } from '../../src/corpus/detect.js';
import { readSample } from '../../src/corpus/read.js';
import { runAdapter, type AdapterRun } from './fixtures/run-adapter.js';

/** What the chosen adapter made of one file: its drafts before the pipeline drops empty prompts. */
export interface Collected extends AdapterRun {
  adapter: string;
  what: string;
}

/** Detects (or forces, with `adapter`) the adapter of one file, as ingest does, and runs it. */
export async function collect(file: string, options: Record<string, unknown> = {}, adapter?: string): Promise<Collected> {
  const found = adapter === undefined ? detectAdapter(readSample(file)) : { adapter: findAdapter(adapter), what: 'forced' };
  if (!found.adapter) throw new Error(`no adapter for ${file}: ${found.what}`);
  return { adapter: found.adapter.name, what: found.what, ...(await runAdapter(found.adapter, file, options)) };
}

export const texts = (c: { drafts: Array<{ text: string }> }): string[] => c.drafts.map((d) => d.text);
