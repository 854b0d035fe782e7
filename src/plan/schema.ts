import * as z from 'zod';

const count = z.number().int().nonnegative();
export const MiBSchema = z.object({ fp32: z.number(), fp16: z.number() });

export const CutSchema = z.object({
  name: z.string(),
  /** What is kept, in words ("3,210 of 49,408 rows"). */
  keeps: z.string(),
  parametersSaved: count,
  savedMiB: MiBSchema,
});

export const StudentPlanSchema = z.object({
  name: z.string(),
  parameters: count,
  mib: MiBSchema,
  /** Against the teacher (negative: larger). */
  parametersSaved: z.number().int(),
  savedMiB: MiBSchema,
  contextLength: count,
  /** Share of the corpus's prompts longer than the student's context. */
  truncationRate: z.number(),
  /** With the vocabulary cut applied to it too. */
  withVocabularyCut: z.object({ parameters: count, mib: MiBSchema }),
  /** From --agreement, for the --student it was measured on. */
  agreement: z.object({ file: z.string(), cosineMean: z.number().nullable(), ckaLinear: z.number().nullable(), knnOverlap: z.number(), k: count }).optional(),
});

/** `lite-text plan`: the compression plan of a corpus for an encoder. */
export const PlanSchema = z.object({
  report: z.string(),
  teacher: z.object({ name: z.string(), source: z.enum(['report', 'arch']), vocabSize: count, width: count, contextLength: count, parameters: count }),
  maxTruncation: z.number(),
  context: z.object({ prompts: count, length: count, truncationRate: z.number() }),
  vocabulary: z.object({ rows: count, rowsNeeded: count, rowsKept: count }),
  cuts: z.array(CutSchema),
  students: z.array(StudentPlanSchema),
  student: z.string().optional(),
});

export type Plan = z.infer<typeof PlanSchema>;
export type StudentPlan = z.infer<typeof StudentPlanSchema>;
