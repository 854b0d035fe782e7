/** `--dedupe`: none keeps every prompt; exact drops repeated texts; normalized compares normalizeForDedupe(text). */
export const DEDUPE_MODES = ['none', 'exact', 'normalized'] as const;
export type DedupeMode = (typeof DEDUPE_MODES)[number];

/** `normalized`: NFKC, lower case, whitespace runs collapsed and trimmed. */
export function normalizeForDedupe(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
}

/** The items whose text is the first of its kind under `mode`, in order (what analyze() analyzes). */
export function dedupe<T>(items: readonly T[], textOf: (item: T) => string, mode: DedupeMode): T[] {
  if (mode === 'none') return items.slice();
  const key = mode === 'exact' ? (t: string) => t : normalizeForDedupe;
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(textOf(item));
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
