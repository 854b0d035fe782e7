// The embedding cache must never answer for another model: a model file replaced by one of the same size
// and modification time (cp -p, rsync -a, touch -r) is hashed again, and its own embeddings come back.
import { copyFileSync, readdirSync, readFileSync, renameSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fileStamp, readModelMemo, writeModelMemo } from '../../src/encoder/model-memo.js';
import { writeTinyEncoder } from '../../src/encoder/testing/generate.js';
import { silentLogger } from '../../src/logger.js';
import { tinyWeights } from '../../src/encoder/testing/weights.js';
import { runCli } from '../helpers/cli.js';
import { SPEC, tempDir } from './fixtures.js';

describe('model identity of the embedding cache', () => {
  const dir = tempDir('model-identity');
  const corpus = join(dir, 'prompts.txt');
  // Two models of one architecture: same byte size, other weights.
  let other: string;
  beforeAll(() => {
    writeFileSync(corpus, 'a red car\nthe dog on the left\n');
    other = writeTinyEncoder(join(dir, 'other'), { convention: 'dynamic' }, { ...SPEC, seed: 2 }, tinyWeights({ ...SPEC, seed: 2 })).path;
  });

  const embedTo = (model: string, out: string, cache: string[]) => {
    const r = runCli(['embed', '--encoder', model, corpus, '--out', out, ...cache]);
    expect(r.status).toBe(0);
    return r.stderr;
  };

  // cp -p rewrites the file in place (same inode); rsync -a writes a temp file and renames it over (new inode).
  it.each([
    ['in place, then utimes (cp -p, touch -r)', (from: string, to: string) => copyFileSync(from, to)],
    ['renamed over (rsync -a)', (from: string, to: string) => { copyFileSync(from, `${to}.tmp`); renameSync(`${to}.tmp`, to); }],
  ])('a model replaced %s with the same size and mtime: the new model\'s embeddings', (label, replace) => {
    const model = writeTinyEncoder(join(dir, label.split(' ')[0]!), { convention: 'dynamic' }, SPEC).path;
    const cache = ['--cache', join(dir, `cache-${label.split(' ')[0]}`)];
    // A whole-second mtime, so that utimes can restore it exactly (Date and float seconds lose nanoseconds).
    const mtime = 1_700_000_000;
    utimesSync(model, mtime, mtime);
    const before = statSync(model, { bigint: true });
    expect(BigInt(statSync(other).size)).toBe(before.size);
    embedTo(model, join(dir, 'a.npy'), cache);
    replace(other, model);
    utimesSync(model, mtime, mtime);
    const after = statSync(model, { bigint: true });
    expect([after.size, after.mtimeNs]).toEqual([before.size, before.mtimeNs]);
    const stderr = embedTo(model, join(dir, 'b.npy'), cache);
    expect(stderr).toContain('(2 unique; 0 from cache, 2 computed)');
    embedTo(other, join(dir, 'expected.npy'), ['--no-cache']);
    expect(readFileSync(join(dir, 'b.npy'))).toEqual(readFileSync(join(dir, 'expected.npy')));
    expect(readFileSync(join(dir, 'b.npy'))).not.toEqual(readFileSync(join(dir, 'a.npy')));
  });
});

describe('the model memo', () => {
  const dir = tempDir('model-memo');

  it('is trusted only for files changed before it was written (git\'s racily-clean rule)', () => {
    const model = join(dir, 'm.onnx');
    writeFileSync(model, 'model bytes');
    const cacheDir = join(dir, 'cache');
    writeModelMemo(cacheDir, model, { files: [fileStamp(model)], modelHash: 'h', signature: { inputs: [], outputs: [] } });
    const memoFile = join(cacheDir, 'models', readdirSync(join(cacheDir, 'models'))[0]!);
    const changed = Number(statSync(model, { bigint: true }).ctimeNs / 1_000_000n) / 1000;
    // Written in the same tick as the model's last change: a replacement in that tick would keep every stamp.
    utimesSync(memoFile, changed, changed);
    expect(readModelMemo(cacheDir, model, silentLogger)).toBeUndefined();
    utimesSync(memoFile, changed + 10, changed + 10);
    expect(readModelMemo(cacheDir, model, silentLogger)?.modelHash).toBe('h');
  });
});
