import type { Adapter, FileSample } from './adapter.js';
import { adapters } from './adapters/index.js';
import { wideEncoding } from './encoding.js';

/** Asks every adapter (or those of `among`); the highest confidence wins, ties go to the earlier (more specific) adapter. */
export function detectAdapter(sample: FileSample, among: ReadonlyArray<Adapter<any>> = adapters): { adapter: Adapter<any> | undefined; what: string } {
  let best: { adapter: Adapter<any>; confidence: number; what: string } | undefined;
  for (const adapter of among) {
    const d = adapter.detect(sample);
    if (d && d.confidence > 0 && (!best || d.confidence > best.confidence)) best = { adapter, confidence: d.confidence, what: d.what };
  }
  if (best) return { adapter: best.adapter, what: best.what };
  return { adapter: undefined, what: describeSample(sample) };
}

/** What a file looks like, for "no adapter recognises" messages. */
export function describeSample(sample: FileSample): string {
  if (sample.size === 0) return 'the file is empty';
  const b = sample.headBytes;
  if (b[0] === 0x50 && b[1] === 0x41 && b[2] === 0x52 && b[3] === 0x31) return 'a parquet file without the expected columns';
  if (b[0] === 0x1f && b[1] === 0x8b) return 'a gzip file (decompress it first)';
  if (b[0] === 0x80) return 'a binary pickle of an unknown layout';
  const wide = wideEncoding(b);
  if (wide !== undefined) return `${wide} text (convert it to UTF-8)`;
  const head = sample.head.trimStart();
  if (head.startsWith('{')) {
    const keys = [...head.slice(0, 4096).matchAll(/"([^"\\]{1,40})"\s*:/g)].map((m) => m[1]).slice(0, 8);
    return `a JSON object with keys ${keys.map((k) => `"${k}"`).join(', ') || '(none seen)'}`;
  }
  if (head.startsWith('[')) return 'a JSON array of an unknown shape';
  const zeros = b.subarray(0, 4096).filter((x) => x === 0).length;
  if (zeros > 0) return 'binary content';
  return `text starting ${JSON.stringify(head.slice(0, 40))}`;
}
