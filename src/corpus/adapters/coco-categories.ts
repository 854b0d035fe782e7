import { basename, dirname } from 'node:path';
import * as z from 'zod';
import type { Adapter, AdapterContext, FileSample } from '../adapter.js';
import type { PromptDraft } from '../prompt.js';
import { namedCategories, readCategories, splitFromName } from './categories.js';
import { fileStem, firstChar, looksBinary, pickKeys } from './fields.js';

const CocoOptions = z.object({});
type CocoOptions = z.infer<typeof CocoOptions>;

function detect(sample: FileSample) {
  const c = firstChar(sample);
  if ((c !== '{' && c !== '[') || looksBinary(sample)) return null;
  const head = sample.head;
  if (c === '[') {
    if (/^\s*\[\s*\{/.test(head) && /"name"\s*:/.test(head) && /"(supercategory|isthing|id)"\s*:/.test(head)) {
      return { confidence: 0.6, what: 'top-level array of COCO categories ({id, name, supercategory})' };
    }
    return null;
  }
  const coco = /"categories"\s*:/.test(head) || (/"images"\s*:/.test(head) && /"annotations"\s*:/.test(head));
  if (!coco) return null;
  // SA-Co (images[].text_input, video_np_pairs) and MDETR (images[].caption) files are COCO-shaped
  // too, but their prompts are not the categories: leave them to the sa-co / refcoco adapters.
  if (/"(text_input|video_np_pairs|caption)"\s*:/.test(head)) {
    return { confidence: 0.1, what: 'COCO-format JSON with per-image text (text_input / caption): categories are not its prompts' };
  }
  return { confidence: 0.6, what: 'COCO-format JSON (categories / images / annotations)' };
}

async function* read(ctx: AdapterContext, _options: CocoOptions): AsyncIterable<PromptDraft> {
  const categories = readCategories(ctx, 'coco-categories');
  const { dataset, subset } = guessDataset(ctx.file, categories.items);
  const split = splitFromName(ctx.file);
  for (const { item, at } of namedCategories(ctx, categories)) {
    const meta = pickKeys(item, ['id', 'supercategory', 'isthing']);
    yield {
      text: item.name, dataset, kind: 'category', source: { file: ctx.file, pointer: `${at}/name` },
      ...(subset === undefined ? {} : { subset }),
      ...(split === undefined ? {} : { split }),
      meta,
    };
  }
}

/**
 * The benchmark a COCO-format file belongs to, from its name and content (never decisive for
 * detection, only for naming): Roboflow exports are `_annotations.coco.json` (RF100-VL); ODinW's
 * are `annotations_without_background.json` / `fewshot_*_shot*_seed*.json`; Objects365 has 365
 * categories; COCO's files are `instances_*` / `panoptic_*` or hold its 80 / 133 categories.
 */
export function guessDataset(file: string, items: unknown[]): { dataset: string; subset?: string } {
  const name = basename(file).toLowerCase();
  if (name === '_annotations.coco.json') return withSubset('rf100-vl', subsetFromFolders(file));
  if (/^(annotations_without_background|fewshot_(train|val)_shot\d+_seed\d+)\.json$/.test(name)) {
    return withSubset('odinw', subsetFromFolders(file, 'odinw'));
  }
  if (/objects365|objv2|zhiyuan/.test(name) || items.length === 365) return { dataset: 'objects365' };
  const first = items[0] as { name?: unknown } | undefined;
  if (/^(instances|panoptic|person_keypoints|stuff)_|coco/.test(name) || ([80, 133].includes(items.length) && first?.name === 'person')) {
    return { dataset: 'coco' };
  }
  if (items.some((item) => typeof item === 'object' && item !== null && 'synonyms' in item)) return { dataset: 'lvis' };
  return { dataset: fileStem(file) };
}

function withSubset(dataset: string, subset: string | undefined): { dataset: string; subset?: string } {
  return subset === undefined ? { dataset } : { dataset, subset };
}

/**
 * `…/<name>/train/_annotations.coco.json` → `<name>`. With `root` (`odinw`), the folders between
 * it and the split folder joined by `_`, as GLIP names its configs (`AerialMaritimeDrone_large`).
 */
function subsetFromFolders(file: string, root?: string): string | undefined {
  const dirs = dirname(file).split(/[\\/]/).filter((d) => d !== '' && d !== '.');
  if (dirs.length > 0 && /^(train|valid|val|minival|test)$/i.test(dirs[dirs.length - 1]!)) dirs.pop();
  const at = root === undefined ? -1 : dirs.map((d) => d.toLowerCase()).lastIndexOf(root);
  if (at !== -1 && at < dirs.length - 1) return dirs.slice(at + 1).join('_');
  return dirs[dirs.length - 1];
}

export const cocoCategories: Adapter<CocoOptions> = {
  name: 'coco-categories',
  description: 'COCO-format JSON (COCO, panoptic, Objects365, RF100-VL, ODinW annotations): categories[].name',
  options: CocoOptions,
  flags: [],
  detect,
  read,
};
