import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { THREAD_BATCH, TokenTableBuilder, type TokenTable } from '../../src/analyzers/tokens.js';
import { Sam3Tokenizer } from '../../src/tokenizer/sam3.js';
import type { Tokenizer } from '../../src/tokenizer/types.js';
import { runMain } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

// analyze's tokenize thread (src/analyzers/token-thread.ts): the table must be the one the main
// thread builds alone, whichever thread indexed and tokenized which batch.

/** 30,000 prompts over 12,000 distinct texts (ASCII, accents, HTML entities, mojibake), repeats spread over every batch. */
function corpus(): string[] {
  const words = ['cat', 'dog', 'red car', 'Café', 'l&amp;m', 'naïve bear', 'Ã©lan', '“quoted”', 'ﬁsh', 'zebra crossing'];
  const texts: string[] = [];
  let x = 7;
  for (let i = 0; i < 30_000; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    const t = (x >>> 8) % 12_000;
    texts.push(`${words[t % words.length]} ${t}`);
  }
  return texts;
}

function table(texts: string[], tokenizer: Tokenizer, spec?: string): Promise<{ table: TokenTable; builder: TokenTableBuilder }> {
  const builder = new TokenTableBuilder(spec === undefined ? undefined : { spec });
  for (const t of texts) builder.add(t);
  return builder.finish(tokenizer).then((table) => ({ table, builder }));
}

function textsOf(b: TokenTableBuilder): string[] {
  return Array.from({ length: b.texts.size }, (_, t) => b.texts.get(t));
}

function plain(t: TokenTable) {
  return { textOf: [...t.textOf], lengths: [...t.lengths], distinct: t.distinct, offsets: [...t.offsets], ids: [...t.ids] };
}

describe('tokenize thread', () => {
  const texts = corpus();
  const sam3 = new Sam3Tokenizer();

  it('builds the same table as the main thread alone, with every batch done in the thread', async () => {
    const here = await table(texts, sam3);
    const threaded = await table(texts, sam3, 'sam3');
    expect(here.builder.batches.thread).toBe(0);
    expect(threaded.builder.batches.thread).toBe(Math.ceil(texts.length / THREAD_BATCH));
    expect(threaded.builder.batches.here).toBe(0);
    expect(textsOf(threaded.builder)).toEqual(textsOf(here.builder));
    expect(plain(threaded.table)).toEqual(plain(here.table));
    expect(here.table.distinct).toBe(new Set(texts).size);
  });

  it("keeps the thread's indexing but tokenizes here when the thread loaded another tokenizer (its hash differs)", async () => {
    // Another tokenizer: sam3's ids shifted by one, under another hash; the thread still loads sam3.
    const other: Tokenizer = Object.assign(Object.create(sam3) as Tokenizer, { hash: 'not-the-built-in-merges', encode: (t: string) => sam3.encode(t).map((id) => id + 1) });
    const here = await table(texts, other);
    const mixed = await table(texts, other, 'sam3');
    expect(mixed.builder.batches.thread).toBe(Math.ceil(texts.length / THREAD_BATCH));
    expect(plain(mixed.table)).toEqual(plain(here.table));
  });

  it('falls back to the main thread when the thread cannot load its tokenizer', async () => {
    const dir = tempDir('lite-text-token-thread');
    const here = await table(texts, sam3);
    const fallback = await table(texts, sam3, join(dir, 'missing-tokenizer.json'));
    expect(fallback.builder.batches.thread).toBe(0);
    expect(plain(fallback.table)).toEqual(plain(here.table));
  });

  it('gives the same report through the CLI with the thread and with --threads 1 (main thread only)', async () => {
    const dir = tempDir('lite-text-token-thread-cli');
    const file = join(dir, 'prompts.jsonl');
    writeFileSync(file, texts.map((text) => `${JSON.stringify({ text })}\n`).join(''));
    const reports = [];
    for (const [name, extra] of [['thread', []], ['main', ['--threads', '1']]] as const) {
      const out = join(dir, name);
      const r = await runMain(['analyze', file, '--format', 'json', '--out', out, '--debug', ...extra]);
      expect(r.status).toBe(0);
      const batches = Math.ceil(texts.length / THREAD_BATCH);
      expect(r.stderr).toContain(name === 'thread' ? `${batches} batch(es) of prompts in the tokenize thread, 0 in the main thread` : `0 batch(es) of prompts in the tokenize thread, ${batches} in the main thread`);
      const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Record<string, unknown>;
      delete report['createdAt'];
      delete (report['settings'] as Record<string, unknown>)['threads'];
      reports.push(report);
    }
    expect(reports[0]).toEqual(reports[1]);
    expect((reports[0] as { corpus: { uniquePrompts: number } }).corpus.uniquePrompts).toBe(new Set(texts).size);
  });
});
