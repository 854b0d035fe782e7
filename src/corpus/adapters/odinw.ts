import * as z from 'zod';
import { LiteTextError } from '../../errors.js';
import type { Adapter, AdapterContext, FileSample } from '../adapter.js';
import type { PromptDraft } from '../prompt.js';
import { PyLiteralError, parsePyLiteral } from '../py-literal.js';
import { readTextFile } from '../read.js';
import { fileStem, looksBinary, mismatch, pickKeys } from './fields.js';

const OdinwOptions = z.object({ captionPrompts: z.boolean().default(false) });
type OdinwOptions = z.infer<typeof OdinwOptions>;

/** GLIP configs are a few KB; anything this large is not one (and is not parsed). */
export const MAX_YAML_BYTES = 8 * 1024 * 1024;
/**
 * js-yaml resolves an alias to a shared reference, so an alias bomb costs little to load, but
 * anything that walks the result expands it: refuse documents with more aliases than a config has.
 */
export const MAX_YAML_ALIASES = 1000;

function detect(sample: FileSample) {
  if (looksBinary(sample) || !/^\s*OVERRIDE_CATEGORY\s*:/m.test(sample.head)) return null;
  return { confidence: 0.9, what: 'GLIP / ODinW YAML config (DATASETS.OVERRIDE_CATEGORY)' };
}

async function* read(ctx: AdapterContext, options: OdinwOptions): AsyncIterable<PromptDraft> {
  const { file } = ctx;
  const { doc, source } = await loadConfig(ctx);
  const datasets = doc['DATASETS'];
  const get = (key: string) => (typeof datasets === 'object' && datasets !== null ? (datasets as Record<string, unknown>)[key] : undefined);
  if (get('OVERRIDE_CATEGORY') === undefined) throw mismatch('odinw', file, 'no DATASETS.OVERRIDE_CATEGORY found');
  const line = keyLine(source, 'OVERRIDE_CATEGORY');
  const cline = keyLine(source, 'CAPTION_PROMPT');
  const categories = listLiteral(get('OVERRIDE_CATEGORY'), file, line, 'OVERRIDE_CATEGORY');
  const captions = get('CAPTION_PROMPT') === undefined ? [] : listLiteral(get('CAPTION_PROMPT'), file, cline, 'CAPTION_PROMPT');
  const subset = fileStem(file);
  for (const [i, category] of categories.entries()) {
    const at = `/DATASETS/OVERRIDE_CATEGORY/${i}`;
    const name = (category as Record<string, unknown> | null)?.['name'];
    if (typeof name !== 'string') {
      ctx.skip('category without a name string', `#${at}`);
      continue;
    }
    const caption = captionOf(captions[i]);
    const meta = pickKeys(category, ['id', 'supercategory']);
    if (caption) meta['captionPrompt'] = caption;
    yield { text: name, dataset: 'odinw', subset, kind: 'category', source: { file, line, pointer: `${at}/name` }, meta };
    if (options.captionPrompts && caption) {
      // GLIP pairs CAPTION_PROMPT[i] with the i-th category and feeds prefix + name + suffix.
      yield {
        text: `${caption.prefix}${caption.name}${caption.suffix}`, dataset: 'odinw', subset, kind: 'caption',
        source: { file, line: cline, pointer: `/DATASETS/CAPTION_PROMPT/${i}` }, meta: { category: name },
      };
    }
  }
}

async function loadConfig(ctx: AdapterContext): Promise<{ doc: Record<string, unknown>; source: string }> {
  const { file, source } = ctx;
  if (source.regular && source.size > MAX_YAML_BYTES) throw new LiteTextError('E_LIMIT', `${file}: ${source.size} bytes is too large for a GLIP config`, `configs are a few KB; the limit is ${MAX_YAML_BYTES} bytes`);
  // A stream's size is known only once read: readTextFile stops it at the same limit.
  const text = readTextFile(source, ctx.invalidUtf8, MAX_YAML_BYTES);
  const aliases = text.match(/(?:^|[\s[{,:-])\*[^\s,[\]{}]/gm)?.length ?? 0;
  if (aliases > MAX_YAML_ALIASES) {
    throw new LiteTextError('E_LIMIT', `${file}: ${aliases} YAML aliases (more than ${MAX_YAML_ALIASES})`, 'GLIP configs use no aliases; this looks like an alias bomb');
  }
  // js-yaml loads only when a YAML config is read (every ingest registers this adapter).
  const { default: yaml } = await import('js-yaml');
  let doc: unknown;
  try {
    // js-yaml 4's load is safe: its default schema builds plain data only (no !!js/function).
    doc = yaml.load(text, { filename: file, schema: yaml.DEFAULT_SCHEMA });
  } catch (error) {
    if (error instanceof yaml.YAMLException) {
      const where = error.mark ? `:${error.mark.line + 1}:${error.mark.column + 1}` : '';
      throw new LiteTextError('E_INPUT_FORMAT', `${file}${where}: malformed YAML (${error.reason})`, 'check the indentation and quoting near that line');
    }
    throw error;
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw mismatch('odinw', file, 'the YAML document is not a mapping with DATASETS');
  return { doc: doc as Record<string, unknown>, source: text };
}

/** A list given as a YAML list, or as a string holding JSON — or, in one file, a Python literal. */
function listLiteral(value: unknown, file: string, line: number, key: string): unknown[] {
  let list = value;
  if (typeof value === 'string') {
    try {
      list = JSON.parse(value);
    } catch {
      try {
        list = parsePyLiteral(value);
      } catch (error) {
        const why = error instanceof PyLiteralError ? `${error.what} at character ${error.offset + 1} of the string` : String(error);
        throw new LiteTextError('E_INPUT_FORMAT', `${file}:${line}: DATASETS.${key} is neither a JSON nor a Python list literal (${why})`, 'GLIP expects a list of {"id", "name", "supercategory"} objects');
      }
    }
  }
  if (!Array.isArray(list)) throw new LiteTextError('E_INPUT_FORMAT', `${file}:${line}: DATASETS.${key} is not a list`, 'GLIP expects a list of {"id", "name", "supercategory"} objects');
  return list;
}

function captionOf(entry: unknown): { prefix: string; name: string; suffix: string } | undefined {
  if (typeof entry !== 'object' || entry === null) return undefined;
  const { prefix = '', name, suffix = '' } = entry as Record<string, unknown>;
  if (typeof name !== 'string' || typeof prefix !== 'string' || typeof suffix !== 'string') return undefined;
  return { prefix, name, suffix };
}

/** 1-based line of the first `KEY:` in the file (js-yaml keeps no positions). */
function keyLine(text: string, key: string): number {
  const m = new RegExp(`^[ \\t]*${key}[ \\t]*:`, 'm').exec(text);
  return m ? text.slice(0, m.index).split('\n').length : 1;
}

export const odinw: Adapter<OdinwOptions> = {
  name: 'odinw',
  description: 'GLIP / ODinW YAML configs: names in DATASETS.OVERRIDE_CATEGORY (a JSON or Python list literal)',
  options: OdinwOptions,
  flags: [{ flags: '--caption-prompts', description: 'also emit each ODinW CAPTION_PROMPT entry as prefix+name+suffix (kind caption)' }],
  detect,
  read,
};
