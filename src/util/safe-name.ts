/**
 * Names that become parts of output paths (a report's default folder `reports/<name>/`, a tables
 * dataset) must never steer a path: letters, digits, `_`, `-`, `+`, `.`; no `/`, `\`, `..`, and no
 * leading dot.
 */
export const SAFE_NAME = /^(?!.*\.\.)[A-Za-z0-9][\w.+-]*$/;
export const SAFE_NAME_RULE = 'a name of letters, digits, "_", "-", "+" and ".", without "/" or ".."';

export function isSafeName(name: string): boolean {
  return SAFE_NAME.test(name);
}

/** A safe name derived from any text (a file stem): other characters become `-`, leading non-alphanumerics and `..` go. */
export function toSafeName(text: string, fallback: string): string {
  const name = text.replace(/[^\w.+-]+/g, '-').replace(/\.{2,}/g, '.').replace(/^[^A-Za-z0-9]+/, '');
  return isSafeName(name) ? name : fallback;
}
