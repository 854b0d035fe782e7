// LITE_TEXT_QUIET=1 hides the log lines on stderr (README, "Environment variables"): ingest's summary
// table and the `wrote …` lines; a command's result, warnings and errors still print.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';
import { tiny } from '../encoder/fixtures.js';

const QUIET = { env: { LITE_TEXT_QUIET: '1' } };

describe('LITE_TEXT_QUIET=1', () => {
  const dir = tempDir('lt-quiet');
  const prompts = join(dir, 'prompts.txt');
  writeFileSync(prompts, 'a cat\nthe red car\n');

  it('ingest prints no summary table and no `wrote` line; --json still prints the summary on stdout', () => {
    const loud = runCli(['ingest', prompts, '-o', join(dir, 'loud.jsonl')]);
    expect(loud.status).toBe(0);
    expect(loud.stderr).toMatch(/^dataset\s+subset\s+prompts/);
    expect(loud.stderr).toContain('wrote 2 prompts to');
    const quiet = runCli(['ingest', prompts, '-o', join(dir, 'quiet.jsonl')], QUIET);
    expect([quiet.status, quiet.stderr, quiet.stdout]).toEqual([0, '', '']);
    expect(existsSync(join(dir, 'quiet.jsonl'))).toBe(true);
    const toStdout = runCli(['ingest', prompts], QUIET);
    expect(toStdout.stderr).toBe('');
    expect(toStdout.stdout.trim().split('\n')).toHaveLength(2);
    const json = runCli(['ingest', prompts, '--json', '-o', join(dir, 'json.jsonl')], QUIET);
    expect(json.stderr).toBe('');
    expect((JSON.parse(json.stdout) as { prompts: number }).prompts).toBe(2);
    // Errors still print.
    const failed = runCli(['ingest', join(dir, 'missing.txt')], QUIET);
    expect(failed.status).toBe(2);
    expect(failed.stderr).toMatch(/missing\.txt: cannot read .*\[E_IO\]\n$/);
  });

  it('embed keeps its result line and drops its `wrote` line', () => {
    const model = tiny(dir, 'm', { convention: 'dynamic' }).path;
    const r = runCli(['embed', '--encoder', model, prompts, '--out', join(dir, 'e.npy')], QUIET);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^embedded 2 prompts .*float32\n$/);
  });
});
