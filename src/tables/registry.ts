import { contextTable } from './context.js';
import { encodersTable } from './encoders.js';
import { intrinsicDimTable } from './intrinsic-dim.js';
import { promptsTable } from './prompts.js';
import type { TableDef } from './types.js';
import { vocabularyTable } from './vocabulary.js';

/** The registry of the study's tables, in the paper's order. */
export const tables: Array<TableDef<any>> = [promptsTable, contextTable, vocabularyTable, encodersTable, intrinsicDimTable];
