// A file that does not exist reads the same in every command: `PATH: cannot read[ WHAT] (no such
// file or directory)`, one line, exit 2, with the command's own error code (E_IO) and hint.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mainError } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

describe('a missing file', () => {
  const dir = tempDir('lt-missing');
  const prompts = join(dir, 'prompts.txt');
  writeFileSync(prompts, 'a cat\n');
  const nope = (name: string) => join(dir, name);
  const out = join(dir, 'out');

  it.each([
    ['ingest', ['ingest', nope('p.txt')], nope('p.txt')],
    ['analyze', ['analyze', nope('p.txt'), '--out', out], nope('p.txt')],
    ['analyze --embeddings', ['analyze', prompts, '--embeddings', nope('e.npy'), '--out', out], nope('e.index.jsonl')],
    ['analyze --encoder', ['analyze', prompts, '--encoder', nope('m.onnx'), '--out', out], nope('m.onnx')],
    ['tokenize --input', ['tokenize', '--input', nope('p.txt')], nope('p.txt')],
    ['tokenize --tokenizer (tokenizer.json)', ['tokenize', 'x', '--tokenizer', nope('tokenizer.json')], nope('tokenizer.json')],
    ['tokenize --tokenizer (merges)', ['tokenize', 'x', '--tokenizer', nope('bpe.txt')], nope('bpe.txt')],
    ['id', ['id', nope('p.npy')], nope('p.npy')],
    ['id --merge', ['id', '--merge', nope('part')], nope('part')],
    ['plan', ['plan', nope('report.json')], nope('report.json')],
    ['diff', ['diff', nope('a.json'), nope('b.json')], nope('a.json')],
    ['embed --encoder', ['embed', prompts, '--encoder', nope('m.onnx'), '--out', join(out, 'e.npy')], nope('m.onnx')],
    ['inspect-encoder', ['inspect-encoder', nope('m.onnx')], nope('m.onnx')],
    ['prune-encoder', ['prune-encoder', nope('m.onnx'), prompts, '--out', join(out, 'p.onnx')], nope('m.onnx')],
    ['compare', ['compare', nope('a.npy'), nope('b.npy')], nope('a.npy')],
    ['tables --config', ['tables', '--config', nope('c.yaml'), '--out', out], nope('c.yaml')],
  ])('%s: PATH: cannot read (no such file or directory), E_IO', async (_name, args, path) => {
    const line = await mainError(args, 'E_IO');
    const escaped = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    expect(line).toMatch(new RegExp(`^lite-text: ${escaped}: cannot read( [^(]+)? \\(no such file or directory\\) \\(hint: [^)]`));
  });
});
