/** Markdown formatting shared by every renderer (report sections, tables, diff); numbers come already computed. */

/** A Markdown table; numbers are already formatted. */
export function table(head: string[], rows: string[][], align: Array<'l' | 'r'> = head.map((_, i) => (i === 0 ? 'l' : 'r'))): string {
  const sep = align.map((a) => (a === 'r' ? '---:' : ':---'));
  return [head, sep, ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

export const pct = (x: number, digits = 2) => `${(x * 100).toFixed(digits)} %`;
export const num = (x: number, digits = 2) => (Number.isInteger(x) ? String(x) : x.toFixed(digits));
export const int = (x: number) => x.toLocaleString('en-US');
export const escapeCell = (s: string) => s.replace(/\|/g, '\\|').replace(/`/g, "'").replace(/\n/g, ' ');

/** A number in diff's tables: integers exactly, others to 8 significant digits. */
export function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(8)));
}

/** A relative change in percent, signed; null (from 0) is "new". */
export const changePercent = (x: number | null) => (x === null ? 'new' : `${x > 0 ? '+' : ''}${x.toFixed(2)} %`);
