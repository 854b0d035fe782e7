/** A leaf of a report's JSON tree: its path (as the threshold language writes it) and its value. */
export type LeafValue = number | string | boolean | null;
export interface Leaf {
  path: string;
  /** The top-level key it belongs to (`report` for top-level scalars), per dataset or file: `context · lvis`. */
  section: string;
  value: LeafValue;
}

/** Paths never compared: they differ on every run. */
const IGNORED = new Set(['createdAt']);

/**
 * Array elements that are objects with a unique `length` (context windows), `layer`, `k`, `id` or `name`
 * are addressed by that value (`context.windows[32]`), so reordering or inserting one does not
 * misalign the rest; other arrays by position.
 */
const ARRAY_KEYS = ['length', 'layer', 'k', 'id', 'name'];

/** Every leaf of a JSON tree, keyed by path, in document order. */
export function flatten(root: Record<string, unknown>): Map<string, Leaf> {
  const out = new Map<string, Leaf>();
  for (const [key, value] of Object.entries(root)) {
    if (IGNORED.has(key)) continue;
    const section = isContainer(value) ? key : 'report';
    walk(value, key, section, out);
  }
  return out;
}

function walk(value: unknown, path: string, section: string, out: Map<string, Leaf>): void {
  if (Array.isArray(value)) {
    const key = arrayKey(value);
    value.forEach((item, i) => walk(item, `${path}[${key === undefined ? i : String((item as Record<string, unknown>)[key])}]`, section, out));
  } else if (isContainer(value)) {
    // One summary row per dataset (and per file): `context.byDataset.lvis...` belongs to `context · lvis`.
    const grouped = !section.includes(' · ') && (path === `${section}.byDataset` || path === `${section}.byFile`);
    for (const [k, v] of Object.entries(value)) walk(v, `${path}.${k}`, grouped ? `${section} · ${k}` : section, out);
  } else {
    out.set(path, { path, section, value: value as LeafValue });
  }
}

function arrayKey(items: unknown[]): string | undefined {
  if (items.length === 0 || !items.every(isContainer) || items.some(Array.isArray)) return undefined;
  for (const key of ARRAY_KEYS) {
    const values = items.map((item) => (item as Record<string, unknown>)[key]);
    if (values.every((v) => typeof v === 'number' || typeof v === 'string') && new Set(values).size === values.length) return key;
  }
  return undefined;
}

function isContainer(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
