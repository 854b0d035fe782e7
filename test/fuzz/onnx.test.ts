import fc from 'fast-check';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { inspectOnnx } from '../../src/analyzers/encoder-anatomy/inspect.js';
import { writeTinyEncoder } from '../../src/encoder/testing/generate.js';
import { tinyWeights, type TinySpec } from '../../src/encoder/testing/weights.js';
import { assertProperty, outcome, Tally } from './harness.js';
import { mutations } from './mutate.js';

/**
 * `inspect-encoder`'s own ONNX protobuf reader (initializers, external data) on mutated models:
 * an anatomy or a LiteTextError naming the file — never a crash, a hang or a huge allocation from a
 * hostile length varint. (onnxruntime's own loader is not fuzzed in process: a native crash would
 * take the test worker down; test/bad-inputs covers a truncated and a garbage model through the CLI.)
 */
const dir = mkdtempSync(join(tmpdir(), 'lt-fuzz-onnx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const SPEC: TinySpec = { vocab: 500, context: 32, width: 16, layers: 1, heads: 2, mlpRatio: 2, outDim: 8, projectionDim: 0, seed: 3 };

describe('fuzz: ONNX reader', () => {
  it('mutated models (inline and external data) are inspected or refused with a LiteTextError', async () => {
    const weights = tinyWeights(SPEC);
    const inline = readFileSync(writeTinyEncoder(join(dir, 'seed-inline'), { convention: 'dynamic' }, SPEC, weights).path);
    const extDir = join(dir, 'seed-external');
    const ext = writeTinyEncoder(extDir, { convention: 'usls', external: true }, SPEC, weights).path;
    const extFiles = readdirSync(extDir);
    const tally = new Tally();
    let n = 0;
    await assertProperty('onnx', fc.asyncProperty(mutations, fc.boolean(), fc.boolean(), async (mutate, external, mutateData) => {
      const caseDir = join(dir, `c${n++ % 8}`);
      rmSync(caseDir, { recursive: true, force: true });
      mkdirSync(caseDir, { recursive: true });
      let file: string;
      if (external) {
        for (const f of extFiles) copyFileSync(join(extDir, f), join(caseDir, f));
        file = join(caseDir, ext.slice(extDir.length + 1));
        const target = mutateData ? join(caseDir, extFiles.find((f) => f.endsWith('.data'))!) : file;
        writeFileSync(target, mutate(readFileSync(target)));
      } else {
        file = join(caseDir, 'model.onnx');
        writeFileSync(file, mutate(inline));
      }
      tally.add(await outcome(() => inspectOnnx(file), `${file}${external ? ` (external data, ${mutateData ? 'data' : 'graph'} mutated)` : ''}`, file));
    }), 300);
    console.log(`fuzz ONNX reader: ${tally.total} cases: ${tally.toString()}`);
  }, 180_000);
});
