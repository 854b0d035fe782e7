import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('lite-text CLI', () => {
  it('prints help and exits 0', () => {
    const result = runCli(['--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Usage: lite-text');
  });

  it('rejects an unknown command with exit 2 and no stack trace', () => {
    const result = runCli(['no-such-command']);
    expect(result.status).toBe(2);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
