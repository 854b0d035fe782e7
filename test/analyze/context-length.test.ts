import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'lite-text-ctx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Window { length: number; density: number; paddingWaste: number; truncationRate: number }

describe('analyze --context-length N', () => {
  it('makes N one of the windows, prints the line for N, and does not call N SAM3\'s', () => {
    const out = join(dir, 'l20');
    const r = runCli(['analyze', '--context-length', '20', '--format', 'json,md', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { tokenizer: { contextLength: number }; settings: { contextLengths: number[] }; context: { windows: Window[] } };
    expect(report.tokenizer.contextLength).toBe(20);
    expect(report.settings.contextLengths).toEqual([8, 16, 20, 32, 77]);
    const w20 = report.context.windows.find((w) => w.length === 20);
    expect(w20).toBeDefined();
    // The console line is the L=20 window's, with the report's own numbers.
    expect(r.stdout).toContain(`context 20: density ${(w20!.density * 100).toFixed(1)} %, padding waste ${(w20!.paddingWaste * 100).toFixed(1)} %, truncated ${(w20!.truncationRate * 100).toFixed(2)} %`);
    const md = readFileSync(join(out, 'report.md'), 'utf8');
    expect(md).toContain('(context length 20; SAM3 uses 32)');
    expect(md).not.toContain('SAM3 uses 20');
  });

  it('a length already in --context-lengths is not repeated', () => {
    const out = join(dir, 'l16');
    const r = runCli(['analyze', '--context-length', '16', '--context-lengths', '8,16', '--format', 'json', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { settings: { contextLengths: number[] } };
    expect(report.settings.contextLengths).toEqual([8, 16]);
    expect(r.stdout).toMatch(/^context 16: density/m);
  });
});
