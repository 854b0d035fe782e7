import { LiteTextError } from '../errors.js';
import { lineColumn } from './read.js';

/**
 * JSON.parse with a user-facing error: `file:line:column: what` (V8's own messages do not always
 * carry a position, so on failure a small scanner finds the first offending character).
 */
export function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    if (error instanceof RangeError) {
      throw new LiteTextError('E_LIMIT', `${file}: JSON nested too deeply to parse`, 'the file is not a benchmark annotation file');
    }
    const { offset, what } = findJsonError(text);
    const { line, column } = lineColumn(text, offset);
    throw new LiteTextError('E_INPUT_FORMAT', `${file}:${line}:${column}: malformed JSON (${what})`, 'is the file complete? re-download or re-export it');
  }
}

/** Finds the offset of the first JSON syntax error (assumes there is one). */
export function findJsonError(text: string): { offset: number; what: string } {
  let i = 0;
  const n = text.length;
  const ws = () => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else break;
    }
  };
  const fail = (what: string): never => {
    throw { offset: Math.min(i, n), what };
  };
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else fail(`unexpected ${describe(text, i)}`);
  };
  const string = () => {
    i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 34) return void i++;
      if (c === 92) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail('bad \\u escape');
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else fail('bad escape in string');
      } else if (c < 32) fail('control character in string');
      else i++;
    }
    fail('unterminated string');
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m || m[0].length === 0) fail(`unexpected ${describe(text, i)}`);
    i += m![0].length;
  };
  // Iterative, so deep nesting cannot overflow the stack.
  const stack: Array<'{' | '['> = [];
  const value = () => {
    ws();
    const c = text[i];
    if (c === '{' || c === '[') {
      stack.push(c);
      i++;
      ws();
      if (text[i] === (c === '{' ? '}' : ']')) {
        i++;
        stack.pop();
        return true;
      }
      if (c === '{') key();
      return false;
    }
    if (c === '"') string();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) number();
    else fail(i >= n ? 'unexpected end of file' : `unexpected ${describe(text, i)}`);
    return true;
  };
  const key = () => {
    ws();
    if (text[i] !== '"') fail(i >= n ? 'unexpected end of file' : `expected a property name, found ${describe(text, i)}`);
    string();
    ws();
    if (text[i] !== ':') fail(i >= n ? 'unexpected end of file' : `expected ':' after property name, found ${describe(text, i)}`);
    i++;
  };
  try {
    let done = value();
    for (;;) {
      while (done && stack.length > 0) {
        ws();
        const top = stack[stack.length - 1];
        const close = top === '{' ? '}' : ']';
        if (text[i] === ',') {
          i++;
          if (top === '{') key();
          done = false;
          break;
        }
        if (text[i] === close) {
          i++;
          stack.pop();
          continue;
        }
        fail(i >= n ? 'unexpected end of file' : `expected ',' or '${close}', found ${describe(text, i)}`);
      }
      if (stack.length === 0 && done) break;
      done = value();
    }
    ws();
    if (i < n) fail(`unexpected ${describe(text, i)} after the JSON value`);
    return { offset: n, what: 'unexpected end of file' };
  } catch (error) {
    if (typeof error === 'object' && error !== null && 'offset' in error) return error as { offset: number; what: string };
    throw error;
  }
}

function describe(text: string, i: number): string {
  const c = text[i];
  return c === undefined ? 'end of file' : `character ${JSON.stringify(c)}`;
}
