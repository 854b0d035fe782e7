import { LiteTextError } from '../errors.js';
import type { FileSample } from './adapter.js';
import type { IngestSummary } from './summary.js';

export const EMPTY_HINT = 'check the input (`lite-text ingest FILE` lists what is skipped and why); pass --allow-empty to accept an empty corpus';

const SHOWN = 3;

/** Why one file gave no prompt: the records skipped or dropped while it was read, or what it holds. */
export function whatWasSkipped(sample: FileSample, summary: IngestSummary, skippedBefore: Readonly<Record<string, number>>): string {
  const skipped = Object.entries(summary.skipped)
    .map(([reason, n]) => [reason, n - (skippedBefore[reason] ?? 0)] as const)
    .filter(([, n]) => n > 0)
    .map(([reason, n]) => `skipped ${n} ${reason}`);
  if (skipped.length > 0) return skipped.join('; ');
  if (sample.size === 0) return 'the file is empty';
  return 'no record with a prompt found';
}

/** The whole input set gave no prompt: say which files were read, and which skipped and why. */
export function emptyInputsError(inputs: readonly string[], summary: IngestSummary): LiteTextError {
  const parts: string[] = [];
  const files = summary.skippedFiles;
  if (files.length > 0) {
    const shown = files.slice(0, SHOWN).map((f) => `${f.path} (${f.why})`);
    if (files.length > SHOWN) shown.push(`${files.length - SHOWN} more`);
    parts.push(`skipped ${files.length} file(s): ${shown.join('; ')}`);
  }
  const records = Object.entries(summary.skipped);
  if (records.length > 0) parts.push(`skipped records: ${records.map(([r, n]) => `${n} ${r}`).join('; ')}`);
  const dropped = Object.entries(summary.dropped);
  if (dropped.length > 0) parts.push(`dropped on request: ${dropped.map(([r, n]) => `${n} ${r}`).join('; ')}`);
  if (parts.length === 0) parts.push(summary.files.length === 0 ? 'no file found' : `${summary.files.length} file(s) read, no record found`);
  return new LiteTextError('E_EMPTY_CORPUS', `${inputs.join(', ') || '(no input)'}: no prompts (${parts.join('; ')})`, EMPTY_HINT);
}
