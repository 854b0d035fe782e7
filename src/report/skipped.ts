import type { SkippedInputs } from './core-schema.js';

/** What reading the inputs left out, one line per kind, worded as `ingest` words it (console and Markdown). */
export function skippedLines(s: SkippedInputs | undefined): string[] {
  if (!s) return [];
  const out: string[] = [];
  const counts = (r: Record<string, number>) => Object.entries(r).map(([reason, n]) => `${n} ${reason}`).join('; ');
  if (s.files.length > 0) out.push(`skipped ${s.files.length} file(s): ${s.files.map((f) => `${f.path} (${f.why})`).join('; ')}`);
  if (Object.keys(s.records).length > 0) out.push(`skipped records: ${counts(s.records)}`);
  if (Object.keys(s.dropped).length > 0) out.push(`dropped on request: ${counts(s.dropped)}`);
  return out;
}
