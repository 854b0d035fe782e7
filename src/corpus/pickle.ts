import { LiteTextError } from '../errors.js';

/**
 * A safe reader for Python pickles that hold plain data (the refer toolkit's refs(*).p, written by
 * Python 2 cPickle). It builds lists, dicts, tuples (as arrays), sets (as arrays), str/unicode
 * (as strings), numbers, None and bools, and refuses every opcode that would import or call
 * something. Opcode semantics follow CPython's Lib/pickletools.py; Python 2 `str` objects
 * (STRING, BINSTRING, SHORT_BINSTRING) are decoded as UTF-8 (invalid bytes replaced and counted).
 */
export type PyValue = null | boolean | number | string | PyValue[] | { [key: string]: PyValue };

/** Opcodes that import or call code (or resolve external objects): never executed. */
const UNSAFE: Record<number, string> = {
  0x63: 'GLOBAL', 0x69: 'INST', 0x6f: 'OBJ', 0x52: 'REDUCE', 0x62: 'BUILD', 0x81: 'NEWOBJ', 0x92: 'NEWOBJ_EX',
  0x93: 'STACK_GLOBAL', 0x82: 'EXT1', 0x83: 'EXT2', 0x84: 'EXT4', 0x50: 'PERSID', 0x51: 'BINPERSID',
};

const MARK = Symbol('mark');
type Slot = PyValue | typeof MARK;

export interface PickleOptions {
  file: string;
  onInvalidUtf8?: (count: number) => void;
}

export function isPickle(bytes: Uint8Array): boolean {
  if (bytes.length < 2) return false;
  // Protocol 2+: PROTO n. Protocol 0/1: a list or dict opener (`(lp0`, `(dp0`, `]q`, `}q`, `(l`).
  if (bytes[0] === 0x80 && bytes[1]! >= 2 && bytes[1]! <= 5) return true;
  const head = String.fromCharCode(...bytes.subarray(0, 4));
  return /^\((lp?\d?|dp?\d?)/.test(head) || /^[\]}][q(]/.test(head);
}

export function readPickle(data: Uint8Array, options: PickleOptions): PyValue {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const { file } = options;
  let pos = 0;
  let opAt = 0;
  let opName = '';
  const stack: Slot[] = [];
  const marks: number[] = [];
  const memo = new Map<number, PyValue>();

  const fail = (what: string): never => {
    throw new LiteTextError('E_INPUT_FORMAT', `${file}: malformed pickle at byte ${opAt} (${opName}): ${what}`, 'is the file complete? re-download it');
  };
  const need = (n: number): number => {
    // A negative length (BINSTRING's is a signed int32) would step back into the file.
    if (!(n >= 0)) fail(`negative length ${n}`);
    if (pos + n > buf.length) {
      throw new LiteTextError('E_INPUT_FORMAT', `${file}: truncated pickle at byte ${buf.length} (${opName} at byte ${opAt} needs ${pos + n - buf.length} more)`, 'the download is incomplete; fetch the file again');
    }
    const at = pos;
    pos += n;
    return at;
  };
  const line = (): string => {
    const nl = buf.indexOf(10, pos);
    if (nl === -1) need(buf.length - pos + 1);
    const text = buf.toString('latin1', pos, nl);
    pos = nl + 1;
    return text;
  };
  const utf8 = (start: number, end: number): string => {
    const text = buf.toString('utf8', start, end);
    if (options.onInvalidUtf8 && text.includes('\ufffd')) {
      const bytes = buf.subarray(start, end);
      let inBytes = 0;
      for (let i = 0; i + 2 < bytes.length; i++) if (bytes[i] === 0xef && bytes[i + 1] === 0xbf && bytes[i + 2] === 0xbd) inBytes++;
      const n = (text.match(/\ufffd/g)?.length ?? 0) - inBytes;
      if (n > 0) options.onInvalidUtf8(n);
    }
    return text;
  };
  const pop = (): PyValue => {
    const v = stack.pop();
    if (v === undefined || v === MARK) fail('stack underflow');
    return v as PyValue;
  };
  const top = (): PyValue => {
    const v = stack[stack.length - 1];
    if (v === undefined || v === MARK) fail('stack underflow');
    return v as PyValue;
  };
  const popMark = (): PyValue[] => {
    const at = marks.pop();
    if (at === undefined) fail('no MARK on the stack');
    return stack.splice(at!).slice(1) as PyValue[];
  };
  const asList = (v: PyValue): PyValue[] => (Array.isArray(v) ? v : fail('APPEND to a non-list'));
  const asDict = (v: PyValue): { [key: string]: PyValue } => (v !== null && typeof v === 'object' && !Array.isArray(v) ? v : fail('SETITEM on a non-dict'));
  const setItems = (dict: { [key: string]: PyValue }, items: PyValue[]) => {
    if (items.length % 2 !== 0) fail('odd number of items for SETITEMS');
    for (let i = 0; i < items.length; i += 2) dict[String(items[i])] = items[i + 1]!;
  };
  const memoGet = (id: number): PyValue => (memo.has(id) ? memo.get(id)! : fail(`memo key ${id} not found`));
  const int = (text: string): number => {
    const t = text.endsWith('L') ? text.slice(0, -1) : text;
    if (!/^[-+]?\d+$/.test(t)) fail(`bad integer ${JSON.stringify(text.slice(0, 30))}`);
    return Number(t);
  };
  const long = (n: number): number => {
    const at = need(n);
    let v = 0n;
    for (let i = n - 1; i >= 0; i--) v = (v << 8n) | BigInt(buf[at + i]!);
    if (n > 0 && buf[at + n - 1]! & 0x80) v -= 1n << BigInt(8 * n);
    return Number(v);
  };

  for (;;) {
    opAt = pos;
    if (pos >= buf.length) {
      throw new LiteTextError('E_INPUT_FORMAT', `${file}: truncated pickle at byte ${pos} (no STOP opcode)`, 'the download is incomplete; fetch the file again');
    }
    const op = buf[need(1)]!;
    opName = OPNAMES[op] ?? `0x${op.toString(16).padStart(2, '0')}`;
    const unsafe = UNSAFE[op];
    if (unsafe) {
      throw new LiteTextError('E_UNSAFE_PICKLE', `${file}: refusing pickle opcode ${unsafe} at byte ${opAt}: it would import or call code`, 'only plain-data pickles (lists, dicts, strings, numbers) are read; nothing in the file was executed');
    }
    switch (op) {
      case 0x2e: { // STOP
        const result = pop();
        return result;
      }
      case 0x80: need(1); break; // PROTO
      case 0x95: need(8); break; // FRAME (protocol 4): framing is transparent
      case 0x28: marks.push(stack.length); stack.push(MARK); break; // MARK
      case 0x30: pop(); break; // POP
      case 0x31: popMark(); break; // POP_MARK
      case 0x32: stack.push(top()); break; // DUP
      case 0x4e: stack.push(null); break; // NONE
      case 0x88: stack.push(true); break; // NEWTRUE
      case 0x89: stack.push(false); break; // NEWFALSE
      case 0x49: { // INT (protocol 0); I00/I01 are False/True
        const t = line();
        stack.push(t === '00' ? false : t === '01' ? true : int(t));
        break;
      }
      case 0x4c: stack.push(int(line())); break; // LONG
      case 0x46: { // FLOAT
        const t = line();
        const v = Number(t);
        if (Number.isNaN(v) && !/nan/i.test(t)) fail(`bad float ${JSON.stringify(t.slice(0, 30))}`);
        stack.push(v);
        break;
      }
      case 0x4a: stack.push(buf.readInt32LE(need(4))); break; // BININT
      case 0x4b: stack.push(buf[need(1)]!); break; // BININT1
      case 0x4d: stack.push(buf.readUInt16LE(need(2))); break; // BININT2
      case 0x8a: stack.push(long(buf[need(1)]!)); break; // LONG1
      case 0x8b: stack.push(long(buf.readInt32LE(need(4)))); break; // LONG4
      case 0x47: stack.push(buf.readDoubleBE(need(8))); break; // BINFLOAT
      case 0x53: stack.push(utf8Bytes(pythonStringLiteral(line(), fail), options)); break; // STRING
      case 0x56: stack.push(rawUnicodeEscape(line())); break; // UNICODE
      case 0x54: { // BINSTRING
        const n = buf.readInt32LE(need(4));
        if (n < 0) fail('negative length');
        const at = need(n);
        stack.push(utf8(at, at + n));
        break;
      }
      case 0x55: case 0x43: case 0x8c: { // SHORT_BINSTRING, SHORT_BINBYTES, SHORT_BINUNICODE
        const n = buf[need(1)]!;
        const at = need(n);
        stack.push(utf8(at, at + n));
        break;
      }
      case 0x58: case 0x42: { // BINUNICODE, BINBYTES
        const n = buf.readUInt32LE(need(4));
        const at = need(n);
        stack.push(utf8(at, at + n));
        break;
      }
      case 0x8d: case 0x8e: { // BINUNICODE8, BINBYTES8
        const n = Number(buf.readBigUInt64LE(need(8)));
        const at = need(n);
        stack.push(utf8(at, at + n));
        break;
      }
      case 0x5d: stack.push([]); break; // EMPTY_LIST
      case 0x29: stack.push([]); break; // EMPTY_TUPLE
      case 0x7d: stack.push(Object.create(null) as { [key: string]: PyValue }); break; // EMPTY_DICT
      case 0x8f: stack.push([]); break; // EMPTY_SET
      case 0x6c: case 0x74: case 0x91: stack.push(popMark()); break; // LIST, TUPLE, FROZENSET
      case 0x85: stack.push([pop()]); break; // TUPLE1
      case 0x86: { const b = pop(); stack.push([pop(), b]); break; } // TUPLE2
      case 0x87: { const c = pop(); const b = pop(); stack.push([pop(), b, c]); break; } // TUPLE3
      case 0x64: { // DICT
        const d = Object.create(null) as { [key: string]: PyValue };
        setItems(d, popMark());
        stack.push(d);
        break;
      }
      case 0x61: { const v = pop(); asList(top()).push(v); break; } // APPEND
      case 0x65: case 0x90: { const items = popMark(); asList(top()).push(...items); break; } // APPENDS, ADDITEMS
      case 0x73: { const v = pop(); const k = pop(); asDict(top())[String(k)] = v; break; } // SETITEM
      case 0x75: { const items = popMark(); setItems(asDict(top()), items); break; } // SETITEMS
      case 0x70: memo.set(int(line()), top()); break; // PUT
      case 0x71: memo.set(buf[need(1)]!, top()); break; // BINPUT
      case 0x72: memo.set(buf.readUInt32LE(need(4)), top()); break; // LONG_BINPUT
      case 0x94: memo.set(memo.size, top()); break; // MEMOIZE
      case 0x67: stack.push(memoGet(int(line()))); break; // GET
      case 0x68: stack.push(memoGet(buf[need(1)]!)); break; // BINGET
      case 0x6a: stack.push(memoGet(buf.readUInt32LE(need(4)))); break; // LONG_BINGET
      default:
        fail('unknown or unsupported opcode');
    }
  }
}

/** Python 2 repr() of a str, as protocol 0's STRING writes it: quoted, with backslash escapes. */
function pythonStringLiteral(text: string, fail: (what: string) => never): Buffer {
  const q = text[0];
  if ((q !== "'" && q !== '"') || text.length < 2 || text[text.length - 1] !== q) fail('STRING argument not quoted');
  const body = text.slice(1, -1);
  const out: number[] = [];
  const simple: Record<string, number> = { n: 10, r: 13, t: 9, a: 7, b: 8, f: 12, v: 11, '\\': 92, "'": 39, '"': 34, '\n': -1 };
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c !== 92) {
      out.push(c & 0xff);
      continue;
    }
    const e = body[++i];
    if (e === undefined) fail('STRING ends with a backslash');
    if (e === 'x') {
      const hex = body.slice(i + 1, i + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) fail('bad \\x escape in STRING');
      out.push(parseInt(hex, 16));
      i += 2;
    } else if (e! >= '0' && e! <= '7') {
      const oct = /^[0-7]{1,3}/.exec(body.slice(i, i + 3))![0];
      out.push(parseInt(oct, 8) & 0xff);
      i += oct.length - 1;
    } else if (simple[e!] !== undefined) {
      if (simple[e!]! >= 0) out.push(simple[e!]!);
    } else out.push(92, e!.charCodeAt(0) & 0xff); // Python keeps unknown escapes as written
  }
  return Buffer.from(out);
}

function utf8Bytes(bytes: Buffer, options: PickleOptions): string {
  const text = bytes.toString('utf8');
  if (options.onInvalidUtf8 && text.includes('\ufffd')) options.onInvalidUtf8(text.match(/\ufffd/g)!.length);
  return text;
}

/** raw-unicode-escape: \uXXXX and \UXXXXXXXX escapes; every other byte is its Latin-1 code point. */
function rawUnicodeEscape(latin1: string): string {
  return latin1.replace(/\\u([0-9a-fA-F]{4})|\\U([0-9a-fA-F]{8})/g, (_, u: string | undefined, U: string | undefined) => String.fromCodePoint(parseInt((u ?? U)!, 16)));
}

const OPNAMES: Record<number, string> = {
  0x28: 'MARK', 0x2e: 'STOP', 0x30: 'POP', 0x31: 'POP_MARK', 0x32: 'DUP', 0x46: 'FLOAT', 0x49: 'INT', 0x4a: 'BININT',
  0x4b: 'BININT1', 0x4c: 'LONG', 0x4d: 'BININT2', 0x4e: 'NONE', 0x53: 'STRING', 0x54: 'BINSTRING', 0x55: 'SHORT_BINSTRING',
  0x56: 'UNICODE', 0x58: 'BINUNICODE', 0x61: 'APPEND', 0x64: 'DICT', 0x7d: 'EMPTY_DICT', 0x65: 'APPENDS', 0x67: 'GET',
  0x68: 'BINGET', 0x6a: 'LONG_BINGET', 0x6c: 'LIST', 0x5d: 'EMPTY_LIST', 0x70: 'PUT', 0x71: 'BINPUT', 0x72: 'LONG_BINPUT',
  0x73: 'SETITEM', 0x74: 'TUPLE', 0x29: 'EMPTY_TUPLE', 0x75: 'SETITEMS', 0x47: 'BINFLOAT', 0x80: 'PROTO', 0x85: 'TUPLE1',
  0x86: 'TUPLE2', 0x87: 'TUPLE3', 0x88: 'NEWTRUE', 0x89: 'NEWFALSE', 0x8a: 'LONG1', 0x8b: 'LONG4', 0x42: 'BINBYTES',
  0x43: 'SHORT_BINBYTES', 0x8c: 'SHORT_BINUNICODE', 0x8d: 'BINUNICODE8', 0x8e: 'BINBYTES8', 0x8f: 'EMPTY_SET',
  0x90: 'ADDITEMS', 0x91: 'FROZENSET', 0x94: 'MEMOIZE', 0x95: 'FRAME',
};
