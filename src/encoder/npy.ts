export type NpyData = Float32Array | BigInt64Array;

/**
 * NumPy .npy v1.0 header (numpy/lib/format.py): magic "\x93NUMPY", version 1.0, u16 header length, then a
 * Python-dict header padded with spaces and ending in "\n" so the data starts on a 64-byte boundary.
 */
export function npyHeader(data: NpyData, shape: number[]): Uint8Array {
  const descr = data instanceof Float32Array ? '<f4' : '<i8';
  const dict = `{'descr': '${descr}', 'fortran_order': False, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  const unpadded = 10 + dict.length + 1;
  const header = dict + ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const out = new Uint8Array(10 + header.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0], 0);
  new DataView(out.buffer).setUint16(8, header.length, true);
  out.set(new TextEncoder().encode(header), 10);
  return out;
}
