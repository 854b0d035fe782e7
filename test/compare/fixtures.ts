import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { npyHeader } from '../../src/encoder/npy.js';
import { seededRng } from '../../src/estimators/index.js';

export interface Row {
  id: string;
  text: string;
  dataset: string;
}

const WORDS = ['red', 'car', 'the', 'dog', 'on', 'left', 'person', 'holding', 'umbrella', 'near', 'window', 'small', 'wooden', 'chair'];

/** Prompts of 0-45 words (token lengths across every bucket), two datasets, some texts repeated under other ids and datasets. */
export function promptRows(n: number): Row[] {
  return Array.from({ length: n }, (_, i) => {
    const source = i % 17 === 16 ? i - 7 : i; // a repeated text (another id, maybe another dataset)
    const words = Array.from({ length: (source * 7) % 46 }, (_, w) => WORDS[(source + w * 3) % WORDS.length]!);
    return { id: `p${i}`, text: `${words.join(' ')} #${source}`, dataset: i % 3 === 0 ? 'lvis' : 'refcoco' };
  });
}

/** Seeded float32 embeddings, one vector per distinct text (a repeated text gets the same row); `near` makes a noisy copy. */
export function embeddings(rows: readonly Row[], width: number, seed: number, near?: { of: Float32Array; width: number; noise: number }): Float32Array {
  const rng = seededRng(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  const byText = new Map<string, number>();
  const out = new Float32Array(rows.length * width);
  rows.forEach((r, i) => {
    const first = byText.get(r.text);
    if (first !== undefined) return void out.set(out.subarray(first * width, (first + 1) * width), i * width);
    byText.set(r.text, i);
    for (let c = 0; c < width; c++) out[i * width + c] = near ? near.of[i * near.width + (c % near.width)]! + near.noise * gauss() : gauss() + (c === 0 ? 2 : 0);
  });
  return out;
}

/** Writes FILE.npy and FILE.index.jsonl as `embed` does. */
export function writeSide(path: string, rows: readonly Row[], data: Float32Array, width: number): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, Buffer.concat([npyHeader(data, [rows.length, width]), new Uint8Array(data.buffer, data.byteOffset, data.byteLength)]));
  writeFileSync(path.replace(/\.npy$/, '.index.jsonl'), rows.map((r) => `${JSON.stringify(r)}\n`).join(''));
}

/** Row-major data as a list of float64 rows. */
export function asRows(data: Float32Array, width: number, rows: readonly number[]): number[][] {
  return rows.map((r) => Array.from(data.subarray(r * width, (r + 1) * width)));
}
