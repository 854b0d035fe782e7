/**
 * A count and its noun in agreement: `1 prompt`, `2 prompts` (`many` for another plural: `1 entry`,
 * `2 entries`); `format` writes the number (`toLocaleString` for thousands separators).
 */
export function counted(n: number, one: string, many = `${one}s`, format: (n: number) => string = String): string {
  return `${format(n)} ${n === 1 ? one : many}`;
}
