import * as z from 'zod';
import type { Adapter, AdapterContext, FileSample } from '../adapter.js';
import type { PromptDraft } from '../prompt.js';
import { readLineChunks } from '../read.js';
import { fileStem, looksBinary, mismatch } from './fields.js';

const TextOptions = z.object({});
type TextOptions = z.infer<typeof TextOptions>;

/** Extensions that are one-name-per-line lists; `.names` (darknet) lists are class names. */
const TEXT_EXTS = ['.txt', '.names', '.text', '.lst'];
/**
 * Not claimed by the fallback: a walked dataset folder's README, scripts and configs are not prompt
 * lists (`--adapter text` still reads them).
 */
const NOT_PROMPTS = new Set(['.p', '.pkl', '.pickle', '.md', '.rst', '.html', '.htm', '.xml', '.py', '.ipynb', '.js', '.mjs', '.ts', '.sh', '.yaml', '.yml', '.toml', '.ini', '.cfg', '.json', '.lock', '.license', '.cff', '.bib', '.tex']);

function detect(sample: FileSample) {
  if (looksBinary(sample)) return null;
  if (TEXT_EXTS.includes(sample.ext)) return { confidence: 0.3, what: `text file (${sample.ext}), one prompt per line` };
  if (NOT_PROMPTS.has(sample.ext)) return null;
  // The fallback for any other UTF-8 text: every specific adapter outbids it.
  return { confidence: 0.05, what: 'UTF-8 text (fallback: one prompt per line)' };
}

async function* read(ctx: AdapterContext, _options: TextOptions): AsyncIterable<PromptDraft[]> {
  const kind = ctx.file.toLowerCase().endsWith('.names') ? 'category' : 'free';
  const dataset = fileStem(ctx.file);
  const file = ctx.file;
  // A batch per chunk read: one await per chunk, not per line.
  for await (const lines of readLineChunks(ctx.source, ctx.invalidUtf8)) {
    const nul = lines.find((l) => l.text.includes('\u0000'));
    if (nul) throw mismatch('text', file, `NUL byte on line ${nul.line}: a binary file`, 'text has no NUL bytes: convert the file to UTF-8 text, or pick the adapter that fits it');
    // Lines are kept raw (no trim); empty ones are yielded for the pipeline to count.
    yield lines.map(({ line, text }) => ({ text, dataset, kind, source: { file, line } }));
  }
}

export const text: Adapter<TextOptions> = {
  name: 'text',
  description: 'Text: one prompt per line (.txt, .names; the fallback for other UTF-8 text)',
  options: TextOptions,
  flags: [],
  detect,
  read,
};
