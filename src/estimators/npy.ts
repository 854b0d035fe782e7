import { LiteTextError } from '../errors.js';
import { denseMatrix, type DenseMatrix } from './matrix.js';

/**
 * NumPy .npy (format 1.0–3.0, numpy/lib/format.py): magic "\x93NUMPY", version, header length
 * (uint16 in 1.0, uint32 after), a Python-dict header, then the raw array. Supported: 2-D,
 * little-endian float32 ('<f4') or float64 ('<f8'), C order.
 */
export function parseNpy(bytes: Uint8Array, file: string): DenseMatrix {
  const fail = (what: string): never => {
    throw new LiteTextError('E_INPUT_FORMAT', `${file}: ${what}`, 'save a 2-D float32/float64 C-order array with numpy.save, or use a CSV of numbers');
  };
  const magic = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];
  if (bytes.length < 10 || magic.some((b, i) => bytes[i] !== b)) fail('not a .npy file (bad magic string)');
  const major = bytes[6]!;
  if (major < 1 || major > 3) fail(`unsupported .npy format version ${major}.${bytes[7]}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const headerStart = major === 1 ? 10 : 12;
  const dataStart = headerStart + headerLen;
  if (dataStart > bytes.length) fail('truncated .npy header');
  const header = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(headerStart, dataStart));
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(header)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) fail(`unreadable .npy header ${JSON.stringify(header.trim())}`);
  if (descr !== '<f4' && descr !== '<f8') fail(`dtype '${descr}' is not supported (expected '<f4' or '<f8')`);
  if (fortran === 'True') fail('array is in Fortran order (expected C order)');
  const shape = shapeText!.split(',').map((s) => s.trim()).filter((s) => s !== '').map(Number);
  if (shape.length !== 2 || shape.some((s) => !Number.isInteger(s) || s < 0)) fail(`shape (${shapeText}) is not 2-D (expected points × dimensions)`);
  const [rows, cols] = shape as [number, number];
  const width = descr === '<f4' ? 4 : 8;
  const expected = rows * cols * width;
  if (bytes.length - dataStart < expected) fail(`truncated data: ${bytes.length - dataStart} bytes for shape (${rows}, ${cols}) needing ${expected}`);
  // Copy into a fresh, aligned buffer (the data offset need not be a multiple of 8; a Node Buffer's
  // slice() is a view into a shared pool, so copy through the Uint8Array constructor). Even when
  // aligned: a view would keep the file's buffer alive, and freeing that large block raises glibc's
  // dynamic mmap/trim thresholds, which spares the kNN threads about half their page faults
  // (measured: 20,000 × 256 float32, id and compare, +0.2–0.5 s of system time with a view).
  const raw = new Uint8Array(bytes.subarray(dataStart, dataStart + expected)).buffer;
  return denseMatrix(width === 4 ? new Float32Array(raw) : new Float64Array(raw), rows, cols);
}
