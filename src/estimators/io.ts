import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import { LiteTextError } from '../errors.js';
import { assertFinite, denseMatrix, type DenseMatrix } from './matrix.js';
import { parseNpy } from './npy.js';

/** Reads points from `.npy` (float32/float64, C order) or `.csv` (numbers, optional header line). */
export function readMatrixFile(file: string): DenseMatrix {
  const ext = extname(file).toLowerCase();
  if (ext !== '.npy' && ext !== '.csv') {
    throw new LiteTextError('E_USAGE', `${file}: unknown file type '${ext}'`, 'give a .npy or .csv file of points, one row per point');
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new LiteTextError('E_IO', `${file}: cannot read (${code})`, 'check the path and its permissions');
  }
  const m = ext === '.npy' ? parseNpy(bytes, file) : parseCsvMatrix(bytes.toString('utf8'), file);
  if (m.rows === 0 || m.cols === 0) throw new LiteTextError('E_INPUT_FORMAT', `${file}: no points (shape ${m.rows} × ${m.cols})`, 'the file must hold at least one row of numbers');
  assertFinite(m, file);
  return m;
}

/** CSV of numbers, one point per line; a first line that is not all numbers is taken as a header. */
export function parseCsvMatrix(text: string, file: string): DenseMatrix {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { skip_empty_lines: true, trim: true, relax_column_count: true, bom: true, info: true }) as unknown as typeof records;
  } catch (error) {
    throw new LiteTextError('E_INPUT_FORMAT', `${file}: ${(error as Error).message}`, 'the CSV must hold numbers separated by commas');
  }
  const isNumber = (s: string) => s !== '' && Number.isFinite(Number(s));
  const first = records[0]?.record;
  const skip = first !== undefined && !first.every(isNumber) ? 1 : 0;
  const cols = records[skip]?.record.length ?? 0;
  const rows = records.length - skip;
  const data = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const { record: rec, info } = records[r + skip]!;
    const line = info.lines;
    if (rec.length !== cols) throw new LiteTextError('E_INPUT_FORMAT', `${file}:${line}: ${rec.length} fields, expected ${cols}`, 'every row must have the same number of columns');
    for (let c = 0; c < cols; c++) {
      const cell = rec[c]!;
      if (!isNumber(cell)) throw new LiteTextError('E_INPUT_FORMAT', `${file}:${line}: column ${c + 1} is not a number: ${JSON.stringify(cell.slice(0, 40))}`, 'the CSV must hold numbers only (a header line is allowed)');
      data[r * cols + c] = Number(cell);
    }
  }
  return denseMatrix(data, rows, cols);
}
