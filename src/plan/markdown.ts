import { int, num, pct, table } from '../report/format.js';
import type { Plan } from './schema.js';

const m = (x: number) => num(x, 1);

/** The compression plan as Markdown (formatting only). */
export function planMarkdown(p: Plan): string {
  const out: string[] = [];
  const t = p.teacher;
  out.push(`# lite-text plan: ${p.report}`, '');
  out.push(`Teacher: ${t.name} (${t.source === 'arch' ? 'built-in architecture' : 'the report\'s encoder anatomy'}): ${int(t.parameters)} parameters, vocabulary ${int(t.vocabSize)} × width ${t.width}, context ${t.contextLength}.`, '');
  const over = p.context.length > t.contextLength ? ` — more than the teacher's ${t.contextLength}: no context cut` : '';
  out.push(`- Context: ${p.context.length} tokens keep truncation at ${pct(p.context.truncationRate, 3)} of ${int(p.context.prompts)} prompts (limit ${pct(p.maxTruncation, 3)})${over}.`);
  out.push(`- Vocabulary: the corpus needs ${int(p.vocabulary.rowsNeeded)} of ${int(p.vocabulary.rows)} rows (used ids + start/end); the pruned table keeps ${int(p.vocabulary.rowsKept)} (with the pad row).`, '');
  out.push('## Cuts', '');
  out.push(table(['cut', 'keeps', 'parameters saved', 'fp32 MiB saved', 'fp16 MiB saved'], p.cuts.map((c) => [c.name, c.keeps, int(c.parametersSaved), m(c.savedMiB.fp32), m(c.savedMiB.fp16)])), '');
  out.push('## Students', '');
  const agreed = p.students.some((s) => s.agreement);
  const head = ['student', 'parameters', 'fp32 MiB', 'fp16 MiB', 'saved vs teacher', 'context', 'truncated', 'with vocabulary cut', ...(agreed ? ['cosine mean', 'linear CKA', 'kNN overlap'] : [])];
  out.push(table(head, p.students.map((s) => [
    s.name === p.student ? `**${s.name}**` : s.name, int(s.parameters), m(s.mib.fp32), m(s.mib.fp16), int(s.parametersSaved), String(s.contextLength), pct(s.truncationRate, 3), int(s.withVocabularyCut.parameters),
    ...(agreed ? [s.agreement?.cosineMean, s.agreement?.ckaLinear, s.agreement?.knnOverlap].map((v) => (v === undefined || v === null ? '–' : num(v, 4))) : []),
  ])), '');
  const a = p.students.find((s) => s.agreement)?.agreement;
  if (a) out.push(`Agreement measured by \`lite-text compare\` (${a.file}, kNN overlap at k = ${a.k}).`, '');
  return `${out.join('\n').trimEnd()}\n`;
}
