import { basename, dirname } from 'node:path';
import type { AdapterContext } from '../adapter.js';
import { scanJson } from '../json-stream.js';
import { pointer } from '../prompt.js';
import { expectJson, fileStem, mismatch, previewValue } from './fields.js';

/**
 * The `categories` of a COCO-format file (COCO, LVIS, Objects365, RF100-VL, ODinW), or a
 * categories-only file whose root is the array itself (`panoptic_coco_categories.json`, Detic's
 * `lvis_v1_train_cat_info.json`). Shared by the `lvis` and `coco-categories` adapters.
 */
export interface Categories {
  /** RFC 6901 pointer of the array: '' for a top-level array, else '/categories'. */
  base: string;
  items: unknown[];
}

export function readCategories(ctx: AdapterContext, adapter: string): Categories {
  // Streamed: an LVIS / Objects365 annotation file is GBs of annotations around a small categories
  // array (too large for one JavaScript string); everything else is skipped unparsed.
  expectJson(ctx.source, adapter);
  let root = 'scalar' as 'object' | 'array' | 'scalar';
  const keys: string[] = [];
  let categories: unknown;
  const items: unknown[] = [];
  const events = scanJson(ctx.source, {
    select(path, kind) {
      if (path.length === 0) {
        root = kind;
        return kind === 'scalar' ? 'skip' : 'descend';
      }
      if (path.length > 1) return 'skip';
      if (root === 'array') return 'value';
      keys.push(String(path[0]));
      return path[0] === 'categories' ? 'value' : 'skip';
    },
    onInvalidUtf8: (n) => ctx.invalidUtf8(n),
  });
  for (const event of events) {
    if (event.type !== 'value' || event.path.length !== 1) continue;
    if (root === 'array') items.push(event.value);
    else categories = event.value;
  }
  if (root === 'array') return checked({ base: '', items }, ctx.file, adapter);
  if (Array.isArray(categories)) return checked({ base: '/categories', items: categories }, ctx.file, adapter);
  if (root === 'object') {
    const what = categories === undefined ? 'no categories[] array' : 'categories is not an array';
    throw mismatch(adapter, ctx.file, `${what} (top-level keys: ${keys.slice(0, 12).join(', ') || 'none'})`);
  }
  throw mismatch(adapter, ctx.file, 'the JSON root is neither an object with categories[] nor an array of categories');
}

/** A non-empty list in which no entry has a string `name` is not a category list. */
function checked(categories: Categories, file: string, adapter: string): Categories {
  const { items, base } = categories;
  if (items.length > 0 && !items.some(hasName)) {
    throw mismatch(adapter, file, `no ${base === '' ? '[]' : 'categories[]'}.name string found (the first entry is ${previewValue(items[0])})`);
  }
  return categories;
}

/** Each category with a string name, and its pointer; the others are skipped (with their pointer). */
export function* namedCategories(ctx: AdapterContext, { base, items }: Categories): Generator<{ item: NamedCategory; at: string }> {
  for (const [i, item] of items.entries()) {
    const at = `${base}${pointer(i)}`;
    if (hasName(item)) yield { item, at };
    else ctx.skip('category without a name string', `#${at}`);
  }
}

export type NamedCategory = { name: string } & Record<string, unknown>;

export function hasName(item: unknown): item is NamedCategory {
  return typeof item === 'object' && item !== null && typeof (item as Record<string, unknown>)['name'] === 'string';
}

const SPLIT = /(?:^|[_.-])(train|val|valid|minival|test|test-dev|testdev)(\d{4})?(?=$|[_.-])/i;

/**
 * The split a COCO-style file names: `instances_val2017` → `val2017`, `lvis_v1_train_cat_info` →
 * `train`; else a parent folder named like a split (Roboflow / ODinW exports: `train/`, `valid/`).
 */
export function splitFromName(file: string): string | undefined {
  const m = SPLIT.exec(fileStem(file));
  if (m) return `${m[1]!.toLowerCase()}${m[2] ?? ''}`;
  const parent = basename(dirname(file));
  return /^(train|valid|val|minival|test)$/i.test(parent) ? parent.toLowerCase() : undefined;
}
