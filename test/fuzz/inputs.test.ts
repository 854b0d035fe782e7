import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/ingest.js';
import type { Prompt } from '../../src/corpus/prompt.js';
import { assertProperty, outcome, Tally, type Outcome } from './harness.js';
import { mutations, type Mutation } from './mutate.js';
import { adapterSeeds } from './seeds.js';

/**
 * Input kinds that are not plain files in plain folders, through the ingest pipeline in process:
 * random trees of files, folders, symlinks to files and folders (into the tree, to an ancestor: a
 * loop, to themselves, to nowhere), FIFOs and null devices (made with mkfifo/mknod inside the temp
 * folder), walked or globbed; and single FIFOs holding a (mutated) seed, which must read exactly as
 * the same bytes in a regular file. Each case ends in prompts or a LiteTextError, never a hang.
 */
const dir = mkdtempSync(join(tmpdir(), 'lt-fuzz-inputs-'));
const writers: ChildProcess[] = [];
const stopWriters = () => {
  for (const w of writers.splice(0)) if (w.exitCode === null && w.signalCode === null) w.kill('SIGKILL');
};
afterEach(stopWriters);
afterAll(() => {
  stopWriters();
  rmSync(dir, { recursive: true, force: true });
});
const seeds = adapterSeeds();
/** Tree files: every seed but a lite-text corpus (its records keep the source they were written with). */
const treeSeeds = seeds.filter((s) => s.adapter !== 'corpus');
const tally = new Tally();
afterAll(() => console.log(`fuzz inputs: ${tally.total} cases: ${tally.toString()}`));
let caseNo = 0;

function make(tool: string, args: string[]): void {
  const r = spawnSync(tool, args);
  if (r.status !== 0) throw new Error(`${tool} ${args.join(' ')}: ${r.stderr?.toString() ?? r.error?.message}`);
}

interface Entry {
  kind: 'file' | 'dir' | 'link' | 'fifo' | 'null';
  parent: number;
  seed: number;
  mutate: Mutation | null;
  /** For links: an index into the entries made so far (or -1: itself, -2: nowhere). */
  target: number;
}

const entry: fc.Arbitrary<Entry> = fc.record({
  kind: fc.constantFrom<Entry['kind']>('file', 'file', 'dir', 'dir', 'link', 'link', 'link', 'fifo', 'null'),
  parent: fc.nat(),
  seed: fc.nat(),
  mutate: fc.option(mutations, { freq: 3 }),
  target: fc.integer({ min: -2, max: 40 }),
});

/** Builds the tree under `root`; returns the paths made (the root first). */
function build(root: string, entries: readonly Entry[]): string[] {
  mkdirSync(root, { recursive: true });
  const dirs = [root];
  const made = [root];
  entries.forEach((e, i) => {
    const parent = dirs[e.parent % dirs.length]!;
    const seed = treeSeeds[e.seed % treeSeeds.length]!;
    const name = e.kind === 'file' ? `${i}-${seed.path.replace(/[/\\]/g, '_')}` : `${i}-${e.kind}`;
    const path = join(parent, name);
    if (e.kind === 'file') writeFileSync(path, e.mutate ? e.mutate(seed.bytes) : seed.bytes);
    else if (e.kind === 'dir') {
      mkdirSync(path);
      dirs.push(path);
    } else if (e.kind === 'fifo') make('mkfifo', [path]);
    else if (e.kind === 'null') make('mknod', [path, 'c', '1', '3']);
    else {
      const target = e.target === -1 ? path : e.target === -2 ? join(parent, 'nowhere') : made[e.target % made.length]!;
      // Entries are made in real folders only, so a relative target means what it says.
      symlinkSync(relative(parent, target) || '.', path);
    }
    made.push(path);
  });
  return made;
}

function isFifo(path: string): boolean {
  try {
    return statSync(path).isFIFO();
  } catch {
    return false;
  }
}

/** Every prompt names a path the walk reached (under the root as given, links not resolved), and no real file is read twice. */
function checkProvenance(prompts: readonly Prompt[], root: string, what: string): void {
  const byReal = new Map<string, string>();
  for (const p of prompts) {
    expect(p.source.file.startsWith(root), `${what}: ${p.source.file} is not under ${root}`).toBe(true);
    const real = realpathSync(p.source.file);
    const first = byReal.get(real) ?? p.source.file;
    byReal.set(real, first);
    expect(p.source.file, `${what}: ${real} read as ${first} and as ${p.source.file}`).toBe(first);
  }
}

async function run(inputs: string[], options: Record<string, unknown>, what: string, names?: string): Promise<Outcome> {
  const o = await outcome(() => loadCorpus(inputs, options), what, names);
  tally.add(o);
  return o;
}

describe('fuzz: symlinks, loops, FIFOs and devices', () => {
  it('random trees with symlinks (loops included), FIFOs and null devices end in prompts or a LiteTextError', async () => {
    await assertProperty('input-trees', fc.asyncProperty(
      fc.array(entry, { minLength: 1, maxLength: 10 }),
      fc.constantFrom('folder', 'glob', 'link'),
      fc.record({ strict: fc.boolean(), allowEmpty: fc.boolean() }),
      async (entries, how, options) => {
        const root = join(dir, `tree-${caseNo++}`);
        try {
          const made = build(root, entries);
          // Named explicitly, a FIFO is read (and waits for a writer, as `cat` does): name only links to others.
          const inputs = how === 'folder' ? [root] : how === 'glob' ? [join(root, '**/*')] : made.slice(1).filter((p, i) => entries[i]!.kind === 'link' && !isFifo(p));
          if (inputs.length === 0) inputs.push(root);
          const what = `${how} of ${entries.map((e) => e.kind).join(',')}`;
          const o = await run(inputs, options, what);
          if (o.kind === 'result') checkProvenance((o.value as { prompts: Prompt[] }).prompts, root, what);
        } finally {
          stopWriters();
          rmSync(root, { recursive: true, force: true });
        }
      },
    ), 300);
  }, 240_000);

  it('a FIFO named as input reads exactly as the same bytes in a regular file', async () => {
    await assertProperty('fifos', fc.asyncProperty(
      fc.nat(),
      fc.option(mutations, { freq: 2 }),
      async (i, mutate) => {
        const seed = seeds[i % seeds.length]!;
        const bytes = mutate ? mutate(seed.bytes) : seed.bytes;
        const base = join(dir, `fifo-${caseNo++}`);
        const file = join(base, 'file', seed.path);
        const fifo = join(base, 'fifo', seed.path);
        try {
          mkdirSync(dirname(file), { recursive: true });
          mkdirSync(dirname(fifo), { recursive: true });
          writeFileSync(file, bytes);
          make('mkfifo', [fifo]);
          // The writer blocks until ingest opens the FIFO; a second open would wait forever (the bug).
          // Another process: ingest may read the FIFO synchronously, which would block a writer here.
          writers.push(spawn(process.execPath, ['-e', 'const fs = require("node:fs"); fs.writeFileSync(process.argv[2], fs.readFileSync(process.argv[1]))', file, fifo], { stdio: 'ignore' }));
          const what = `${seed.path} (${bytes.length} bytes)`;
          const fromFifo = await run([fifo], { allowEmpty: true }, `FIFO ${what}`, fifo);
          const fromFile = await run([file], { allowEmpty: true }, `file ${what}`, file);
          const summary = (o: Outcome) => (o.kind === 'result' ? (o.value as { prompts: Prompt[] }).prompts.map((p) => p.text) : o.error.code);
          // A format read in two passes (SA-Co with images before annotations) cannot be from a stream: said so.
          if (fromFifo.kind === 'error' && fromFifo.error.message.includes('can be read only once')) return;
          expect(summary(fromFifo), `${what}: ${fromFifo.kind === 'error' ? fromFifo.error.message : ''} / ${fromFile.kind === 'error' ? fromFile.error.message : ''}`).toEqual(summary(fromFile));
        } finally {
          stopWriters();
          rmSync(base, { recursive: true, force: true });
        }
      },
    ), 80);
  }, 240_000);
});
