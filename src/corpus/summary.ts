import type { Prompt } from './prompt.js';

export interface FileSummary {
  path: string;
  adapter: string;
  detected: string;
  prompts: number;
  invalidUtf8: number;
}

export interface GroupSummary {
  dataset: string;
  subset?: string;
  prompts: number;
  negatives: number;
  /** Prompts whose exact text already occurred earlier in the same dataset. */
  duplicates: number;
}

/** What `ingest` prints: prompts per dataset/subset, negatives, exact duplicates, skips and why. */
export interface IngestSummary {
  prompts: number;
  negatives: number;
  /** Prompts whose exact text already occurred earlier in the same dataset. */
  duplicates: number;
  groups: GroupSummary[];
  files: FileSummary[];
  skippedFiles: Array<{ path: string; why: string }>;
  /** Skipped records by reason. */
  skipped: Record<string, number>;
  /** Records left out on request (an adapter option such as --dedupe-annotators), by reason. */
  dropped: Record<string, number>;
  invalidUtf8: number;
  startFile(path: string, adapter: string, detected: string): FileSummary;
  skipFile(path: string, why: string): void;
  skip(reason: string): void;
  drop(reason: string): void;
  add(prompt: Prompt): void;
  toJSON(): object;
}

/** Reasons are grouped by their wording before any quoted excerpt. */
const reasonKey = (reason: string) => reason.replace(/\s*".*$/, '');

export function createSummary(countDuplicates = true): IngestSummary {
  const groups = new Map<string, GroupSummary>();
  const seen = new Map<string, Set<string>>();
  // Prompts arrive in long runs of one dataset/subset: remember the last group and text set.
  let last: { dataset: string; subset: string | undefined; group: GroupSummary; texts: Set<string> } | undefined;
  const s: IngestSummary = {
    prompts: 0,
    negatives: 0,
    duplicates: 0,
    groups: [],
    files: [],
    skippedFiles: [],
    skipped: {},
    dropped: {},
    get invalidUtf8() {
      return s.files.reduce((n, f) => n + f.invalidUtf8, 0);
    },
    startFile(path, adapter, detected) {
      const f = { path, adapter, detected, prompts: 0, invalidUtf8: 0 };
      s.files.push(f);
      return f;
    },
    skipFile(path, why) {
      s.skippedFiles.push({ path, why });
    },
    skip(reason) {
      const key = reasonKey(reason);
      s.skipped[key] = (s.skipped[key] ?? 0) + 1;
    },
    drop(reason) {
      s.dropped[reason] = (s.dropped[reason] ?? 0) + 1;
    },
    add(p) {
      s.prompts++;
      if (last === undefined || last.dataset !== p.dataset || last.subset !== p.subset) {
        const key = `${p.dataset}\u0000${p.subset ?? ''}`;
        let group = groups.get(key);
        if (!group) {
          group = { dataset: p.dataset, ...(p.subset === undefined ? {} : { subset: p.subset }), prompts: 0, negatives: 0, duplicates: 0 };
          groups.set(key, group);
          s.groups.push(group);
        }
        let texts = seen.get(p.dataset);
        if (!texts) seen.set(p.dataset, (texts = new Set()));
        last = { dataset: p.dataset, subset: p.subset, group, texts };
      }
      const g = last.group;
      g.prompts++;
      if (p.negative) {
        g.negatives++;
        s.negatives++;
      }
      if (!countDuplicates) return;
      const before = last.texts.size;
      last.texts.add(p.text);
      if (last.texts.size === before) {
        g.duplicates++;
        s.duplicates++;
      }
    },
    toJSON() {
      return {
        prompts: s.prompts,
        negatives: s.negatives,
        duplicates: s.duplicates,
        groups: s.groups,
        files: s.files,
        skippedFiles: s.skippedFiles,
        skipped: s.skipped,
        dropped: s.dropped,
        invalidUtf8: s.invalidUtf8,
      };
    },
  };
  return s;
}

/** The summary as a plain-text table (stderr of `ingest`). */
export function formatSummary(s: IngestSummary): string {
  const rows = s.groups.map((g) => [g.dataset, g.subset ?? '', String(g.prompts), String(g.negatives), String(g.duplicates)]);
  rows.push(['total', '', String(s.prompts), String(s.negatives), String(s.duplicates)]);
  const head = ['dataset', 'subset', 'prompts', 'negatives', 'duplicates'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i >= 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  const out = [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
  const skipped = Object.entries(s.skipped);
  if (skipped.length > 0) out.push(`skipped records: ${skipped.map(([r, n]) => `${n} ${r}`).join('; ')}`);
  const dropped = Object.entries(s.dropped);
  if (dropped.length > 0) out.push(`dropped on request: ${dropped.map(([r, n]) => `${n} ${r}`).join('; ')}`);
  if (s.skippedFiles.length > 0) out.push(`skipped files: ${s.skippedFiles.map((f) => `${f.path} (${f.why})`).join('; ')}`);
  if (s.invalidUtf8 > 0) out.push(`invalid UTF-8: ${s.invalidUtf8} byte sequence(s) replaced with U+FFFD (${s.files.filter((f) => f.invalidUtf8 > 0).map((f) => f.path).join(', ')})`);
  return out.join('\n');
}
