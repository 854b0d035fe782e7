import { basename } from 'node:path';
import * as z from 'zod';
import type { Adapter, AdapterContext, FileSample } from '../adapter.js';
import type { PromptDraft } from '../prompt.js';
import { namedCategories, readCategories, splitFromName } from './categories.js';
import { firstChar, looksBinary, pickKeys } from './fields.js';

const LvisOptions = z.object({
  synonyms: z.boolean().default(false),
  names: z.enum(['raw', 'readable']).default('readable'),
});
type LvisOptions = z.infer<typeof LvisOptions>;

/**
 * LVIS's readable form of a category name: a trailing parenthesised disambiguator is dropped and
 * `_` becomes a space (`bat_(animal)` → `bat`, `Band_Aid` → `Band Aid`), as the LVIS names are
 * usually shown in open-vocabulary detectors' prompts (e.g. Detic's `lvis_v1` class names).
 * A qualifier that is not trailing stays: `monitor_(computer_equipment) computer_monitor`.
 */
export function readableName(name: string): string {
  const stripped = name.replace(/_\([^()]*\)$/, '');
  return (stripped === '' ? name : stripped).replace(/_/g, ' ');
}

function detect(sample: FileSample) {
  const c = firstChar(sample);
  if ((c !== '{' && c !== '[') || looksBinary(sample)) return null;
  const head = sample.head;
  if (/"synonyms"\s*:/.test(head) && /"(synset|frequency)"\s*:/.test(head)) {
    return { confidence: 0.9, what: 'LVIS categories (name, synonyms, synset/frequency)' };
  }
  if (c === '{' && /"(not_exhaustive_category_ids|neg_category_ids)"\s*:/.test(head)) {
    return { confidence: 0.85, what: 'LVIS annotation file (images[].neg_category_ids)' };
  }
  const coco = c === '{' && /"(annotations|images|categories)"\s*:/.test(head);
  if (coco && (/\bLVIS\b/.test(head) || /^lvis_v\d/i.test(basename(sample.path)))) {
    return { confidence: 0.8, what: 'COCO-format file from LVIS (info / file name)' };
  }
  return null;
}

async function* read(ctx: AdapterContext, options: LvisOptions): AsyncIterable<PromptDraft> {
  const categories = readCategories(ctx, 'lvis');
  const split = splitFromName(ctx.file);
  const shown = (raw: string) => (options.names === 'readable' ? readableName(raw) : raw);
  for (const { item, at } of namedCategories(ctx, categories)) {
    // Frequency: r = 1–10 training images, c = 11–100, f = more (LVIS v1).
    const meta = pickKeys(item, ['id', 'frequency', 'synset']);
    const draft = (raw: string, kind: 'category' | 'synonym', ptr: string): PromptDraft => {
      const text = shown(raw);
      return {
        text, dataset: 'lvis', kind, source: { file: ctx.file, pointer: ptr },
        ...(split === undefined ? {} : { split }),
        meta: text === raw ? meta : { ...meta, original: raw },
      };
    };
    yield draft(item.name, 'category', `${at}/name`);
    if (!options.synonyms || item['synonyms'] === undefined) continue;
    const synonyms = item['synonyms'];
    if (!Array.isArray(synonyms)) {
      ctx.skip('synonyms is not an array', `#${at}/synonyms`);
      continue;
    }
    for (const [j, synonym] of synonyms.entries()) {
      if (typeof synonym === 'string') yield draft(synonym, 'synonym', `${at}/synonyms/${j}`);
      else ctx.skip('synonym is not a string', `#${at}/synonyms/${j}`);
    }
  }
}

export const lvis: Adapter<LvisOptions> = {
  name: 'lvis',
  description: 'LVIS categories: categories[].name (+ synonyms[] with --synonyms), from lvis_v1_*.json or a categories-only array',
  options: LvisOptions,
  flags: [
    { flags: '--synonyms', description: 'also emit every LVIS categories[].synonyms[] entry (kind synonym)' },
    { flags: '--names <mode>', description: 'LVIS names: raw, or readable (a trailing "_(…)" qualifier dropped, "_" → space)' },
  ],
  detect,
  read,
};
