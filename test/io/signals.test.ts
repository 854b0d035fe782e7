import type { ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddingCache } from '../../src/encoder/cache.js';
import { silentLogger } from '../../src/logger.js';
import { spawnCli, type SpawnedCli } from '../helpers/cli.js';
import { isTemp, listFiles } from '../helpers/special-files.js';
import { makeFixture, type Fixture } from './fixture.js';

/**
 * Item 4: SIGTERM (timeout, docker stop, CI cancellation) and SIGHUP (a closed terminal) are handled as
 * SIGINT is: unfinished files removed, finished cache entries kept, one line, exit 143 / 129. The
 * signal is sent when the run is certainly mid-work: once its temp output file exists (ingest of an
 * input that takes seconds more) or its first cache entry is written (embed of thousands of prompts);
 * a run that ended before the signal fails the test.
 */
let f: Fixture;
let huge: string;
beforeAll(() => {
  f = makeFixture('signals');
  // 300,000 prompts: seconds of ingest after its output's temp file appears.
  huge = join(f.dir, 'huge.txt');
  const lines = readFileSync(f.big, 'utf8');
  writeFileSync(huge, Array.from({ length: 10 }, () => lines).join(''));
}, 120_000);
afterAll(() => f.cleanup());

/** Runs the CLI and sends `signal` as soon as `ready()` holds (polled every 10 ms); fails if the run ended first. */
async function signalWhen(args: string[], ready: () => boolean, signal: NodeJS.Signals): Promise<SpawnedCli & { sent: boolean }> {
  let child: ChildProcess | undefined;
  let sent = false;
  const timer = setInterval(() => {
    if (!sent && child && child.exitCode === null && ready()) {
      sent = child.kill(signal);
    }
  }, 10);
  try {
    const r = await spawnCli(args, { onSpawn: (c) => void (child = c) });
    return { ...r, sent };
  } finally {
    clearInterval(timer);
  }
}

const EXITS = { SIGTERM: 143, SIGHUP: 129 } as const;
const LINES = { SIGTERM: 'terminated (SIGTERM)', SIGHUP: 'hung up (SIGHUP)' } as const;

describe('SIGTERM and SIGHUP', () => {
  for (const signal of ['SIGTERM', 'SIGHUP'] as const) {
    it(`${signal} during ingest -o: exit ${EXITS[signal]}, one line, the temp file removed`, async () => {
      const dir = join(f.dir, `ingest-${signal}`);
      mkdirSync(dir);
      const r = await signalWhen(['ingest', huge, '-o', join(dir, 'corpus.jsonl')], () => listFiles(dir).some(isTemp), signal);
      expect(r.sent, `the run ended before ${signal} (exit ${r.status}): make the input longer`).toBe(true);
      expect(r.stderr).toBe(`lite-text: ${LINES[signal]}; unfinished files removed\n`);
      expect(r.status).toBe(EXITS[signal]);
      expect(listFiles(dir)).toEqual([]);
    }, 120_000);

    it(`${signal} during embed: exit ${EXITS[signal]}, finished cache entries kept and named, no partial output`, async () => {
      const dir = join(f.dir, `embed-${signal}`);
      const cache = join(dir, 'cache');
      const out = join(dir, 'out');
      mkdirSync(out, { recursive: true });
      const entries = () => listFiles(cache).filter((p) => p.endsWith('.f32') && !isTemp(p));
      const r = await signalWhen(['embed', f.big, '--encoder', f.model, '--batch-size', '4', '--threads', '1', '--cache', cache, '--out', join(out, 'e.npy')], () => entries().length > 0, signal);
      expect(r.sent, `the run ended before ${signal} (exit ${r.status}): make the input longer`).toBe(true);
      expect(r.stderr).toMatch(new RegExp(`^lite-text: ${LINES[signal].replace(/[()]/g, '\\$&')}; unfinished files removed; kept: \\d+ new embedding cache entries in [^\\n]+\\n$`));
      expect(r.status).toBe(EXITS[signal]);
      expect(listFiles(out)).toEqual([]);
      expect(listFiles(cache).filter(isTemp)).toEqual([]);
      const kept = entries();
      expect(kept.length).toBe(Number(/kept: (\d+)/.exec(r.stderr)?.[1]));
      const check = new EmbeddingCache(cache, silentLogger);
      for (const p of kept) expect(check.get(p.split('/').pop()!.replace(/\.f32$/, '')), p).toBeDefined();
    }, 120_000);
  }
});
