import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { readMatrixFile } from '../../src/estimators/index.js';
import { assertProperty, outcome, Tally } from './harness.js';
import { mutations, raggedRows } from './mutate.js';

/** `lite-text id`'s point reader on mutated .npy and .csv files: a matrix or a LiteTextError naming the file. */
const dir = mkdtempSync(join(tmpdir(), 'lt-fuzz-points-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function npy(descr: string, rows: number, cols: number, data: Buffer): Buffer {
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': (${rows}, ${cols}), }`;
  header += ' '.repeat(63 - ((10 + header.length) % 64)) + '\n';
  const head = Buffer.alloc(10 + header.length);
  Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]).copy(head);
  head.writeUInt16LE(header.length, 8);
  head.write(header, 10, 'latin1');
  return Buffer.concat([head, data]);
}

const f32 = Buffer.from(Float32Array.from({ length: 12 * 4 }, (_, i) => Math.sin(i)).buffer);
const f64 = Buffer.from(Float64Array.from({ length: 12 * 4 }, (_, i) => Math.cos(i)).buffer);
const SEEDS: Array<[string, Buffer]> = [
  ['points.npy', npy('<f4', 12, 4, f32)],
  ['points.npy', npy('<f8', 12, 4, f64)],
  ['points.csv', Buffer.from(`a,b,c\n${Array.from({ length: 12 }, (_, i) => `${i},${i * 0.5},${-i}e-3`).join('\n')}\n`)],
];
// Hostile headers: other dtypes, shapes that overflow, Fortran order, 1-D and 3-D arrays, NaN.
const HEADERS = ["'<f2'", "'>f4'", "'<i8'", "'|O'", "'<c16'", "'<U10'"].map((d) => npy(d.slice(1, -1), 12, 4, f32))
  .concat([npy('<f4', 2 ** 31, 2 ** 31, f32), npy('<f4', 0, 4, Buffer.alloc(0)), npy('<f4', 12, 0, Buffer.alloc(0)), npy('<f4', 1, 1, Buffer.from(new Float32Array([Number.NaN]).buffer))])
  .concat([Buffer.from(npy('<f4', 12, 4, f32).toString('latin1').replace("'fortran_order': False", "'fortran_order': True"), 'latin1'), Buffer.from(npy('<f4', 12, 4, f32).toString('latin1').replace('(12, 4)', '(48,)  '), 'latin1'), Buffer.from(npy('<f4', 12, 4, f32).toString('latin1').replace('(12, 4)', '(2,3,8)'), 'latin1')]);

describe('fuzz: id point files', () => {
  it('mutated .npy/.csv files read as a matrix or fail with a LiteTextError', async () => {
    const tally = new Tally();
    let n = 0;
    await assertProperty('points', fc.asyncProperty(
      fc.oneof(
        fc.tuple(fc.integer({ min: 0, max: SEEDS.length - 1 }), fc.oneof(mutations, raggedRows)).map(([i, m]) => [SEEDS[i]![0], m(SEEDS[i]![1])] as const),
        fc.constantFrom(...HEADERS).map((b) => ['points.npy', b] as const),
      ),
      async ([name, bytes]) => {
        const file = join(dir, `${n++ % 8}-${name}`);
        writeFileSync(file, bytes);
        tally.add(await outcome(() => readMatrixFile(file), `${file} (${bytes.length} bytes)`, file));
      },
    ), 500);
    console.log(`fuzz id point files: ${tally.total} cases: ${tally.toString()}`);
  }, 120_000);
});
