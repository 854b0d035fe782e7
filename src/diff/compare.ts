import { flatten, type Leaf } from './flatten.js';
import type { LoadedReport } from './load.js';
import type { DiffOptions } from './options.js';
import { sameNumber } from './tolerance.js';
import { evaluateThresholds, relativePercent, type ThresholdResult } from './thresholds.js';
import { analyzers, type Registry } from '../analyzers/index.js';
import type { AnalyzerDiff } from '../analyzers/types.js';

export interface NumberChange {
  path: string;
  section: string;
  a: number;
  b: number;
  /** B − A */
  delta: number;
  /** (B − A) / |A| in percent; null when A is 0 (B is not). */
  relative: number | null;
}

export interface ValueChange {
  path: string;
  section: string;
  a: Leaf['value'];
  b: Leaf['value'];
}

export interface SectionSummary {
  section: string;
  compared: number;
  equal: number;
  changed: number;
  onlyInA: number;
  onlyInB: number;
}

export interface ReportSide {
  file: string;
  name: string;
  fingerprint: string;
  tokenizer: string;
}

/** Each analyzer's side-by-side comparison, under the key it declares (`encoder`, `intrinsicDim`). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Comparisons<R extends Registry> = { [A in R[number] as A extends { diff?: AnalyzerDiff<any, infer K> } ? K : never]?: A extends { diff?: AnalyzerDiff<infer C, any> } ? C : never };

/** Everything `diff` prints; the Markdown and JSON renderings are pure functions of it. */
export type DiffResult = DiffCore & Comparisons<typeof analyzers>;

export interface DiffCore {
  a: ReportSide;
  b: ReportSide;
  /** --tolerance: numbers within this relative difference counted as equal (0: exact). */
  tolerance: number;
  /** --section: the sections compared (null: all). */
  sections: string[] | null;
  warnings: string[];
  summary: SectionSummary[];
  /** Every number that differs, in document order of A (then fields new in B). */
  numbers: NumberChange[];
  /** Every other value that differs (strings, booleans, null, a number turned into something else). */
  values: ValueChange[];
  onlyInA: Leaf[];
  onlyInB: Leaf[];
  thresholds: ThresholdResult[];
}

/**
 * Aligns two reports leaf by leaf (any section, known to this version or not; only `sections` when
 * given), numbers equal within `tolerance`, and evaluates thresholds (on every section).
 */
export function diffReports(a: LoadedReport, b: LoadedReport, options: DiffOptions = {}, registry: Registry = analyzers): DiffResult {
  const { thresholds = [], tolerance = 0, sections } = options;
  const la = flatten(a.raw);
  const lb = flatten(b.raw);
  const compared = (leaf: Leaf) => sections === undefined || sections.has(leaf.section.split(' · ')[0]!);
  const sameNum = sameNumber(la, lb, tolerance);
  const same = (path: string, x: Leaf['value'], y: Leaf['value']) => x === y || (typeof x === 'number' && typeof y === 'number' && sameNum(path, x, y));
  const numbers: NumberChange[] = [];
  const values: ValueChange[] = [];
  const onlyInA: Leaf[] = [];
  const onlyInB: Leaf[] = [];
  const summary = new Map<string, SectionSummary>();
  const count = (section: string) => {
    let s = summary.get(section);
    if (!s) summary.set(section, (s = { section, compared: 0, equal: 0, changed: 0, onlyInA: 0, onlyInB: 0 }));
    return s;
  };
  for (const [path, leafA] of la) {
    if (!compared(leafA)) continue;
    const leafB = lb.get(path);
    const s = count(leafA.section);
    if (leafB === undefined) {
      onlyInA.push(leafA);
      s.onlyInA++;
      continue;
    }
    s.compared++;
    if (same(path, leafA.value, leafB.value)) {
      s.equal++;
      continue;
    }
    s.changed++;
    if (typeof leafA.value === 'number' && typeof leafB.value === 'number') {
      const rel = relativePercent(leafA.value, leafB.value);
      numbers.push({ path, section: leafA.section, a: leafA.value, b: leafB.value, delta: leafB.value - leafA.value, relative: Number.isFinite(rel) ? rel : null });
    } else {
      values.push({ path, section: leafA.section, a: leafA.value, b: leafB.value });
    }
  }
  for (const [path, leafB] of lb) {
    if (la.has(path) || !compared(leafB)) continue;
    onlyInB.push(leafB);
    count(leafB.section).onlyInB++;
  }
  const result: DiffCore & Record<string, unknown> = {
    a: side(a),
    b: side(b),
    tolerance,
    sections: sections === undefined ? null : [...sections],
    warnings: comparabilityWarnings(a, b, registry),
    summary: [...summary.values()],
    numbers,
    values,
    onlyInA,
    onlyInB,
    thresholds: evaluateThresholds(thresholds, la, lb, sameNum),
  };
  for (const analyzer of registry) {
    if (sections !== undefined && !sections.has(analyzer.section)) continue;
    const c = analyzer.diff?.comparison;
    const comparison = c?.compare(a.raw[analyzer.section], b.raw[analyzer.section], { a: la, b: lb, same: sameNum });
    if (c && comparison !== undefined) result[c.key] = comparison;
  }
  return result as DiffResult;
}

function side(r: LoadedReport): ReportSide {
  return { file: r.file, name: r.report.name, fingerprint: r.report.inputs.fingerprint, tokenizer: `${r.report.tokenizer.name} ${r.report.tokenizer.hash.slice(0, 12)}` };
}

/** Says when the two reports do not measure the same thing, and which comparisons that voids. */
export function comparabilityWarnings(a: LoadedReport, b: LoadedReport, registry: Registry = analyzers): string[] {
  const ra = a.report;
  const rb = b.report;
  const warnings: string[] = [];
  if (ra.inputs.fingerprint !== rb.inputs.fingerprint) {
    warnings.push(`different corpora (fingerprint ${ra.inputs.fingerprint.slice(0, 12)} vs ${rb.inputs.fingerprint.slice(0, 12)}; ${ra.corpus.prompts} vs ${rb.corpus.prompts} prompts): the corpus, context, vocabulary and intrinsic-dimension differences mix data changes with tokenizer or model changes; only the encoder's parameters and memory compare like for like`);
  }
  const ta = ra.tokenizer;
  const tb = rb.tokenizer;
  if (ta.hash !== tb.hash || ta.name !== tb.name || ta.vocabSize !== tb.vocabSize) {
    warnings.push(`different tokenizers (${ta.name} ${ta.hash.slice(0, 12)} vs ${tb.name} ${tb.hash.slice(0, 12)}): token lengths, context windows and vocabulary counts are not comparable, and the same token id can mean different text`);
  } else if (ta.contextLength !== tb.contextLength) {
    warnings.push(`different context lengths (${ta.contextLength} vs ${tb.contextLength}): the windows and truncation at the tokenizer's own length differ by construction`);
  }
  const sa = ra.settings;
  const sb = rb.settings;
  if (sa.dedupe !== sb.dedupe) warnings.push(`different --dedupe (${sa.dedupe} vs ${sb.dedupe}): the analyzed prompts differ, so every corpus, context and vocabulary number does`);
  for (const analyzer of registry) warnings.push(...(analyzer.diff?.warnings?.(sa, sb) ?? []));
  return warnings;
}
