/**
 * A safe reader for Python literals — what `ast.literal_eval` accepts for data: dicts, lists,
 * tuples, str ('…' or "…", with Python escapes), int, float, True, False, None, trailing commas,
 * adjacent string concatenation. It builds data only and evaluates nothing (no eval, no names).
 * Needed for GLIP configs written with Python's repr (ODinW's NorthAmericaMushrooms file:
 * `[{'id': 1, 'name': 'flat mushroom', ...}]`) and lists with a trailing comma (`[{...},]`).
 */
export class PyLiteralError extends Error {
  constructor(readonly offset: number, readonly what: string) {
    super(`${what} at offset ${offset}`);
  }
}

const MAX_DEPTH = 200;
const SIMPLE_ESCAPES: Record<string, string> = { '\\': '\\', "'": "'", '"': '"', n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v', '\n': '' };

export function parsePyLiteral(text: string): unknown {
  let i = 0;
  const fail = (what: string): never => {
    throw new PyLiteralError(i, what);
  };
  const ws = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i]!)) i++;
  };
  const string = (): string => {
    let out = '';
    while (text[i] === "'" || text[i] === '"') {
      const q = text[i++]!;
      for (;;) {
        const c = text[i];
        if (c === undefined || c === '\n') fail('unterminated string');
        i++;
        if (c === q) break;
        if (c !== '\\') { out += c; continue; }
        const e = text[i++];
        if (e === undefined) return fail('unterminated string');
        if (e === 'x' || e === 'u' || e === 'U') {
          const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
          const hex = text.slice(i, i + n);
          if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(hex)) fail(`bad \\${e} escape`);
          const code = parseInt(hex, 16);
          if (code > 0x10ffff) fail(`bad \\${e} escape`);
          out += String.fromCodePoint(code);
          i += n;
        } else if (e >= '0' && e <= '7') {
          const oct = /^[0-7]{1,3}/.exec(text.slice(i - 1, i + 2))![0];
          out += String.fromCharCode(parseInt(oct, 8));
          i += oct.length - 1;
        } else if (e in SIMPLE_ESCAPES) out += SIMPLE_ESCAPES[e];
        else out += `\\${e}`; // Python keeps unknown escapes as written
      }
      ws();
    }
    return out;
  };
  const value = (depth: number): unknown => {
    if (depth > MAX_DEPTH) fail('nested too deeply');
    ws();
    const c = text[i];
    if (c === "'" || c === '"') return string();
    if (c === '[' || c === '(') return sequence(c === '[' ? ']' : ')', depth);
    if (c === '{') return dict(depth);
    const word = /^(True|False|None)\b/.exec(text.slice(i, i + 6));
    if (word) {
      i += word[1]!.length;
      return word[1] === 'True' ? true : word[1] === 'False' ? false : null;
    }
    const num = /^[+-]?(\d[\d_]*(\.[\d_]*)?|\.\d[\d_]*)([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (num) {
      i += num[0].length;
      return Number(num[0].replace(/_/g, ''));
    }
    return fail(c === undefined ? 'unexpected end of input' : `unexpected ${JSON.stringify(c)}`);
  };
  const items = <T>(close: string, item: () => T): T[] => {
    i++;
    const out: T[] = [];
    for (;;) {
      ws();
      if (text[i] === close) { i++; return out; }
      out.push(item());
      ws();
      if (text[i] === ',') { i++; continue; }
      if (text[i] !== close) fail(text[i] === undefined ? 'unexpected end of input' : `expected ',' or '${close}'`);
    }
  };
  const sequence = (close: string, depth: number) => items(close, () => value(depth + 1));
  const dict = (depth: number) => {
    const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    items('}', () => {
      const key = value(depth + 1);
      if (typeof key !== 'string' && typeof key !== 'number') fail('dict key is not a string or a number');
      ws();
      if (text[i++] !== ':') { i--; fail("expected ':'"); }
      out[String(key)] = value(depth + 1);
    });
    return { ...out };
  };
  const result = value(0);
  ws();
  if (i < text.length) fail(`unexpected ${JSON.stringify(text[i])} after the literal`);
  return result;
}
