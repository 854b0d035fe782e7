#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write('lite-text: dist/cli.js is missing (hint: run `npm install` or `npm run build` in the package folder)\n');
  process.exit(2);
}
// A signal while the modules load (up to a second on a busy machine): nothing is written yet; main()
// installs the real handlers (temp files removed, what was kept) before it does anything.
const SIGNAL_EXITS = { SIGINT: 130, SIGHUP: 129, SIGTERM: 143 };
const early = (signal) => {
  process.stderr.write('lite-text: interrupted while starting; nothing was written\n');
  process.exit(SIGNAL_EXITS[signal]);
};
for (const signal of Object.keys(SIGNAL_EXITS)) process.on(signal, early);
const { main } = await import(cli);
for (const signal of Object.keys(SIGNAL_EXITS)) process.off(signal, early);
process.exitCode = await main(process.argv);
// Benchmarks read the process's own peak RSS (KiB) and CPU time of all its threads (µs), getrusage, from stderr.
if (process.env.LITE_TEXT_BENCH_RSS === '1') {
  const u = process.resourceUsage();
  process.stderr.write(`peak-rss-kib=${u.maxRSS} user-us=${u.userCPUTime} sys-us=${u.systemCPUTime}\n`);
}
