import type { Command } from 'commander';
import type { CliIO } from '../io.js';
import { analyzeCommand } from './analyze.js';
import { embedCommand } from './embed.js';
import { inspectEncoderCommand } from './inspect-encoder.js';
import { diffCommand } from './diff.js';
import { ingestCommand } from './ingest.js';
import { idCommand } from './id.js';
import { tablesCommand } from './tables.js';
import { tokenizeCommand } from './tokenize.js';

/** A CLI command: commander wiring only (parse flags -> options -> core call -> reporters -> exit code). */
export interface CliCommand {
  name: string;
  register(program: Command, io: CliIO, setExit: (code: number) => void): void;
}

// The registry: one module per command, in the order `--help` lists them (the pipeline's order).
export const commands: CliCommand[] = [
  ingestCommand,
  tokenizeCommand,
  analyzeCommand,
  embedCommand,
  inspectEncoderCommand,
  idCommand,
  diffCommand,
  tablesCommand,
];
