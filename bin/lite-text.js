#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write('lite-text: dist/cli.js is missing (hint: run `npm install` or `npm run build` in the package folder)\n');
  process.exit(2);
}
const { main } = await import(cli);
process.exitCode = await main(process.argv);
// Benchmarks read the process's own peak RSS (KiB, getrusage) from stderr.
if (process.env.LITE_TEXT_BENCH_RSS === '1') process.stderr.write(`peak-rss-kib=${process.resourceUsage().maxRSS}\n`);
