import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { cannotRead, LiteTextError } from '../errors.js';
import { findJsonError } from '../corpus/json.js';
import { lineColumn } from '../corpus/read.js';
import { ReportSchema, SCHEMA_VERSION, type Report } from '../report/schema.js';

/** A report read from disk: validated, but kept raw so sections this version does not know still align. */
export interface LoadedReport {
  file: string;
  report: Report;
  raw: Record<string, unknown>;
}

/** Reads and validates a report.json (or the report.json in a folder); failures are E_REPORT naming the file (and line:column or pointer). */
export function loadReport(path: string): LoadedReport {
  const file = isFolder(path) ? join(path, 'report.json') : path;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw cannotRead(file, error, 'pass the report.json written by `lite-text analyze`');
  }
  return parseReport(text, file);
}

export function parseReport(text: string, file: string): LoadedReport {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    const { offset, what } = findJsonError(text);
    const { line, column } = lineColumn(text, offset);
    throw new LiteTextError('E_REPORT', `${file}:${line}:${column}: not JSON (${what})`, 'pass the report.json written by `lite-text analyze`');
  }
  // The diff walks reports recursively: a hostile nesting (1e5 levels) would overflow the stack.
  if (depthExceeds(raw, MAX_DEPTH)) {
    throw new LiteTextError('E_LIMIT', `${file}: nested deeper than ${MAX_DEPTH} levels (a lite-text report is about 10 deep)`, 'pass the report.json written by `lite-text analyze`');
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || !('schemaVersion' in raw)) {
    throw new LiteTextError('E_REPORT', `${file}: not a lite-text report (no schemaVersion at the top level)`, 'pass the report.json written by `lite-text analyze`');
  }
  const version = (raw as { schemaVersion: unknown }).schemaVersion;
  if (version !== SCHEMA_VERSION) {
    throw new LiteTextError('E_REPORT', `${file}: report schemaVersion ${JSON.stringify(version)} is not supported (this lite-text reads schemaVersion ${SCHEMA_VERSION})`, 'regenerate the report with this version of lite-text, or read it with the version that wrote it');
  }
  const parsed = ReportSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const pointer = `/${issue.path.map((p) => String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;
    throw new LiteTextError('E_REPORT', `${file}: not a valid lite-text report at ${pointer}: ${issue.message}`, 'was the file edited by hand or written by another tool?');
  }
  return { file, report: parsed.data, raw: raw as Record<string, unknown> };
}

const MAX_DEPTH = 256;

/** Whether arrays/objects nest deeper than `max` (iterative: the check itself must not recurse). */
function depthExceeds(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= max) return true;
    for (const child of Object.values(v)) if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
  }
  return false;
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
