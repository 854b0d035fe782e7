// report.md of the demo corpus, compared exactly after masking the time and absolute paths
// (vitest-reporter style). Regenerate on purpose with UPDATE_GOLDEN=1 and review the diff.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runMain } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

const GOLDEN = join(ROOT, 'test/analyze/fixtures/demo/report.md');

export function mask(markdown: string, out: string): string {
  return markdown
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, '<time>')
    .split(out).join('<out>')
    .split(ROOT).join('<root>');
}

describe('report.md of the demo corpus', () => {
  it('is exactly the reviewed Markdown', async () => {
    const out = tempDir('lt-md');
    const result = await runMain(['analyze', '--out', out, '--format', 'md']);
    expect(result.status).toBe(0);
    const actual = mask(readFileSync(join(out, 'report.md'), 'utf8'), out);
    if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(GOLDEN, actual);
    expect(actual).toBe(readFileSync(GOLDEN, 'utf8'));
    expect(actual).toContain('| 32 | ');
  });
});
