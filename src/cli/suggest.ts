/**
 * The candidate closest to a typo, or undefined when none is close: optimal-string-alignment
 * (Damerau–Levenshtein) distance, kept when at most 40 % of the word is edited (commander's own
 * `suggestSimilar` rule, https://github.com/tj/commander.js/blob/v14.0.0/lib/suggestSimilar.js).
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of new Set(candidates)) {
    if (candidate.length <= 1) continue;
    const d = editDistance(word, candidate);
    const length = Math.max(word.length, candidate.length);
    if (d < bestDistance && (length - d) / length > 0.4) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

export function editDistance(a: string, b: string): number {
  // d[i][j]: edits from a[0, i) to b[0, j), rows kept whole (the words are flag names).
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}
