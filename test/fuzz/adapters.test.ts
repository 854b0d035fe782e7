import fc from 'fast-check';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { adapters } from '../../src/corpus/adapters/index.js';
import { loadCorpus } from '../../src/corpus/ingest.js';
import { PromptSchema } from '../../src/corpus/prompt.js';
import { assertProperty, outcome, Tally } from './harness.js';
import { byteMutation, jsonMutations, mutations, raggedRows, yamlAliasBomb, yamlMutations, type Mutation } from './mutate.js';
import { adapterSeeds, py2Pickle, refsValue, type Seed } from './seeds.js';

/**
 * Every adapter through the ingest pipeline (loadCorpus on a temp file, in process): mutated seeds
 * of each format, detected or forced (also forced onto the wrong format), with random adapter flags.
 * Each case ends in prompts or a LiteTextError naming the file — never another exception or a hang.
 */
const dir = mkdtempSync(join(tmpdir(), 'lt-fuzz-adapters-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const seeds = adapterSeeds();
let caseNo = 0;

function place(relPath: string, bytes: Buffer): string {
  const file = join(dir, String(caseNo++ % 64), relPath);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, bytes);
  return file;
}

const mutationFor = (seed: Seed): fc.Arbitrary<Mutation> => {
  switch (seed.kind) {
    case 'json': return jsonMutations;
    case 'yaml': return yamlMutations;
    case 'csv': return fc.oneof(raggedRows, mutations);
    default: return mutations;
  }
};

/** Flags users pass (valid and invalid values), drawn per case. */
const options = fc.record({
  strict: fc.boolean(),
  keepEmpty: fc.boolean(),
  saCoSource: fc.constantFrom('pairs', 'categories', 'bogus'),
  dedupeAnnotators: fc.boolean(),
  synonyms: fc.boolean(),
  names: fc.constantFrom('raw', 'readable'),
  column: fc.constantFrom('prompt', 'Prompt', '2,3', 'nope', '0', '-1'),
  field: fc.constantFrom('text', 'prompt', 'caption', 'a.b', ''),
  pointer: fc.constantFrom('/data/prompts', '/0', '/', '/nope/~2'),
  quotes: fc.boolean(),
}, { requiredKeys: [] });

const adapterChoice = fc.oneof(
  { arbitrary: fc.constant<'detect' | 'own'>('detect'), weight: 3 },
  { arbitrary: fc.constant<'detect' | 'own'>('own'), weight: 2 },
  { arbitrary: fc.constantFrom(...adapters.map((a) => a.name)), weight: 1 },
);

const tally = new Tally();
afterAll(() => console.log(`fuzz adapters: ${tally.total} cases: ${tally.toString()}`));

async function check(file: string, opts: Record<string, unknown>, what: string): Promise<void> {
  const o = await outcome(() => loadCorpus([file], opts), what, file);
  tally.add(o);
  if (o.kind === 'result') {
    const { prompts } = o.value as Awaited<ReturnType<typeof loadCorpus>>;
    // What comes out is a valid Prompt record (the corpus writer relies on it).
    for (const p of prompts.slice(0, 50)) expect(PromptSchema.safeParse(p).success, `${what}: invalid prompt ${JSON.stringify(p).slice(0, 200)}`).toBe(true);
    // ... and serializes as `ingest -o` writes it (a BigInt, a cycle or a 20k-deep meta value would throw here).
    for (const p of prompts) JSON.parse(JSON.stringify(p));
  }
}

describe('fuzz: adapters', () => {
  it('mutated seeds of every format end in prompts or a LiteTextError', async () => {
    await assertProperty('adapters', fc.asyncProperty(
      fc.integer({ min: 0, max: seeds.length - 1 }).chain((i) => fc.tuple(fc.constant(i), mutationFor(seeds[i]!))),
      adapterChoice,
      options,
      async ([i, mutate], choice, opts) => {
        const seed = seeds[i]!;
        const bytes = mutate(seed.bytes);
        const file = place(seed.path, bytes);
        const adapter = choice === 'detect' ? undefined : choice === 'own' ? seed.adapter : choice;
        await check(file, { ...opts, ...(adapter === undefined ? {} : { adapter }) }, `${seed.path} (${bytes.length} bytes, adapter ${adapter ?? 'detected'})`);
      },
    ), 5200);
  }, 240_000);

  it('pickles with unexpected, truncated or code-running opcodes end in prompts or a LiteTextError', async () => {
    const opcode = fc.oneof(
      fc.constantFrom(0x63, 0x69, 0x6f, 0x52, 0x62, 0x81, 0x92, 0x93, 0x82, 0x83, 0x84, 0x50, 0x51, 0x96, 0x97, 0x98, 0xff, 0x00, 0x2e, 0x28, 0x30, 0x31, 0x32, 0x67, 0x68, 0x6a, 0x94, 0x95, 0x8a, 0x8b, 0x8d, 0x8e, 0x64, 0x73, 0x75, 0x61, 0x65),
      fc.integer({ min: 0, max: 255 }),
    );
    const injection = fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.array(opcode, { minLength: 1, maxLength: 4 }), fc.uint8Array({ maxLength: 9 })), { minLength: 0, maxLength: 4 });
    await assertProperty('pickles', fc.asyncProperty(
      fc.array(fc.string({ maxLength: 30, unit: 'binary' }), { maxLength: 6 }),
      fc.constantFrom<0 | 1 | 2>(0, 1, 2),
      fc.constantFrom('refcoco/refs(unc).p', 'refcocog/refs(umd).p', 'refs(google).p', 'data.pkl'),
      injection,
      fc.option(byteMutation, { freq: 3 }),
      fc.boolean(),
      async (texts, protocol, path, inject, extra, force) => {
        let bytes = py2Pickle(refsValue(texts, 'val'), protocol);
        for (const [p, ops, operand] of inject) {
          const at = Math.floor(p * bytes.length);
          bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(ops), Buffer.from(operand), bytes.subarray(at)]);
        }
        if (extra) bytes = extra(bytes);
        const file = place(path, bytes);
        await check(file, force ? { adapter: 'refcoco' } : {}, `${path} (protocol ${protocol}, ${bytes.length} bytes)`);
      },
    ), 1800);
  }, 240_000);

  it('a YAML alias bomb in an ODinW config is refused or read without blowing up', async () => {
    await assertProperty('yaml-bombs', fc.asyncProperty(
      fc.integer({ min: 2, max: 30 }), fc.integer({ min: 2, max: 12 }), fc.constantFrom('OVERRIDE_CATEGORY', 'CAPTION_PROMPT', 'TRAIN'),
      async (levels, width, key) => {
        const file = place('bomb.yaml', Buffer.from(`${yamlAliasBomb(levels, width, key)}\n  OVERRIDE_CATEGORY: '[{"id": 1, "name": "x"}]'\n`));
        await check(file, { adapter: 'odinw' }, `alias bomb ${levels}×${width} at ${key}`);
        await check(file, {}, `alias bomb ${levels}×${width} at ${key} (detected)`);
      },
    ), 150);
  }, 240_000);
});
