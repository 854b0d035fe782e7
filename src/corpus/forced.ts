import { LiteTextError } from '../errors.js';
import type { Adapter, FileSample } from './adapter.js';
import { firstChar, looksBinary } from './adapters/fields.js';
import { startsAsJsonLines } from './adapters/jsonl.js';
import { detectAdapter } from './detect.js';

/**
 * An error of a forced `--adapter`, said in terms of the file: a file that is plainly another
 * format (a JSON Lines file forced to lvis fails as "malformed JSON" after its first line) is
 * E_ADAPTER_MISMATCH naming the adapter detection picks; a file that is the forced format but broken
 * keeps its E_INPUT_FORMAT with line and column. "Plainly another format": the forced adapter does
 * not recognise the sample, detection picks another one, and the file is not one JSON document (it
 * is JSON Lines, or does not start like JSON), so no broken JSON file is mistaken for one.
 */
export function forcedError(error: unknown, forced: Adapter<any>, sample: FileSample, file: string): unknown {
  if (!(error instanceof LiteTextError) || (error.code !== 'E_INPUT_FORMAT' && error.code !== 'E_ADAPTER_MISMATCH')) return error;
  const found = detectAdapter(sample);
  const other = found.adapter !== undefined && found.adapter !== forced ? found.adapter : undefined;
  if (other === undefined) return error;
  const hint = `detection picks ${other.name} (${found.what}): drop --adapter, or pass --adapter ${other.name}`;
  if (error.code === 'E_ADAPTER_MISMATCH') return new LiteTextError('E_ADAPTER_MISMATCH', error.message, hint);
  const c = firstChar(sample);
  const document = (c === '{' || c === '[') && !startsAsJsonLines(sample);
  if (forced.detect(sample) !== null || document || looksBinary(sample)) return error;
  return new LiteTextError('E_ADAPTER_MISMATCH', `${file}: --adapter ${forced.name} does not fit this file`, hint);
}
