import fc from 'fast-check';
import { closeSync, ftruncateSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { analyze } from '../../src/analyze.js';
import { loadCorpus } from '../../src/corpus/ingest.js';
import { LIMITS } from '../../src/corpus/read.js';
import { noProgress, silentLogger } from '../../src/logger.js';
import { Sam3Tokenizer, toContext } from '../../src/tokenizer/index.js';
import { runCli, runMain } from '../helpers/cli.js';
import { removeTempDirs, tempDir } from '../helpers/tmp.js';
import { goldenRecords } from './golden.js';

afterAll(removeTempDirs);
const dir = tempDir('lite-text-tokstream');
const tokenizer = new Sam3Tokenizer();
// Real prompts and the hard edge cases (one line each), repeated with a counter past several read chunks.
const golden = goldenRecords().map((r) => r.text).filter((t) => !/[\n\r]/.test(t) && t.trim() !== '');
const prompts = Array.from({ length: 40_000 }, (_, i) => (i < golden.length ? golden[i]! : `${golden[i % golden.length]!} ${i}`));
const expectedLine = (text: string, length = 32, decode = false) => {
  const ids = tokenizer.encode(text);
  return `${JSON.stringify({ text, ids, input_ids: toContext(ids, length, tokenizer.special), ...(decode ? { decoded: tokenizer.decode(ids) } : {}) })}\n`;
};

describe('tokenize --input streams', () => {
  const input = join(dir, 'prompts.jsonl');
  writeFileSync(input, prompts.map((text) => `${JSON.stringify({ text })}\n`).join(''));

  it('prints exactly JSON.stringify of each record, over many chunks, with --context-length and --decode', async () => {
    const res = await runMain(['tokenize', 'a cat', '--input', input]);
    expect(res.status, res.stderr).toBe(0);
    expect(res.stdout).toBe(['a cat', ...prompts].map((t) => expectedLine(t)).join(''));
    const some = prompts.slice(0, 3000).filter((t) => !t.includes('\u0000'));
    writeFileSync(join(dir, 'some.txt'), `${some.join('\n')}\n`);
    const cut = await runMain(['tokenize', '--input', join(dir, 'some.txt'), '--input-format', 'text', '--context-length', '8', '--decode']);
    expect(cut.stderr).toBe('');
    expect(cut.stdout).toBe(some.map((t) => expectedLine(t, 8, true)).join(''));
  });

  it('an error mid-way: the records of the chunks before it stay printed (whole lines), then one error line, exit 2', () => {
    // More than 1 MiB of good lines before the bad one: at least one chunk has been written.
    const bad = join(dir, 'bad-late.jsonl');
    const good = prompts.slice(0, 30_000);
    writeFileSync(bad, `${good.map((text) => JSON.stringify({ text })).join('\n')}\n{"text": oops}\n`);
    const res = runCli(['tokenize', '--input', bad]);
    expect(res.status).toBe(2);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(res.stderr).toMatch(/bad-late\.jsonl:30001:10: invalid JSON line.*\[E_INPUT_FORMAT\]/);
    expect(res.stdout.length).toBeGreaterThan(0);
    expect(res.stdout.endsWith('\n')).toBe(true);
    const printed = res.stdout.split('\n').slice(0, -1);
    expect(printed.length).toBeLessThan(good.length);
    expect(res.stdout).toBe(good.slice(0, printed.length).map((t) => expectedLine(t)).join(''));
  });

  it('waits for a full stdout to drain: never more than one chunk buffered', async () => {
    let maxBuffered = 0;
    let bytes = 0;
    const stdout = new Writable({
      highWaterMark: 16 * 1024,
      write(chunk: Buffer | string, _enc, done) {
        bytes += chunk.length;
        setTimeout(done, 50); // a slow reader
      },
    });
    const write = stdout.write.bind(stdout) as (chunk: string) => boolean;
    stdout.write = ((chunk: string) => {
      const ok = write(chunk);
      maxBuffered = Math.max(maxBuffered, stdout.writableLength);
      return ok;
    }) as typeof stdout.write;
    const stderr = new Writable({ write: (_c, _e, done) => done() });
    const code = await main(['node', 'lite-text', 'tokenize', '--input', input], { stdout, stderr, debug: false, logger: silentLogger, progress: () => noProgress });
    expect(code).toBe(0);
    // 40,000 records are ~7 MB; a chunk of input (64 KiB) makes well under 1 MiB of output.
    expect(maxBuffered).toBeLessThan(1 << 20);
    await new Promise((resolve) => stdout.end(resolve));
    expect(bytes).toBeGreaterThan(5_000_000);
  });
});

describe('chunk size', () => {
  it('tokenize prints and analyze reports the same whatever the read chunk size (UTF-8 and CRLF split across chunks)', async () => {
    const file = join(dir, 'crlf.txt');
    const lines = prompts.slice(0, 6000).filter((t) => !t.includes('\u0000'));
    writeFileSync(file, `\ufeff${lines.join('\r\n')}\r\n`);
    const saved = LIMITS.chunkBytes;
    const outputs: string[] = [];
    const reports: string[] = [];
    try {
      for (const size of [7, 4096, 64 * 1024, 1 << 20]) {
        LIMITS.chunkBytes = size;
        outputs.push((await runMain(['tokenize', '--input', file])).stdout);
        const report = await analyze({ inputs: [file], createdAt: 'fixed', byFile: true, dedupe: 'normalized' });
        reports.push(JSON.stringify(report));
      }
    } finally {
      LIMITS.chunkBytes = saved;
    }
    expect(outputs[0]).toBe(lines.map((t) => expectedLine(t)).join(''));
    for (const o of outputs) expect(o).toBe(outputs[0]);
    for (const r of reports) expect(r).toBe(reports[0]);
  });
});

describe('JSON Lines: compact one-field lines skip JSON.parse and read the same', () => {
  it('any string, compact or spaced, gives the same prompt record', async () => {
    const file = join(dir, 'plain.jsonl');
    const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 30 }), fc.string({ unit: fc.constantFrom('a', '"', '\\', '\t', '\u0001', '\u2028', 'é', '/', '}', '{', ':'), maxLength: 12 }));
    const key = fc.constantFrom('text', 'prompt', 'caption', 'other', '/text', 'te\\"xt');
    const texts = fc.sample(fc.tuple(key, anyText), { numRuns: 3000, seed: 7 });
    // Each record twice: compact (the fast path when it applies) and with a space (always JSON.parse).
    writeFileSync(file, texts.map(([k, t]) => `{${JSON.stringify(k)}:${JSON.stringify(t)}}\n{${JSON.stringify(k)}: ${JSON.stringify(t)}}\n`).join(''));
    const { prompts: read, summary } = await loadCorpus([file], { keepEmpty: true }, silentLogger, { ids: false });
    const pairs = new Map<number, (typeof read)[number]>();
    for (const p of read) pairs.set(p.source.line!, p);
    texts.forEach((_, i) => {
      const compact = pairs.get(2 * i + 1);
      const spaced = pairs.get(2 * i + 2);
      expect(compact === undefined).toBe(spaced === undefined);
      if (compact && spaced) expect({ ...compact, source: { ...compact.source, line: 0 } }).toEqual({ ...spaced, source: { ...spaced.source, line: 0 } });
    });
    expect(Object.values(summary.skipped).reduce((a, b) => a + b, 0) % 2).toBe(0);
  });
});

describe('a 200 MB single line: E_LIMIT in bounded memory in every command that reads prompts', () => {
  it('tokenize, analyze and ingest refuse it at the 16 MiB line limit', () => {
    const file = join(dir, 'one_line.jsonl');
    const fd = openSync(file, 'w');
    writeSync(fd, '{"text": "');
    ftruncateSync(fd, 200 * 1024 * 1024); // sparse: no disk space used
    closeSync(fd);
    for (const args of [['tokenize', '--input', file], ['tokenize', '--input', file, '--input-format', 'text'], ['analyze', file, '--adapter', 'jsonl', '--out', join(dir, 'r')], ['ingest', file, '--adapter', 'text', '-o', join(dir, 'c.jsonl')]]) {
      const res = runCli(args, { env: { LITE_TEXT_BENCH_RSS: '1' } });
      const lines = res.stderr.trim().split('\n');
      const rss = Number(/peak-rss-kib=(\d+)/.exec(res.stderr)?.[1]) / 1024;
      expect(res.status, res.stderr).toBe(2);
      expect(lines[0]).toMatch(/one_line\.jsonl:1: line longer than 16777216 characters.*\[E_LIMIT\]$/);
      expect(lines).toHaveLength(2); // the error, then the RSS line the bench variable adds
      expect(rss, `${args[0]}: peak RSS ${rss} MiB`).toBeLessThan(300);
      expect(res.stdout).toBe('');
    }
  }, 120_000);
});
