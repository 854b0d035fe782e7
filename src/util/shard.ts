import { LiteTextError } from '../errors.js';

/** Shard K of N (K = 1..N), as `--shard K/N` gives it. */
export interface Shard {
  k: number;
  n: number;
}

/** Parses `K/N` (1 <= K <= N); anything else is E_USAGE naming the flag. */
export function parseShard(text: string, flag = '--shard'): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const k = Number(m?.[1]);
  const n = Number(m?.[2]);
  if (!m || !Number.isSafeInteger(k) || !Number.isSafeInteger(n) || n < 1 || k < 1 || k > n) {
    throw new LiteTextError('E_USAGE', `${flag} ${JSON.stringify(text)}: expected K/N with 1 <= K <= N`, `e.g. ${flag} 1/4 for the first of four shards`);
  }
  return { k, n };
}

/**
 * Rows [first, end) of shard K of N over `total` rows: contiguous ranges in order, so the shards
 * 1..N concatenated are rows 0..total (sizes differ by at most one; a shard may be empty).
 */
export function shardRange(total: number, s: Shard): { first: number; end: number } {
  return { first: Math.floor(((s.k - 1) * total) / s.n), end: Math.floor((s.k * total) / s.n) };
}

/**
 * Checks that the parts' shards are 1..N of one N, each once: E_SHARD naming the first missing or
 * duplicated shard (or the N that differs) and the files. `files[i]` is part i's file name.
 */
export function checkShardCover(shards: readonly Shard[], files: readonly string[]): number {
  const n = shards[0]!.n;
  const at = new Map<number, number>();
  shards.forEach((s, i) => {
    if (s.n !== n) throw new LiteTextError('E_SHARD', `${files[i]}: shard ${s.k}/${s.n} is not one of ${n} shards like ${files[0]}`, 'merge the parts of one sharded run (the same N)');
    const seen = at.get(s.k);
    if (seen !== undefined) throw new LiteTextError('E_SHARD', `${files[i]}: shard ${s.k}/${n} given twice (also ${files[seen]})`, 'give each shard once');
    at.set(s.k, i);
  });
  for (let k = 1; k <= n; k++) {
    if (!at.has(k)) throw new LiteTextError('E_SHARD', `shard ${k}/${n} missing among ${files.length} part(s)`, `give every shard 1..${n} of the run`);
  }
  return n;
}
