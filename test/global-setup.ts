// CLI end-to-end tests run bin/lite-text.js, which loads dist/: rebuild it once per test run.
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
}
