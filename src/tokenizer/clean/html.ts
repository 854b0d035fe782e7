import { HTML5_ENTITIES } from './html-entities.js';
import { SINGLE_BYTE_TABLES } from './codec-tables.js';

// Python 3.11 `html.unescape`: HTML5 named references (legacy ones without ';' by longest prefix),
// numeric references with the HTML5 replacement rules. Same regex as CPython's `html/__init__.py`.
const CHARREF_RE = /&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)/gu;

const WINDOWS_1252_HIGH = SINGLE_BYTE_TABLES.find((t) => t.name === 'sloppy-windows-1252')?.high ?? '';

/** HTML5 "invalid" numeric references 0x80-0x9F map through windows-1252 (undefined ones stay C1). */
function numericCharref(num: number): string {
  if (num === 0) return '\ufffd';
  if (num === 0x0d) return '\r';
  if (num >= 0x80 && num <= 0x9f) return WINDOWS_1252_HIGH[num - 0x80] ?? '';
  if ((num >= 0xd800 && num <= 0xdfff) || num > 0x10ffff) return '\ufffd';
  if (isInvalidCodepoint(num)) return '';
  return String.fromCodePoint(num);
}

/** CPython's `_invalid_codepoints`: C0/C1 controls (but tab, LF, FF, CR), DEL, noncharacters. */
function isInvalidCodepoint(num: number): boolean {
  if ((num >= 0x1 && num <= 0x8) || num === 0xb || (num >= 0xe && num <= 0x1f) || (num >= 0x7f && num <= 0x9f)) return true;
  if (num >= 0xfdd0 && num <= 0xfdef) return true;
  return (num & 0xfffe) === 0xfffe;
}

function parseNumber(digits: string, radix: 10 | 16): number {
  const trimmed = digits.replace(/^0+/, '');
  // Anything longer than 8 digits is above U+10FFFF; avoid precision loss on huge values.
  if (trimmed.length > 8) return Number.POSITIVE_INFINITY;
  return trimmed === '' ? 0 : parseInt(trimmed, radix);
}

function replaceCharref(match: string, body: string): string {
  if (body.startsWith('#')) {
    const hex = body[1] === 'x' || body[1] === 'X';
    const digits = (hex ? body.slice(2) : body.slice(1)).replace(/;$/, '');
    return numericCharref(parseNumber(digits, hex ? 16 : 10));
  }
  const exact = HTML5_ENTITIES[body];
  if (exact !== undefined) return exact;
  // Longest legacy prefix (code points, as Python slices), at least 2 characters long.
  const chars = Array.from(body);
  for (let x = chars.length - 1; x > 1; x--) {
    const prefix = chars.slice(0, x).join('');
    const value = HTML5_ENTITIES[prefix];
    if (value !== undefined) return value + chars.slice(x).join('');
  }
  return match;
}

/** Python 3.11's `html.unescape(s)`. */
export function pyHtmlUnescape(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(CHARREF_RE, replaceCharref);
}

// ftfy 6.3 `unescape_html`: only complete `&...;` references of at most 24 letters/digits, from
// HTML5's table plus upper-cased forms of all-lowercase names (`&EACUTE;` -> `É`).
const FTFY_ENTITY_RE = /&#?[0-9A-Za-z]{1,24};/g;

let ftfyEntities: Map<string, string> | undefined;

function buildFtfyEntities(): Map<string, string> {
  const entities = new Map<string, string>();
  for (const [name, char] of Object.entries(HTML5_ENTITIES)) {
    if (!name.endsWith(';')) continue;
    entities.set(`&${name}`, char);
    if (name === name.toLowerCase()) {
      const upper = `&${name.toUpperCase()}`;
      if (pyHtmlUnescape(upper) === upper) entities.set(upper, char.toUpperCase());
    }
  }
  return entities;
}

/** ftfy's HTML-entity fix: known entities, and numeric ones that `html.unescape` fully consumes. */
export function ftfyUnescapeHtml(text: string): string {
  if (!text.includes('&')) return text;
  ftfyEntities ??= buildFtfyEntities();
  const table = ftfyEntities;
  return text.replace(FTFY_ENTITY_RE, (match) => {
    const known = table.get(match);
    if (known !== undefined) return known;
    if (match.startsWith('&#')) {
      const unescaped = pyHtmlUnescape(match);
      return unescaped.includes(';') ? match : unescaped;
    }
    return match;
  });
}
