// Adding an analyzer = its folder + one registry line: a tiny analyzer registered in-process shows up in
// the report schema, the JSON Schema, analyze()'s output, the Markdown, the charts, the definitions and
// analyze's flags, with no edit to shared code.
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { analyze, type AnalyzeOptions } from '../../src/analyze.js';
import { analyzeOptionsSchemaOf } from '../../src/analyze-options.js';
import { analyzers } from '../../src/analyzers/index.js';
import { defineAnalyzer } from '../../src/analyzers/types.js';
import { addAnalyzeFlags, analyzeOptionsFromFlags } from '../../src/cli/analyze-flags.js';
import type { Prompt } from '../../src/corpus/prompt.js';
import { reportCharts } from '../../src/report/charts.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { reportSchemaOf } from '../../src/report/schema.js';

const promptChars = defineAnalyzer({
  name: 'prompt-chars',
  section: 'promptChars',
  description: 'prompts longer than a number of characters',
  needs: ['tokens'],
  options: z.object({ charLimit: z.number().int().positive().default(10) }),
  flags: { charLimit: { arg: 'n', description: 'prompts longer than N characters are counted' } },
  result: z.object({ longer: z.number().int().nonnegative() }),
  run: (ctx) => ({ longer: ctx.prompts.filter((p) => p.text.length > ctx.settings.charLimit).length }),
  markdown: (r) => ['## Prompt characters', '', `${r.longer} prompt(s) over the limit.`, ''],
  charts: (r) => [{ file: 'prompt-chars.svg', title: 'Prompts over the limit', spec: { data: { values: [r] }, mark: 'bar', encoding: { y: { field: 'longer', type: 'quantitative' } } } }],
  definitions: { 'promptChars.longer': 'prompts whose text has more than charLimit UTF-16 code units.' },
  settingsLine: (s) => (s.charLimit === undefined ? undefined : `char limit ${s.charLimit}`),
});
const registry = [...analyzers, promptChars] as const;

const prompts: Prompt[] = ['a cat', 'a small wooden chair', 'dog', 'the person holding an umbrella'].map((text, i) => ({
  id: String(i), text, dataset: 'd', kind: 'free', source: { file: 'x.txt', line: i + 1 },
}) as Prompt);

describe('a registered analyzer', () => {
  it('runs with its own options and lands in the report, the schema, the Markdown, the charts and the definitions', async () => {
    const report = await analyze({ inputs: ['x.txt'], charLimit: 5, createdAt: 'now' } as AnalyzeOptions, { prompts, analyzers: registry });
    const raw = report as unknown as Record<string, unknown>;
    expect(raw['promptChars']).toEqual({ longer: prompts.filter((p) => p.text.length > 5).length });
    expect(report.settings.analyzers).toContain('prompt-chars');
    expect(report.settings['charLimit']).toBe(5);
    expect(report.definitions['promptChars.longer']).toBe(promptChars.definitions['promptChars.longer']);

    const schema = reportSchemaOf(registry);
    expect(schema.safeParse(report).success).toBe(true);
    expect(schema.safeParse({ ...report, promptChars: { longer: -1 } }).success).toBe(false);
    const json = z.toJSONSchema(schema, { unrepresentable: 'any' }) as { properties: Record<string, { properties?: Record<string, unknown> }> };
    expect(Object.keys(json.properties)).toContain('promptChars');
    expect(Object.keys(json.properties['settings']!.properties!)).toContain('charLimit');

    const md = renderMarkdown(report, [], registry);
    expect(md).toContain(`## Prompt characters\n\n${prompts.filter((p) => p.text.length > 5).length} prompt(s) over the limit.`);
    expect(md).toContain(', char limit 5');
    expect(md.indexOf('## Vocabulary')).toBeLessThan(md.indexOf('## Prompt characters'));
    expect(reportCharts(report, registry).map((c) => c.file)).toEqual(['token-lengths.svg', 'vocabulary-coverage.svg', 'prompt-chars.svg']);
  });

  it('gets a flag whose parser and default come from its option schema', () => {
    const cmd = addAnalyzeFlags(new Command('analyze').exitOverride(), registry);
    expect(cmd.helpInformation().replace(/\s+/g, ' ')).toContain('--char-limit <n> prompts longer than N characters are counted (default: 10)');
    cmd.parse(['--char-limit', '7', '--width', '512'], { from: 'user' });
    const options = analyzeOptionsFromFlags([], cmd.opts(), registry);
    expect(options).toMatchObject({ charLimit: 7, width: 512 });
    expect(options.ingest).not.toHaveProperty('charLimit');
    expect(options.ingest).not.toHaveProperty('width');
    expect(() => addAnalyzeFlags(new Command('analyze').exitOverride().configureOutput({ writeErr: () => {} }), registry).parse(['--char-limit', '0'], { from: 'user' })).toThrow(/positive integer/);
  });

  it('may not declare an option another analyzer (or the runner) declares', () => {
    const withOption = (name: string, key: string) => defineAnalyzer({
      name, section: name, description: name, needs: ['tokens'], options: z.object({ [key]: z.boolean().default(false) }), flags: { [key]: false },
      result: z.object({}), run: () => ({}), markdown: () => [], definitions: {},
    });
    expect(() => analyzeOptionsSchemaOf([...analyzers, withOption('clash', 'width')])).toThrow(/clash: option "width" is already declared/);
    expect(() => analyzeOptionsSchemaOf([withOption('core-clash', 'dedupe')])).toThrow(/core-clash: option "dedupe" is already declared/);
  });
});
