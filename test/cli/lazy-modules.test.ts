// Start-up: a command loads only the packages its run uses (CONTRIBUTING.md, "Keep heavy modules
// lazy"). Each case runs the built CLI with a loader hook that lists every module it loads.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

const dir = tempDir('lt-lazy');
const HEAVY = ['onnxruntime-node', 'onnxruntime-common', 'onnx-proto', 'protobufjs', 'js-yaml', 'csv-parse', '@huggingface/tokenizers'];

/** The packages (under node_modules) a CLI run loaded, and its exit status. */
function packagesLoaded(args: string[], name: string): { status: number | null; packages: Set<string>; modules: string[] } {
  const log = join(dir, `${name}.log`);
  writeFileSync(log, '');
  const hook = join(ROOT, 'test/helpers/module-log.mjs');
  const result = spawnSync(process.execPath, ['--import', hook, join(ROOT, 'bin/lite-text.js'), ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, LITE_TEXT_TEST_MODULE_LOG: log } });
  const modules = readFileSync(log, 'utf8').split('\n').filter(Boolean);
  const packages = new Set(modules.flatMap((url) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1] ?? []));
  return { status: result.status, packages, modules };
}

describe('lazy modules', () => {
  writeFileSync(join(dir, 'small.jsonl'), Array.from({ length: 10 }, (_, i) => `${JSON.stringify({ text: `a cat number ${i}` })}\n`).join(''));

  it.each([
    ['analyze without an encoder', ['analyze', 'small.jsonl', '--format', 'json', '--out', 'report']],
    ['tokenize', ['tokenize', 'a cat']],
  ])('%s loads none of onnxruntime, onnx-proto, js-yaml, csv-parse, @huggingface/tokenizers', (name, args) => {
    const run = packagesLoaded(args, name.replace(/\W+/g, '-'));
    expect(run.status).toBe(0);
    // The hook saw the run: the CLI's own bundle is in the list.
    expect(run.modules.some((url) => url.endsWith('/dist/cli.js'))).toBe(true);
    expect(HEAVY.filter((p) => run.packages.has(p))).toEqual([]);
  });

  it('the hook sees a lazily loaded package: an ODinW YAML config loads js-yaml', () => {
    writeFileSync(join(dir, 'odinw.yaml'), 'DATASETS:\n  OVERRIDE_CATEGORY: \'[{"id": 1, "name": "cat", "supercategory": "animal"}]\'\n');
    const run = packagesLoaded(['ingest', 'odinw.yaml', '--out', 'odinw.jsonl'], 'odinw');
    expect(run.status).toBe(0);
    expect(run.packages.has('js-yaml')).toBe(true);
  });

  it('the bundle holds no zod locale but English (scripts/build.mjs)', () => {
    const bundled = readdirSync(join(ROOT, 'dist')).filter((f) => f.endsWith('.js')).flatMap((f) => readFileSync(join(ROOT, 'dist', f), 'utf8').match(/^\/\/ node_modules\/zod\/v4\/locales\/[\w-]+\.js$/gm) ?? []);
    expect(bundled).toEqual(['// node_modules/zod/v4/locales/en.js']);
  });
});
