// The command registry: each command declares what its command line needs started first; the
// registry itself imports nothing of what it starts (scripts/check-cycles.mjs guards the imports).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commandOf } from '../../src/cli/commands/index.js';
import { ROOT } from '../helpers/cli.js';

const needs = (...args: string[]) => {
  const argv = ['node', 'lite-text', ...args];
  return commandOf(argv)?.needs?.(argv) ?? {};
};

describe('command registry start-up needs', () => {
  it('id asks for kNN worker threads, with --threads as given', () => {
    expect(needs('id', 'x.npy')).toEqual({ knnWorkers: { threads: undefined } });
    expect(needs('id', 'x.npy', '--threads', '3')).toEqual({ knnWorkers: { threads: 3 } });
    expect(needs('id', 'x.npy', '--threads=1')).toEqual({ knnWorkers: { threads: 1 } });
    expect(needs('id', 'x.npy', '--threads=x').knnWorkers?.threads).toBeNaN();
  });

  it('analyze asks for the kNN threads only with an encoder (--threads counts them as in id and compare), and for its tokenize thread unless --threads 1; commands without a kNN ask for nothing', () => {
    const sam3 = { tokenizeThread: { spec: 'sam3' } };
    expect(needs('analyze', 'c.jsonl', '--encoder', 'm.onnx')).toEqual({ knnWorkers: { threads: undefined }, ...sam3 });
    expect(needs('analyze', 'c.jsonl', '--encoder', 'm.onnx', '--threads', '2')).toEqual({ knnWorkers: { threads: 2 }, ...sam3 });
    expect(needs('compare', 'a.npy', 'b.npy', '--threads=3')).toEqual({ knnWorkers: { threads: 3 } });
    expect(needs('analyze', 'c.jsonl')).toEqual(sam3);
    expect(needs('analyze', 'c.jsonl', '--tokenizer=x/tokenizer.json')).toEqual({ tokenizeThread: { spec: 'x/tokenizer.json' } });
    expect(needs('analyze', 'c.jsonl', '--threads', '1')).toEqual({});
    expect(needs('tokenize', '--threads', '4')).toEqual({});
    expect(commandOf(['node', 'lite-text', '--help'])).toBeUndefined();
  });
});

describe('scripts/check-cycles.mjs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lite-text-cycles-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const check = (sub: string) => {
    try {
      execFileSync(process.execPath, [join(ROOT, 'scripts/check-cycles.mjs'), join(dir, sub)], { stdio: 'pipe', encoding: 'utf8' });
      return { status: 0, stderr: '' };
    } catch (err) {
      const e = err as { status: number; stderr: string };
      return { status: e.status, stderr: e.stderr };
    }
  };
  const write = (files: Record<string, string>) => {
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(join(dir, name, '..'), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
  };

  it('finds a cycle through a type-only import and a dynamic import, and names its files', () => {
    write({
      'cyclic/a.ts': "import type { B } from './sub/b.js';\nexport type A = B;\n",
      'cyclic/sub/b.ts': "export type B = number;\nexport const load = () => import('../a.js');\n",
    });
    const { status, stderr } = check('cyclic');
    expect(status).toBe(1);
    expect(stderr).toContain('cyclic/a.ts <-> ');
    expect(stderr).toContain('cyclic/sub/b.ts');
  });

  it('passes a tree of imports (shared leaf, packages ignored)', () => {
    write({
      'tree/a.ts': "import { c } from './c.js';\nimport { z } from 'zod';\nexport const a = [c, z];\n",
      'tree/b.ts': "import { c } from './c.js';\nimport { a } from './a.js';\nexport const b = [a, c];\n",
      'tree/c.ts': 'export const c = 1;\n',
    });
    expect(check('tree').status).toBe(0);
  });
});
