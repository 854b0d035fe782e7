// .npy and .csv readers. The .npy bytes are written here by hand following numpy/lib/format.py.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LiteTextError } from '../../src/errors.js';
import { parseCsvMatrix, parseNpy, readMatrixFile } from '../../src/estimators/index.js';
import { tempDir } from '../helpers/tmp.js';

function npyBytes(descr: string, shape: number[], values: ArrayLike<number>, options: { version?: number; fortran?: boolean } = {}): Uint8Array {
  const version = options.version ?? 1;
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '${descr}', 'fortran_order': ${options.fortran ? 'True' : 'False'}, 'shape': ${shapeText}, }`;
  const prefix = version === 1 ? 10 : 12;
  header += ' '.repeat(63 - ((prefix + header.length) % 64)) + '\n'; // pad to a multiple of 64
  const data = descr.endsWith('8') ? new Float64Array(values) : new Float32Array(values);
  const out = new Uint8Array(prefix + header.length + data.byteLength);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0]);
  const view = new DataView(out.buffer);
  if (version === 1) view.setUint16(8, header.length, true);
  else view.setUint32(8, header.length, true);
  out.set(new TextEncoder().encode(header), prefix);
  out.set(new Uint8Array(data.buffer), prefix + header.length);
  return out;
}

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof LiteTextError) return error.code;
    throw error;
  }
  return undefined;
}

describe('parseNpy', () => {
  it('reads 2-D float32 (format 1.0) and float64 (format 2.0) C-order arrays', () => {
    const values = [1.5, -2, 3.25, 4, 5, 6.125];
    const f4 = parseNpy(npyBytes('<f4', [3, 2], values), 'a.npy');
    expect([f4.rows, f4.cols, f4.data.constructor]).toEqual([3, 2, Float32Array]);
    expect(Array.from(f4.data)).toEqual(values);
    const f8 = parseNpy(npyBytes('<f8', [2, 3], [0.1, 0.2, 0.3, 1e-300, 2, 3], { version: 2 }), 'b.npy');
    expect([f8.rows, f8.cols, f8.data.constructor]).toEqual([2, 3, Float64Array]);
    expect(Array.from(f8.data)).toEqual([0.1, 0.2, 0.3, 1e-300, 2, 3]);
  });

  it('reads the data at any byte offset of the bytes given (a copy into an aligned buffer)', () => {
    const values = [1.5, -2, 3.25, 4, 5, 6.125];
    for (const descr of ['<f4', '<f8']) {
      const file = npyBytes(descr, [3, 2], values);
      // The same file one byte into a larger buffer: its data start is no multiple of the element size.
      const shifted = new Uint8Array(file.length + 1);
      shifted.set(file, 1);
      expect(Array.from(parseNpy(shifted.subarray(1), 'b.npy').data)).toEqual(values);
    }
  });

  it('rejects other dtypes, Fortran order, non-2-D shapes, bad magic and truncated data with E_INPUT_FORMAT', () => {
    const intDtype = new TextDecoder('latin1').decode(npyBytes('<f4', [2, 2], [1, 2, 3, 4])).replace("'<f4'", "'<i4'");
    expect(code(() => parseNpy(Uint8Array.from(intDtype, (c) => c.charCodeAt(0)), 'x.npy'))).toBe('E_INPUT_FORMAT');
    expect(code(() => parseNpy(npyBytes('>f8', [1, 2], [1, 2]), 'x.npy'))).toBe('E_INPUT_FORMAT');
    expect(code(() => parseNpy(npyBytes('<f4', [2, 2], [1, 2, 3, 4], { fortran: true }), 'x.npy'))).toBe('E_INPUT_FORMAT');
    expect(code(() => parseNpy(npyBytes('<f4', [4], [1, 2, 3, 4]), 'x.npy'))).toBe('E_INPUT_FORMAT');
    expect(code(() => parseNpy(new TextEncoder().encode('not numpy at all'), 'x.npy'))).toBe('E_INPUT_FORMAT');
    expect(code(() => parseNpy(npyBytes('<f8', [3, 2], [1, 2, 3, 4, 5, 6]).slice(0, -8), 'x.npy'))).toBe('E_INPUT_FORMAT');
  });
});

describe('parseCsvMatrix', () => {
  it('reads numbers with or without a header line', () => {
    const plain = parseCsvMatrix('1,2,3\n4,5,6\n', 'p.csv');
    expect([plain.rows, plain.cols, Array.from(plain.data)]).toEqual([2, 3, [1, 2, 3, 4, 5, 6]]);
    const headed = parseCsvMatrix('x,y\n0.5,-1e-3\n\n2,3\n', 'h.csv');
    expect([headed.rows, headed.cols, Array.from(headed.data)]).toEqual([2, 2, [0.5, -1e-3, 2, 3]]);
  });

  it('names the file and line of a ragged row or a non-number', () => {
    expect(() => parseCsvMatrix('1,2\n3,4\n5\n', 'r.csv')).toThrow(/r\.csv:3: 1 fields, expected 2/);
    expect(() => parseCsvMatrix('1,2\n3,abc\n', 'n.csv')).toThrow(/n\.csv:2: column 2 is not a number/);
  });
});

describe('readMatrixFile', () => {
  const dir = tempDir('lite-text-id-io');

  it('dispatches on the extension and rejects missing files, other extensions, NaN and empty files', () => {
    writeFileSync(join(dir, 'm.npy'), npyBytes('<f8', [2, 2], [1, 2, 3, 4]));
    expect(readMatrixFile(join(dir, 'm.npy')).rows).toBe(2);
    expect(code(() => readMatrixFile(join(dir, 'missing.csv')))).toBe('E_IO');
    expect(code(() => readMatrixFile(join(dir, 'm.txt')))).toBe('E_USAGE');
    writeFileSync(join(dir, 'nan.npy'), npyBytes('<f4', [2, 2], [1, Number.NaN, 3, 4]));
    expect(() => readMatrixFile(join(dir, 'nan.npy'))).toThrow(/row 1, column 2 is NaN/);
    writeFileSync(join(dir, 'empty.csv'), 'a,b\n');
    expect(code(() => readMatrixFile(join(dir, 'empty.csv')))).toBe('E_INPUT_FORMAT');
  });
});
