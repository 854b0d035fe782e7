// The safe pickle reader (src/corpus/pickle.ts). Expected values were checked against CPython 3's
// pickle.loads(data, encoding='utf-8') on the same bytes.
import { describe, expect, it } from 'vitest';
import { isPickle, readPickle } from '../../src/corpus/pickle.js';

const read = (bytes: string | number[]) => readPickle(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : Buffer.from(bytes), { file: 'x.p' });

describe('readPickle', () => {
  it.each([
    ['memo PUT/GET (protocol 0)', "(lp0\nS'a'\np1\nag1\na.", ['a', 'a']],
    ['DUP and POP', 'K\x05K\x062\x30.', 6],
    ['LONG1 negative', '\x80\x02\x8a\x02\x00\xff.', -256],
    ['LONG with L suffix', 'L-12345678901L\n.', -12345678901],
    ['INT bools, INT, FLOAT, NONE, TUPLE', '(I01\nI00\nI-7\nF2.5\nNt.', [true, false, -7, 2.5, null]],
    ['dict with int keys, TUPLE3', '}(K\x01U\x01aK\x02N\x87u.', { 1: ['a', 2, null] }],
    ['protocol 4 FRAME, EMPTY_SET, MEMOIZE, ADDITEMS', '\x80\x04\x95\x09\x00\x00\x00\x00\x00\x00\x00\x8f\x94(K\x01K\x02\x90.', [1, 2]],
    ['FROZENSET', '(K\x01\x91.', [1]],
    ['POP_MARK', 'K\x07(K\x01K\x021.', 7],
    ['SHORT_BINUNICODE (UTF-8)', '\x80\x04\x8c\x03\xc3\xa9x\x94.', 'éx'],
    ['STRING escapes (\\\\, \\x, octal, \\n, \\\')', "S'a\\\\b\\x41\\101\\n\\'q'\n.", "a\\bAA\n'q"],
    ['UNICODE raw-unicode-escape', 'V\\u2603 caf\xe9\n.', '☃ café'],
  ])('%s', (_name, bytes, expected) => {
    expect(read(bytes)).toEqual(expected);
  });

  it('dicts have no prototype, so "__proto__" is an ordinary key', () => {
    const d = read("(dp0\nS'__proto__'\np1\nI1\ns.") as Record<string, unknown>;
    expect(Object.getPrototypeOf(d)).toBe(null);
    expect(d.__proto__).toBe(1);
  });

  it('counts invalid UTF-8 in Python 2 str bytes', () => {
    let bad = 0;
    expect(readPickle(Buffer.from([0x55, 3, 0x61, 0xff, 0x62, 0x2e]), { file: 'x.p', onInvalidUtf8: (n) => void (bad += n) })).toBe('a\ufffdb');
    expect(bad).toBe(1);
  });

  it.each([
    ['unknown opcode', 'Z.', 'x.p: malformed pickle at byte 0 (0x5a): unknown or unsupported opcode'],
    ['stack underflow', 'a.', 'x.p: malformed pickle at byte 0 (APPEND): stack underflow'],
    ['missing memo', 'h\x03.', 'x.p: malformed pickle at byte 0 (BINGET): memo key 3 not found'],
    ['unquoted STRING', 'Sabc\n.', 'x.p: malformed pickle at byte 0 (STRING): STRING argument not quoted'],
    ['no STOP', ']', 'x.p: truncated pickle at byte 1 (no STOP opcode)'],
    ['short BINSTRING', 'T\x10\x00\x00\x00abc', 'x.p: truncated pickle at byte 8 (BINSTRING at byte 0 needs 13 more)'],
  ])('%s is E_INPUT_FORMAT', (_name, bytes, message) => {
    expect(() => read(bytes)).toThrow(message);
  });

  it('recognises pickle magic: \\x80\\x02 and protocol-0 openers', () => {
    expect(isPickle(Buffer.from('\x80\x02]q\x00', 'latin1'))).toBe(true);
    expect(isPickle(Buffer.from('(lp0\n', 'latin1'))).toBe(true);
    expect(isPickle(Buffer.from('(dp1\n', 'latin1'))).toBe(true);
    expect(isPickle(Buffer.from(']q\x00(', 'latin1'))).toBe(true);
    expect(isPickle(Buffer.from('{"a": 1}', 'latin1'))).toBe(false);
    expect(isPickle(Buffer.from('(hello', 'latin1'))).toBe(false);
  });
});
