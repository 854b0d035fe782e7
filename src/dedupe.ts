/** `--dedupe`: none keeps every prompt; exact drops repeated texts; normalized compares normalizeForDedupe(text). */
export const DEDUPE_MODES = ['none', 'exact', 'normalized'] as const;
export type DedupeMode = (typeof DEDUPE_MODES)[number];

/** `normalized`: NFKC, lower case, whitespace runs collapsed and trimmed. */
export function normalizeForDedupe(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
}

/** The items whose text is the first of its kind under `mode`, in order (what analyze() analyzes). */
export function dedupe<T>(items: readonly T[], textOf: (item: T) => string, mode: DedupeMode): T[] {
  const keep = dedupeFilter(mode);
  return items.filter((item) => keep(textOf(item)));
}

/** The same as a predicate over texts met one by one (analyze() dedupes while it reads). */
export function dedupeFilter(mode: DedupeMode): (text: string) => boolean {
  if (mode === 'none') return () => true;
  const key = mode === 'exact' ? (t: string) => t : normalizeForDedupe;
  const seen = new Set<string>();
  return (text) => {
    const k = key(text);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  };
}
