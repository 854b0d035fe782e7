// A forced --adapter on a file of another format says so (E_ADAPTER_MISMATCH naming what detection
// picks); a file that is the forced format but broken keeps its E_INPUT_FORMAT with line:column.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mainError } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

const STRUCTURED = ['lvis', 'coco-categories', 'odinw', 'sa-co', 'refcoco', 'json'];

describe('a forced adapter', () => {
  it.each(STRUCTURED)('--adapter %s on a JSON Lines file is E_ADAPTER_MISMATCH naming the file and the detected adapter', async (adapter) => {
    const dir = tempDir('lt-forced');
    const file = join(dir, 'prompts.jsonl');
    writeFileSync(file, '{"prompt": "a cat"}\n{"prompt": "a dog"}\n');
    const line = await mainError(['ingest', file, '--adapter', adapter], 'E_ADAPTER_MISMATCH');
    expect(line).toContain(`${file}: `);
    expect(line).toMatch(/hint: detection picks jsonl \(JSON Lines file \(\.jsonl\)\): drop --adapter, or pass --adapter jsonl/);
    expect(line).not.toContain('malformed');
  });

  it('names the detected adapter for a JSON Lines file without the extension, and for a CSV file', async () => {
    const dir = tempDir('lt-forced');
    const lines = join(dir, 'prompts.txt');
    writeFileSync(lines, '{"prompt": "a cat"}\n{"prompt": "a dog"}\n');
    expect(await mainError(['ingest', lines, '--adapter', 'lvis'], 'E_ADAPTER_MISMATCH')).toMatch(/--adapter lvis does not fit this file .*pass --adapter jsonl\)/);
    const csv = join(dir, 'prompts.csv');
    writeFileSync(csv, 'prompt,id\na cat,1\n');
    expect(await mainError(['ingest', csv, '--adapter', 'sa-co'], 'E_ADAPTER_MISMATCH')).toMatch(/prompts\.csv: .*pass --adapter csv\)/);
  });

  it.each(['lvis', 'coco-categories', 'json'])('--adapter %s on a broken JSON file of that kind keeps malformed JSON with line:column', async (adapter) => {
    const dir = tempDir('lt-forced');
    const file = join(dir, 'lvis_v1_val.json');
    writeFileSync(file, '{"categories": [{"name": "bat_(animal)", "synonyms": [], "synset": "bat.n.01"},\n');
    expect(await mainError(['ingest', file, '--adapter', adapter], 'E_INPUT_FORMAT')).toContain(`${file}:2:1: malformed JSON (unexpected end of file)`);
  });

  it('--adapter jsonl on a JSON Lines file with a broken line keeps its line:column', async () => {
    const dir = tempDir('lt-forced');
    const file = join(dir, 'prompts');
    writeFileSync(file, '{"text": "a"}\n{"text": "b"\n');
    expect(await mainError(['ingest', file, '--adapter', 'jsonl'], 'E_INPUT_FORMAT')).toContain(`${file}:2:13: invalid JSON line`);
  });
});
