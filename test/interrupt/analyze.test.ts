import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportSchema } from '../../src/report/schema.js';
import { SHARED } from '../helpers/cli.js';
import { files, isTemp, rng, runCli, SEED } from './helpers.js';

/**
 * `analyze` killed at seeded random moments (SIGKILL: no handler runs) never leaves a partial
 * output: every report file present parses completely (temp + rename in src/util/atomic.ts).
 * SIGINT stops it with exit 130 and says what happened.
 */
const dir = mkdtempSync(join(tmpdir(), 'lt-interrupt-analyze-'));
const corpus = join(dir, 'prompts.txt');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let fullMs = 2000;

beforeAll(async () => {
  // 60,000 prompts resampled from the shared corpora (~1.5 s of analyze on the 2-core machine).
  const texts = readFileSync(join(SHARED, 'reference/sam3-tokenizer/golden-dev.jsonl'), 'utf8').split('\n').filter(Boolean)
    .map((l) => JSON.parse(l) as { text: string; source: string })
    .filter((r) => r.source !== 'edge' && !/[\n\r\u2028\u2029\u0085]/.test(r.text) && r.text.trim() !== '').map((r) => r.text);
  const next = rng(SEED);
  writeFileSync(corpus, `${Array.from({ length: 60_000 }, () => texts[Math.floor(next() * texts.length)]).join('\n')}\n`);
  const full = await runCli(['analyze', corpus, '--out', join(dir, 'full')]);
  expect(full.code, full.stderr).toBe(0);
  fullMs = full.wallMs;
}, 120_000);

/** Every file in `out` is a complete output (or a hidden temp file SIGKILL could not remove). */
function expectComplete(out: string, label: string): void {
  for (const f of files(out)) {
    if (isTemp(f)) continue;
    const text = readFileSync(join(out, f), 'utf8');
    if (f.endsWith('.json')) expect(ReportSchema.safeParse(JSON.parse(text)).success, `${label}: ${f}`).toBe(true);
    else if (f.endsWith('.svg')) expect(text.trimEnd().endsWith('</svg>'), `${label}: ${f} is cut`).toBe(true);
    else if (f.endsWith('.md')) expect(text.split('\n').length, `${label}: ${f} is cut`).toBe(readFileSync(join(dir, 'full', f), 'utf8').split('\n').length);
    else throw new Error(`${label}: unexpected file ${f}`);
  }
}

describe('analyze under interruption', () => {
  it('SIGKILL at random moments never leaves a partial report file', async () => {
    const next = rng(SEED ^ 0x5eed);
    const out = join(dir, 'killed');
    const moments: number[] = [];
    let killed = 0;
    for (let i = 0; i < 6; i++) {
      const at = Math.round(200 + next() * fullMs * 1.1);
      moments.push(at);
      const r = await runCli(['analyze', corpus, '--out', out], { signal: 'SIGKILL', afterMs: at });
      expect(r.signal === 'SIGKILL' || r.code === 0, `killed at ${at} ms: ${r.code} ${r.signal}`).toBe(true);
      if (r.signal === 'SIGKILL') killed++;
      expectComplete(out, `killed at ${at} ms`);
    }
    // Moments past the end of a run (it then finished) are allowed, not all of them.
    expect(killed, `no run was killed at ${moments.join(', ')} ms`).toBeGreaterThan(0);
    const done = await runCli(['analyze', corpus, '--out', out]);
    expect(done.code, done.stderr).toBe(0);
    expectComplete(out, 'after the kills');
    console.log(`analyze SIGKILL moments (ms, seed ${SEED}): ${moments.join(', ')}; full run ${fullMs} ms`);
  }, 300_000);

  it('SIGINT at seeded points of the run: exit 130, one line saying what was removed, no temp file left', async () => {
    const next = rng(SEED ^ 0x1417);
    for (let i = 0; i < 3; i++) {
      const out = join(dir, `int${i}`);
      // Tokenizing reports its progress; the analyzers and the report writing come after it.
      const fraction = next();
      const r = await runCli(['analyze', corpus, '--out', out], { signal: 'SIGINT', signalAt: (label, done, total) => label === 'tokenize' && done >= fraction * total });
      expect(r.signalledAt, `no progress point at ${fraction.toFixed(2)}: ${r.code} ${r.stderr}`).toBeDefined();
      expect(r.code, `SIGINT at ${r.signalledAt}: ${r.stderr}`).toBe(130);
      expect(r.stderr).toMatch(/^lite-text: interrupted[^\n]*\n$/);
      expect(files(out).filter(isTemp)).toEqual([]);
      expectComplete(out, `SIGINT at ${r.signalledAt}`);
    }
  }, 300_000);
});
