import type { AsyncBuffer, Compressors, FileMetaData } from 'hyparquet';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { LiteTextError } from '../errors.js';
import { ioError, readBytes } from './read.js';
import type { Source } from './source.js';

/**
 * Streams selected columns of a parquet file, one row group at a time (hyparquet), so memory is
 * bounded by a row group of the chosen columns; other columns (e.g. lmms-lab's image bytes) are
 * never decoded.
 */
export interface ParquetRow {
  /** 0-based row index in the file. */
  row: number;
  values: Record<string, unknown>;
}

/** hyparquet decodes SNAPPY itself; GZIP and BROTLI through node:zlib (ZSTD needs Node >= 22.15). */
const COMPRESSORS: Compressors = {
  GZIP: (input) => new Uint8Array(gunzipSync(input)),
  BROTLI: (input) => new Uint8Array(brotliDecompressSync(input)),
};

export async function openParquet(source: Source): Promise<{ metadata: FileMetaData; columns: string[]; read: (columns: string[]) => AsyncGenerator<ParquetRow> }> {
  // hyparquet is loaded on first use: ~70 ms that every other command need not pay at start-up.
  const { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects, parquetSchema } = await import('hyparquet');
  const file = source.path;
  let buffer: AsyncBuffer;
  let metadata: FileMetaData;
  if (source.regular) {
    try {
      buffer = await asyncBufferFromFile(file);
    } catch (error) {
      throw ioError(file, error);
    }
  } else {
    // Parquet is read from its footer back: a stream is held whole (within the whole-file limit).
    const bytes = readBytes(source);
    buffer = { byteLength: bytes.length, slice: (start, end) => (bytes.buffer as ArrayBuffer).slice(bytes.byteOffset + start, bytes.byteOffset + (end ?? bytes.length)) };
  }
  try {
    metadata = await parquetMetadataAsync(buffer);
  } catch (error) {
    throw formatError(file, error);
  }
  const columns = parquetSchema(metadata).children.map((c) => c.element.name);
  async function* read(wanted: string[]): AsyncGenerator<ParquetRow> {
    let rowStart = 0;
    for (const group of metadata.row_groups) {
      const rowEnd = rowStart + Number(group.num_rows);
      let rows: Array<Record<string, unknown>>;
      try {
        rows = await parquetReadObjects({ file: buffer, metadata, columns: wanted, rowStart, rowEnd, compressors: COMPRESSORS });
      } catch (error) {
        throw formatError(file, error, `rows ${rowStart}-${rowEnd - 1}`);
      }
      for (const [i, values] of rows.entries()) yield { row: rowStart + i, values };
      rowStart = rowEnd;
    }
  }
  return { metadata, columns, read };
}

function formatError(file: string, error: unknown, where?: string): LiteTextError {
  const message = (error as Error | undefined)?.message ?? String(error);
  const codec = /compression|codec/i.test(message);
  return new LiteTextError(
    'E_INPUT_FORMAT',
    `${file}${where ? ` (${where})` : ''}: unreadable parquet (${message.split('\n')[0]})`,
    codec ? 'recompress the file with snappy, gzip, brotli or none (e.g. pyarrow.parquet.write_table(..., compression="snappy"))' : 'is the file complete? re-download it',
  );
}
