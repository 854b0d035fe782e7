// tables: the committed reports/ci is what corpora/ci.yaml generates (the CI check itself), --check
// fails with a readable unified diff when one input prompt changes, output is deterministic and holds
// no absolute path, configs are validated.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { LiteTextError } from '../../src/errors.js';
import { embed, openEncoder } from '../../src/encoder/index.js';
import { writeTinyEncoder } from '../../src/encoder/testing/generate.js';
import { denseMatrix, estimate } from '../../src/estimators/index.js';
import { loadTokenizer } from '../../src/tokenizer/index.js';
import { checkTables, generateTables, loadTablesConfig, unifiedDiff, writeTables, type TableFiles } from '../../src/tables.js';
import { writeRefCocoFixtures } from '../corpus/fixtures/refcoco.js';
import { ROOT, SHARED, runMain } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

const dir = tempDir('lt-tables');
const config = join(dir, 'config', 'small.yaml');
const out = join(dir, 'out');
const CONFIG = `name: small
dedupe: exact
datasets:
  - name: referring
    inputs: [../data/referring_expressions.jsonl]
    ingest: { adapter: jsonl, field: text }
  - name: categories
    inputs: [../data/demo_categories.json]
    ingest: { adapter: coco-categories }
encoders:
  - { name: sam3, arch: sam3 }
  - { name: litetext-s0, arch: litetext-s0 }
`;
let files: TableFiles;

beforeAll(async () => {
  mkdirSync(join(dir, 'config'));
  cpSync(join(ROOT, 'corpora/demo'), join(dir, 'data'), { recursive: true });
  writeFileSync(config, CONFIG);
  files = await generateTables(config);
}, 60_000);

describe('lite-text tables', () => {
  it('CI: the committed reports/ci is exactly what corpora/ci.yaml generates', async () => {
    const r = await runMain(['tables', '--config', 'corpora/ci.yaml', '--out', 'reports/ci', '--check']);
    expect(r.stdout + r.stderr).toContain('tables up to date: 5 file(s) in reports/ci match corpora/ci.yaml');
    expect(r.status).toBe(0);
  });

  it('writes one Markdown file per table plus tables.json, the same bytes every time, with no absolute path', async () => {
    expect([...files.keys()]).toEqual(['prompts.md', 'context.md', 'vocabulary.md', 'encoders.md', 'tables.json']);
    const again = await generateTables(config);
    expect(again).toEqual(files);
    for (const [name, content] of files) {
      expect(content, name).not.toContain(dir);
      expect(content, name).not.toContain(ROOT);
      expect(content, name).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:\d\d/);
    }
    const json = JSON.parse(files.get('tables.json')!);
    expect(json.datasets.map((d: { name: string; inputs: string[] }) => [d.name, d.inputs])).toEqual([['referring', ['../data/referring_expressions.jsonl']], ['categories', ['../data/demo_categories.json']]]);
    // The referring expressions are all distinct, one per line.
    const n = readFileSync(join(dir, 'data', 'referring_expressions.jsonl'), 'utf8').trimEnd().split('\n').length;
    expect(json.tables.prompts[0]).toMatchObject({ dataset: 'referring', prompts: n, unique: n });
    expect(json.tables.prompts.at(-1).prompts).toBe(n + json.tables.prompts[1].prompts);
    expect(json.tables.context[0].windows.map((w: { length: number }) => w.length)).toEqual([8, 16, 32]);
    // Table 4 from the built-in architecture descriptions: S0 has 88 % fewer parameters than SAM3.
    expect(json.tables.encoders.map((e: { encoder: string; parameters: number }) => [e.encoder, e.parameters])).toEqual([['sam3', 353_724_672], ['litetext-s0', 42_535_168]]);
    expect(files.get('encoders.md')).toContain('| litetext-s0 | `litetext-s0` | 42,535,168 | 25,296,896 | 8,192 |');
    expect(files.get('encoders.md')).toMatch(/\| 88\.0 % \|$/m);
  });

  it('--check exits 1 with a unified diff when one input prompt changes', async () => {
    await writeTables(files, out);
    expect(readFileSync(join(out, 'prompts.md'), 'utf8')).toBe(files.get('prompts.md'));
    expect(checkTables(files, out)).toEqual([]);
    const jsonl = join(dir, 'data', 'referring_expressions.jsonl');
    const original = readFileSync(jsonl, 'utf8');
    writeFileSync(jsonl, original.replace('"the woman holding a coffee cup"', '"the woman holding a large paper coffee cup with a lid"'));
    try {
      const r = await runMain(['tables', '--config', config, '--out', out, '--check']);
      expect(r.status).toBe(1);
      expect(r.stdout).toContain(`--- ${join(out, 'prompts.md')}\n+++ ${join(out, 'prompts.md')} (regenerated)\n@@ `);
      // The mean token count of the referring row moves (5 more tokens over the same number of prompts).
      const removed = /^-\| referring \| (\d+) \| \1 \| ([\d.]+) \|/m.exec(r.stdout);
      const added = /^\+\| referring \| (\d+) \| \1 \| ([\d.]+) \|/m.exec(r.stdout);
      expect(added![1]).toBe(removed![1]);
      expect(Number(added![2])).toBeGreaterThan(Number(removed![2]));
      expect(r.stdout).toContain(`+++ ${join(out, 'tables.json')} (regenerated)`);
      expect(r.stdout).not.toContain('encoders.md');
      expect(r.stderr).toMatch(/table file\(s\) in .* differ from what .*small\.yaml generates: prompts\.md, context\.md, vocabulary\.md, tables\.json/);
      // --check never writes.
      expect(readFileSync(join(out, 'prompts.md'), 'utf8')).toBe(files.get('prompts.md'));
    } finally {
      writeFileSync(jsonl, original);
    }
  });
});

describe('checkTables', () => {
  it('flags a missing file and a table file the config no longer produces', async () => {
    const dir2 = join(dir, 'stale');
    await writeTables(files, dir2);
    const fewer = new Map([...files].filter(([name]) => name !== 'encoders.md'));
    const drift = checkTables(fewer, dir2);
    expect(drift.map((d) => d.file)).toEqual(['encoders.md']);
    expect(drift[0]!.diff).toContain(`--- ${join(dir2, 'encoders.md')}\n+++ /dev/null (no longer generated)\n@@ -1,`);
    const more = new Map([...files, ['extra.md', 'x\n']]);
    expect(checkTables(more, dir2)).toEqual([{ file: 'extra.md', diff: `--- /dev/null\n+++ ${join(dir2, 'extra.md')} (regenerated)\n@@ -0,0 +1 @@\n+x\n` }]);
  });
});

describe('ONNX encoders (tables 4 and 5)', () => {
  let counts: ReturnType<typeof writeTinyEncoder>['counts'];
  beforeAll(() => {
    ({ counts } = writeTinyEncoder(join(dir, 'config', 'models'), { convention: 'usls', file: 'tiny.onnx' }));
  });

  it('table 4: counts the parameters by component and shows the path as written in the config', async () => {
    const file = join(dir, 'config', 'onnx.yaml');
    writeFileSync(file, 'name: onnx\ndatasets:\n  - { name: d, inputs: [../data/demo_categories.json], ingest: { adapter: coco-categories } }\nencoders:\n  - { name: sam3, arch: sam3 }\n  - { name: tiny, onnx: models/tiny.onnx }\ntables: [encoders]\n');
    const files = await generateTables(file);
    expect([...files.keys()]).toEqual(['encoders.md', 'tables.json']);
    const row = JSON.parse(files.get('tables.json')!).tables.encoders[1];
    const layers = counts.layers.reduce((s, l) => s + l.attention + l.mlp + l.norms, 0);
    expect(row).toMatchObject({ encoder: 'tiny', source: 'models/tiny.onnx', parameters: counts.total, tokenEmbedding: counts.tokenEmbedding, positionalEmbedding: counts.positionalEmbedding, blocks: layers });
    expect(row.other).toBe(counts.finalNorm + counts.resizer + counts.projection);
    expect(files.get('encoders.md')).not.toContain(dir);
  });

  it('table 5: the intrinsic dimension of the encoder\'s embeddings of the analyzed prompts', async () => {
    const file = join(dir, 'config', 'id.yaml');
    writeFileSync(file, 'name: id\ndatasets:\n  - { name: d, inputs: [../data/referring_expressions.jsonl, ../data/demo_categories.json] }\nencoders:\n  - { name: sam3, arch: sam3 }\n  - { name: tiny, onnx: models/tiny.onnx, pooling: eot }\n');
    const files = await generateTables(file);
    expect([...files.keys()]).toEqual(['prompts.md', 'context.md', 'vocabulary.md', 'encoders.md', 'intrinsic-dim.md', 'tables.json']);
    const json = JSON.parse(files.get('tables.json')!);
    const [row] = json.tables['intrinsic-dim'];
    // Independently: the distinct prompt texts of the inputs, embedded (eot) and estimated.
    const texts = [...new Set([
      ...readFileSync(join(dir, 'data', 'referring_expressions.jsonl'), 'utf8').trimEnd().split('\n').map((l) => (JSON.parse(l) as { text: string }).text),
      ...(JSON.parse(readFileSync(join(dir, 'data', 'demo_categories.json'), 'utf8')) as { categories: Array<{ name: string }> }).categories.map((c) => c.name),
    ])];
    expect(row).toMatchObject({ encoder: 'tiny', source: 'models/tiny.onnx', pooling: 'eot', prompts: texts.length });
    expect(json.tables.prompts.at(-1).unique).toBe(texts.length);
    const tokenizer = await loadTokenizer('sam3');
    const encoder = await openEncoder(join(dir, 'config', 'models', 'tiny.onnx'));
    const emb = await embed(encoder, texts.map((t) => tokenizer.encode(t)), { pooling: 'eot' });
    await encoder.close();
    const e = await estimate(denseMatrix(emb.data, emb.rows, emb.cols));
    expect(row.width).toBe(emb.cols);
    expect([row.pca90, row.pca95, row.pca99]).toEqual([e.pca!.components90, e.pca!.components95, e.pca!.components99]);
    for (const [f, v] of Object.entries(e.twoNN!)) expect(row.twoNN[f]).toBe(Number(v.toPrecision(6)));
    for (const [k, v] of Object.entries(e.mle!)) expect(row.mle[k]).toBe(Number(v.mle.toPrecision(6)));
    expect(Object.keys(row.twoNN)).toEqual(['0.05', '0.1', '0.2']);
    expect(files.get('intrinsic-dim.md')).toMatch(/^\| tiny \| `models\/tiny.onnx` \| eot \| \d+ \| \d+ \|/m);
    expect(files.get('intrinsic-dim.md')).not.toMatch(/^\| sam3 /m);
  });
});

describe('tables config', () => {
  it('corpora/paper.yaml describes the six benchmarks of the study, de-duplicated exactly across the corpus', () => {
    const paper = loadTablesConfig(join(ROOT, 'corpora/paper.yaml'));
    expect(paper.datasets.map((d) => [d.name, d.ingest['adapter']])).toEqual([
      ['rf100-vl', 'coco-categories'], ['sa-co-gold', 'sa-co'], ['sa-co-silver', 'sa-co'], ['sa-co-veval', 'sa-co'], ['lvis', 'lvis'], ['refcoco', 'refcoco'],
    ]);
    expect(paper.dedupe).toBe('exact');
    expect(paper.datasets.every((d) => d.dedupe === undefined)).toBe(true);
    expect(paper.datasets[3]!.ingest).toEqual({ adapter: 'sa-co', saCoSource: 'pairs' });
  });

  it('corpora/paper.yaml reads the download layout of corpora/README.md (tiny stand-ins for each benchmark)', async () => {
    const root = join(dir, 'paper');
    const put = (path: string, content: string | Buffer) => {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), content);
    };
    put('corpora/paper.yaml', readFileSync(join(ROOT, 'corpora/paper.yaml')));
    const rf = (names: string[]) => JSON.stringify({ images: [], annotations: [], categories: names.map((name, id) => ({ id, name, supercategory: 'none' })) });
    put('data/rf100-vl/cells/train/_annotations.coco.json', rf(['cells', 'platelets']));
    put('data/rf100-vl/cells/test/_annotations.coco.json', rf(['cells', 'platelets']));
    put('data/rf100-vl/boats/valid/_annotations.coco.json', rf(['boat', 'buoy', 'cells']));
    const gold = readFileSync(join(ROOT, 'corpora/demo/gold_demo_merged_a_release_test.json'));
    put('data/SACo-Gold/gt-annotations/gold_demo_merged_a_release_test.json', gold);
    put('data/SACo-Gold/gt-annotations/gold_demo_merged_b_release_test.json', gold);
    put('data/SACo-Silver/gt-annotations/silver_demo_merged_test.json', gold);
    put('data/SACo-VEval/annotation/saco_veval_sav_test.json', readFileSync(join(SHARED, 'corpora/saco/saco_veval_sample_gt.json')));
    put('data/lvis/lvis_v1_val.json', readFileSync(join(SHARED, 'corpora/lvis/lvis_v1_train_cat_info.json')));
    writeRefCocoFixtures(join(root, 'data/refer/data'));
    const files = await generateTables(join(root, 'corpora/paper.yaml'));
    const rows = JSON.parse(files.get('tables.json')!).tables.prompts as Array<{ dataset: string; prompts: number; unique: number }>;
    const count = Object.fromEntries(rows.map((r) => [r.dataset, [r.prompts, r.unique]]));
    const demoGold = JSON.parse(gold.toString()).images.length as number;
    expect(count).toMatchObject({
      'rf100-vl': [7, 4],
      'sa-co-gold': [demoGold, demoGold], // --dedupe-annotators: the b file repeats the a file's pairs
      'sa-co-silver': [demoGold, demoGold],
      'sa-co-veval': [8, 8],
      lvis: [1203, 1198], // readable names collide: bow, fish, octopus, pan, salmon (e.g. fish_(food) → fish)
      refcoco: [18, 6], // 3 pickles × 6 non-empty sentences, the same six texts
    });
    // The "all" row de-duplicates across datasets ("cells" once; SA-Co Gold and Silver are the same file here).
    expect(count['all']![0]).toBe(7 + 2 * demoGold + 8 + 1203 + 18);
    expect(count['all']![1]).toBeLessThan(4 + 2 * demoGold + 8 + 1198 + 6);
  });

  const configError = async (yaml: string) => {
    const file = join(dir, 'config', `bad-${Math.random().toString(36).slice(2)}.yaml`);
    writeFileSync(file, yaml);
    try {
      await generateTables(file);
    } catch (error) {
      expect((error as LiteTextError).code).toBe('E_CONFIG');
      return (error as LiteTextError).message;
    }
    throw new Error('no error');
  };
  const dataset = '  - { name: d, inputs: [../data/demo_categories.json], ingest: { adapter: coco-categories } }\n';

  it.each([
    ['name: ../escape\ndatasets:\n' + dataset, /: name: .*without "\/" or "\.\."/],
    ['name: x\ndatasets:\n  - { name: a/b, inputs: [../data/demo_categories.json] }\n', /datasets\.0\.name: /],
    ['name: x\ndatasets:\n  - { name: a, inputs: [../data/demo_categories.json], ingest: { colour: red } }\n', /datasets\.0\.ingest\.colour: unknown ingest flag/],
    ['name: x\ndatasets:\n' + dataset + 'encoders: [{ name: sam3, arch: sam3 }]\ntables: [intrinsic-dim]\n', /tables: "intrinsic-dim" needs an ONNX encoder \(built-in architecture descriptions have no weights/],
    ['name: x\ndatasets:\n' + dataset + 'tables: [pca]\n', /tables: unknown table "pca"/],
    ['name: x\ndatasets:\n' + dataset + 'tables: [encoders]\n', /tables: "encoders" needs encoders, and the config lists none/],
    ['name: x\ndatasets:\n' + dataset + 'encoders: [{ name: e, arch: sam3, onnx: m.onnx }]\n', /encoders\.0: give exactly one of arch or onnx/],
    ['name: x\ndatasets:\n  - name: [unclosed\n', /:4:1: malformed YAML/],
    ['name: x\ndatasets: []\n', /datasets: /],
  ])('rejects %j', async (yaml, message) => {
    expect(await configError(yaml)).toMatch(message);
  });

  it('names the dataset and the config when an input is missing', async () => {
    const file = join(dir, 'config', 'missing.yaml');
    writeFileSync(file, 'name: x\ndatasets:\n  - { name: gone, inputs: [../data/nope.json] }\n');
    await expect(generateTables(file)).rejects.toThrow(`${file}: dataset gone: `);
  });

  it('a dataset\'s error speaks of the config\'s ingest keys, not of command-line flags, in its hint', async () => {
    const file = join(dir, 'config', 'strict.yaml');
    writeFileSync(join(dir, 'config', 'gaps.txt'), 'a cat\n\na dog\n');
    writeFileSync(file, 'name: x\ndatasets:\n  - { name: gaps, inputs: [gaps.txt], ingest: { strict: true } }\n');
    await expect(generateTables(file)).rejects.toMatchObject({ code: 'E_SKIPPED', hint: 'fix the record (ingest, analyze and embed skip it without ingest.strict)' });
  });
});

describe('unifiedDiff', () => {
  // Compared with GNU diff -u on the same texts (headers aside).
  const gnu = (a: string, b: string) => {
    const fa = join(dir, 'ua.txt');
    const fb = join(dir, 'ub.txt');
    writeFileSync(fa, a);
    writeFileSync(fb, b);
    return spawnSync('diff', ['-u', fa, fb], { encoding: 'utf8' }).stdout.split('\n').slice(2).join('\n');
  };
  const lines = (n: number, f: (i: number) => string) => `${Array.from({ length: n }, (_, i) => f(i)).join('\n')}\n`;
  const cases: Array<[string, string, string]> = [
    ['one changed line', lines(20, (i) => `line ${i}`), lines(20, (i) => (i === 9 ? 'changed' : `line ${i}`))],
    ['two hunks, additions and removals', lines(30, (i) => `l${i}`), lines(31, (i) => (i === 2 ? 'new' : i === 25 ? 'x' : `l${i < 2 ? i : i - 1}`))],
    ['change at the start and the end', lines(5, (i) => `a${i}`), lines(5, (i) => (i === 0 || i === 4 ? `b${i}` : `a${i}`))],
    ['from empty', '', 'x\ny\n'],
    ['to empty', 'x\ny\n', ''],
  ];
  it.each(cases)('%s', (_, a, b) => {
    expect(unifiedDiff(a, b, 'a', 'b').split('\n').slice(2).join('\n')).toBe(gnu(a, b));
  });
  it('is empty for equal texts', () => expect(unifiedDiff('x\n', 'x\n', 'a', 'b')).toBe(''));
});
