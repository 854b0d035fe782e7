// analyze says what it skipped, as ingest does: files no adapter reads (a README in the folder, a
// symlink loop) and records by reason, on the console, in report.json (inputs.skipped) and report.md.
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ReportSchema } from '../../src/report/schema.js';
import { runMain } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

describe('analyze: what reading the inputs left out', () => {
  it('reports skipped files and skipped records on the console, in report.json and in report.md', async () => {
    const dir = tempDir('lt-skipped');
    const data = join(dir, 'data');
    mkdirSync(data);
    writeFileSync(join(data, 'prompts.jsonl'), '{"text": "a red car"}\n{"text": "   "}\n{"text": "the dog on the left"}\n{"text": ""}\n');
    writeFileSync(join(data, 'README.md'), '# notes\nnot prompts\n');
    symlinkSync('.', join(data, 'loop'));
    const out = join(dir, 'report');
    const r = await runMain(['analyze', data, '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    const report = ReportSchema.parse(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')));
    const skipped = report.inputs.skipped!;
    expect(skipped.files.map((f) => f.path).sort()).toEqual([join(data, 'README.md'), join(data, 'loop')]);
    expect(skipped.files.find((f) => f.path.endsWith('loop'))!.why).toContain('symlink loop');
    expect(Object.values(skipped.records)).toEqual([2]);
    const reason = Object.keys(skipped.records)[0]!;
    expect(r.stdout).toContain(`skipped 2 file(s): `);
    expect(r.stdout).toContain(`${join(data, 'README.md')} (${skipped.files.find((f) => f.path.endsWith('README.md'))!.why})`);
    expect(r.stdout).toContain(`skipped records: 2 ${reason}`);
    const md = readFileSync(join(out, 'report.md'), 'utf8');
    expect(md).toContain(`- file \`${join(data, 'loop')}\`: `);
    expect(md).toContain(`- 2 record(s) skipped: ${reason}`);
    expect(report.corpus.prompts).toBe(2);
  });

  it('a report written before inputs.skipped existed still parses (diff reads old reports)', async () => {
    const dir = tempDir('lt-skipped-old');
    const out = join(dir, 'r');
    expect((await runMain(['analyze', '--out', out, '--format', 'json'])).status).toBe(0);
    const raw = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { inputs: Record<string, unknown> };
    expect(raw.inputs['skipped']).toEqual({ files: [], records: {}, dropped: {} });
    delete raw.inputs['skipped'];
    writeFileSync(join(out, 'old.json'), JSON.stringify(raw));
    const d = await runMain(['diff', join(out, 'report.json'), join(out, 'old.json')]);
    expect(d.status, d.stderr).toBe(0);
  });
});
