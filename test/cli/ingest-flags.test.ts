// Adapter flags: built once for every command; two adapters may share a flag only through one
// declaration, and a flag's default is its adapter's option default.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Adapter, AdapterFlag } from '../../src/corpus/adapter.js';
import { adapterFlags } from '../../src/corpus/adapter-flags.js';
import { adapters, findAdapter } from '../../src/corpus/adapters/index.js';

const fake = (name: string, flags: AdapterFlag[], options: z.ZodType = z.object({})): Adapter => ({
  name, description: name, options: options as Adapter['options'], flags, detect: () => null, read: async function* () {},
});

describe('adapter flags', () => {
  it('the registry builds: every flag once, shared ones listing every adapter that takes them', () => {
    const flags = adapterFlags(adapters);
    expect(new Set(flags.map((f) => f.key)).size).toBe(flags.length);
    expect(flags.find((f) => f.key === 'field')!.adapters).toEqual(['jsonl', 'json']);
    expect(flags.find((f) => f.key === 'column')!.adapters).toEqual(['csv', 'tsv']);
  });

  it('takes each default from the adapter\'s options schema', () => {
    const flags = adapterFlags(adapters);
    const lvisDefaults = findAdapter('lvis')!.options.parse({}) as Record<string, unknown>;
    expect(flags.find((f) => f.key === 'names')!.default).toBe(lvisDefaults['names']);
    expect(flags.find((f) => f.key === 'synonyms')!.default).toBe(lvisDefaults['synonyms']);
    const saCo = findAdapter('sa-co')!.options.parse({}) as Record<string, unknown>;
    expect(flags.find((f) => f.key === 'saCoSource')!.default).toBe(saCo['saCoSource']);
    // --no-quotes: commander's own default (true) stands for the option.
    expect(flags.find((f) => f.key === 'quotes')!.default).toBeUndefined();
  });

  it('throws when two adapters declare the same flag name separately', () => {
    const a = fake('a', [{ flags: '--field <name>', description: 'a field' }]);
    const b = fake('b', [{ flags: '--field <path>', description: 'another field' }]);
    expect(() => adapterFlags([a, b])).toThrow(/adapters a and b both declare a flag named --field <path>/);
  });

  it('accepts one shared declaration, but not with different defaults', () => {
    const shared = { flags: '--mode <m>', description: 'mode' };
    expect(adapterFlags([fake('a', [shared]), fake('b', [shared])])[0]!.adapters).toEqual(['a', 'b']);
    const one = fake('a', [shared], z.object({ mode: z.string().default('x') }));
    const two = fake('b', [shared], z.object({ mode: z.string().default('y') }));
    expect(() => adapterFlags([one, two])).toThrow(/share --mode <m> with different defaults/);
  });

  it('throws when an adapter declares one of the pipeline\'s own flags', () => {
    expect(() => adapterFlags([fake('a', [{ flags: '--keep-empty', description: 'x' }])])).toThrow(/pipeline's own ingest flags/);
  });
});
