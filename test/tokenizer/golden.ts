import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED } from '../helpers/cli.js';

/** One record of ../shared/reference/sam3-tokenizer/golden-dev.jsonl (ids from SAM3's own tokenizer). */
export interface GoldenRecord {
  text: string;
  tokens: number[];
  input_ids_32: number[];
  source: string;
}

export const GOLDEN_PATH = join(SHARED, 'reference', 'sam3-tokenizer', 'golden-dev.jsonl');

let cached: GoldenRecord[] | undefined;

/** Every line of the golden file (the whole file, parsed once per test file). */
export function goldenRecords(): GoldenRecord[] {
  cached ??= readFileSync(GOLDEN_PATH, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as GoldenRecord);
  return cached;
}
