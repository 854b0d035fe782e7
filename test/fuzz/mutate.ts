import fc from 'fast-check';

/**
 * Mutations of well-formed seed files into the bad inputs users meet: truncated downloads, flipped
 * bytes, NUL bytes, invalid UTF-8, BOMs, CRLF, huge strings, deep nesting, duplicate keys, wrong
 * types at JSON paths, ragged CSV rows. Each is an arbitrary of `(seed bytes) => mutated bytes`.
 */
export type Mutation = (input: Buffer) => Buffer;

/** Several mutations applied one after the other. */
const inOrder = (list: Mutation[]): Mutation => (b) => list.reduce((acc, m) => m(acc), b);

const INVALID_UTF8 = [
  [0xff], [0xfe], [0xc3], [0xe2, 0x82], [0xed, 0xa0, 0x80] /* encoded lone surrogate */, [0xc0, 0xaf] /* overlong */,
  [0xf4, 0x90, 0x80, 0x80] /* > U+10FFFF */, [0x80], [0xf0, 0x9f, 0x98],
].map((b) => Buffer.from(b));

const insertAt = (input: Buffer, at: number, bytes: Buffer): Buffer => {
  const i = Math.min(at, input.length);
  return Buffer.concat([input.subarray(0, i), bytes, input.subarray(i)]);
};
const position = fc.double({ min: 0, max: 1, noNaN: true });
const at = (input: Buffer, p: number) => Math.floor(p * input.length);

export const truncate: fc.Arbitrary<Mutation> = position.map((p) => (b) => b.subarray(0, at(b, p)));

export const flipBytes: fc.Arbitrary<Mutation> = fc.array(fc.tuple(position, fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 })
  .map((flips) => (b) => {
    const out = Buffer.from(b);
    for (const [p, v] of flips) if (out.length > 0) out[Math.min(at(out, p), out.length - 1)] = v;
    return out;
  });

export const insertBytes: fc.Arbitrary<Mutation> = fc.tuple(position, fc.oneof(
  fc.constant(Buffer.from([0])),
  fc.constantFrom(...INVALID_UTF8),
  fc.constant(Buffer.from('\uFEFF')),
  fc.constant(Buffer.from('\r')),
  fc.constant(Buffer.from('\u2028')),
  fc.constantFrom(...['"', '{', '}', '[', ']', ',', ':', '\\', '\'', '\t', '\n', '#', '&a', '*a', '- ', '!!binary'].map((s) => Buffer.from(s))),
  fc.uint8Array({ minLength: 1, maxLength: 16 }).map((u) => Buffer.from(u)),
)).map(([p, bytes]) => (b) => insertAt(b, at(b, p), bytes));

export const bom: fc.Arbitrary<Mutation> = fc.constantFrom(
  Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from([0xff, 0xfe]), Buffer.from([0xfe, 0xff]), Buffer.from([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf]),
).map((mark) => (b) => Buffer.concat([mark, b]));

export const crlf: fc.Arbitrary<Mutation> = fc.constantFrom('\r\n', '\r', '\n\r').map((eol) => (b) => Buffer.from(b.toString('latin1').replace(/\n/g, eol), 'latin1'));

/** A long run inside the file (up to 256 KiB; bigger files have their own tests): a huge prompt or a huge token. */
export const hugeString: fc.Arbitrary<Mutation> = fc.tuple(position, fc.integer({ min: 1 << 12, max: 1 << 18 }), fc.constantFrom('a', ' ', 'é', '\\', '"', '🙂', ',', 'ab cd ')).map(([p, n, unit]) => (b) => {
  const s = Buffer.from(unit.repeat(Math.ceil(n / Buffer.byteLength(unit))));
  // Prefer the inside of a JSON string so the value stays well-formed around it.
  const text = b.toString('latin1');
  const quote = text.indexOf('"', at(b, p));
  return insertAt(b, quote >= 0 ? quote + 1 : at(b, p), s);
});

/** A copy of the whole file (duplicate keys in JSON/YAML, repeated records elsewhere), or a line repeated. */
export const repeatLine: fc.Arbitrary<Mutation> = fc.tuple(position, fc.integer({ min: 1, max: 50 })).map(([p, n]) => (b) => {
  const lines = b.toString('latin1').split('\n');
  const i = Math.floor(p * lines.length);
  lines.splice(i, 0, ...Array<string>(n).fill(lines[i] ?? ''));
  return Buffer.from(lines.join('\n'), 'latin1');
});

export const byteMutation: fc.Arbitrary<Mutation> = fc.oneof(
  { arbitrary: truncate, weight: 4 }, { arbitrary: flipBytes, weight: 4 }, { arbitrary: insertBytes, weight: 4 }, { arbitrary: bom, weight: 1 },
  { arbitrary: crlf, weight: 1 }, { arbitrary: hugeString, weight: 1 }, { arbitrary: repeatLine, weight: 2 },
);

/** 1–4 byte-level mutations applied in order. */
export const mutations: fc.Arbitrary<Mutation> = fc.array(byteMutation, { minLength: 1, maxLength: 4 })
  .map(inOrder);

// ---- JSON-structure mutations ----

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Values of the wrong type to put at a path (and a few hostile ones). */
export const wrongValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(null, true, false, 0, -1, 1e308, -0, 1.5, '', ' ', '\u0000', '\uD800', '__proto__', [], {}, [null], { __proto__: 1 } as unknown as Json, 'constructor'),
  fc.string({ maxLength: 20 }),
  fc.integer(),
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
);

function paths(value: Json, prefix: Array<string | number> = [], out: Array<Array<string | number>> = [], limit = 400): Array<Array<string | number>> {
  if (out.length >= limit) return out;
  out.push(prefix);
  if (Array.isArray(value)) value.slice(0, 6).forEach((v, i) => paths(v, [...prefix, i], out, limit));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) paths(v, [...prefix, k], out, limit);
  return out;
}

function setAt(root: Json, path: Array<string | number>, value: Json | undefined): Json {
  if (path.length === 0) return value === undefined ? null : value;
  let node = root as Record<string | number, Json>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, Json>;
  const last = path[path.length - 1]!;
  if (value === undefined) {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  } else node[last] = value;
  return root;
}

/** Replace (or delete) the value at a random path with a value of another type; 1–3 times. */
export const jsonPathMutation: fc.Arbitrary<Mutation> = fc.array(fc.tuple(position, fc.option(wrongValue, { freq: 5 })), { minLength: 1, maxLength: 3 })
  .map((edits) => editJson((doc) => {
    for (const [p, v] of edits) {
      const all = paths(doc);
      doc = setAt(doc, all[Math.min(all.length - 1, Math.floor(p * all.length))]!, v === null ? undefined : v);
    }
    return doc;
  }));

/** A mutation of the parsed document (the bytes stay as they are when they are not JSON). */
function editJson(edit: (doc: Json) => Json): Mutation {
  return (b) => {
    let doc: Json;
    try {
      doc = JSON.parse(b.toString('utf8')) as Json;
    } catch {
      return b;
    }
    return Buffer.from(JSON.stringify(edit(doc)));
  };
}

/** The document wrapped in (or a value replaced by) deep nesting: 1k–20k levels of arrays/objects. */
export const deepNesting: fc.Arbitrary<Mutation> = fc.tuple(fc.integer({ min: 1000, max: 20_000 }), fc.boolean(), position).map(([depth, objects, p]) => (b) => {
  const open = objects ? '{"a":' : '[';
  const close = objects ? '}' : ']';
  const i = b.indexOf(':', at(b, p));
  const nest = Buffer.from(`${open.repeat(depth)}1${close.repeat(depth)}`);
  if (i < 0) return nest;
  // Replace the value after a key by the nest (the rest of the document stays).
  return Buffer.concat([b.subarray(0, i + 1), nest, Buffer.from(','), b.subarray(i + 1)]);
});

/** A key repeated with another value: `{"categories": [...], "categories": 5}`. */
export const duplicateKey: fc.Arbitrary<Mutation> = fc.tuple(position, wrongValue).map(([p, v]) => (b) => {
  const text = b.toString('utf8');
  const keys = [...text.matchAll(/"([\w ]{1,40})"\s*:/g)];
  const m = keys[Math.min(keys.length - 1, Math.floor(p * keys.length))];
  if (!m || m.index === undefined) return b;
  return Buffer.from(`${text.slice(0, m.index)}"${m[1]}": ${JSON.stringify(v)}, ${text.slice(m.index)}`);
});

export const jsonMutations: fc.Arbitrary<Mutation> = fc.array(fc.oneof(
  { arbitrary: jsonPathMutation, weight: 6 },
  { arbitrary: duplicateKey, weight: 2 },
  { arbitrary: deepNesting, weight: 1 },
  { arbitrary: byteMutation, weight: 4 },
), { minLength: 1, maxLength: 3 }).map(inOrder);

/** CSV/TSV rows with too many or too few cells, stray quotes, empty lines. */
export const raggedRows: fc.Arbitrary<Mutation> = fc.array(fc.tuple(position, fc.constantFrom(',', ',,,', '\t', '"', '""', '\n', '\n\n', 'x,"y', '\r\n,')), { minLength: 1, maxLength: 6 })
  .map((edits) => (b) => edits.reduce((acc, [p, s]) => insertAt(acc, at(acc, p), Buffer.from(s)), b));

/** A YAML "billion laughs": each level's alias list repeats the previous level `width` times. */
export function yamlAliasBomb(levels: number, width: number, key = 'OVERRIDE_CATEGORY'): string {
  const lines = ['a0: &a0 ["lol"]'];
  for (let i = 1; i < levels; i++) lines.push(`a${i}: &a${i} [${Array<string>(width).fill(`*a${i - 1}`).join(', ')}]`);
  lines.push(`DATASETS:`, `  ${key}: *a${levels - 1}`, `  TRAIN: *a${levels - 1}`);
  return `${lines.join('\n')}\n`;
}

export const yamlMutations: fc.Arbitrary<Mutation> = fc.array(fc.oneof(
  { arbitrary: byteMutation, weight: 4 },
  { arbitrary: fc.tuple(fc.integer({ min: 2, max: 12 }), fc.integer({ min: 2, max: 10 })).map(([l, w]) => () => Buffer.from(yamlAliasBomb(l, w))), weight: 1 },
  { arbitrary: fc.tuple(position, fc.constantFrom('&x ', '*x', '*undefined', '<<: *x\n', '!!js/function "f(){}"\n', '!!python/object:os.system ["x"]\n', '? [a]\n: b\n', '--- \n', '...\n', '%YAML 1.2\n', 'key: value\nkey: again\n', ': \n', '\t')).map(([p, s]) => (b: Buffer) => insertAt(b, at(b, p), Buffer.from(s))), weight: 3 },
), { minLength: 1, maxLength: 3 }).map(inOrder);

/** Numbers replaced by other numbers (the report still validates; the diff must still cope). */
export const numberMutation: fc.Arbitrary<Mutation> = fc.array(fc.tuple(position, fc.constantFrom(0, -0, -1, 1e308, -1e308, 5e-324, 1.5, 2 ** 53 + 2, 123456789, 0.1)), { minLength: 1, maxLength: 6 })
  .map((edits) => editJson((doc) => {
    const numeric = paths(doc, [], [], 5000).filter((p) => {
      let node: unknown = doc;
      for (const k of p) node = (node as Record<string | number, unknown>)[k];
      return typeof node === 'number';
    });
    for (const [p, v] of edits) if (numeric.length > 0) doc = setAt(doc, numeric[Math.min(numeric.length - 1, Math.floor(p * numeric.length))]!, v);
    return doc;
  }));

/** An object key renamed to a hostile one (a dataset named `../x`, `__proto__`, a NUL, an empty string). */
export const keyRename: fc.Arbitrary<Mutation> = fc.tuple(position, fc.constantFrom('../../x', '__proto__', 'constructor', '', '\u0000', 'a/b', '.', 'windows[32]', 'x'.repeat(5000))).map(([p, name]) => (b) => {
  const text = b.toString('utf8');
  const keys = [...text.matchAll(/"([\w.+-]{1,60})"\s*:/g)];
  const m = keys[Math.min(keys.length - 1, Math.floor(p * keys.length))];
  if (!m || m.index === undefined) return b;
  return Buffer.from(`${text.slice(0, m.index)}${JSON.stringify(name)}${text.slice(m.index + m[1]!.length + 2)}`);
});
