import { ftfyUnescapeHtml } from './html.js';
import { FixDeadline } from './deadline.js';
import { fixC1Controls, fixEncoding, mayBeMojibake } from './mojibake.js';

// Our own implementation of the ftfy 6.3 `fix_text` defaults that change CLIP tokens, after its
// documentation (https://ftfy.readthedocs.io/en/latest/config.html, .../fixes.html). Behaviours
// it does not reproduce are listed in the README (section ftfy).

/** ftfy `remove_terminal_escapes`: ANSI CSI sequences such as `ESC[31m`. */
// eslint-disable-next-line no-control-regex
const ANSI_RE = /\x1b\[[\p{Nd};]*[a-zA-Z]/gu;

/** ftfy `fix_latin_ligatures`: Latin ligatures to their letters (one decomposition step, so ﬅ -> ſt). */
const LIGATURES: Readonly<Record<string, string>> = {
  'Ĳ': 'IJ', 'ĳ': 'ij', 'ŉ': 'ʼn', 'Ǳ': 'DZ', 'ǲ': 'Dz', 'ǳ': 'dz', 'Ǆ': 'DŽ', 'ǅ': 'Dž', 'ǆ': 'dž',
  'Ǉ': 'LJ', 'ǈ': 'Lj', 'ǉ': 'lj', 'Ǌ': 'NJ', 'ǋ': 'Nj', 'ǌ': 'nj',
  'ﬀ': 'ff', 'ﬁ': 'fi', 'ﬂ': 'fl', 'ﬃ': 'ffi', 'ﬄ': 'ffl', 'ﬅ': 'ſt', 'ﬆ': 'st',
};
const LIGATURE_RE = new RegExp(`[${Object.keys(LIGATURES).join('')}]`, 'gu');

/** ftfy `fix_character_width`: fullwidth/halfwidth forms U+FF01-U+FFEF (NFKC) and U+3000 -> space. */
const WIDTH_RE = /[\u3000\uff01-\uffef]/g;
function widen(ch: string): string {
  return ch === '\u3000' ? ' ' : ch.normalize('NFKC');
}

/** ftfy `uncurl_quotes`. */
const SINGLE_QUOTE_RE = /[\u02bc\u2018-\u201b]/g;
const DOUBLE_QUOTE_RE = /[\u201c-\u201f]/g;

/** ftfy `fix_line_breaks`: CRLF, CR, U+2028, U+2029 and U+0085 -> LF. */
const LINE_BREAK_RE = /\r\n|[\r\u2028\u2029\u0085]/g;

/** ftfy `remove_control_chars` (the set listed in the reference README). */
// eslint-disable-next-line no-control-regex
const CONTROL_RE = /[\x00-\x08\x0b\x0e-\x1f\x7f\u206a-\u206f\ufeff\ufff9-\ufffc]/g;

/** ftfy `fix_surrogates`: a lone surrogate cannot reach SAM3 (not UTF-8); we make it U+FFFD. */
const LONE_SURROGATE_RE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Any character one of the fixes below acts on (besides mojibake leads and NFC). */
// eslint-disable-next-line no-control-regex
const TRIGGER_RE = /[&\x00-\x08\x0b\x0d-\x1f\x7f-\x9f\u0132\u0133\u0149\u01c4-\u01cc\u01f1-\u01f3\u02bc\u2018-\u201f\u2028\u2029\u206a-\u206f\u3000\ud800-\udfff\ufb00-\ufb06\ufeff\ufff9-\ufffc\uff01-\uffef]/;

function fixSegment(text: string, unescapeHtml: boolean): string {
  // Like ftfy's fix_and_explain: `while True` until a pass changes nothing (`&amp;amp;…` unescapes
  // one layer a pass: 19 layers take 20 passes), bounded by time only, never by a pass count.
  const deadline = new FixDeadline(text);
  for (;;) {
    deadline.check();
    const before = text;
    if (!TRIGGER_RE.test(text) && !mayBeMojibake(text)) {
      // Nothing for any fix but NFC; if NFC composes something, look again.
      text = text.normalize('NFC');
      if (text === before) return text;
      continue;
    }
    // The order of ftfy 6.3's `fix_and_explain`.
    if (unescapeHtml) text = ftfyUnescapeHtml(text);
    text = fixEncoding(text);
    text = fixC1Controls(text);
    text = text.replace(LIGATURE_RE, (ch) => LIGATURES[ch] ?? ch);
    text = text.replace(WIDTH_RE, widen);
    text = text.replace(SINGLE_QUOTE_RE, "'").replace(DOUBLE_QUOTE_RE, '"');
    text = text.replace(LINE_BREAK_RE, '\n');
    text = text.replace(LONE_SURROGATE_RE, '\ufffd');
    text = text.replace(ANSI_RE, '');
    text = text.replace(CONTROL_RE, '');
    text = text.normalize('NFC');
    if (text === before) return text;
  }
}

/**
 * ftfy's `fix_text` with default settings. Like ftfy, it works on segments that end after each
 * `\n`, and stops unescaping HTML from the first segment that contains `<` on (sticky).
 */
export function fixText(text: string): string {
  let unescapeHtml = true;
  let out = '';
  let pos = 0;
  while (pos < text.length) {
    const newline = text.indexOf('\n', pos);
    const end = newline < 0 ? text.length : newline + 1;
    const segment = text.slice(pos, end);
    if (unescapeHtml && segment.includes('<')) unescapeHtml = false;
    out += fixSegment(segment, unescapeHtml);
    pos = end;
  }
  return out;
}
