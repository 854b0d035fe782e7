import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runMain } from '../helpers/cli.js';
import { goldenRecords } from './golden.js';

const dir = mkdtempSync(join(tmpdir(), 'lite-text-tokcli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const parse = (stdout: string) => stdout.trim().split('\n').map((l) => JSON.parse(l) as { text: string; ids: number[]; input_ids: number[]; decoded?: string });

describe('lite-text tokenize', () => {
  it('prints ids and 32-id input_ids per argument, as SAM3 does', async () => {
    const golden = goldenRecords().filter((r) => r.source === 'edge').slice(0, 40);
    const res = await runMain(['tokenize', ...golden.map((r) => r.text).filter((t) => !t.startsWith('-'))]);
    expect(res.status).toBe(0);
    const out = parse(res.stdout);
    const expected = golden.filter((r) => !r.text.startsWith('-'));
    expect(out.map((o) => o.text)).toEqual(expected.map((r) => r.text));
    expect(out.map((o) => o.ids)).toEqual(expected.map((r) => r.tokens));
    expect(out.map((o) => o.input_ids)).toEqual(expected.map((r) => r.input_ids_32));
  });

  it('reads text files and JSON Lines (prompts with newlines survive), truncates to --context-length, --decode', async () => {
    const long = goldenRecords().find((r) => r.tokens.length > 40)!;
    writeFileSync(join(dir, 'p.txt'), `a red car\r\n\n${long.text.replace(/\n/g, ' ')}\n`);
    writeFileSync(join(dir, 'p.jsonl'), `${JSON.stringify({ text: 'x &EACUTE;\n<b>' })}\n${JSON.stringify({ text: '<b>\n&EACUTE;', id: 3 })}\n`);
    const txt = parse((await runMain(['tokenize', '--input', join(dir, 'p.txt'), '--context-length', '8', '--decode'])).stdout);
    expect(txt).toHaveLength(2);
    expect(txt[0]).toEqual({ text: 'a red car', ids: [49406, 320, 736, 1615, 49407], input_ids: [49406, 320, 736, 1615, 49407, 0, 0, 0], decoded: 'a red car ' });
    expect(txt[1]!.input_ids).toHaveLength(8);
    expect(txt[1]!.input_ids[7]).toBe(49407);
    expect(txt[1]!.input_ids.slice(0, 7)).toEqual(txt[1]!.ids.slice(0, 7));
    const jsonl = parse((await runMain(['tokenize', '--input', join(dir, 'p.jsonl')])).stdout);
    const byText = new Map(goldenRecords().map((r) => [r.text, r.tokens]));
    expect(jsonl.map((o) => o.ids)).toEqual([byText.get('x &EACUTE;\n<b>'), byText.get('<b>\n&EACUTE;')]);
  });

  it('bad input: one line naming file and line, exit 2, nothing on stdout', async () => {
    writeFileSync(join(dir, 'bad.jsonl'), `{"text": "ok"}\n{"text": oops}\n`);
    writeFileSync(join(dir, 'notext.jsonl'), `{"prompt": "ok"}\n`);
    for (const [args, pattern] of [
      [['tokenize', '--input', join(dir, 'bad.jsonl')], /bad\.jsonl:2:10: invalid JSON line/],
      [['tokenize', '--input', join(dir, 'notext.jsonl')], /notext\.jsonl:1: no "text" field/],
      [['tokenize', '--input', join(dir, 'nope.txt')], /nope\.txt: cannot read \(no such file/],
      [['tokenize'], /no prompts given/],
      [['tokenize', 'x', '--tokenizer', join(dir, 'nope.json')], /nope\.json: cannot read tokenizer\.json/],
    ] as const) {
      const res = await runMain([...args]);
      expect(res.status, res.stderr).toBe(2);
      expect(res.stdout).toBe('');
      expect(res.stderr.trim().split('\n')).toHaveLength(1);
      expect(res.stderr).toMatch(pattern);
      expect(res.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
