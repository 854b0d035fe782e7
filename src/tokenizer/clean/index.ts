import { fixText } from './ftfy.js';
import { pyHtmlUnescape } from './html.js';

/** Python's `str.isspace()` set (what `str.strip()` removes); includes U+001C-U+001F. */
const PY_STRIP_CLASS = '\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
/** The `regex` module's `\s` (Unicode White_Space): not U+001C-U+001F, not U+FEFF. */
export const WHITE_SPACE_CLASS = '\\t\\n\\x0b\\x0c\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';

const PY_STRIP_RE = new RegExp(`^[${PY_STRIP_CLASS}]+|[${PY_STRIP_CLASS}]+$`, 'g');
const WHITE_SPACE_RUN_RE = new RegExp(`[${WHITE_SPACE_CLASS}]+`, 'g');

/** `str.strip()` with Python's whitespace definition. */
export function pyStrip(text: string): string {
  return text.replace(PY_STRIP_RE, '');
}

/**
 * SAM3's `clean="lower"` text cleaning (sam3/model/tokenizer_ve.py): ftfy, HTML-unescape twice,
 * strip, collapse whitespace runs, strip, lowercase. Steps and their order as in the reference README.
 */
export function cleanSam3(text: string): string {
  let t = fixText(text);
  t = pyStrip(pyHtmlUnescape(pyHtmlUnescape(t)));
  t = pyStrip(t.replace(WHITE_SPACE_RUN_RE, ' '));
  return t.toLowerCase();
}

/**
 * The part of the cleaning that can change tokens: ftfy, unescape twice, lowercase. Stripping and
 * collapsing whitespace cannot, since pre-tokens never contain White_Space characters and ftfy
 * already deleted U+001C-U+001F (the only characters `strip` removes that `\s` does not match).
 */
export function cleanForTokens(text: string): string {
  return pyHtmlUnescape(pyHtmlUnescape(fixText(text))).toLowerCase();
}
