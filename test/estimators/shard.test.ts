// `id FILE --shard K/N --out PART` as N parallel processes, then `id --merge PART...`: the same
// output as `id FILE`, bit for bit; the refusals. And the kNN of a range of rows equals those rows
// of the whole pass, ties included.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { npyHeader } from '../../src/encoder/npy.js';
import { denseMatrix, seededRng } from '../../src/estimators/index.js';
import { exactKnn } from '../../src/knn/index.js';
import { runCli, runMain, spawnCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';
import { oneErrorLine } from '../encoder/fixtures.js';

const N = 3;

/** Points on a small integer lattice (exact in float32): many exactly tied distances and duplicate rows. */
function lattice(n: number, d: number, seed: number): Float32Array {
  const rng = seededRng(seed);
  return Float32Array.from({ length: n * d }, () => Math.floor(rng() * 5));
}

describe('the kNN of a range of rows', () => {
  it.each([0, 2])('equals those rows of the whole pass, distances and indices (lattice ties; workers %i)', async (workers) => {
    const m = denseMatrix(lattice(900, 4, 3), 900, 4);
    const options = { blockRows: 64, workers };
    const all = await exactKnn(m, 10, options);
    for (const [first, end] of [[0, 300], [300, 600], [600, 900], [130, 131], [77, 77]] as const) {
      const part = await exactKnn(m, 10, { ...options, rows: { first, end } });
      expect([part.first, part.end]).toEqual([first, end]);
      expect(part.distances).toEqual(all.distances.slice(first * 10, end * 10));
      expect(part.indices).toEqual(all.indices.slice(first * 10, end * 10));
    }
  });
});

describe('lite-text id --shard / --merge', () => {
  const dir = tempDir('lite-text-id-shard');
  // 5,000 rows: above the size where the kNN runs in worker threads; lattice points have duplicates and ties.
  const points = join(dir, 'points.npy');
  const data = lattice(5000, 6, 11);
  writeFileSync(points, Buffer.concat([npyHeader(data, [5000, 6]), new Uint8Array(data.buffer)]));
  const parts = Array.from({ length: N }, (_, i) => join(dir, `part-${i + 1}.knn`));

  it(`${N} parallel shard processes merge to the single run's output (JSON and table)`, async () => {
    const runs = await Promise.all(parts.map((p, i) => spawnCli(['id', points, '--shard', `${i + 1}/${N}`, '--out', p])));
    runs.forEach((r, i) => {
      expect(r.stderr).toContain(`id: shard ${i + 1}/${N}: 20 nearest neighbours of distinct rows`);
      expect(r.status).toBe(0);
    });
    for (const format of [['--json'], []]) {
      const single = runCli(['id', points, ...format]);
      expect(single.status).toBe(0);
      const merged = await runMain(['id', '--merge', ...parts.slice().reverse(), ...format]);
      expect(merged.stderr).toBe('');
      expect(merged.stdout).toBe(single.stdout);
    }
    expect(JSON.parse(runCli(['id', points, '--json']).stdout).duplicatesRemoved).toBeGreaterThan(0);
  });

  it('--estimators reaches the parts; a part of another run is foreign', async () => {
    const twonn = join(dir, 'twonn-1.knn');
    expect((await runMain(['id', points, '--estimators', 'twonn,pca', '--shard', '1/1', '--out', twonn])).status).toBe(0);
    expect((await runMain(['id', '--merge', twonn])).stdout).toBe((await runMain(['id', points, '--estimators', 'twonn,pca'])).stdout);
    const refused = await runMain(['id', '--merge', twonn, ...parts]);
    expect(oneErrorLine(refused, 'E_SHARD')).toMatch(/part-1\.knn: foreign part \(its settings differs/);
  });

  describe('refusals: exit 2, one line', () => {
    const refused = async (args: string[], code: string, pattern: RegExp) => expect(oneErrorLine(await runMain(args), code)).toMatch(pattern);
    it('a missing part', () => refused(['id', '--merge', ...parts.slice(0, 2)], 'E_SHARD', /shard 3\/3 missing/));
    it('a part given twice', () => refused(['id', '--merge', ...parts, parts[0]!], 'E_SHARD', /shard 1\/3 given twice/));
    it('a part of another file', async () => {
      const other = join(dir, 'other.npy');
      const d2 = lattice(5000, 6, 12);
      writeFileSync(other, Buffer.concat([npyHeader(d2, [5000, 6]), new Uint8Array(d2.buffer)]));
      const foreign = join(dir, 'other-2.knn');
      expect((await runMain(['id', other, '--shard', `2/${N}`, '--out', foreign])).status).toBe(0);
      await refused(['id', '--merge', parts[0]!, foreign, parts[2]!], 'E_SHARD', /other-2\.knn: foreign part \(its sha256 differs/);
    });
    it('a file that is not a part', () => refused(['id', '--merge', points], 'E_SHARD', /points\.npy: not a part of `id --shard K\/N`/));
    it('flags that do not go together', async () => {
      await refused(['id', points, '--shard', '1/2'], 'E_USAGE', /--shard and --out go together/);
      await refused(['id', '--merge', ...parts, '--estimators', 'mle'], 'E_USAGE', /--merge takes no --estimators/);
      await refused(['id', points, '--estimators', 'pca,pr', '--shard', '1/2', '--out', join(dir, 'pca.knn')], 'E_USAGE', /--shard splits the nearest-neighbour search/);
      await refused(['id', points, '--shard', '3/2', '--out', join(dir, 'bad.knn')], 'E_USAGE', /--shard "3\/2"/);
      expect(existsSync(join(dir, 'pca.knn')) || existsSync(join(dir, 'bad.knn'))).toBe(false);
    });
  });
});
