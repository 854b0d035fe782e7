import { readFileSync } from 'node:fs';
import { AgreementReportSchema } from '../analyzers/agreement/schema.js';
import { loadReport } from '../diff/load.js';
import { cannotRead, LiteTextError } from '../errors.js';
import { archName, planOf, studentName, type AgreementSummary, type PlanReport } from './compute.js';
import type { Plan } from './schema.js';

export { planMarkdown } from './markdown.js';
export type { Plan } from './schema.js';
export { archName, STUDENTS, studentName } from './compute.js';

export interface PlanOptions {
  report: string;
  maxTruncation?: number;
  arch?: string | undefined;
  student?: string | undefined;
  /** An agreement.json written by `compare`. */
  agreement?: string | undefined;
}

/** `lite-text plan`: reads an analyze report (and an agreement.json) and returns the compression plan. */
export function plan(options: PlanOptions): Plan {
  // The names first: a mistyped --student is the error, not what the report lacks.
  if (options.student !== undefined) studentName(options.student);
  if (options.arch !== undefined) archName(options.arch);
  if (options.agreement !== undefined && options.student === undefined) throw new LiteTextError('E_USAGE', '--agreement needs --student NAME (the student it was measured on)', 'e.g. --student litetext-s0');
  const { file, raw } = loadReport(options.report);
  const agreement = options.agreement === undefined ? undefined : readAgreement(options.agreement);
  return planOf({ file, report: raw as PlanReport, maxTruncation: options.maxTruncation ?? 0.001, arch: options.arch, student: options.student, agreement });
}

function readAgreement(file: string): AgreementSummary {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const hint = 'pass the agreement.json written by lite-text compare --out';
    throw (error as NodeJS.ErrnoException).code ? cannotRead(file, error, hint) : new LiteTextError('E_REPORT', `${file}: not JSON`, hint);
  }
  const parsed = AgreementReportSchema.safeParse(raw);
  if (!parsed.success) throw new LiteTextError('E_REPORT', `${file}: not an agreement.json (${parsed.error.issues[0]!.path.join('.')}: ${parsed.error.issues[0]!.message})`, 'pass the agreement.json written by lite-text compare --out');
  const all = parsed.data.agreement.all;
  return { file, cosineMean: all.cosine?.mean ?? null, ckaLinear: all.cka.linear, knnOverlap: all.knnOverlap.mean, k: all.knnOverlap.k };
}
