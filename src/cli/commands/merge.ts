import { Command } from 'commander';
import { mergeEmbeddings } from '../../encoder/merge-embeddings.js';
import { LiteTextError } from '../../errors.js';
import { checkOutputFile } from '../../util/output-path.js';
import type { CliCommand } from '../command.js';
import { counted } from '../../util/plural.js';

export const mergeCommand: CliCommand = {
  name: 'merge',
  examples: [
    'lite-text merge part-1.npy part-2.npy part-3.npy --out all.npy',
    'lite-text merge parts/*.npy --out all.npy',
  ],
  register(program, io) {
    const cmd = new Command('merge')
      .description('join the shards of `embed --shard K/N` into the files one `embed` run writes (byte for byte): FILE.npy, .index.jsonl (+ .offsets.npy)')
      .argument('<parts...>', 'the shards\' .npy files (each with its .index.jsonl, .shard.json and, for --pooling tokens, .offsets.npy beside it), in any order')
      .requiredOption('--out <file.npy>', 'merged .npy; FILE.index.jsonl (and FILE.offsets.npy) beside it')
      .action(async (parts: string[], opts: { out: string }) => {
        if (!opts.out.endsWith('.npy')) throw new LiteTextError('E_USAGE', `--out ${opts.out}: expected a .npy file name`, 'e.g. --out embeddings.npy');
        checkOutputFile(opts.out);
        const r = await mergeEmbeddings(parts, opts.out);
        io.stderr.write(`merged ${counted(parts.length, 'shard')}: ${counted(r.prompts, 'prompt')} -> [${r.rows}, ${r.cols}] float32\n`);
        io.logger.info(`wrote ${r.written.join(', ')}`);
      });
    program.addCommand(cmd);
  },
};
