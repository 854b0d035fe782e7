import type { Adapter } from '../adapter.js';
import { corpusAdapter } from './corpus.js';
import { saCoAdapter } from './sa-co.js';
import { refCocoAdapter } from './refcoco.js';
import { lvis } from './lvis.js';
import { cocoCategories } from './coco-categories.js';
import { odinw } from './odinw.js';
import { csv, tsv } from './csv.js';
import { jsonl } from './jsonl.js';
import { json } from './json.js';
import { text } from './text.js';

/**
 * The adapter registry: one file per source format, each a plain object. Detection asks every
 * adapter and takes the highest confidence; ties resolve by this order (specific before generic).
 */
export const adapters: Array<Adapter<any>> = [
  corpusAdapter,
  saCoAdapter,
  refCocoAdapter,
  lvis,
  cocoCategories,
  odinw,
  csv,
  tsv,
  jsonl,
  json,
  text,
];

export function findAdapter(name: string): Adapter<any> | undefined {
  return adapters.find((a) => a.name === name);
}
