import { contextTable } from './context.js';
import { encodersTable } from './encoders.js';
import { promptsTable } from './prompts.js';
import type { TableDef } from './types.js';
import { vocabularyTable } from './vocabulary.js';

/** The registry of the study's tables, in the paper's order. */
export const tables: Array<TableDef<any>> = [promptsTable, contextTable, vocabularyTable, encodersTable];

/** Tables of the study this version cannot produce yet, and why (a config asking for one gets this reason). */
export const NOT_AVAILABLE: Record<string, string> = {
  'intrinsic-dim': 'table 5 (intrinsic dimension per encoder) needs embeddings in analyze(), which this version does not compute yet',
};
