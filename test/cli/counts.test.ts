// Counts printed by the CLI agree with their nouns: `1 prompt uses`, `2 prompts use`.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { counted } from '../../src/util/plural.js';
import { runMain } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

describe('plural agreement', () => {
  const dir = tempDir('lt-counts');
  const one = join(dir, 'one.txt');
  writeFileSync(one, 'a cat\n');
  const two = join(dir, 'two.txt');
  writeFileSync(two, 'a cat\nthe red car\n');

  it('counted() writes one and many, with a formatter', () => {
    expect([counted(0, 'prompt'), counted(1, 'prompt'), counted(2, 'prompt')]).toEqual(['0 prompts', '1 prompt', '2 prompts']);
    expect(counted(1234, 'entry', 'entries', (n) => n.toLocaleString('en-US'))).toBe('1,234 entries');
  });

  it('inspect-encoder --corpus: "1 prompt uses", "2 prompts use"; layers and rows agree too', async () => {
    const single = await runMain(['inspect-encoder', '--arch', 'sam3', '--corpus', one]);
    expect(single.status, single.stderr).toBe(0);
    expect(single.stdout).toMatch(/^corpus: 1 prompt uses [\d,]+ embedding rows; [\d,]+ unused rows hold /m);
    expect(single.stdout).toMatch(/, 24 layers, /);
    const pair = await runMain(['inspect-encoder', '--arch', 'sam3', '--corpus', two]);
    expect(pair.stdout).toMatch(/^corpus: 2 prompts use [\d,]+ embedding rows; /m);
  });

  it('ingest and analyze say "1 prompt" and "1 file"', async () => {
    const ingest = await runMain(['ingest', one, '-o', join(dir, 'c.jsonl')]);
    expect(ingest.stderr).toContain(`wrote 1 prompt to ${join(dir, 'c.jsonl')}\n`);
    const analyze = await runMain(['analyze', one, '--analyzers', 'context', '--out', join(dir, 'r'), '--format', 'json']);
    expect(analyze.status, analyze.stderr).toBe(0);
    expect(analyze.stdout).toMatch(/^analyzed 1 prompt \(1 unique\) from 1 file\n/);
  });
});
