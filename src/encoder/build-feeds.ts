import ort from 'onnxruntime-node';
import type { Feed } from './feeds.js';

// Not in feeds.ts: the feed plan is reached by analyze's flags (through the conventions), and
// onnxruntime must load only when a model runs.

/** The input tensors of one batch: `ids` padded with `padId` to `seq`. */
export function buildFeeds(feeds: readonly Feed[], ids: readonly (readonly number[])[], seq: number, padId: number): Record<string, ort.Tensor> {
  const rows = ids.length;
  const out: Record<string, ort.Tensor> = {};
  for (const feed of feeds) {
    const n = feed.singleRow ? 1 : rows;
    const values = new Array<number>(n * seq).fill(0);
    for (let r = 0; r < n; r++) {
      const row = ids[r]!;
      for (let j = 0; j < seq; j++) {
        const at = r * seq + j;
        if (feed.role === 'positions') values[at] = j;
        else if (feed.role === 'mask') values[at] = j < row.length ? 1 : 0;
        else values[at] = j < row.length ? row[j]! : padId;
      }
    }
    const data = feed.type === 'int64' ? BigInt64Array.from(values, BigInt) : Int32Array.from(values);
    out[feed.name] = new ort.Tensor(feed.type, data, [n, seq]);
  }
  return out;
}
