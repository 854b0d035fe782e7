import { InvalidArgumentError } from 'commander';

/**
 * commander argument parsers. Their reasons name the value (and the element of a list), and
 * usage-errors.ts puts the flag in front: `--context-lengths: element 1 ("0") must be a positive integer`.
 */
export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0 || value.trim() === '') throw new InvalidArgumentError(`${JSON.stringify(value)} must be a positive integer`);
  return n;
}

export function intList(value: string): number[] {
  const items = value.split(',').map((s) => s.trim());
  const list = items.flatMap((item, i) => {
    if (item === '') return [];
    const n = Number(item);
    if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError(`element ${i + 1} (${JSON.stringify(item)}) must be a positive integer`);
    return [n];
  });
  if (list.length === 0) throw new InvalidArgumentError(`${JSON.stringify(value)} must be a comma-separated list of positive integers`);
  return [...new Set(list)].sort((a, b) => a - b);
}

export function nonNegativeInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || value.trim() === '') throw new InvalidArgumentError(`${JSON.stringify(value)} must be a non-negative integer`);
  return n;
}

/** A finite number ≥ 0 (`1e-5`, `0.01`). */
export function nonNegativeNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || value.trim() === '') throw new InvalidArgumentError(`${JSON.stringify(value)} must be a non-negative number, e.g. 1e-5`);
  return n;
}
