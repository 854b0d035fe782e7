// A pruned encoder refuses a prompt that uses an id it dropped, in every command that embeds: one line,
// E_OOV, exit 2, naming the prompt and the word, instead of a wrong embedding.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTokenizer } from '../../src/tokenizer/index.js';
import { runCli } from '../helpers/cli.js';
import { oneErrorLine, tempDir, tiny } from '../encoder/fixtures.js';

const KEPT = ['a red car', 'the dog on the left', 'person holding an umbrella'];
const OOV = ['a red car', 'a striped zebra'];

describe('prompts outside a pruned encoder\'s kept ids', () => {
  const dir = tempDir('prune-oov');
  const corpus = join(dir, 'kept.txt');
  const other = join(dir, 'other.txt');
  const pruned = join(dir, 'pruned.onnx');
  let original: string;
  let zebra: string;
  beforeAll(async () => {
    writeFileSync(corpus, `${KEPT.join('\n')}\n`);
    writeFileSync(other, `${OOV.join('\n')}\n`);
    original = tiny(dir, 'm', { convention: 'dynamic' }).path;
    const r = runCli(['prune-encoder', original, corpus, '--out', pruned]);
    expect([r.status, r.stderr]).toEqual([0, 'verified: 3 corpus prompts give the same features (max diff 0.0e+0)\n']);
    const tokenizer = await loadTokenizer('sam3');
    // The first id of "a striped zebra" the kept prompts do not use.
    const kept = new Set(tokenizer.encodeBatch(KEPT).flat());
    zebra = tokenizer.idToToken(tokenizer.encode(OOV[1]!).find((id) => !kept.has(id))!);
  });

  // Quiet: the error is the only line (compare logs the original side's run before the pruned one refuses).
  const expectOov = (args: string[]) => {
    const r = runCli(args, { env: { LITE_TEXT_QUIET: '1' } });
    const line = oneErrorLine(r, 'E_OOV');
    expect(line).toContain(`${other}:2 "a striped zebra"`);
    expect(line).toContain(JSON.stringify(zebra));
    expect(line).toContain(pruned);
    return line;
  };

  it('embed refuses, also when the model memo serves a re-run; the kept prompts embed', () => {
    const out = join(dir, 'e.npy');
    const cache = join(dir, 'cache');
    expectOov(['embed', '--encoder', pruned, other, '--out', out, '--cache', cache]);
    // The model memo remembers what the model keeps: a re-run it serves (no model read) still refuses.
    const memos = readdirSync(join(cache, 'models')).map((f) => JSON.parse(readFileSync(join(cache, 'models', f), 'utf8')) as { pruned?: { keptIds: string } });
    expect(memos.map((m) => typeof m.pruned?.keptIds)).toEqual(['string']);
    expectOov(['embed', '--encoder', pruned, other, '--out', out, '--cache', cache]);
    expect(existsSync(out)).toBe(false);
    expect(runCli(['embed', '--encoder', pruned, corpus, '--out', out, '--cache', cache]).status).toBe(0);
  });

  it('analyze --encoder refuses', () => {
    expectOov(['analyze', other, '--encoder', pruned, '--out', join(dir, 'report'), '--no-cache']);
    expect(existsSync(join(dir, 'report'))).toBe(false);
  });

  it('compare refuses (the pruned side), the original side having run', () => {
    expectOov(['compare', original, pruned, other, '--no-cache']);
  });
});
