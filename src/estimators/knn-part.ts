import { readFileSync } from 'node:fs';
import * as z from 'zod';
import { cannotRead, LiteTextError } from '../errors.js';
import { writeOutputs } from '../util/atomic.js';
import { IdEstimatesSchema, EstimatorNameSchema } from './schema.js';

/**
 * `id FILE --shard K/N --out PART`: one line of JSON (this header, padded with spaces so the data
 * starts on an 8-byte boundary), then the shard's rows' kMax nearest distances (float64 LE) and
 * their neighbours' row numbers in FILE (int32 LE), (end − first) × kMax each.
 */
export const KnnPartHeaderSchema = z.object({
  format: z.literal('lite-text-knn-part'),
  version: z.literal(1),
  /** FILE as given to `id` (the merge's table names it), its sha256 and shape. */
  file: z.string(),
  sha256: z.string(),
  rows: z.number().int().nonnegative(),
  cols: z.number().int().nonnegative(),
  settings: z.object({ estimators: z.array(EstimatorNameSchema), mleK: z.array(z.number()), discard: z.array(z.number()) }),
  shard: z.object({ k: z.number().int().positive(), n: z.number().int().positive() }),
  /** The distinct rows the kNN runs on, and this shard's range of them. */
  points: z.number().int().nonnegative(),
  duplicatesRemoved: z.number().int().nonnegative(),
  kMax: z.number().int().positive(),
  first: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  /** PCA and participation ratio over every row: in shard 1 only (when asked for). */
  pca: IdEstimatesSchema.shape.pca,
  participationRatio: z.number().optional(),
});
export type KnnPartHeader = z.infer<typeof KnnPartHeaderSchema>;

export interface KnnPart {
  header: KnnPartHeader;
  distances: Float64Array;
  indices: Int32Array;
}

export function writeKnnPart(out: string, part: KnnPart): Promise<string[]> {
  const json = JSON.stringify(part.header);
  const line = `${json}${' '.repeat((8 - ((Buffer.byteLength(json) + 1) % 8)) % 8)}\n`;
  const bytes = (a: Float64Array | Int32Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  return writeOutputs([[out, [Buffer.from(line), bytes(part.distances), bytes(part.indices)]]]);
}

export function readKnnPart(file: string): KnnPart {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw cannotRead(file, error, 'check the path and its permissions');
  }
  const notPart = (why: string) => new LiteTextError('E_SHARD', `${file}: not a part of \`id --shard K/N\` (${why})`, 'give the files `lite-text id FILE --shard K/N --out PART` wrote');
  const eol = bytes.indexOf(0x0a);
  let header: KnnPartHeader;
  try {
    header = KnnPartHeaderSchema.parse(JSON.parse(bytes.subarray(0, eol < 0 ? 0 : eol).toString('utf8')));
  } catch {
    throw notPart('no lite-text-knn-part header');
  }
  const count = (header.end - header.first) * header.kMax;
  const start = eol + 1;
  if (start % 8 !== 0 || bytes.length !== start + count * 12) throw notPart(`${bytes.length - start} data bytes, expected ${count * 12}`);
  const data = new Uint8Array(bytes.subarray(start)).buffer;
  return { header, distances: new Float64Array(data, 0, count), indices: new Int32Array(data, count * 8, count) };
}
