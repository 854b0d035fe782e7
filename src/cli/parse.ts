import { InvalidArgumentError } from 'commander';

/** commander argument parsers; their errors become `error: option ... argument ... is invalid` (exit 2). */
export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive integer');
  return n;
}

export function intList(value: string): number[] {
  const list = value.split(',').map((s) => s.trim()).filter(Boolean).map(positiveInt);
  if (list.length === 0) throw new InvalidArgumentError('expected a comma-separated list of positive integers');
  return [...new Set(list)].sort((a, b) => a - b);
}

export function nonNegativeInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a non-negative integer');
  return n;
}
