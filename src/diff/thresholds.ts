import { LiteTextError } from '../errors.js';
import { relativePercent } from '../analyzers/stats.js';
import type { Leaf } from './flatten.js';
import type { SameNumber } from './tolerance.js';

export { relativePercent };

/**
 * The threshold language of `diff --fail-on` (one expression per flag):
 *   PATH OP VALUE   OP is >, <, >= or <=; VALUE a signed change B − A (`+0.001`, `-2`, `0`) or a relative
 *                   change in percent of |A| (`+10%`, `-5%`); breached when the change compares true.
 *   PATH changed    breached when the value differs (any type) or exists in one report only.
 * PATH is a report path as `diff` prints it (`context.windows[32].truncationRate`,
 * `vocabulary.byDataset.lvis.usedTokens`, `intrinsicDim.mean.twoNN.0.1`); `*` matches one path
 * segment (`context.byDataset.*.windows[32].truncationRate`).
 */
export type ThresholdOp = '>' | '<' | '>=' | '<=' | 'changed';

export interface Threshold {
  expr: string;
  path: string;
  op: ThresholdOp;
  /** The bound: an absolute change, or a relative one in percent. */
  value?: number;
  relative?: boolean;
}

export interface ThresholdMatch {
  path: string;
  a: Leaf['value'] | undefined;
  b: Leaf['value'] | undefined;
  breached: boolean;
}

export interface ThresholdResult {
  expr: string;
  breached: boolean;
  /** Every path the expression matched; `breached` per path. */
  matches: ThresholdMatch[];
}

// PATH may hold spaces (a dataset named after a file stem): it runs up to the operator or ` changed`.
const SYNTAX = /^\s*([^<>]*?)\s*(>=|<=|>|<)\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)\s*(%?)\s*$/i;
const CHANGED = /^\s*(.+?)\s+changed\s*$/;
const HINT = "write 'PATH OP VALUE' or 'PATH changed', e.g. 'context.windows[32].truncationRate > +0.001', 'vocabulary.usedTokens < -5%', 'vocabulary.usedTokens changed'";

export function parseThreshold(expr: string): Threshold {
  const changed = CHANGED.exec(expr);
  if (changed) return { expr, path: changed[1]!, op: 'changed' };
  const m = SYNTAX.exec(expr);
  if (!m || m[1] === '') {
    const why = m ? 'no PATH before the operator' : /(>=|<=|>|<)/.test(expr) ? 'the value must be a number, optionally signed and followed by %' : 'no operator (>, <, >=, <=) and not "changed"';
    throw new LiteTextError('E_USAGE', `--fail-on ${JSON.stringify(expr)}: ${why}`, HINT);
  }
  return { expr, path: m[1]!, op: m[2] as ThresholdOp, value: Number(m[3]), relative: m[4] === '%' };
}

/**
 * Evaluates thresholds against both reports' leaves. A path matching nothing in either report is a
 * usage error. `changed` ignores a number's change that `same` calls none (diff --tolerance).
 */
export function evaluateThresholds(thresholds: readonly Threshold[], a: Map<string, Leaf>, b: Map<string, Leaf>, same: SameNumber = (_path, x, y) => x === y): ThresholdResult[] {
  const paths = [...new Set([...a.keys(), ...b.keys()])];
  return thresholds.map((t) => {
    const matcher = pathMatcher(t.path);
    const matched = paths.filter(matcher);
    if (matched.length === 0) {
      throw new LiteTextError('E_USAGE', `--fail-on ${JSON.stringify(t.expr)}: no field ${t.path} in either report`, 'paths look like context.windows[32].truncationRate or vocabulary.byDataset.lvis.usedTokens (windows are indexed by their length); `diff --json` lists the paths that changed');
    }
    const matches = matched.map((path) => {
      const av = a.get(path)?.value;
      const bv = b.get(path)?.value;
      return { path, a: av, b: bv, breached: isBreached(t, path, av, bv, same) };
    });
    return { expr: t.expr, breached: matches.some((m) => m.breached), matches };
  });
}

function isBreached(t: Threshold, path: string, a: Leaf['value'] | undefined, b: Leaf['value'] | undefined, same: SameNumber): boolean {
  if (t.op === 'changed') return a !== b && !(typeof a === 'number' && typeof b === 'number' && same(path, a, b));
  // A field present in one report only has changed by any measure.
  if (a === undefined || b === undefined) return true;
  if (typeof a !== 'number' || typeof b !== 'number') {
    throw new LiteTextError('E_USAGE', `--fail-on ${JSON.stringify(t.expr)}: ${path} is not a number (${JSON.stringify(a)}); only 'changed' applies to it`, HINT);
  }
  const delta = b - a;
  const measure = t.relative ? relativePercent(a, b) : delta;
  const bound = t.value!;
  switch (t.op) {
    case '>': return measure > bound;
    case '<': return measure < bound;
    case '>=': return measure >= bound;
    default: return measure <= bound;
  }
}


/** `*` matches one segment: any run of characters without `.`, `[` or `]`. */
function pathMatcher(pattern: string): (path: string) => boolean {
  if (!pattern.includes('*')) return (path) => path === pattern;
  const re = new RegExp(`^${pattern.split('*').map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[^.\\[\\]]+')}$`);
  return (path) => re.test(path);
}
