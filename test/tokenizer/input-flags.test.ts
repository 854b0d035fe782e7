// tokenize --input takes ingest's reading flags for the formats that stream line by line: --field
// (jsonl), --column / --no-quotes (csv, tsv), and --input-format csv|tsv (auto: by extension).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/corpus/read.js';
import { mainError, runCli, runMain } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

const PROMPTS = ['a cat', 'the red car, parked', 'a "quoted" dog'];

/** The reference: the same prompts given as arguments. */
const asArguments = async (prompts: readonly string[], extra: string[] = []) => {
  const r = await runMain(['tokenize', ...prompts, ...extra]);
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
};

const csvField = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

describe('tokenize --input with ingest reading flags', () => {
  it('--field reads a JSON Lines prompt under another key; without it, the error says which field was read', async () => {
    const dir = tempDir('lt-tok-flags');
    const file = join(dir, 'p.jsonl');
    writeFileSync(file, PROMPTS.map((prompt, i) => `${JSON.stringify({ id: i, prompt })}\n`).join(''));
    const r = await runMain(['tokenize', '--input', file, '--field', 'prompt']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(await asArguments(PROMPTS));
    expect(await mainError(['tokenize', '--input', file], 'E_SKIPPED')).toMatch(/p\.jsonl:1: no "text" field \(hint: tokenize reads the "text" field of each record: pass --field NAME for another\)/);
  });

  it('a TSV or CSV is read by its prompt column (auto by extension, or --column NAME|INDEX): the header line is no prompt', async () => {
    const dir = tempDir('lt-tok-flags');
    const tsv = join(dir, 'p.tsv');
    writeFileSync(tsv, `id\tprompt\n${PROMPTS.map((p, i) => `${i}\t${p}`).join('\n')}\n`);
    const csv = join(dir, 'p.csv');
    writeFileSync(csv, `id,prompt\n${PROMPTS.map((p, i) => `${i},${csvField(p)}`).join('\n')}\n`);
    const expected = await asArguments(PROMPTS);
    for (const args of [[tsv], [tsv, '--column', 'prompt'], [tsv, '--column', '2'], [csv], [csv, '--column', 'prompt'], [csv, '--input-format', 'csv']]) {
      const r = await runMain(['tokenize', '--input', ...args]);
      expect(r.stderr, args.join(' ')).toBe('');
      expect(r.stdout, args.join(' ')).toBe(expected);
    }
    // --no-quotes keeps raw quotes as text (a TSV such as PartiPrompts.tsv).
    const raw = join(dir, 'raw.tsv');
    writeFileSync(raw, 'prompt\n"a" cat\n');
    expect((await runMain(['tokenize', '--input', raw, '--no-quotes'])).stdout).toBe(await asArguments(['"a" cat']));
    // stdin has no extension: --input-format names the format.
    const piped = runCli(['tokenize', '--input', '-', '--input-format', 'tsv', '--column', 'prompt'], { input: `id\tprompt\n0\ta cat\n` });
    expect(piped.stderr).toBe('');
    expect(piped.stdout).toBe(await asArguments(['a cat']));
  });

  it('refuses a flag that does not fit the format read, a structured format, and reading flags without --input: one E_USAGE line', async () => {
    const dir = tempDir('lt-tok-flags');
    const tsv = join(dir, 'p.tsv');
    writeFileSync(tsv, 'prompt\na cat\n');
    const jsonl = join(dir, 'p.jsonl');
    writeFileSync(jsonl, '{"text": "a cat"}\n');
    expect(await mainError(['tokenize', '--input', tsv, '--field', 'prompt'], 'E_USAGE')).toContain(`tokenize: --field is for jsonl input, and ${tsv} is read as tsv (--input-format auto)`);
    expect(await mainError(['tokenize', '--input', jsonl, '--column', 'prompt'], 'E_USAGE')).toContain(`tokenize: --column is for csv/tsv input, and ${jsonl} is read as jsonl`);
    expect(await mainError(['tokenize', '--input', jsonl, '--input-format', 'text', '--no-quotes'], 'E_USAGE')).toContain('--no-quotes is for csv/tsv input');
    expect(await mainError(['tokenize', '--input', jsonl, '--input-format', 'lvis'], 'E_USAGE')).toMatch(/--input-format lvis: tokenize reads text, jsonl, csv or tsv input only \(hint: turn it into prompts first: lite-text ingest FILE --adapter lvis \| lite-text tokenize --input -\)/);
    expect(await mainError(['tokenize', '--input', jsonl, '--input-format', 'tvs'], 'E_USAGE')).toContain('did you mean tsv?');
    expect(await mainError(['tokenize', 'a cat', '--column', '2'], 'E_USAGE')).toContain('tokenize: --column reads --input, and there is none');
  });

  it('a CSV streams a chunk at a time: the same output whatever the chunk size, and an error in the first chunk leaves stdout empty', async () => {
    const dir = tempDir('lt-tok-flags');
    // Short rows: more than 4096 of them fit in the first 64 KiB chunk.
    const prompts = Array.from({ length: 6000 }, (_, i) => `p${i}`);
    const file = join(dir, 'many.csv');
    writeFileSync(file, `prompt,n\n${prompts.map((p, i) => `${p},${i}`).join('\n')}\n`);
    const outputs: string[] = [];
    const saved = LIMITS.chunkBytes;
    try {
      for (const size of [7, 4096, 64 * 1024]) {
        LIMITS.chunkBytes = size;
        outputs.push((await runMain(['tokenize', '--input', file])).stdout);
      }
    } finally {
      LIMITS.chunkBytes = saved;
    }
    expect(outputs[0]).toBe(await asArguments(prompts));
    for (const o of outputs) expect(o).toBe(outputs[0]);
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, `prompt,n\n${prompts.map((p, i) => `${p},${i}`).join('\n')}\nragged\n`);
    expect(await mainError(['tokenize', '--input', bad], 'E_SKIPPED')).toContain(`bad.csv:${prompts.length + 2}: ragged row`);
  });
});
