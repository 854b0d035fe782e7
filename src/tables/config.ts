import { readFileSync } from 'node:fs';
import yaml from 'js-yaml';
import * as z from 'zod';
import { adapterFlags, PIPELINE_INGEST_KEYS } from '../corpus/adapter-flags.js';
import { adapters } from '../corpus/adapters/index.js';
import { DEDUPE_MODES } from '../dedupe.js';
import { cannotRead, LiteTextError } from '../errors.js';
import { SAFE_NAME, SAFE_NAME_RULE } from '../util/safe-name.js';

/** Names become parts of output and must never steer a path: no `/`, `\`, `..`, no leading dot. */
const SafeName = z.string().regex(SAFE_NAME, SAFE_NAME_RULE);

export const DatasetConfigSchema = z.strictObject({
  /** The dataset's name in every table (overrides the adapters' dataset names). */
  name: SafeName,
  /** Files, folders or globs, relative to the config file's folder. */
  inputs: z.array(z.string().min(1)).min(1),
  /** Ingest flags as in `lite-text ingest`, kebab-case or camelCase keys (`adapter: lvis`, `names: raw`, `keep-empty: true`). */
  ingest: z.record(z.string(), z.union([z.string(), z.boolean(), z.number()])).default({}),
  /** De-duplication of this dataset's own rows (default: the config's `dedupe`). */
  dedupe: z.enum(DEDUPE_MODES).optional(),
});

export const EncoderConfigSchema = z.strictObject({
  name: SafeName,
  /** A built-in architecture description (sam3, litetext-s0, litetext-s1, litetext-l) ... */
  arch: z.string().optional(),
  /** ... or an ONNX text encoder, relative to the config file's folder. */
  onnx: z.string().optional(),
  /** Table 5 (ONNX encoders only): how each prompt's token features become one point (default mean). */
  pooling: z.enum(['mean', 'eot']).optional(),
}).refine((e) => (e.arch === undefined) !== (e.onnx === undefined), { message: 'give exactly one of arch or onnx' });

export const TablesConfigSchema = z.strictObject({
  /** Shown in every table's heading. */
  name: SafeName,
  tokenizer: z.string().default('sam3'),
  contextLengths: z.array(z.number().int().positive()).min(1).default([8, 16, 32]),
  /** Embedding width for the prunable-rows columns (SAM3: 1024). */
  width: z.number().int().positive().default(1024),
  /** De-duplication across the whole corpus (the "all" rows) and the default per dataset. */
  dedupe: z.enum(DEDUPE_MODES).default('exact'),
  datasets: z.array(DatasetConfigSchema).min(1),
  encoders: z.array(EncoderConfigSchema).default([]),
  /** Table ids to produce (default: every table whose inputs the config gives). */
  tables: z.array(z.string()).optional(),
});

export type TablesConfig = z.infer<typeof TablesConfigSchema>;
export type DatasetConfig = z.infer<typeof DatasetConfigSchema>;

/** Reads and validates a tables config (YAML); errors name the file and the offending key. */
export function loadTablesConfig(file: string): TablesConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw cannotRead(file, error, 'pass --config corpora/ci.yaml or your own config');
  }
  let raw: unknown;
  try {
    raw = yaml.load(text, { filename: file, schema: yaml.CORE_SCHEMA });
  } catch (error) {
    const mark = (error as yaml.YAMLException).mark;
    throw new LiteTextError('E_CONFIG', `${file}:${(mark?.line ?? 0) + 1}:${(mark?.column ?? 0) + 1}: malformed YAML (${(error as yaml.YAMLException).reason ?? 'syntax error'})`, 'check the indentation and quoting');
  }
  const parsed = TablesConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new LiteTextError('E_CONFIG', `${file}: ${issue.path.length > 0 ? issue.path.join('.') : '(top level)'}: ${issue.message}`, 'see the README, section "The config format" of lite-text tables');
  }
  const config = parsed.data;
  const names = new Set<string>();
  for (const [i, d] of config.datasets.entries()) {
    if (names.has(d.name)) throw new LiteTextError('E_CONFIG', `${file}: datasets.${i}.name: "${d.name}" is used twice`, 'give every dataset its own name');
    names.add(d.name);
    d.ingest = ingestFlags(d.ingest, `${file}: datasets.${i}.ingest`) as DatasetConfig['ingest'];
  }
  return config;
}

/** The ingest option keys every command accepts: the pipeline's own (dataset aside: the entry's name), then each adapter's flags (camelCase). */
function knownIngestKeys(): Set<string> {
  return new Set([...PIPELINE_INGEST_KEYS.filter((k) => k !== 'dataset'), ...adapterFlags(adapters).map((f) => f.key)]);
}

function ingestFlags(flags: Record<string, unknown>, where: string): Record<string, unknown> {
  const known = knownIngestKeys();
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(flags)) {
    const k = camel(key);
    if (k === 'dataset') throw new LiteTextError('E_CONFIG', `${where}.${key}: the dataset name is the entry's "name"`, 'remove the ingest key "dataset"');
    if (!known.has(k)) throw new LiteTextError('E_CONFIG', `${where}.${key}: unknown ingest flag`, `one of: ${[...known].join(', ')}`);
    out[k] = value;
  }
  return out;
}

const camel = (s: string) => s.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
