import type { Tokenizer } from '../../tokenizer/types.js';
import { slope } from '../stats.js';
import type { Group } from '../types.js';
import { multiplicity, perGroup, type TokenTable } from '../tokens.js';
import type { VocabularyGroup } from './schema.js';

const TOP = 50;
const ZIPF_RANKS = 1000;

/** Content ids counted: `counts` by id, `used` the ids counted (in the order met: no scan of the whole vocabulary). */
export interface IdCounts {
  counts: Uint32Array;
  used: number[];
  special: number;
}

const counted = new WeakMap<Int32Array, WeakMap<TokenTable, IdCounts>>();

/**
 * Occurrence counts of content ids: the ids between each prompt's start and end token, specials
 * excluded. Made once per group of prompts (the whole corpus and its only dataset are one group);
 * the result is read, never changed.
 */
export function countIds(tokens: TokenTable, group: Group, tokenizer: Tokenizer): IdCounts {
  return perGroup(counted, group.indices, tokens, () => countIdsOnce(tokens, group, tokenizer));
}

function countIdsOnce(tokens: TokenTable, group: Group, tokenizer: Tokenizer): IdCounts {
  const counts = new Uint32Array(tokenizer.vocabSize);
  const used: number[] = [];
  const { start, end } = tokenizer.special;
  let special = 0;
  const mult = multiplicity(tokens, group.indices);
  for (let t = 0; t < mult.length; t++) {
    const k = mult[t]!;
    if (k === 0) continue;
    const to = tokens.offsets[t + 1]! - 1;
    for (let j = tokens.offsets[t]! + 1; j < to; j++) {
      const id = tokens.ids[j]!;
      if (id === start || id === end) special += k;
      else if ((counts[id]! += k) === k) used.push(id);
    }
  }
  return { counts, used, special };
}

export function vocabularyOf({ counts, used: ids, special }: IdCounts, tokenizer: Tokenizer, width: number): VocabularyGroup & { sorted: Array<[number, number]>; occurrences: number } {
  const sorted: Array<[number, number]> = [];
  let occurrences = 0;
  let hapax = 0;
  for (const id of ids) {
    const c = counts[id]!;
    sorted.push([id, c]);
    occurrences += c;
    if (c === 1) hapax++;
  }
  // Descending count, then ascending id, so topTokens is deterministic.
  sorted.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const cover = (p: number) => {
    let acc = 0;
    for (let k = 0; k < sorted.length; k++) if ((acc += sorted[k]![1]) >= p * occurrences) return k + 1;
    return sorted.length;
  };
  const ranks = Math.min(ZIPF_RANKS, sorted.length);
  const x = Float64Array.from({ length: ranks }, (_, r) => Math.log(r + 1));
  const y = Float64Array.from({ length: ranks }, (_, r) => Math.log(sorted[r]![1]));
  const used = sorted.length;
  const rowsNeeded = used + 2;
  const rowsUnused = tokenizer.vocabSize - rowsNeeded;
  return {
    usedTokens: used,
    usedFraction: used / tokenizer.vocabSize,
    occurrences,
    coverage: { '0.5': cover(0.5), '0.9': cover(0.9), '0.99': cover(0.99) },
    hapax,
    zipfExponent: ranks >= 2 ? -slope(x, y) : null,
    topTokens: sorted.slice(0, TOP).map(([id, count]) => ({ id, token: tokenizer.idToToken(id), count })),
    embeddingRows: {
      width,
      rows: tokenizer.vocabSize,
      rowsNeeded,
      rowsUnused,
      savedMiB: { fp32: (rowsUnused * width * 4) / 2 ** 20, fp16: (rowsUnused * width * 2) / 2 ** 20 },
    },
    specialInContent: special,
    sorted,
  };
}

export function vocabularyGroup(tokens: TokenTable, g: Group, tokenizer: Tokenizer, width: number): VocabularyGroup {
  const { sorted: _sorted, ...out } = vocabularyOf(countIds(tokens, g, tokenizer), tokenizer, width);
  return out;
}

/** Share of occurrences covered by the top k ids, at k = 1, 2, 3, … then log-spaced, for the chart. */
export function coverageCurve(sorted: Array<[number, number]>, total: number): Array<{ k: number; share: number }> {
  const out: Array<{ k: number; share: number }> = [];
  let acc = 0;
  let next = 1;
  for (let k = 1; k <= sorted.length; k++) {
    acc += sorted[k - 1]![1];
    if (k === next || k === sorted.length) {
      out.push({ k, share: acc / total });
      next = Math.max(k + 1, Math.ceil(k * 1.15));
    }
  }
  return out;
}
