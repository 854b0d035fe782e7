import * as z from 'zod';
import type { Adapter, AdapterFlag } from './adapter.js';

/** One adapter flag as every command offers it: which adapters take it, and its default (from their options schema). */
export interface SharedAdapterFlag {
  flag: AdapterFlag;
  /** The option key (`--no-quotes` → `quotes`, `--sa-co-source` → `saCoSource`). */
  key: string;
  adapters: string[];
  default: unknown;
}

/** The pipeline's own ingest flags; no adapter may declare these names. */
export const PIPELINE_INGEST_KEYS = ['adapter', 'dataset', 'strict', 'keepEmpty', 'allowEmpty'] as const;

const camel = (s: string) => s.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());

export function flagKey(flag: AdapterFlag): string {
  const long = /^--(?:no-)?([\w-]+)/.exec(flag.flags)?.[1];
  if (long === undefined) throw new Error(`adapter flag "${flag.flags}" has no --long name`);
  return camel(long);
}

/**
 * Every adapter flag once. Two adapters may take the same flag only by sharing one declaration (the
 * same AdapterFlag object, e.g. FIELD_FLAG); two declarations that happen to share a name are a bug,
 * thrown here when the flags are built (at start-up, and in the tests). Defaults come from the options
 * schema of the adapters that take the flag and must agree.
 */
export function adapterFlags(list: ReadonlyArray<Adapter<any>>): SharedAdapterFlag[] {
  const byKey = new Map<string, SharedAdapterFlag>();
  for (const adapter of list) {
    for (const flag of adapter.flags) {
      const key = flagKey(flag);
      if ((PIPELINE_INGEST_KEYS as readonly string[]).includes(key)) throw new Error(`adapter ${adapter.name}: ${flag.flags} is one of the pipeline's own ingest flags`);
      const fallback = flag.flags.startsWith('--no-') ? undefined : defaultOf(adapter.options, key);
      const seen = byKey.get(key);
      if (seen === undefined) {
        byKey.set(key, { flag, key, adapters: [adapter.name], default: fallback });
        continue;
      }
      if (seen.flag !== flag) throw new Error(`adapters ${seen.adapters.join(', ')} and ${adapter.name} both declare a flag named ${flag.flags}: share one declaration or rename one`);
      if (!Object.is(seen.default, fallback)) throw new Error(`adapters ${seen.adapters.join(', ')} and ${adapter.name} share ${flag.flags} with different defaults`);
      seen.adapters.push(adapter.name);
    }
  }
  return [...byKey.values()];
}

function defaultOf(options: z.ZodType, key: string): unknown {
  const field = options instanceof z.ZodObject ? (options.shape as Record<string, z.ZodType>)[key] : undefined;
  return field instanceof z.ZodDefault ? field.def.defaultValue : undefined;
}
