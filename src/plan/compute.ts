import { archPieces, ARCHITECTURES, type ArchDescription } from '../analyzers/encoder-anatomy/arch.js';
import { LiteTextError } from '../errors.js';
import type { Plan, StudentPlan } from './schema.js';

/** What `plan` reads from an analyze report (raw JSON: only these fields are needed). */
export interface PlanReport {
  context?: { prompts: number; histogram: Record<string, number> };
  vocabulary?: { embeddingRows: { rows: number; width: number; rowsNeeded: number } };
  encoderAnatomy?: { source: { name: string }; architecture: { vocabSize?: number; width?: number; contextLength?: number }; parameters: { total: number } };
  tokenizer?: { special: { start: number; end: number; pad: number } };
}

export interface AgreementSummary {
  file: string;
  cosineMean: number | null;
  ckaLinear: number | null;
  knnOverlap: number;
  k: number;
}

export interface PlanInput {
  file: string;
  report: PlanReport;
  maxTruncation: number;
  /** A built-in architecture for the teacher when the report has no encoder anatomy. */
  arch?: string | undefined;
  student?: string | undefined;
  agreement?: AgreementSummary | undefined;
}

export const STUDENTS = ['sam3', 'litetext-s0', 'litetext-s1', 'litetext-l'] as const;

/** `--student NAME` checked: a built-in student, else E_USAGE naming it and listing them. */
export function studentName(name: string): string {
  if (!(STUDENTS as readonly string[]).includes(name)) throw new LiteTextError('E_USAGE', `--student ${JSON.stringify(name)}: not a built-in student`, `choose from ${STUDENTS.join(', ')}`);
  return name;
}

/** `--arch NAME` checked: a built-in architecture, else E_USAGE naming it and listing them. */
export function archName(name: string): string {
  if (!Object.hasOwn(ARCHITECTURES, name)) throw new LiteTextError('E_USAGE', `--arch ${JSON.stringify(name)}: not a built-in architecture`, `choose from ${Object.keys(ARCHITECTURES).join(', ')}`);
  return name;
}
const mib = (parameters: number) => ({ fp32: (parameters * 4) / 2 ** 20, fp16: (parameters * 2) / 2 ** 20 });
const total = (a: ArchDescription) => archPieces(a).reduce((s, p) => s + p.parameters, 0);

/** Share of prompts longer than L, from the token-length histogram. */
export function truncationAt(histogram: Record<string, number>, prompts: number, L: number): number {
  let longer = 0;
  for (const [len, n] of Object.entries(histogram)) if (Number(len) > L) longer += n;
  return prompts === 0 ? 0 : longer / prompts;
}

export function planOf(input: PlanInput): Plan {
  const { report, file } = input;
  if (input.student !== undefined) studentName(input.student);
  if (input.arch !== undefined) archName(input.arch);
  const refuse = (what: string, hint: string): never => {
    throw new LiteTextError('E_REPORT', `${file}: ${what}`, hint);
  };
  const ctx = report.context ?? refuse('no context section (token lengths)', 'run analyze with the context analyzer');
  const rows = report.vocabulary?.embeddingRows ?? refuse('no vocabulary section (used ids)', 'run analyze with the vocabulary analyzer');
  const special = report.tokenizer?.special ?? refuse('no tokenizer special ids', 'use a report written by lite-text analyze');
  const teacher = teacherOf(report, input.arch, refuse);
  if (teacher.vocabSize !== rows.rows) refuse(`the report's tokenizer has ${rows.rows} ids but the encoder's table ${teacher.vocabSize} rows`, 'analyze with the tokenizer of this encoder');

  // Smallest L whose truncation is <= R (it may exceed the teacher's context: then no context cut).
  let L = 1;
  while (truncationAt(ctx.histogram, ctx.prompts, L) > input.maxTruncation) L++;
  // The pruned table keeps the used ids, start/end (in rowsNeeded) and the pad id when it is neither.
  const rowsKept = rows.rowsNeeded + (special.pad === special.start || special.pad === special.end ? 0 : 1);
  const vocabSaved = (teacher.vocabSize - rowsKept) * teacher.width;
  const contextSaved = Math.max(0, teacher.contextLength - L) * teacher.width;
  const cut = (name: string, keeps: string, saved: number) => ({ name, keeps, parametersSaved: saved, savedMiB: mib(saved) });
  const cuts = [
    cut('vocabulary', `${rowsKept} of ${teacher.vocabSize} token-embedding rows`, vocabSaved),
    cut('context', `${Math.min(L, teacher.contextLength)} of ${teacher.contextLength} positional rows`, contextSaved),
    cut('vocabulary + context', 'both', vocabSaved + contextSaved),
  ];
  const students = STUDENTS.map((name): StudentPlan => {
    const a = ARCHITECTURES[name]!;
    const parameters = total(a);
    const cutParameters = parameters - (a.vocabSize - rowsKept) * a.width;
    return {
      name, parameters, mib: mib(parameters), parametersSaved: teacher.parameters - parameters, savedMiB: mib(teacher.parameters - parameters),
      contextLength: a.contextLength, truncationRate: truncationAt(ctx.histogram, ctx.prompts, a.contextLength),
      withVocabularyCut: { parameters: cutParameters, mib: mib(cutParameters) },
      ...(input.agreement && name === input.student ? { agreement: input.agreement } : {}),
    };
  });
  return {
    report: file, teacher, maxTruncation: input.maxTruncation,
    context: { prompts: ctx.prompts, length: L, truncationRate: truncationAt(ctx.histogram, ctx.prompts, L) },
    vocabulary: { rows: rows.rows, rowsNeeded: rows.rowsNeeded, rowsKept },
    cuts, students, ...(input.student === undefined ? {} : { student: input.student }),
  };
}

function teacherOf(report: PlanReport, arch: string | undefined, refuse: (what: string, hint: string) => never): Plan['teacher'] {
  if (arch !== undefined) {
    const a = ARCHITECTURES[archName(arch)]!;
    return { name: a.name, source: 'arch', vocabSize: a.vocabSize, width: a.width, contextLength: a.contextLength, parameters: total(a) };
  }
  const e = report.encoderAnatomy ?? refuse('no encoder anatomy (the encoder\'s table sizes)', 'analyze with --encoder MODEL or --arch sam3, or give plan --arch NAME');
  const { vocabSize, width, contextLength } = e.architecture;
  if (vocabSize === undefined || width === undefined || contextLength === undefined) refuse('the encoder anatomy lacks the vocabulary size, width or context length', 'give plan --arch NAME');
  return { name: e.source.name, source: 'report', vocabSize: vocabSize!, width: width!, contextLength: contextLength!, parameters: e.parameters.total };
}
