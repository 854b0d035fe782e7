import type { EncoderAnatomy } from '../analyzers/encoder-anatomy/index.js';
import type { IdEstimates } from '../estimators/index.js';
import type { Report } from '../report/schema.js';
import type { TablesConfig } from './config.js';

/** What every table is computed from: one analyze() report per dataset, one over the whole corpus, encoders. */
export interface TablesInput {
  config: TablesConfig;
  datasets: Array<{ name: string; report: Report }>;
  all: Report;
  encoders: Array<{ name: string; source: string; anatomy: EncoderAnatomy }>;
  /** Intrinsic-dimension estimates of each ONNX encoder's embeddings of the whole corpus (only when table 5 is made). */
  intrinsicDim: Array<{ name: string; source: string; pooling: string; prompts: number; width: number; estimates: IdEstimates }>;
}

/** Shown above every table: which corpus, tokenizer and settings the numbers come from. */
export interface TableMeta {
  config: string;
  tokenizer: string;
  dedupe: string;
}

/**
 * A table of the study: a plain registered object. `rows` computes the numbers (they go to tables.json
 * as they are); `markdown` only formats them (STYLE: reporters compute nothing).
 */
export interface TableDef<Rows = unknown> {
  id: string;
  number: number;
  title: string;
  /** `corpus`: always available; `encoders`: when the config lists encoders; `embeddings`: ONNX encoders. */
  needs: 'corpus' | 'encoders' | 'embeddings';
  rows(input: TablesInput): Rows;
  markdown(rows: Rows, meta: TableMeta): string;
}

/** tables.json numbers: 10 significant digits, so a last-ulp difference of Math.log between platforms cannot drift. */
export function round(x: number): number {
  return Number.isInteger(x) ? x : Number(x.toPrecision(10));
}

export function heading(def: Pick<TableDef, 'number' | 'title'>, meta: TableMeta, note: string): string[] {
  return [`# Table ${def.number}: ${def.title}`, '', `Config \`${meta.config}\` · tokenizer ${meta.tokenizer} · dedupe ${meta.dedupe}.`, '', note, ''];
}
