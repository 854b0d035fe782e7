import { basename, dirname, resolve, sep } from 'node:path';
import * as z from 'zod';
import { LiteTextError } from '../../errors.js';
import { inBatches } from '../batches.js';
import type { Adapter, AdapterContext, FileSample } from '../adapter.js';
import { itemsOf, scanJson } from '../json-stream.js';
import { openParquet } from '../parquet.js';
import { isPickle, readPickle, type PyValue } from '../pickle.js';
import { pointer, type PromptDraft } from '../prompt.js';
import { readBytes } from '../read.js';
import { pickKeys } from './fields.js';

/**
 * RefCOCO, RefCOCO+, RefCOCOg in the three forms users have: the refer toolkit's refs(<splitBy>).p
 * (Python 2 cPickle), MDETR's finetune_refcoco*_<split>.json, and lmms-lab's parquet files.
 */
export const RefCocoOptionsSchema = z.object({});
export type RefCocoOptions = z.infer<typeof RefCocoOptionsSchema>;

const DATASET = /^(refcoco\+?|refcocog|refclef)$/i;
const MDETR_NAME = /^finetune_(refcoco\+?|refcocog)_(train|val|testA|testB|test)\.json$/i;
const PARQUET_SPLIT = /^(train|val|validation|test|testA|testB)[-_.]/i;

type Names = Pick<PromptDraft, 'dataset' | 'subset' | 'split'>;

/** refer layout: data/<dataset>/refs(<splitBy>).p — dataset from the folder, splitBy from the name. */
export function pickleNames(file: string): Names {
  const folder = basename(dirname(resolve(file)));
  const splitBy = /refs\((\w+)\)/i.exec(basename(file))?.[1];
  const out: Names = { dataset: DATASET.test(folder) ? folder.toLowerCase() : basename(file).replace(/\.(p|pkl|pickle)$/i, '') };
  if (splitBy !== undefined) out.subset = splitBy.toLowerCase();
  return out;
}

/** lmms-lab/RefCOCO{,plus,g}: data/<split>-00000-of-0000N.parquet under a folder naming the dataset. */
export function parquetNames(file: string): Names {
  const segments = resolve(file).split(sep).reverse();
  let dataset: string | undefined;
  for (const s of segments) {
    const m = /refcoco(plus|\+|g)?(?![a-z])/i.exec(s);
    if (m) {
      dataset = m[1] === undefined ? 'refcoco' : m[1].toLowerCase() === 'g' ? 'refcocog' : 'refcoco+';
      break;
    }
  }
  const out: Names = { dataset: dataset ?? basename(file).replace(/\.parquet$/i, '') };
  const split = PARQUET_SPLIT.exec(basename(file))?.[1];
  if (split !== undefined) out.split = split;
  return out;
}

/** A .p/.pkl/.pickle file is always a pickle (a protocol-0 one is ASCII: never read as text). */
const PICKLE_EXTS = ['.p', '.pkl', '.pickle'];

function detect(sample: FileSample): { confidence: number; what: string } | null {
  const b = sample.headBytes;
  if (b[0] === 0x50 && b[1] === 0x41 && b[2] === 0x52 && b[3] === 0x31) return { confidence: 0.6, what: 'parquet (lmms-lab RefCOCO layout: answer list column)' };
  if (isPickle(b)) {
    const latin1 = Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');
    if (latin1.includes('sentences')) return { confidence: 0.95, what: 'Python pickle of refer refs (sentences[])' };
    return { confidence: 0.5, what: 'Python pickle' };
  }
  if (PICKLE_EXTS.includes(sample.ext)) return { confidence: 0.5, what: `Python pickle (by its ${sample.ext} name)` };
  const head = sample.head.trimStart();
  if (head.startsWith('{') && /"images"\s*:/.test(head) && /"caption"\s*:/.test(head) && !/"text_input"\s*:/.test(head)) {
    if (/"dataset_name"\s*:\s*"ref/.test(head) || MDETR_NAME.test(basename(sample.path))) return { confidence: 0.9, what: 'MDETR RefCOCO JSON (images[].caption)' };
    if (/"tokens_positive/.test(head) || /"original_img_id"/.test(head)) return { confidence: 0.6, what: 'MDETR-style JSON (images[].caption)' };
  }
  return null;
}

export const refCocoAdapter: Adapter<RefCocoOptions> = {
  name: 'refcoco',
  description: 'RefCOCO/RefCOCO+/RefCOCOg: refer refs(<splitBy>).p pickles, MDETR finetune_refcoco*_<split>.json, lmms-lab parquet',
  options: RefCocoOptionsSchema,
  flags: [],
  detect,
  read(ctx) {
    // The first bytes (kept from detection) pick the form.
    const sample = ctx.source.sample();
    const b = sample.headBytes;
    if (b[0] === 0x50 && b[1] === 0x41 && b[2] === 0x52 && b[3] === 0x31) return inBatches(readParquet(ctx));
    if (sample.head.trimStart().startsWith('{')) return inBatches(readMdetr(ctx));
    return inBatches(readRefs(ctx));
  },
};

const mismatch = (file: string, what: string) =>
  new LiteTextError('E_ADAPTER_MISMATCH', `${file}: not RefCOCO: ${what}`, 'refcoco reads refs(<splitBy>).p, finetune_refcoco*_<split>.json or lmms-lab parquet; pick another --adapter');

function* readRefs(ctx: AdapterContext): Generator<PromptDraft> {
  const refs = readPickle(readBytes(ctx.source), { file: ctx.file, onInvalidUtf8: ctx.invalidUtf8 });
  // The refer refs are the only pickles lite-text reads: any other pickle is a format error, never
  // a walked file to skip quietly nor (protocol 0 is ASCII) a text file of opcodes.
  if (!Array.isArray(refs) || !refs.some((r) => isDict(r) && Array.isArray(r.sentences))) {
    throw new LiteTextError('E_INPUT_FORMAT', `${ctx.file}: a Python pickle without RefCOCO refs (no list of refs with sentences[])`, 'lite-text reads the refer toolkit\'s refs(<splitBy>).p pickles only; export other data as JSON Lines or text');
  }
  const names = pickleNames(ctx.file);
  for (const [i, ref] of refs.entries()) {
    if (!isDict(ref) || !Array.isArray(ref.sentences)) {
      ctx.skip('ref without sentences[]', `#${pointer(i)}`);
      continue;
    }
    for (const [j, sentence] of ref.sentences.entries()) {
      const where = pointer(i, 'sentences', j, 'sent');
      if (!isDict(sentence) || typeof sentence.sent !== 'string') {
        ctx.skip('sentence without a string sent', `#${where}`);
        continue;
      }
      const draft: PromptDraft = { text: sentence.sent, ...names, kind: 'referring-expression', source: { file: ctx.file, pointer: where } };
      if (typeof ref.split === 'string') draft.split = ref.split;
      draft.meta = { ...pickKeys(sentence, ['raw']), ...pickKeys(ref, ['ref_id', 'ann_id']), ...pickKeys(sentence, ['sent_id']), ...pickKeys(ref, ['image_id']) };
      yield draft;
    }
  }
}

function* readMdetr(ctx: AdapterContext): Generator<PromptDraft> {
  const m = MDETR_NAME.exec(basename(ctx.file));
  let seen = 0;
  for (const event of scanJson(ctx.source, { select: itemsOf('images'), onInvalidUtf8: ctx.invalidUtf8 })) {
    if (event.type === 'end') {
      if (event.path.length === 1) break;
      continue;
    }
    const index = event.path[1] as number;
    const image = event.value;
    const where = pointer('images', index, 'caption');
    if (!isDict(image) || !('caption' in image)) {
      if (seen === 0) throw mismatch(ctx.file, 'no images[].caption found');
      ctx.skip('images[] entry without caption', `#${pointer('images', index)}`);
      continue;
    }
    seen++;
    if (typeof image.caption !== 'string') {
      ctx.skip('caption is not a string', `#${where}`);
      continue;
    }
    const fromField = typeof image.dataset_name === 'string' && DATASET.test(image.dataset_name) ? image.dataset_name.toLowerCase() : undefined;
    const draft: PromptDraft = { text: image.caption, dataset: m ? m[1]!.toLowerCase() : fromField ?? basename(ctx.file).replace(/\.json$/i, ''), kind: 'referring-expression', source: { file: ctx.file, pointer: where } };
    if (m) draft.split = m[2]!;
    draft.meta = { ...pickKeys({ image_id: image.id }, ['image_id']), ...pickKeys(image, ['original_img_id', 'original_id', 'sentence_id', 'file_name']) };
    yield draft;
  }
  if (seen === 0) throw mismatch(ctx.file, 'no images[].caption found');
}

async function* readParquet(ctx: AdapterContext): AsyncGenerator<PromptDraft> {
  const parquet = await openParquet(ctx.source);
  if (!parquet.columns.includes('answer')) throw mismatch(ctx.file, `parquet without an answer column (columns: ${parquet.columns.join(', ')})`);
  const extra = ['question_id', 'file_name'].filter((c) => parquet.columns.includes(c));
  const names = parquetNames(ctx.file);
  for await (const { row, values } of parquet.read(['answer', ...extra])) {
    const answers = values.answer;
    // A plain string column (other exports of the same data) is one prompt per row.
    const list = typeof answers === 'string' ? [answers] : answers;
    if (!Array.isArray(list)) {
      ctx.skip('answer is not a list of strings', `#${pointer(row, 'answer')}`);
      continue;
    }
    for (const [j, text] of list.entries()) {
      const where = typeof answers === 'string' ? pointer(row, 'answer') : pointer(row, 'answer', j);
      if (typeof text !== 'string') {
        ctx.skip('answer entry is not a string', `#${where}`);
        continue;
      }
      const meta = pickKeys(Object.fromEntries(extra.filter((key) => values[key] !== null).map((key) => [key, values[key]])), extra);
      yield { text, ...names, kind: 'referring-expression', source: { file: ctx.file, pointer: where }, meta };
    }
  }
}

function isDict(v: PyValue | unknown): v is { [key: string]: PyValue } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
