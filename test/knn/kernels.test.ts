// The WebAssembly kernels of the exact kNN against plain scalar references, and the committed
// module against its source (kernels.wat).
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { seededRng } from '../../src/estimators/index.js';
import { SquaredDistances, sqDistJs } from '../../src/knn/distance.js';
import { candidateHeaps } from '../../src/knn/heap.js';
import { isInProcess, tileRunners } from '../../src/knn/pool.js';
import { nextUp32, TileScanner } from '../../src/knn/scan.js';

describe('knn kernels', () => {
  it('the committed assets (kernels module, graph bytes) match kernels.wat and onnx-graphs.ts', () => {
    expect(() => execFileSync(process.execPath, ['scripts/gen-knn-assets.mjs', '--check'], { stdio: 'pipe' })).not.toThrow();
  });

  it.each([[16, 16], [13, 7], [9, 30], [1, 1]])('scan (%i x %i tile) keeps exactly the keys a scalar float32 check keeps', (bi, bj) => {
    const rng = seededRng(bi * 100 + bj);
    const scanner = new TileScanner(32);
    for (let i = 0; i < bi * bj; i++) scanner.c[i] = Math.fround(-40 + 30 * rng());
    for (let a = 0; a < bi; a++) {
      scanner.aNorm[a] = Math.fround(20 + 10 * rng());
      scanner.aThr[a] = a % 5 === 0 ? Infinity : Math.fround(-25 + 20 * rng());
    }
    for (let b = 0; b < bj; b++) {
      scanner.bNorm[b] = Math.fround(20 + 10 * rng());
      scanner.bThr[b] = Math.fround(-25 + 20 * rng());
    }
    // The kernel flags exactly the groups of four columns where some lane passes a row or a column
    // check, with the lanes' mask (bits 0-3 rows, 4-7 columns), and every row's partial last group
    // with mask 0xff.
    const groups = scanner.flag(bi, bj);
    const key = (a: number, b: number, side: 'row' | 'col') => Math.fround(scanner.c[a * bj + b]! + (side === 'row' ? scanner.bNorm[b]! : scanner.aNorm[a]!));
    const want: number[] = [];
    for (let a = 0; a < bi; a++) {
      for (let b0 = 0; b0 < bj; b0 += 4) {
        if (bj - b0 < 4) {
          want.push(a * bj + b0, 0xff);
          continue;
        }
        let mask = 0;
        for (let l = 0; l < 4; l++) {
          if (key(a, b0 + l, 'row') < scanner.aThr[a]!) mask |= 1 << l;
          if (key(a, b0 + l, 'col') < scanner.bThr[b0 + l]!) mask |= 1 << (4 + l);
        }
        if (mask !== 0) want.push(a * bj + b0, mask);
      }
    }
    expect(Array.from(groups)).toEqual(want);
    // Merging into one-slot heaps whose thresholds are the scan's: each row ends with its smallest
    // passing key (rows i0.. from the row side, rows j0.. from the column side).
    const i0 = 0;
    const j0 = 32;
    const heaps = candidateHeaps(64, 1);
    const start = new Map<number, number>();
    for (let a = 0; a < bi; a++) start.set(i0 + a, scanner.aThr[a]!);
    for (let b = 0; b < bj; b++) start.set(j0 + b, scanner.bThr[b]!);
    for (const [r, t] of start) heaps.keys[r] = heaps.thr[r] = t;
    scanner.mergeRows(groups, bi, bj, heaps, i0, j0);
    scanner.mergeColumns(groups, bi, bj, heaps, i0, j0);
    const best = new Map(start);
    for (let a = 0; a < bi; a++) {
      for (let b = 0; b < bj; b++) {
        const c = scanner.c[a * bj + b]!;
        best.set(i0 + a, Math.min(best.get(i0 + a)!, Math.fround(c + scanner.bNorm[b]!)));
        best.set(j0 + b, Math.min(best.get(j0 + b)!, Math.fround(c + scanner.aNorm[a]!)));
      }
    }
    for (const [r, key] of best) expect(heaps.keys[r], `row ${r}`).toBe(key);
    expect(want.length).toBeGreaterThan(0);
  });

  it.each([[Float32Array, 256], [Float32Array, 7], [Float64Array, 256], [Float64Array, 13], [Float64Array, 2]] as const)('%o distances (d = %i): SIMD and the JavaScript fallback give the same bits', (Arr, d) => {
    const rng = seededRng(d);
    const n = 40;
    const data = new Arr(n * d);
    for (let i = 0; i < data.length; i++) data[i] = 100 + (rng() - 0.5) * 3;
    const { sq } = new SquaredDistances(data, d);
    for (let r = 0; r < n; r++) {
      for (let j = 0; j < n; j++) {
        let exact = 0;
        for (let c = 0; c < d; c++) exact += (data[r * d + c]! - data[j * d + c]!) ** 2;
        expect(sq(r, j)).toBe(sqDistJs(data, d, r, j));
        expect(Math.abs(sq(r, j) - exact)).toBeLessThanOrEqual(1e-13 * exact);
      }
    }
  });

  it('a diagonal tile seeded by group minima keeps each row\'s `size` smallest keys to other columns', () => {
    const bi = 200; // 12 full groups of 16 columns, the last 8 columns in none
    const size = 11;
    const rng = seededRng(3);
    const scanner = new TileScanner(bi);
    // Ties on purpose: keys drawn from few values.
    for (let i = 0; i < bi * bi; i++) scanner.c[i] = Math.fround(-Math.floor(rng() * 40) / 4);
    for (let b = 0; b < bi; b++) scanner.bNorm[b] = Math.fround(Math.floor(rng() * 8) / 8);
    expect(scanner.seedDiagonal(bi, size)).toBe(true);
    const heaps = candidateHeaps(bi, size);
    scanner.mergeRows(scanner.flag(bi, bi), bi, bi, heaps, 0, 0);
    for (let a = 0; a < bi; a++) {
      const keys = [];
      for (let b = 0; b < bi; b++) if (b !== a) keys.push(Math.fround(scanner.c[a * bi + b]! + scanner.bNorm[b]!));
      const want = keys.sort((x, y) => x - y).slice(0, size);
      const got = Array.from(heaps.keys.subarray(a * size, (a + 1) * size)).sort((x, y) => x - y);
      expect(got, `row ${a}`).toEqual(want);
      expect(Array.from(heaps.index.subarray(a * size, (a + 1) * size))).not.toContain(a);
    }
    expect(scanner.seedDiagonal(bi, 12)).toBe(false); // 12 groups cannot bound 13
  });

  it('nextUp32 steps to the adjacent float32', () => {
    for (const x of [1, -1, 0.1, -3.5e-20, 1e30, Math.fround(Math.PI)].map(Math.fround)) {
      const up = nextUp32(x);
      expect(up).toBeGreaterThan(x);
      expect(Math.fround((x + up) / 2) === x || Math.fround((x + up) / 2) === up).toBe(true);
    }
    expect(nextUp32(0)).toBe(2 ** -149);
    expect(nextUp32(Infinity)).toBe(Infinity);
  });

  it('worker threads are available when running from src/ (dist/knn-worker.js, built by the test set-up)', () => {
    expect(isInProcess(tileRunners(2))).toBe(false);
    expect(isInProcess(tileRunners(0))).toBe(true);
  });
});
