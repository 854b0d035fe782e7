import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import { cannotRead, LiteTextError } from '../errors.js';
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
    throw cannotRead(file, error, 'check the path and its permissions');
  }
  const m = ext === '.npy' ? parseNpy(bytes, file) : parseCsvMatrix(bytes.toString('utf8'), file);
  if (m.rows === 0 || m.cols === 0) throw new LiteTextError('E_INPUT_FORMAT', `${file}: no points (shape ${m.rows} × ${m.cols})`, 'the file must hold at least one row of numbers');
  assertFinite(m, file);
  return m;
}

/** The delimiters a CSV of numbers may use (numpy.savetxt's `delimiter=`, spreadsheets' `;` exports). */
const DELIMITERS = [',', ';', '\t'] as const;

/** The delimiter of a CSV: the one its first non-blank line holds most often (`,` when none: one column). */
export function csvDelimiter(text: string): string {
  const first = /[^\r\n]*\S[^\r\n]*/.exec(text)?.[0] ?? '';
  const count = (d: string) => first.split(d).length - 1;
  return DELIMITERS.reduce((best, d) => (count(d) > count(best) ? d : best), DELIMITERS[0]);
}

/**
 * CSV of numbers, one point per line, separated by `,`, `;` or a tab (csvDelimiter). A first line
 * that is all numbers is a point like the others; one that is not is a header.
 */
export function parseCsvMatrix(text: string, file: string): DenseMatrix {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { delimiter: csvDelimiter(text), skip_empty_lines: true, trim: true, relax_column_count: true, bom: true, info: true }) as unknown as typeof records;
  } catch (error) {
    throw new LiteTextError('E_INPUT_FORMAT', `${file}: ${(error as Error).message}`, 'the CSV must hold numbers separated by commas, semicolons or tabs');
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
