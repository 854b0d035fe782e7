/**
 * A unified diff (`diff -u` format, 3 lines of context) of two texts, from a longest-common-subsequence
 * table: tables are a few dozen lines, so O(n·m) is cheap; past LIMIT cells every line counts as changed.
 */
const CONTEXT = 3;
const LIMIT = 4_000_000;

type Op = { kind: ' ' | '-' | '+'; line: string; a: number; b: number };

export function unifiedDiff(before: string, after: string, fromFile: string, toFile: string): string {
  if (before === after) return '';
  const a = splitLines(before);
  const b = splitLines(after);
  const ops = diffLines(a, b);
  const out = [`--- ${fromFile}`, `+++ ${toFile}`];
  for (const hunk of hunks(ops)) {
    const first = hunk[0]!;
    const aCount = hunk.filter((o) => o.kind !== '+').length;
    const bCount = hunk.filter((o) => o.kind !== '-').length;
    out.push(`@@ -${range(first.a, aCount)} +${range(first.b, bCount)} @@`);
    for (const op of hunk) out.push(`${op.kind}${op.line}`);
  }
  return `${out.join('\n')}\n`;
}

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  else lines[lines.length - 1] += '\n\\ No newline at end of file';
  return lines;
}

/** `start,count` with diff's conventions: 1-based; an empty range names the line before it. */
function range(start: number, count: number): string {
  return count === 0 ? `${start},0` : count === 1 ? `${start + 1}` : `${start + 1},${count}`;
}

function diffLines(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  if (n * m > LIMIT) return [...a.map((line, i) => ({ kind: '-' as const, line, a: i, b: 0 })), ...b.map((line, j) => ({ kind: '+' as const, line, a: n, b: j }))];
  // lcs[i][j]: LCS length of a[i..] and b[j..].
  const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) ops.push({ kind: ' ', line: a[i]!, a: i++, b: j++ });
    else if (j < m && (i === n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) ops.push({ kind: '+', line: b[j]!, a: i, b: j++ });
    else ops.push({ kind: '-', line: a[i]!, a: i++, b: j });
  }
  // Within a run of changes, show removals before additions (as diff -u does).
  return reorder(ops);
}

function reorder(ops: Op[]): Op[] {
  const out: Op[] = [];
  for (let k = 0; k < ops.length; ) {
    if (ops[k]!.kind === ' ') {
      out.push(ops[k++]!);
      continue;
    }
    const run: Op[] = [];
    while (k < ops.length && ops[k]!.kind !== ' ') run.push(ops[k++]!);
    const minA = Math.min(...run.map((o) => o.a));
    const minB = Math.min(...run.map((o) => o.b));
    out.push(...run.filter((o) => o.kind === '-').map((o) => ({ ...o, b: minB })), ...run.filter((o) => o.kind === '+').map((o) => ({ ...o, a: minA })));
  }
  return out;
}

function hunks(ops: Op[]): Op[][] {
  const changed = ops.flatMap((o, k) => (o.kind === ' ' ? [] : [k]));
  const result: Op[][] = [];
  let start = -1;
  let end = -1;
  for (const k of changed) {
    if (start >= 0 && k - CONTEXT <= end + CONTEXT) end = k;
    else {
      if (start >= 0) result.push(ops.slice(Math.max(0, start - CONTEXT), Math.min(ops.length, end + CONTEXT + 1)));
      start = k;
      end = k;
    }
  }
  if (start >= 0) result.push(ops.slice(Math.max(0, start - CONTEXT), Math.min(ops.length, end + CONTEXT + 1)));
  return result;
}
