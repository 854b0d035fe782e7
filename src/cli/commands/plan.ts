import { Command } from 'commander';
import { ARCH_NAMES } from '../../analyzers/encoder-anatomy/arch.js';
import { LiteTextError } from '../../errors.js';
import { archName, plan, planMarkdown, STUDENTS, studentName } from '../../plan/index.js';
import type { CliCommand } from '../command.js';

export const planCommand: CliCommand = {
  name: 'plan',
  examples: [
    'lite-text plan reports/demo/report.json --arch sam3',
    'lite-text plan reports/demo/report.json --arch sam3 --max-truncation 0.01 --student litetext-s0 --json',
  ],
  register(program, io) {
    const cmd = new Command('plan')
      .description('compression plan from an analyze report: the shortest context, the vocabulary rows needed, and what each cut and each built-in student saves')
      .argument('<report>', 'a report.json written by `analyze` (or its folder)')
      .option('--max-truncation <r>', 'largest share of prompts the shortest context may truncate', ratio, 0.001)
      .option('--arch <name>', `the teacher's built-in architecture when the report has no encoder anatomy (${ARCH_NAMES.join(', ')})`, archName)
      .option('--student <name>', `the student to highlight (${STUDENTS.join(', ')})`, studentName)
      .option('--agreement <file>', 'an agreement.json from `compare` measured on --student')
      .option('--json', 'print the plan as JSON', false)
      .action((report: string, o: { maxTruncation: number; arch?: string; student?: string; agreement?: string; json: boolean }) => {
        const p = plan({ report, maxTruncation: o.maxTruncation, arch: o.arch, student: o.student, agreement: o.agreement });
        io.stdout.write(o.json ? `${JSON.stringify(p, null, 2)}\n` : planMarkdown(p));
      });
    program.addCommand(cmd);
  },
};

function ratio(value: string): number {
  const r = Number(value);
  if (!(r >= 0 && r < 1) || value.trim() === '') throw new LiteTextError('E_USAGE', `--max-truncation ${value}: expected a share in [0, 1), e.g. 0.001`, '0.001 = 0.1 % of prompts');
  return r;
}
