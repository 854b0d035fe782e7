import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { analyze } from './analyze.js';
import { inspectArch } from './analyzers/encoder-anatomy/index.js';
import { loadCorpus, type IngestOptions } from './corpus/ingest.js';
import type { Prompt } from './corpus/prompt.js';
import { LiteTextError, isLiteTextError } from './errors.js';
import { silentLogger, type Logger } from './logger.js';
import { loadTokenizer } from './tokenizer/index.js';
import { loadTablesConfig, type TablesConfig } from './tables/config.js';
import { tables as registry } from './tables/registry.js';
import type { TableDef, TableMeta, TablesInput } from './tables/types.js';
import { unifiedDiff } from './tables/unified-diff.js';
import { writeOutputs } from './util/atomic.js';
import { counted } from './util/plural.js';

export { loadTablesConfig } from './tables/config.js';
export { unifiedDiff } from './tables/unified-diff.js';

/** Fixed, so the same inputs always give the same bytes (reports made here never leave memory anyway). */
const CREATED_AT = '1970-01-01T00:00:00.000Z';
/** Bumped when tables.json changes shape. */
export const TABLES_VERSION = 1;

/** The generated files: name inside --out → content. */
export type TableFiles = Map<string, string>;

/**
 * Regenerates the study's tables from a config: analyze() once per dataset and once over the whole
 * corpus, encoders from their built-in descriptions or ONNX files, then each table's reporter.
 * Output holds no times and no absolute paths: same inputs, same bytes.
 */
/** `embeddings`: per ONNX encoder name, files of `embed --pooling tokens` (or `merge`) to take table 5's points from instead of running it. */
export async function generateTables(configFile: string, logger: Logger = silentLogger, embeddings: Readonly<Record<string, string>> = {}): Promise<TableFiles> {
  const config = loadTablesConfig(configFile);
  const base = dirname(resolve(configFile));
  const selected = selectTables(config, configFile);
  for (const name of Object.keys(embeddings)) {
    if (!config.encoders.some((e) => e.name === name && e.onnx !== undefined)) throw new LiteTextError('E_USAGE', `--embeddings ${name}=…: ${configFile} lists no ONNX encoder named ${JSON.stringify(name)}`, `name one of: ${config.encoders.filter((e) => e.onnx !== undefined).map((e) => e.name).join(', ') || '(none)'}`);
  }
  const tokenizerSpec = existsSync(resolve(base, config.tokenizer)) ? resolve(base, config.tokenizer) : config.tokenizer;
  const tokenizer = await loadTokenizer(tokenizerSpec);
  const common = { contextLengths: config.contextLengths, width: config.width, tokenizer: tokenizerSpec, createdAt: CREATED_AT };

  const datasets: TablesInput['datasets'] = [];
  const everything: Prompt[] = [];
  for (const d of config.datasets) {
    const report = await inDataset(d.name, configFile, async () => {
      const { prompts } = await loadCorpus(d.inputs.map((i) => resolve(base, i)), { ...d.ingest, dataset: d.name } as IngestOptions, logger);
      everything.push(...prompts);
      return analyze({ ...common, inputs: d.inputs, name: d.name, dedupe: d.dedupe ?? config.dedupe }, { prompts, tokenizer, logger });
    });
    datasets.push({ name: d.name, report });
    logger.info(`${d.name}: ${counted(report.corpus.prompts, 'prompt')} analyzed`);
  }
  const all = await analyze({ ...common, inputs: config.datasets.flatMap((d) => d.inputs), name: config.name, dedupe: config.dedupe }, { prompts: everything, tokenizer, logger });
  const encoders: TablesInput['encoders'] = [];
  for (const e of config.encoders) {
    // An ONNX file's reader (onnx-proto) loads only for a config that names one.
    const anatomy = e.arch !== undefined ? inspectArch(e.arch) : (await import('./analyzers/encoder-anatomy/inspect.js')).inspectOnnx(resolve(base, e.onnx!));
    encoders.push({ name: e.name, source: e.arch ?? e.onnx!, anatomy });
  }
  let intrinsicDim: TablesInput['intrinsicDim'] = [];
  if (selected.some((t) => t.needs === 'embeddings')) {
    // onnxruntime and the estimators load only for a table that needs embeddings.
    const { analyzedTexts, intrinsicDimensions } = await import('./tables/embeddings.js');
    intrinsicDim = await intrinsicDimensions(config, base, analyzedTexts(everything.map((p) => p.text), config.dedupe), tokenizer, logger, embeddings);
  }
  const input: TablesInput = { config, datasets, all, encoders, intrinsicDim };
  const meta: TableMeta = { config: config.name, tokenizer: `${all.tokenizer.name} (\`${all.tokenizer.hash.slice(0, 12)}\`)`, dedupe: config.dedupe };

  const files: TableFiles = new Map();
  const data: Record<string, unknown> = {};
  for (const def of selected) {
    const rows = def.rows(input);
    data[def.id] = rows;
    files.set(`${def.id}.md`, `${def.markdown(rows, meta).trimEnd()}\n`);
  }
  const summary = {
    tablesVersion: TABLES_VERSION,
    config: config.name,
    tokenizer: { name: all.tokenizer.name, vocabSize: all.tokenizer.vocabSize, hash: all.tokenizer.hash },
    settings: { contextLengths: config.contextLengths, width: config.width, dedupe: config.dedupe },
    datasets: config.datasets.map((d, i) => ({ name: d.name, inputs: d.inputs, ingest: d.ingest, dedupe: d.dedupe ?? config.dedupe, fingerprint: datasets[i]!.report.inputs.fingerprint })),
    corpus: { fingerprint: all.inputs.fingerprint, prompts: all.corpus.prompts + all.corpus.removedByDedupe, unique: all.corpus.uniquePrompts },
    encoders: config.encoders,
    tables: data,
  };
  files.set('tables.json', `${JSON.stringify(summary, null, 2)}\n`);
  return files;
}

/** What each kind of table needs from the config, and the hint when it is missing. */
const NEEDS: Record<TableDef['needs'], { met: (c: TablesConfig) => boolean; missing: string; hint: string }> = {
  corpus: { met: () => true, missing: '', hint: '' },
  encoders: { met: (c) => c.encoders.length > 0, missing: 'needs encoders, and the config lists none', hint: 'add encoders: [{ name: sam3, arch: sam3 }, ...]' },
  embeddings: { met: (c) => c.encoders.some((e) => e.onnx !== undefined), missing: 'needs an ONNX encoder (built-in architecture descriptions have no weights to embed with)', hint: 'add encoders: [{ name: my-model, onnx: path/to/text_encoder.onnx }]' },
};

function selectTables(config: TablesConfig, file: string): Array<TableDef<any>> {
  if (config.tables === undefined) return registry.filter((t) => NEEDS[t.needs].met(config));
  return config.tables.map((id) => {
    const def = registry.find((t) => t.id === id);
    if (!def) throw new LiteTextError('E_CONFIG', `${file}: tables: unknown table "${id}"`, `available: ${registry.map((t) => t.id).join(', ')}`);
    const need = NEEDS[def.needs];
    if (!need.met(config)) throw new LiteTextError('E_CONFIG', `${file}: tables: "${id}" ${need.missing}`, need.hint);
    return def;
  });
}

/** Errors while reading or analyzing one dataset name it (and the config); their hints speak of its keys, not of flags. */
async function inDataset<T>(name: string, configFile: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isLiteTextError(error)) throw new LiteTextError(error.code, `${configFile}: dataset ${name}: ${error.message}`, error.hint === undefined ? undefined : configHint(error.hint));
    throw error;
  }
}

/** `--no-quotes` → `ingest.quotes: false`, `--adapter` → `ingest.adapter`: a flag as the config's ingest key writes it. */
function configHint(hint: string): string {
  return hint.replace(/--no-([a-z][a-z-]*)/g, 'ingest.$1: false').replace(/--(?!help\b)([a-z][a-z-]*)/g, 'ingest.$1');
}

/** Writes every file into `outDir` (atomically, as one unit: writeOutputs); names come from the table registry only. */
export function writeTables(files: TableFiles, outDir: string): Promise<string[]> {
  return writeOutputs([...files].map(([name, content]) => [join(outDir, name), content] as const));
}

export interface TableDrift {
  file: string;
  /** Unified diff from the committed file to the regenerated one. */
  diff: string;
}

/** Compares regenerated files with those in `outDir`; also flags stale table files the config no longer makes. */
export function checkTables(files: TableFiles, outDir: string): TableDrift[] {
  const drift: TableDrift[] = [];
  const present = existsSync(outDir) ? readdirSync(outDir) : [];
  for (const [name, content] of files) {
    const path = join(outDir, name);
    const old = existsSync(path) ? readFileSync(path, 'utf8') : '';
    if (old !== content) drift.push({ file: name, diff: unifiedDiff(old, content, existsSync(path) ? path : '/dev/null', `${path} (regenerated)`) });
  }
  const known = new Set([...registry.map((t) => `${t.id}.md`), 'tables.json']);
  for (const name of present.sort()) {
    if (known.has(name) && !files.has(name)) {
      const path = join(outDir, name);
      drift.push({ file: name, diff: unifiedDiff(readFileSync(path, 'utf8'), '', path, '/dev/null (no longer generated)') });
    }
  }
  return drift;
}
