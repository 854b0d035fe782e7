import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_YAML_ALIASES } from '../../src/corpus/adapters/odinw.js';
import { PyLiteralError, parsePyLiteral } from '../../src/corpus/py-literal.js';
import { collect, texts } from './harness.js';
import { failure, tmpFiles } from './tmp-files.js';

const put = tmpFiles('lt-odinw-');
const config = (datasets: string) => `DATALOADER: {ASPECT_RATIO_GROUPING: false}\nDATASETS:\n${datasets}\n  TEST: ("val",)\nMODEL:\n  ATSS: {NUM_CLASSES: 3}\n`;

describe('Python literals (no eval)', () => {
  it('reads repr-style lists of dicts, escapes, True/False/None, tuples, trailing commas', () => {
    expect(parsePyLiteral("[{'id': 1, 'name': 'flat mushroom', 'supercategory': 'mushroom'},]")).toEqual([{ id: 1, name: 'flat mushroom', supercategory: 'mushroom' }]);
    expect(parsePyLiteral(String.raw`['t\\', "it's", 'a\'b', '\x41\u00e9\n', 'ab' 'cd', '\q', '\101']`)).toEqual(['t\\', "it's", "a'b", 'Aé\n', 'abcd', '\\q', 'A']);
    expect(parsePyLiteral('(1, -2.5, 1e3, 1_000, True, False, None, [], {})')).toEqual([1, -2.5, 1000, 1000, true, false, null, [], {}]);
  });

  it('refuses names, calls and malformed input with the offset', () => {
    const at = (text: string) => {
      try {
        parsePyLiteral(text);
      } catch (error) {
        return error instanceof PyLiteralError ? [error.offset, error.what] : ['not a PyLiteralError'];
      }
      return ['parsed'];
    };
    expect(at("__import__('os').system('x')")).toEqual([0, 'unexpected "_"']);
    expect(at("[{'a': 1} {'b': 2}]")).toEqual([10, "expected ',' or ']'"]);
    expect(at("['abc")).toEqual([5, 'unterminated string']);
    expect(at('[' .repeat(500))).toEqual([201, 'nested too deeply']);
    expect(at("{'a' 1}")).toEqual([5, "expected ':'"]);
    expect(at('[1] 2')).toEqual([4, 'unexpected "2" after the literal']);
  });

  it('agrees with JSON.parse on JSON lists of strings and integers', () => {
    fc.assert(fc.property(fc.array(fc.oneof(fc.string(), fc.integer())), (list) => {
      expect(parsePyLiteral(JSON.stringify(list))).toEqual(list);
    }));
  });
});

describe('odinw', () => {
  it('takes OVERRIDE_CATEGORY names in order, raw, with the key line and a pointer', async () => {
    const file = put('Pieces.yaml', config(`  GENERAL_COPY: 16\n  OVERRIDE_CATEGORY: '[{"id": 1, "name": "  ", "supercategory": "p"}, {"id": 2, "name": "t\\\\", "supercategory": "p"},\n    {"id": 3, "name": "o ", "supercategory": "p"}]'`));
    const run = await collect(file);
    expect(run.adapter).toBe('odinw');
    expect(texts(run)).toEqual(['  ', 't\\', 'o ']);
    expect(run.drafts[2]).toEqual({
      text: 'o ', dataset: 'odinw', subset: 'Pieces', kind: 'category',
      source: { file, line: 4, pointer: '/DATASETS/OVERRIDE_CATEGORY/2/name' }, meta: { id: 3, supercategory: 'p' },
    });
  });

  it('accepts a real YAML list, and skips entries without a name', async () => {
    const file = put('list.yml', config('  OVERRIDE_CATEGORY:\n    - {id: 1, name: cat}\n    - {id: 2}\n    - {id: 3, name: dog}'));
    const run = await collect(file);
    expect(texts(run)).toEqual(['cat', 'dog']);
    expect(run.skips).toEqual([{ reason: 'category without a name string', where: '#/DATASETS/OVERRIDE_CATEGORY/1' }]);
  });

  it('malformed YAML: E_INPUT_FORMAT with line:column', async () => {
    const file = put('broken.yaml', "DATASETS:\n  OVERRIDE_CATEGORY: '[{\"id\": 1}]'\n    bad: [1, 2\n");
    const error = await failure(() => collect(file));
    expect(error.code).toBe('E_INPUT_FORMAT');
    expect(error.message).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:3:\\d+: malformed YAML \\(`));
  });

  it('an OVERRIDE_CATEGORY string that is neither JSON nor Python names its line', async () => {
    const file = put('bad-literal.yaml', config(`  GENERAL_COPY: 16\n  OVERRIDE_CATEGORY: '[{"id": 1, "name": cat}]'`));
    expect(await failure(() => collect(file))).toMatchObject({
      code: 'E_INPUT_FORMAT',
      message: `${file}:4: DATASETS.OVERRIDE_CATEGORY is neither a JSON nor a Python list literal (unexpected "c" at character 20 of the string)`,
    });
    const notList = put('not-list.yaml', config(`  OVERRIDE_CATEGORY: '{"id": 1}'`));
    expect((await failure(() => collect(notList))).message).toBe(`${notList}:3: DATASETS.OVERRIDE_CATEGORY is not a list`);
  });

  it(`refuses YAML with more than ${MAX_YAML_ALIASES} aliases (alias bombs) before parsing`, async () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 12; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(100).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const file = put('bomb.yaml', `DATASETS:\n  OVERRIDE_CATEGORY: '[]'\n${levels.join('\n')}\n`);
    expect(await failure(() => collect(file))).toMatchObject({ code: 'E_LIMIT', message: `${file}: 1100 YAML aliases (more than 1000)` });
  });

  it('forced on YAML without DATASETS.OVERRIDE_CATEGORY: E_ADAPTER_MISMATCH', async () => {
    const file = put('other.yaml', 'MODEL:\n  WEIGHTS: x.pth\n');
    expect(await failure(() => collect(file, {}, 'odinw'))).toMatchObject({ code: 'E_ADAPTER_MISMATCH', message: `${file}: odinw: no DATASETS.OVERRIDE_CATEGORY found` });
    const list = put('list-root.yaml', '- a\n- b\n');
    expect((await failure(() => collect(list, {}, 'odinw'))).code).toBe('E_ADAPTER_MISMATCH');
  });
});
