import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze, normalizeForDedupe } from '../../src/analyze.js';
import type { Prompt } from '../../src/corpus/prompt.js';
import { LiteTextError } from '../../src/errors.js';
import { reportJsonSchema } from '../../src/report/json-schema.js';
import { ReportSchema } from '../../src/report/schema.js';
import { loadTokenizer } from '../../src/tokenizer/index.js';
import { ROOT, runMain } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

const words = ['cat', 'dog', 'red', 'car', 'a', 'the', 'small', 'wooden', 'chair', 'on', 'left', 'person', 'holding', 'umbrella', 'xylophone', 'über'];
function corpus(n: number, seed: number): Prompt[] {
  let s = seed;
  const next = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
  return Array.from({ length: n }, (_, i) => {
    const len = 1 + Math.floor(next() * next() * 40);
    const text = Array.from({ length: len }, () => words[Math.floor(next() * words.length)]).join(' ');
    return { id: String(i), text, dataset: i % 3 === 0 ? 'a' : 'b', kind: 'free', source: { file: i % 2 ? 'x.txt' : 'y.txt', line: i + 1 } } as Prompt;
  });
}

// An independent, brute-force computation of the definitions (sorting, scanning) to check against.
function numpyPercentile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  const h = ((s.length - 1) * q) / 100;
  const lo = Math.floor(h);
  return lo + 1 < s.length ? s[lo]! + (h - lo) * (s[lo + 1]! - s[lo]!) : s[lo]!;
}

describe('analyze()', () => {
  it('matches a brute-force computation of every definition', async () => {
    const prompts = corpus(500, 7);
    const tok = await loadTokenizer('sam3');
    const report = await analyze({ inputs: ['test'], contextLengths: [8, 16, 32] }, { prompts, tokenizer: tok });
    expect(ReportSchema.safeParse(report).success).toBe(true);
    const seqs = prompts.map((p) => tok.encode(p.text));
    const lens = seqs.map((s) => s.length);
    expect(report.context!.lengths.p90).toBeCloseTo(numpyPercentile(lens, 90), 12);
    expect(report.context!.lengths.p99).toBeCloseTo(numpyPercentile(lens, 99), 12);
    expect(report.context!.lengths.mean).toBeCloseTo(lens.reduce((a, b) => a + b, 0) / lens.length, 12);
    for (const w of report.context!.windows) {
      expect(w.density).toBeCloseTo(lens.reduce((a, l) => a + Math.min(l, w.length), 0) / lens.length / w.length, 12);
      expect(w.truncationRate).toBe(lens.filter((l) => l > w.length).length / lens.length);
    }
    const minL = (rate: number) => {
      for (let L = 1; ; L++) if (lens.filter((l) => l > L).length / lens.length <= rate) return L;
    };
    expect(report.context!.minLength).toEqual({ '0.01': minL(0.01), '0.001': minL(0.001), '0': minL(0) });
    const counts = new Map<number, number>();
    for (const s of seqs) for (const id of s.slice(1, -1)) counts.set(id, (counts.get(id) ?? 0) + 1);
    const sorted = [...counts.values()].sort((a, b) => b - a);
    const total = sorted.reduce((a, b) => a + b, 0);
    const cover = (p: number) => {
      let acc = 0;
      return sorted.findIndex((c) => (acc += c) >= p * total) + 1;
    };
    const v = report.vocabulary!;
    expect(v.usedTokens).toBe(counts.size);
    expect(v.occurrences).toBe(total);
    expect(v.coverage).toEqual({ '0.5': cover(0.5), '0.9': cover(0.9), '0.99': cover(0.99) });
    expect(v.hapax).toBe(sorted.filter((c) => c === 1).length);
    expect(v.topTokens[0]!.count).toBe(sorted[0]);
    expect(v.embeddingRows.rowsNeeded).toBe(counts.size + 2);
    expect(v.embeddingRows.savedMiB.fp32).toBeCloseTo(((49408 - counts.size - 2) * 1024 * 4) / 2 ** 20, 9);
    const sha = createHash('sha256');
    for (const p of prompts) sha.update(Buffer.concat([Buffer.from(p.text, 'utf8'), Buffer.from([0])]));
    expect(report.inputs.fingerprint).toBe(sha.digest('hex'));
    expect(report.corpus.byDataset['a']!.prompts).toBe(prompts.filter((p) => p.dataset === 'a').length);
  });

  it('dedupes exactly or after normalization, and reports what it removed', async () => {
    const base = { dataset: 'd', kind: 'free', source: { file: 'f' } } as const;
    const prompts = ['A  Cat', 'a cat', 'A  Cat', 'dog'].map((text, i) => ({ ...base, id: String(i), text })) as Prompt[];
    const exact = await analyze({ dedupe: 'exact' }, { prompts });
    expect(exact.corpus.prompts).toBe(3);
    expect(exact.corpus.removedByDedupe).toBe(1);
    const normalized = await analyze({ dedupe: 'normalized' }, { prompts });
    expect(normalized.corpus.prompts).toBe(2);
    expect(normalizeForDedupe('\uff21  Cat ')).toBe('a cat');
  });

  it('breaks down per file with byFile', async () => {
    const report = await analyze({ byFile: true }, { prompts: corpus(40, 3) });
    expect(Object.keys(report.context!.byFile!).sort()).toEqual(['x.txt', 'y.txt']);
    expect(report.vocabulary!.byFile!['x.txt']!.occurrences + report.vocabulary!.byFile!['y.txt']!.occurrences).toBe(report.vocabulary!.occurrences);
  });

  it('rejects an empty corpus and unknown analyzers clearly', async () => {
    await expect(analyze({}, { prompts: [] })).rejects.toThrow(LiteTextError);
    await expect(analyze({}, { prompts: [] })).rejects.toMatchObject({ code: 'E_EMPTY_CORPUS' });
    await expect(analyze({ analyzers: ['nope'] }, { prompts: corpus(3, 1) })).rejects.toMatchObject({ code: 'E_USAGE' });
  });

  it('a power law gives back its Zipf exponent', async () => {
    // Token i+1 repeated round(1000 / (i+1)^1.0) times: slope of ln f vs ln r is −1 up to rounding.
    const prompts: Prompt[] = [];
    const vocab = ['cat', 'dog', 'car', 'tree', 'house', 'boat', 'bird', 'fish', 'book', 'lamp'];
    vocab.forEach((w, i) => {
      for (let k = 0; k < Math.round(1000 / (i + 1)); k++) prompts.push({ id: `${i}-${k}`, text: w, dataset: 'z', kind: 'free', source: { file: 'z' } });
    });
    const report = await analyze({}, { prompts });
    expect(report.vocabulary!.zipfExponent!).toBeCloseTo(1, 2);
  });

  it('ships the JSON Schema generated from the zod schema', () => {
    const shipped = JSON.parse(readFileSync(join(ROOT, 'schemas/report.schema.json'), 'utf8'));
    expect(shipped).toEqual(JSON.parse(JSON.stringify(reportJsonSchema())));
  });
});

describe('lite-text analyze (CLI)', () => {
  it('analyzes the bundled demo corpus with no input and writes json, md and svg', async () => {
    const out = join(tempDir('lt-analyze'), 'demo');
    const result = await runMain(['analyze', '--out', out]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/analyzed \d+ prompts/);
    const report = ReportSchema.parse(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')));
    expect(report.name).toBe('demo');
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toContain('](token-lengths.svg)');
    expect(readFileSync(join(out, 'token-lengths.svg'), 'utf8')).toMatch(/^<svg/);
    expect(readFileSync(join(out, 'vocabulary-coverage.svg'), 'utf8')).toMatch(/^<svg/);
  });

  it('fails with one line, exit 2 and no output on bad input', async () => {
    const dir = tempDir('lt-bad');
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, '{"text": "ok"}\n{"text": \n');
    const out = join(dir, 'out');
    const result = await runMain(['analyze', bad, '--adapter', 'jsonl', '--out', out]);
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(`${bad}:2`);
    expect(existsSync(out)).toBe(false);
  });

  it('says so when the corpus is empty', async () => {
    const dir = tempDir('lt-empty');
    writeFileSync(join(dir, 'empty.txt'), '\n  \n');
    const result = await runMain(['analyze', join(dir, 'empty.txt'), '--adapter', 'text', '--out', join(dir, 'out')]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('E_EMPTY_CORPUS');
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});
