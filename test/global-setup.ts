// CLI end-to-end tests run bin/lite-text.js, which loads dist/: rebuild it once per test run.
// The run gets its own OS temp folder (TMPDIR, inherited by the test workers and every CLI they
// start), removed at the end: onnxruntime-node leaves empty `mat-debug-PID.log` files and a `.ses`
// file in the temp folder of every process that loads it. Anything else left there at the end is a
// test that did not remove what it wrote (test/helpers/tmp.ts does it): the run fails, naming it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  const dir = mkdtempSync(join(tmpdir(), 'lite-text-tests-'));
  process.env['TMPDIR'] = dir;
  return () => {
    const left = readdirSync(dir).filter((name) => !/^(mat-debug-\d+\.log|\.ses)$/.test(name));
    rmSync(dir, { recursive: true, force: true });
    if (left.length > 0) {
      // A teardown error alone does not fail vitest's run.
      console.error(`tests left ${left.length} entries in the temp folder: ${left.join(', ')}`);
      process.exitCode = 1;
    }
  };
}
