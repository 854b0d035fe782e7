import { openSource, type Input } from './read.js';
import type { Source } from './source.js';
import { ByteReader, QUOTE } from './byte-reader.js';

/**
 * A selective, streaming JSON scanner: memory is bounded by the largest value the caller asks for,
 * not by the file. At each value the caller decides (`select`) to parse it whole (`value`), to walk
 * into it (`descend`, containers only) or to skip it; skipped strings are passed with
 * Buffer.indexOf, so a 1 GB COCO file with RLE masks scans at disk speed. Values are parsed with
 * JSON.parse (their syntax is fully checked); the structure of descended containers is checked
 * here; skipped regions are only checked for balanced brackets and closed strings.
 */
export type JsonPath = ReadonlyArray<string | number>;
export type Selection = 'value' | 'descend' | 'skip';
export type JsonEvent =
  | { type: 'value'; path: JsonPath; value: unknown }
  /** A descended object or array has closed. */
  | { type: 'end'; path: JsonPath };

export interface ScanOptions {
  select(path: JsonPath, kind: 'object' | 'array' | 'scalar'): Selection;
  onInvalidUtf8?: (count: number) => void;
  /** Largest single selected value, in bytes (E_LIMIT beyond). */
  maxValueBytes?: number;
  chunkBytes?: number;
}

/** Selects each item of the top-level array `key` (e.g. COCO's `images[]`) and skips the rest. */
export function itemsOf(key: string): ScanOptions['select'] {
  return (path, kind) => {
    if (path.length === 0) return kind === 'object' ? 'descend' : 'skip';
    if (path[0] !== key) return 'skip';
    return path.length === 1 ? 'descend' : path.length === 2 ? 'value' : 'skip';
  };
}

/**
 * Events come in small batches: `select` runs while a batch is filled, so it may see up to
 * BATCH values ahead of the consumer (state a select depends on must be set in select itself).
 */
const BATCH = 256;

/**
 * The largest value a scan parses (an images[] entry, a categories[] array: kilobytes to a few MB in
 * every benchmark). A single multi-hundred-MB value is not annotation data; parsing it would take ~5×
 * its size in memory (a 256 MiB one peaked at 1.2 GB).
 */
export const MAX_VALUE_BYTES = 64 << 20;

export function* scanJson(input: Input, options: ScanOptions): Generator<JsonEvent, void, undefined> {
  const source = typeof input === 'string' ? openSource(input) : input;
  try {
    yield* scan(source, options);
  } finally {
    if (source !== input) source.close();
  }
}

function* scan(source: Source, options: ScanOptions): Generator<JsonEvent, void, undefined> {
  const r = new ByteReader(source, options.chunkBytes ?? 1 << 20, options.maxValueBytes ?? MAX_VALUE_BYTES);
  // An explicit stack of the descended containers: no recursion, no generator per container.
  const stack: Array<{ path: JsonPath; object: boolean; index: number }> = [];
  const events: JsonEvent[] = [];
  const enter = (path: JsonPath) => {
    const leaf = visit(r, path, options);
    if (leaf === DESCEND) {
      stack.push({ path, object: r.peek() === 0x7b, index: 0 });
      r.pos++;
    } else if (leaf !== SKIPPED) events.push(leaf);
  };
  try {
    r.skipBom();
    enter([]);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const close = top.object ? 0x7d : 0x5d;
      r.ws();
      const c = r.peek();
      if (c === close) {
        r.pos++;
        stack.pop();
        events.push({ type: 'end', path: top.path });
        continue;
      }
      if (top.index > 0) {
        if (c !== 0x2c) r.fail(`expected ',' or '${String.fromCharCode(close)}', found ${r.describe()}`);
        r.pos++;
      }
      if (top.object) {
        r.ws();
        if (r.peek() !== QUOTE) r.fail(`expected a property name, found ${r.describe()}`);
        const key = r.parseKey(options.onInvalidUtf8);
        r.ws();
        if (r.peek() !== 0x3a) r.fail(`expected ':' after property name, found ${r.describe()}`);
        r.pos++;
        top.index++;
        enter([...top.path, key]);
      } else enter([...top.path, top.index++]);
      if (events.length >= BATCH) {
        yield* events;
        events.length = 0;
      }
    }
    yield* events;
    r.ws();
    if (r.peek() !== -1) r.fail(`unexpected ${r.describe()} after the JSON value`);
  } finally {
    r.close();
  }
}

const DESCEND = Symbol('descend');
const SKIPPED = Symbol('skipped');

/** Skips or parses the value at `path`; DESCEND for a container to walk. */
function visit(r: ByteReader, path: JsonPath, options: ScanOptions): JsonEvent | typeof DESCEND | typeof SKIPPED {
  r.ws();
  const c = r.peek();
  if (c === -1) r.fail('unexpected end of file');
  const kind = c === 0x7b ? 'object' : c === 0x5b ? 'array' : 'scalar';
  const selection = options.select(path, kind);
  if (selection === 'skip') {
    r.skipValue();
    return SKIPPED;
  }
  if (selection === 'value' || kind === 'scalar') return { type: 'value', path, value: r.parseValue(options.onInvalidUtf8) };
  return DESCEND;
}
