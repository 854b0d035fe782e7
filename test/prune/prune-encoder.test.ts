// prune-encoder on generated encoders of every public export style (samexporter, usls, dynamic, hf, and
// dynamic with external data), through the CLI: the file shrinks, the corpus's embeddings through the
// embed path are the original's, --context-length 16 cuts exactly, and the model keeps its I/O.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openEncoder } from '../../src/encoder/index.js';
import { decodeRanges } from '../../src/encoder/pruned.js';
import type { GenerateOptions } from '../../src/encoder/testing/generate.js';
import { loadTokenizer } from '../../src/tokenizer/index.js';
import { runMain } from '../helpers/cli.js';
import { SPEC, tempDir, tiny } from '../encoder/fixtures.js';
import { anatomy, bytesOf, corpusIds, cut, DEMO, demoTexts, maxAbsDiff, tokenRows } from './fixtures.js';

const STYLES: Array<[string, GenerateOptions & { external?: boolean }]> = [
  ['samexporter', { convention: 'samexporter' }],
  ['usls', { convention: 'usls' }],
  ['dynamic', { convention: 'dynamic' }],
  ['hf', { convention: 'hf' }],
  ['external', { convention: 'dynamic', external: true }],
];
// Equality of the embed path's float32 features (the pruned graph does the same arithmetic on the same rows).
const TOL = 1e-6;

describe.each(STYLES)('prune-encoder on a %s export', (name, options) => {
  const dir = tempDir(`prune-${name}`);
  let source: { path: string; files: string[] };
  let texts: string[];
  let ids: number[][];
  beforeAll(async () => {
    const { path } = tiny(dir, name, options);
    source = { path, files: options.external ? [path, `${path}.data`] : [path] };
    texts = await demoTexts();
    ids = (await loadTokenizer('sam3')).encodeBatch(texts);
  });

  const prune = async (out: string, extra: string[] = []) => {
    const r = await runMain(['prune-encoder', source.path, DEMO, '--out', out, '--json', ...extra]);
    expect(r.stderr).not.toContain('internal error');
    expect(r.status).toBe(0);
    return JSON.parse(r.stdout) as { rowsBefore: number; rowsKept: number; contextLength: number; bytesBefore: number; bytesAfter: number };
  };

  it('keeps the corpus rows: the file shrinks under 20 %, every corpus prompt embeds as with the original', async () => {
    const out = join(dir, 'pruned.onnx');
    const summary = await prune(out);
    const written = options.external ? [out, `${out}.data`] : [out];
    const kept = await corpusIds(texts);
    expect(summary).toEqual({ rowsBefore: SPEC.vocab, rowsKept: kept.size, contextLength: SPEC.context, bytesBefore: bytesOf(...source.files), bytesAfter: bytesOf(...written) });
    expect(summary.bytesAfter / summary.bytesBefore).toBeLessThan(0.2);
    expect(existsSync(`${out}.data`)).toBe(Boolean(options.external));

    const a = anatomy(out);
    expect(a.token).toEqual([kept.size + 1, SPEC.width]); // + the NaN row a dropped id reads
    expect(a.positional.at(-2)).toBe(SPEC.context);
    expect(decodeRanges(a.metadata['lite-text.keptIds']!, SPEC.vocab)).toEqual([...kept].sort((x, y) => x - y));
    expect(a.metadata['lite-text.contextLength']).toBeUndefined();
    const sha = createHash('sha256');
    for (const f of source.files) sha.update(readFileSync(f));
    expect(a.metadata['lite-text.sourceSha256']).toBe(sha.digest('hex'));

    // Loads in onnxruntime with the original's I/O convention and signature.
    const [before, after] = [await openEncoder(source.path), await openEncoder(out)];
    expect(after.plan).toEqual(before.plan);
    expect(after.signature).toEqual(before.signature);
    expect(after.kept?.count).toBe(kept.size);
    await Promise.all([before.close(), after.close()]);

    const [original, pruned] = [await tokenRows(source.path, ids), await tokenRows(out, ids)];
    expect(Math.max(...ids.map((_, i) => maxAbsDiff(original[i]!, pruned[i]!)))).toBeLessThan(TOL);
  });

  it('--context-length 16 keeps 16 positions: prompts of <= 16 tokens embed as with the original, longer ones are cut to 16', async () => {
    const out = join(dir, 'ctx16.onnx');
    const summary = await prune(out, ['--context-length', '16']);
    expect(summary.contextLength).toBe(16);
    const a = anatomy(out);
    expect(a.positional.at(-2)).toBe(16);
    expect(a.metadata['lite-text.contextLength']).toBe('16');
    const fixed = options.convention === 'samexporter' || options.convention === 'usls';
    // A fixed sequence axis becomes 16; a dynamic one stays dynamic.
    for (const dims of a.inputs) expect(dims[1]).toBe(fixed ? 16 : 'sequence');

    // Fed and read as the original (a fixed axis now 16): the outputs' declared shapes follow the inputs'.
    const [before, encoder] = [await openEncoder(source.path), await openEncoder(out)];
    expect(encoder.plan).toEqual({ ...before.plan, fixedSeq: fixed ? 16 : undefined });
    expect(encoder.contextLength).toBe(16);
    await Promise.all([before.close(), encoder.close()]);
    const short = ids.filter((s) => s.length <= 16);
    const long = ids.filter((s) => s.length > 16);
    expect(short.length).toBeGreaterThan(400);
    expect(long.length).toBeGreaterThan(0);
    const [original, pruned] = [await tokenRows(source.path, short), await tokenRows(out, short)];
    expect(Math.max(...short.map((_, i) => maxAbsDiff(original[i]!, pruned[i]!)))).toBeLessThan(TOL);
    // The exact cut: a longer prompt gives the original's features of its first 15 ids and the end token.
    const [cutOriginal, cutPruned] = [await tokenRows(source.path, long.map((s) => cut(s, 16))), await tokenRows(out, long)];
    const width = cutOriginal[0]!.length / 16;
    for (const rows of cutPruned) expect(rows.length).toBe(16 * width);
    expect(Math.max(...long.map((_, i) => maxAbsDiff(cutOriginal[i]!, cutPruned[i]!)))).toBeLessThan(TOL);
  });
});
