// Bundles src/ into dist/ with esbuild (run by `prepare`, so `npm install` leaves a working `lite-text`).
// Dependencies stay external: they are resolved from node_modules at run time.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// Chunk names change with their content: start from an empty dist/ so that none goes stale.
rmSync(`${root}dist`, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { cli: 'src/cli/main.ts', index: 'src/index.ts', 'knn-worker': 'src/estimators/knn-worker.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  // Shared code goes to dist/chunk-*.js: each command's modules load when it runs (src/cli/commands/index.ts).
  splitting: true,
  chunkNames: 'chunk-[hash]',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
