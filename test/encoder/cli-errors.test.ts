// Encoder errors through the CLI: each is one lite-text line and exit 2, never exit 70, a stack trace,
// onnxruntime's own log lines, or a half-written file.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { onnx } from '../../src/encoder/onnx/proto.js';
import { runCli } from '../helpers/cli.js';
import { lookupModel, oneErrorLine, tempDir, tiny } from './fixtures.js';

const filesUnder = (dir: string) => readdirSync(dir, { recursive: true, encoding: 'utf8' });

describe('a file that is not an ONNX model', () => {
  const dir = tempDir('cli-not-onnx');
  const corpus = join(dir, 'prompts.txt');
  const cases: Record<string, Uint8Array | string> = {
    'empty.onnx': '',
    'text.onnx': 'not a model at all\n',
    // A valid protobuf ModelProto with no graph: protobuf alone accepts it.
    'no-graph.onnx': onnx.ModelProto.encode({ irVersion: 8, producerName: 'x' }).finish(),
  };
  beforeAll(() => {
    writeFileSync(corpus, 'a red car\n');
    for (const [name, bytes] of Object.entries(cases)) writeFileSync(join(dir, name), bytes);
  });

  it.each(Object.keys(cases))('inspect-encoder %s: exit 2, E_ENCODER, never "0 parameters"', (name) => {
    const r = runCli(['inspect-encoder', join(dir, name)]);
    expect(oneErrorLine(r, 'E_ENCODER')).toContain(`${join(dir, name)}: not an ONNX model`);
    expect(r.stdout).toBe('');
  });

  it('embed and analyze --encoder on an empty file: exit 2, E_ENCODER', () => {
    const model = join(dir, 'empty.onnx');
    expect(oneErrorLine(runCli(['embed', '--encoder', model, corpus, '--out', join(dir, 'e.npy'), '--cache', join(dir, 'cache')]), 'E_ENCODER')).toContain('not an ONNX model (empty file)');
    expect(oneErrorLine(runCli(['analyze', corpus, '--encoder', model, '--out', join(dir, 'report'), '--no-cache']), 'E_ENCODER')).toContain('not an ONNX model (empty file)');
  });
});

describe('onnxruntime\'s own log lines never reach the terminal', () => {
  const dir = tempDir('cli-ort-log');

  it('a run that fails inside ORT (Gather index out of range) and a model ORT cannot load: stderr is one lite-text line', () => {
    const corpus = join(dir, 'prompts.txt');
    writeFileSync(corpus, 'a red car\n');
    // ORT logs "[E:onnxruntime:, sequential_executor.cc ...] Non-zero status code ..." for this run unless silenced.
    const smallVocab = lookupModel(join(dir, 'vocab-100.onnx'), { rows: 100 });
    const run = oneErrorLine(runCli(['embed', '--encoder', smallVocab, corpus, '--out', join(dir, 'e.npy'), '--no-cache']), 'E_ENCODER');
    expect(run).toContain(`${smallVocab}: onnxruntime failed on a batch of`);
    const broken = onnx.ModelProto.decode(readFileSync(smallVocab));
    broken.graph!.node![0]!.opType = 'NoSuchOp';
    const unknownOp = join(dir, 'unknown-op.onnx');
    writeFileSync(unknownOp, onnx.ModelProto.encode(broken).finish());
    expect(oneErrorLine(runCli(['embed', '--encoder', unknownOp, corpus, '--out', join(dir, 'e.npy'), '--no-cache']), 'E_ENCODER')).toContain(`${unknownOp}: onnxruntime cannot load the model`);
  });
});

describe('a cache folder that cannot be written is the user\'s error (E_IO, exit 2)', () => {
  const dir = tempDir('cli-cache-io');
  const corpus = join(dir, 'prompts.txt');
  let model: string;
  beforeAll(() => {
    writeFileSync(corpus, 'a red car\nthe dog on the left\nperson holding an umbrella\n');
    model = tiny(dir, 'm', { convention: 'dynamic' }).path;
  });

  it('--cache below a regular file: one E_IO line naming the cache path, nothing written', () => {
    writeFileSync(join(dir, 'file'), 'x');
    const out = join(dir, 'notdir', 'e.npy');
    const line = oneErrorLine(runCli(['embed', '--encoder', model, corpus, '--out', out, '--cache', join(dir, 'file', 'x')]), 'E_IO');
    expect(line).toContain(`${join(dir, 'file', 'x')}`);
    expect(line).toContain('ENOTDIR');
    expect(filesUnder(dir).some((f) => f.startsWith('notdir'))).toBe(false);
  });

  it('a full disk while writing a cache entry: one E_IO line, no temp file, and no partial entry served by the next run', () => {
    const cache = join(dir, 'full');
    mkdirSync(cache);
    const hook = pathToFileURL(join(import.meta.dirname, 'fixtures', 'enospc.mjs')).href;
    const env = { NODE_OPTIONS: `${process.env['NODE_OPTIONS'] ?? ''} --import ${hook}`.trim() };
    const out = join(dir, 'full-out', 'e.npy');
    const r = runCli(['embed', '--encoder', model, corpus, '--out', out, '--cache', cache], { env });
    // The info line before it says which convention was detected; the error is the one lite-text line.
    expect(r.status).toBe(2);
    const errors = r.stderr.trim().split('\n').filter((l) => !l.startsWith('encoder: '));
    expect(errors).toHaveLength(1);
    const line = errors[0]!;
    expect(line).toMatch(/^lite-text: .*\[E_IO\]$/);
    expect(line).toContain('ENOSPC');
    expect(line).toContain('cannot write the embedding cache');
    expect(filesUnder(cache).filter((f) => f.endsWith('.tmp') || f.endsWith('.f32'))).toEqual([]);
    const again = runCli(['embed', '--encoder', model, corpus, '--out', out, '--cache', cache]);
    expect(again.status).toBe(0);
    expect(again.stderr).toContain('(3 unique; 0 from cache, 3 computed)');
    const plain = join(dir, 'plain.npy');
    expect(runCli(['embed', '--encoder', model, corpus, '--out', plain, '--no-cache']).status).toBe(0);
    expect(readFileSync(out)).toEqual(readFileSync(plain));
  });
});
