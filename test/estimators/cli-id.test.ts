// `lite-text id` end to end through the built CLI (dist/, rebuilt by the global setup).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cloudEstimates } from '../../src/analyzers/intrinsic-dim/cloud.js';
import { IntrinsicDimOptionsSchema } from '../../src/analyzers/intrinsic-dim/index.js';
import { npyHeader } from '../../src/encoder/npy.js';
import { IdEstimatesSchema, readMatrixFile } from '../../src/estimators/index.js';
import { mainError, runMain, SHARED } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

const FIXTURE = join(SHARED, 'reference/intrinsic-dim/skdim_test_fixture_n30_D10.csv');
const ref = (JSON.parse(readFileSync(join(SHARED, 'reference/intrinsic-dim/expected.json'), 'utf8')) as Record<string, Record<string, number>>)['skdim_test_fixture_n30_D10']!;
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('lite-text id', () => {
  it('--json prints the estimates in the documented shape, matching the skdim references', async () => {
    const r = await runMain(['id', FIXTURE, '--json']);
    expect(r.status, r.stderr).toBe(0);
    const out = IdEstimatesSchema.strict().parse(JSON.parse(r.stdout));
    expect(Object.keys(out).sort()).toEqual(['duplicatesRemoved', 'mle', 'n', 'participationRatio', 'pca', 'twoNN']);
    expect(Object.keys(out.twoNN!)).toEqual(['0.05', '0.1', '0.2']);
    expect(Object.keys(out.mle!)).toEqual(['k5', 'k10', 'k20']);
    expect(rel(out.twoNN!['0.1']!, ref['TwoNN(discard_fraction=0.1)']!)).toBeLessThan(1e-6);
    expect(rel(out.mle!['k20']!.mle, ref['MLE(k=20,comb=mle)']!)).toBeLessThan(1e-6);
    expect(rel(out.participationRatio!, ref['lPCA(ver=participation_ratio)']!)).toBeLessThan(1e-6);
    expect(out.pca!.fo).toBe(ref['lPCA(ver=FO)']);
    expect([out.n, out.duplicatesRemoved]).toEqual([30, 0]);
  });

  it('--estimators limits the output; the default is a human table', async () => {
    const only = JSON.parse((await runMain(['id', FIXTURE, '--json', '--estimators', 'twonn'])).stdout) as Record<string, unknown>;
    expect(Object.keys(only).sort()).toEqual(['duplicatesRemoved', 'n', 'twoNN']);
    // TwoNN alone needs 2 neighbours: 15-point half-samples give it intervals (MLE k = 20 could not have them).
    const withIntervals = JSON.parse((await runMain(['id', FIXTURE, '--json', '--estimators', 'twonn', '--bootstrap', '4'])).stdout) as Record<string, unknown>;
    expect(Object.keys(withIntervals).sort()).toEqual(['duplicatesRemoved', 'intervals', 'n', 'twoNN']);
    const table = await runMain(['id', FIXTURE]);
    expect(table.status).toBe(0);
    expect(table.stdout).toContain('30 points x 10 dimensions');
    expect(table.stdout).toMatch(/TwoNN, discard 0\.1\s+4\.522/);
    expect(table.stdout).toMatch(/MLE k=20: mle \/ mean \/ median\s+3\.341 \/ 3\.439 \/ 3\.312/);
  });

  it('--sample, --seed and --bootstrap mean what analyze\'s --id-sample, --seed and --bootstrap mean; by default id is exact on every point, without intervals', async () => {
    let seed = 11;
    const next = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const rows = Array.from({ length: 400 }, () => Array.from({ length: 6 }, () => next().toFixed(6)).join(','));
    const file = join(tempDir('lt-id-sample'), 'points.csv');
    writeFileSync(file, `${rows.join('\n')}\n`);
    const r = await runMain(['id', file, '--json', '--sample', '300', '--seed', '4', '--bootstrap', '6']);
    expect(r.status, r.stderr).toBe(0);
    const got = IdEstimatesSchema.strict().parse(JSON.parse(r.stdout));
    const points = readMatrixFile(file);
    const cloud = await cloudEstimates(points, new Map([['all', Array.from({ length: 400 }, (_, i) => i)]]), { sample: 300, seed: 4, bootstrap: 6 });
    expect([got.n, got.population]).toEqual([300, 400]);
    expect(got.twoNN).toEqual(cloud.twoNN);
    expect(got.mle).toEqual(cloud.mle);
    expect(got.intervals!.twoNN!['0.1']).toEqual(cloud.intervals.twoNN);
    expect(got.intervals!.mle!['k20']).toEqual(cloud.intervals.mle);
    for (const [f, v] of Object.entries(got.twoNN!)) expect(got.intervals!.twoNN![f]!.low <= v && v <= got.intervals!.twoNN![f]!.high).toBe(true);
    // analyze's defaults, given to id, are analyze's cloud estimates; id's own default is every point, no intervals.
    const defaults = IntrinsicDimOptionsSchema.parse({});
    const withDefaults = JSON.parse((await runMain(['id', file, '--json', '--sample', String(defaults.idSample), '--seed', String(defaults.seed), '--bootstrap', String(defaults.bootstrap)])).stdout);
    const analyzeCloud = await cloudEstimates(points, new Map([['all', Array.from({ length: 400 }, (_, i) => i)]]), { sample: defaults.idSample, seed: defaults.seed, bootstrap: defaults.bootstrap });
    expect(withDefaults.twoNN).toEqual(analyzeCloud.twoNN);
    expect(withDefaults.intervals.twoNN['0.1']).toEqual(analyzeCloud.intervals.twoNN);
    expect(withDefaults.intervals.resamples).toBe(defaults.bootstrap);
    const plain = JSON.parse((await runMain(['id', file, '--json'])).stdout);
    expect(Object.keys(plain)).not.toContain('intervals');
    expect(plain.n).toBe(400);
    expect(plain).toEqual(JSON.parse((await runMain(['id', file, '--json', '--bootstrap', '0'])).stdout));
  });

  it('--threads 1 (main thread only) and --threads 2 (two kNN worker threads) print the same estimates', async () => {
    // 5,000 points: above the size where the kNN moves to worker threads (4,096).
    let seed = 7;
    const next = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const rows = Array.from({ length: 5000 }, () => Array.from({ length: 12 }, () => (next() * 2 - 1).toFixed(5)).join(','));
    const file = join(tempDir('lt-id-threads'), 'points.csv');
    writeFileSync(file, `${rows.join('\n')}\n`);
    const one = await runMain(['id', file, '--json', '--threads', '1']);
    const two = await runMain(['id', file, '--json', '--threads=2']);
    expect(one.status, one.stderr).toBe(0);
    expect(two.status, two.stderr).toBe(0);
    expect(JSON.parse(two.stdout)).toEqual(JSON.parse(one.stdout));
    expect((await runMain(['id', file, '--threads', '0'])).status).toBe(2);
  });

  it.each([
    ['a missing file', ['id', '/nonexistent/points.csv'], /E_IO/],
    ['a malformed CSV', ['id', 'BAD'], /bad\.csv:3: 1 fields, expected 2.*E_INPUT_FORMAT/],
    ['an unknown estimator', ['id', FIXTURE, '--estimators', 'pca,foo'], /unknown estimator "foo".*E_USAGE/],
  ])('rejects %s with exit 2 and one line, writing nothing to stdout', async (_name, args, message) => {
    const dir = tempDir('lite-text-id-cli');
    writeFileSync(join(dir, 'bad.csv'), '1,2\n3,4\n5\n');
    const r = await runMain(args.map((a) => (a === 'BAD' ? join(dir, 'bad.csv') : a)));
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });

  /** `rows` points as a float32 .npy (values exact in float32, so a CSV of them reads the same). */
  const writeNpy = (file: string, rows: number[][]) => {
    const data = Float32Array.from(rows.flat());
    writeFileSync(file, Buffer.concat([npyHeader(data, [rows.length, rows[0]?.length ?? 0]), Buffer.from(data.buffer)]));
    return file;
  };
  const grid = (n: number, d: number) => Array.from({ length: n }, (_, i) => Array.from({ length: d }, (_, j) => ((i * 7 + j * 13 + i * j) % 41) / 4));

  it('a CSV separated by commas, semicolons or tabs whose first row is numbers: that row is a point, as in the same .npy', async () => {
    const dir = tempDir('lt-id-delim');
    const rows = grid(40, 3);
    const reference = await runMain(['id', writeNpy(join(dir, 'points.npy'), rows), '--json']);
    expect(reference.status, reference.stderr).toBe(0);
    expect((JSON.parse(reference.stdout) as { n: number }).n).toBe(40);
    for (const [name, d] of [['comma', ','], ['semicolon', ';'], ['tab', '\t']] as const) {
      for (const header of ['', `x${d}y${d}z\n`]) {
        const file = join(dir, `${name}${header ? '-header' : ''}.csv`);
        writeFileSync(file, `${header}${rows.map((r) => r.join(d)).join('\n')}\n`);
        const r = await runMain(['id', file, '--json']);
        expect(r.stderr, file).toBe('');
        expect(r.stdout, file).toBe(reference.stdout);
      }
    }
  });

  it('every error about its input names the file: too few points for PCA or for the kNN estimators, sampled or sharded', async () => {
    const dir = tempDir('lt-id-few');
    const one = writeNpy(join(dir, 'one.npy'), grid(1, 3));
    const oneCsv = join(dir, 'one.csv');
    writeFileSync(oneCsv, '1;2;3\n');
    const two = writeNpy(join(dir, 'two.npy'), grid(2, 3));
    const five = writeNpy(join(dir, 'five.npy'), grid(5, 3));
    for (const [args, what] of [
      [[one], 'PCA needs at least 2 points, got 1'],
      [[oneCsv], 'PCA needs at least 2 points, got 1'],
      [[five, '--sample', '1'], 'PCA needs at least 2 points, got 1'],
      [[five], 'nearest-neighbour estimators with k = 20 need at least 21 distinct points, got 5'],
      [[two, '--estimators', 'twonn', '--shard', '1/2', '--out', join(dir, 'part')], 'nearest-neighbour estimators with k = 2 need at least 3 distinct points, got 2'],
    ] as const) {
      const line = await mainError(['id', ...args], 'E_INPUT_FORMAT');
      expect(line).toContain(`lite-text: ${args[0]}: ${what}`);
    }
  });
});
