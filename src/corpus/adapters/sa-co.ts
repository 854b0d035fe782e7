import { basename, dirname } from 'node:path';
import * as z from 'zod';
import { LiteTextError } from '../../errors.js';
import type { Adapter, AdapterContext, FileSample } from '../adapter.js';
import { inBatches } from '../batches.js';
import { itemsOf, scanJson, type JsonPath, type Selection } from '../json-stream.js';
import { pointer, type PromptDraft } from '../prompt.js';
import { metaScalar, pickKeys } from './fields.js';

export const SaCoOptionsSchema = z.object({
  /** Gold ships the same pairs in three annotator files (a, b, c): keep the first copy only. */
  dedupeAnnotators: z.boolean().default(false),
  /** VEval: one prompt per video_np_pairs[] entry, or the global phrase list categories[].name. */
  saCoSource: z.enum(['pairs', 'categories']).default('pairs'),
});
export type SaCoOptions = z.infer<typeof SaCoOptionsSchema>;

/** Dataset, subset and split from the file name (the sam3 release names; see the README's sa-co section). */
export interface SaCoName {
  dataset: string;
  subset?: string;
  split?: string;
  annotator?: string;
}

// gold_<subset>_merged_{a,b,c}_release_test.json, silver_<subset>_merged_test.json (sam3 scripts/eval).
const IMAGE_NAME = /^(gold|silver)_(.+?)(?:_merged)?(?:_([abc]))?(?:_release)?_(test|val|train)\.json$/i;
// saco_veval_<subset>_<split>.json, also the toy files (toy_saco_veval_sav_test_gt.json).
const VIDEO_NAME = /saco_veval_(.+?)_(test|val|train)(?:_gt)?\.json$/i;

export function parseSaCoName(file: string, video: boolean): SaCoName {
  const name = basename(file);
  if (video) {
    const m = VIDEO_NAME.exec(name);
    return m ? { dataset: 'sa-co-veval', subset: m[1]!, split: m[2]! } : { dataset: 'sa-co-veval' };
  }
  const m = IMAGE_NAME.exec(name);
  if (m) {
    const out: SaCoName = { dataset: `sa-co-${m[1]!.toLowerCase()}`, subset: m[2]!, split: m[4]! };
    if (m[3] !== undefined) out.annotator = m[3].toLowerCase();
    return out;
  }
  // Unknown name: a gold/silver folder still says which benchmark; else the file's stem.
  const path = `${dirname(file)}/${name}`.toLowerCase();
  if (/(^|[^a-z])gold([^a-z]|$)/.test(path)) return { dataset: 'sa-co-gold' };
  if (/(^|[^a-z])silver([^a-z]|$)/.test(path)) return { dataset: 'sa-co-silver' };
  return { dataset: name.replace(/\.json$/i, '') };
}

function detect(sample: FileSample): { confidence: number; what: string } | null {
  const head = sample.head.trimStart();
  if (!head.startsWith('{')) return null;
  if (/"video_np_pairs"\s*:/.test(head)) return { confidence: 0.95, what: 'SA-Co/VEval JSON with video_np_pairs' };
  if (/"text_input"\s*:/.test(head) && /"images"\s*:/.test(head)) return { confidence: 0.95, what: 'SA-Co COCO JSON with images[].text_input' };
  // VEval puts video_np_pairs last: its videos/annotations carry noun_phrase, or info names it.
  if (/"videos"\s*:/.test(head) && (/"noun_phrase"\s*:/.test(head) || /SA-Co\/VEval/.test(head))) {
    return { confidence: 0.8, what: 'SA-Co/VEval JSON (videos with noun phrases)' };
  }
  // Masks written before images[]: SA-Co annotations carry no category_id (COCO instances always do).
  if (/^\{\s*("info"\s*:\s*\{[^{}]*\}\s*,\s*)?"annotations"\s*:\s*\[\s*\{/.test(head) && /"image_id"\s*:/.test(head) && !/"category_id"\s*:/.test(head)) {
    return { confidence: 0.5, what: 'COCO-style JSON, annotations first without category_id (SA-Co layout)' };
  }
  return null;
}

export const saCoAdapter: Adapter<SaCoOptions> = {
  name: 'sa-co',
  description: 'SA-Co/Gold and SA-Co/Silver (COCO JSON, images[].text_input) and SA-Co/VEval (video_np_pairs)',
  options: SaCoOptionsSchema,
  flags: [
    { flags: '--dedupe-annotators', description: 'SA-Co/Gold: keep one copy per (file_name, text_input) across the a/b/c annotator files' },
    { flags: '--sa-co-source <which>', description: 'SA-Co/VEval: prompts from "pairs" (video_np_pairs[].noun_phrase) or "categories" (categories[].name)' },
  ],
  detect,
  read: (ctx, options) => inBatches(saCoDrafts(ctx, options)),
};

interface ScanState {
  /** Ids that annotations[].image_id points to (numbers kept as numbers, others as strings). */
  positives: Set<number | string>;
  annotationsDone: boolean;
  hasAnnotations: boolean;
  /** `images` came before `annotations` ended: a second pass reads them. */
  imagesDeferred: boolean;
  video: boolean;
  categories: Array<{ index: number; value: unknown }>;
}

function* saCoDrafts(ctx: AdapterContext, options: SaCoOptions): Generator<PromptDraft> {
  const state: ScanState = { positives: new Set(), annotationsDone: false, hasAnnotations: false, imagesDeferred: false, video: false, categories: [] };
  const wantCategories = options.saCoSource === 'categories';
  const images = new ImageReader(ctx, options, state);
  // Pass 1: annotation ids, VEval pairs, and images when annotations came first (one pass then).
  const select = (path: JsonPath, kind: string): Selection => {
    const [top, index, field] = path;
    if (path.length === 0) return kind === 'object' ? 'descend' : 'skip';
    if (top === 'videos' || top === 'video_np_pairs') state.video = true;
    if (path.length === 1) {
      // The next top-level key means annotations[] has ended (set here: select runs ahead of events).
      if (state.hasAnnotations && top !== 'annotations') state.annotationsDone = true;
      if (top === 'images') {
        if (state.annotationsDone || state.video) return 'descend';
        state.imagesDeferred = true;
        return 'skip';
      }
      if (top === 'annotations') {
        state.hasAnnotations = true;
        return state.video ? 'skip' : 'descend';
      }
      if (top === 'video_np_pairs') return options.saCoSource === 'pairs' ? 'descend' : 'skip';
      if (top === 'categories') return wantCategories ? 'descend' : 'skip';
      return 'skip';
    }
    if (top === 'annotations') return path.length === 2 ? 'descend' : path.length === 3 && field === 'image_id' ? 'value' : 'skip';
    return path.length === 2 && typeof index === 'number' ? 'value' : 'skip';
  };
  let pairs = 0;
  const veval = () => parseSaCoName(ctx.file, true);
  for (const event of scanJson(ctx.source, { select, onInvalidUtf8: ctx.invalidUtf8 })) {
    const [top, index] = event.path;
    if (event.type === 'end') continue;
    if (top === 'annotations') {
      const id = event.value;
      if (typeof id === 'number' || typeof id === 'string') state.positives.add(id);
    } else if (top === 'images' && typeof index === 'number') {
      const draft = images.draft(index, event.value);
      if (draft) yield draft;
    } else if (top === 'video_np_pairs' && typeof index === 'number') {
      pairs++;
      const draft = pairDraft(ctx, veval(), index, event.value);
      if (draft) yield draft;
    } else if (top === 'categories' && typeof index === 'number') {
      state.categories.push({ index, value: event.value });
    }
  }
  if (state.imagesDeferred && !state.video) {
    // Pass 2: images came before annotations ended; stop at the end of images[].
    for (const event of scanJson(ctx.source, { select: itemsOf('images'), onInvalidUtf8: ctx.invalidUtf8 })) {
      if (event.type === 'end') {
        if (event.path.length === 1) break;
        continue;
      }
      const draft = images.draft(event.path[1] as number, event.value);
      if (draft) yield draft;
    }
  }
  if (state.video && wantCategories) {
    for (const { index, value } of state.categories) {
      const draft = categoryDraft(ctx, veval(), index, value);
      if (draft) yield draft;
    }
  }
  if (!state.video && images.seen === 0) {
    throw new LiteTextError('E_ADAPTER_MISMATCH', `${ctx.file}: not SA-Co: no images[].text_input or video_np_pairs found`, 'SA-Co files are the sam3 Gold/Silver/VEval annotation JSONs; pick another --adapter');
  }
  if (state.video && options.saCoSource === 'pairs' && pairs === 0) {
    throw new LiteTextError('E_ADAPTER_MISMATCH', `${ctx.file}: no video_np_pairs found`, 'use --sa-co-source categories to read categories[].name');
  }
}

/** Gold/Silver images[] entries → drafts (negative when no annotation points to the pair). */
class ImageReader {
  seen = 0;
  private readonly name: SaCoName;
  private readonly dedupe: Set<string> | undefined;

  constructor(private ctx: AdapterContext, options: SaCoOptions, private state: ScanState) {
    this.name = parseSaCoName(ctx.file, false);
    if (options.dedupeAnnotators) {
      let seen = ctx.shared.get('sa-co:dedupe-annotators') as Set<string> | undefined;
      if (!seen) ctx.shared.set('sa-co:dedupe-annotators', (seen = new Set()));
      this.dedupe = seen;
    }
  }

  draft(index: number, value: unknown): PromptDraft | undefined {
    const where = pointer('images', index);
    if (!isRecord(value) || !('text_input' in value)) {
      if (this.seen === 0) {
        throw new LiteTextError('E_ADAPTER_MISMATCH', `${this.ctx.file}#${where}: not SA-Co: no images[].text_input or video_np_pairs found`, 'SA-Co files are the sam3 Gold/Silver/VEval annotation JSONs; pick another --adapter');
      }
      this.ctx.skip('images[] entry without text_input', `#${where}`);
      return undefined;
    }
    this.seen++;
    const text = value.text_input;
    if (typeof text !== 'string') {
      this.ctx.skip('text_input is not a string', `#${where}/text_input`);
      return undefined;
    }
    const fileName = value.file_name;
    if (this.dedupe) {
      const key = [this.name.dataset, this.name.subset ?? '', String(metaScalar(fileName)), text].join('\u0000');
      if (this.dedupe.has(key)) {
        this.ctx.drop('copies of an earlier annotator file\'s (file_name, text_input) pair (--dedupe-annotators)');
        return undefined;
      }
      this.dedupe.add(key);
    }
    const meta = pickKeys({ image_id: value.id, file_name: fileName, queried_category: value.queried_category }, ['image_id', 'file_name', 'queried_category']);
    if (this.name.annotator !== undefined) meta.annotator = this.name.annotator;
    const draft: PromptDraft = { text, ...names(this.name), kind: 'noun-phrase', source: { file: this.ctx.file, pointer: where }, meta };
    // No annotations key at all: nothing says which pairs are negative.
    if (this.state.hasAnnotations) draft.negative = !this.state.positives.has(value.id as number | string);
    return draft;
  }
}

function pairDraft(ctx: AdapterContext, name: SaCoName, index: number, value: unknown): PromptDraft | undefined {
  const where = pointer('video_np_pairs', index);
  if (!isRecord(value) || typeof value.noun_phrase !== 'string') {
    ctx.skip('video_np_pairs[] entry without a string noun_phrase', `#${where}`);
    return undefined;
  }
  const meta: Record<string, unknown> = { pair_id: value.id, video_id: value.video_id, category_id: value.category_id, num_masklets: value.num_masklets };
  const draft: PromptDraft = { text: value.noun_phrase, ...names(name), kind: 'noun-phrase', source: { file: ctx.file, pointer: where }, meta };
  if (typeof value.num_masklets === 'number') draft.negative = value.num_masklets === 0;
  return draft;
}

function categoryDraft(ctx: AdapterContext, name: SaCoName, index: number, value: unknown): PromptDraft | undefined {
  const where = pointer('categories', index);
  if (!isRecord(value) || typeof value.name !== 'string') {
    ctx.skip('categories[] entry without a string name', `#${where}`);
    return undefined;
  }
  return { text: value.name, ...names(name), kind: 'noun-phrase', source: { file: ctx.file, pointer: where }, meta: { category_id: value.id } };
}

function names(name: SaCoName): Pick<PromptDraft, 'dataset' | 'subset' | 'split'> {
  const out: Pick<PromptDraft, 'dataset' | 'subset' | 'split'> = { dataset: name.dataset };
  if (name.subset !== undefined) out.subset = name.subset;
  if (name.split !== undefined) out.split = name.split;
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
