import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/errors.js';
import { ROOT } from '../helpers/cli.js';

/**
 * Every folder here is one hand-made malformed input and its `expected.json`:
 * `{ "args": [...], "code": "E_...", "names"?: "..." }`. `$OUT` in args is a fresh output folder.
 * Each case runs the built CLI in a scratch copy of its folder (nested two levels down, so a path
 * that escapes is caught too) and must: exit 2; print exactly one line on stderr, ending in the
 * code and naming the file (`names`, default the last argument that is a file of the case); show no
 * stack trace; create no file at all (no output, no leftover temp file, nothing outside).
 */
const HERE = join(ROOT, 'test/bad-inputs');
const cases = readdirSync(HERE).filter((d) => existsSync(join(HERE, d, 'expected.json'))).sort();
const scratch = mkdtempSync(join(tmpdir(), 'lt-bad-inputs-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Expected { args: string[]; code: string; names?: string }

const listFiles = (dir: string): string[] => readdirSync(dir).flatMap((name) => {
  const p = join(dir, name);
  // Files only: an empty output folder made before the input failed is not an output.
  return statSync(p).isDirectory() ? listFiles(p) : [relative(scratch, p)];
});

function runCase(name: string): Promise<{ status: number | null; stderr: string; stdout: string; created: string[]; expected: Expected; cwd: string }> {
  const base = join(scratch, name);
  const cwd = join(base, 'a', 'work');
  cpSync(join(HERE, name), cwd, { recursive: true });
  const out = join(base, 'out');
  const before = new Set(listFiles(base));
  const expected = JSON.parse(readFileSync(join(cwd, 'expected.json'), 'utf8')) as Expected;
  const args = expected.args.map((a) => a.replace('$OUT', out));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/lite-text.js'), ...args], { cwd, env: { ...process.env, LITE_TEXT_QUIET: '1' } });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (d: Buffer) => void (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => void (stdout += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (status) => {
      clearTimeout(timer);
      const created = listFiles(base).filter((f) => !before.has(f));
      resolve({ status, stderr, stdout, created, expected, cwd });
    });
  });
}

describe('bad inputs through the CLI', () => {
  it('has a case for every input kind', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it('each case exits 2 with one line naming the file and its code, no stack trace, no file created', async () => {
    // Two at a time: the machine has two cores.
    const results: Array<Awaited<ReturnType<typeof runCase>> & { name: string }> = [];
    const queue = [...cases];
    await Promise.all([0, 1].map(async () => {
      for (let name = queue.shift(); name !== undefined; name = queue.shift()) results.push({ name, ...(await runCase(name)) });
    }));
    const failures: string[] = [];
    for (const r of results.sort((a, b) => a.name.localeCompare(b.name))) {
      const { expected } = r;
      const lines = r.stderr.split('\n').filter((l) => l !== '');
      const fileArgs = expected.args.filter((a) => !a.startsWith('$OUT') && !a.startsWith('-') && existsSync(join(r.cwd, a)) && statSync(join(r.cwd, a)).isFile());
      const names = expected.names ?? fileArgs[fileArgs.length - 1] ?? '';
      const problems = [
        r.status !== 2 && `exit ${r.status}`,
        !(ERROR_CODES as readonly string[]).includes(expected.code) && `unknown expected code ${expected.code}`,
        lines.length !== 1 && `${lines.length} stderr lines`,
        !lines[0]?.endsWith(`[${expected.code}]`) && `not ${expected.code}`,
        !lines[0]?.includes(names) && `does not name ${names}`,
        /\n\s+at /.test(r.stderr) && 'stack trace',
        r.created.length > 0 && `created ${r.created.join(', ')}`,
      ].filter(Boolean);
      if (problems.length > 0) failures.push(`${r.name}: ${problems.join('; ')} — stderr: ${r.stderr.trim().slice(0, 300)}`);
    }
    expect(failures).toEqual([]);
  }, 300_000);
});
