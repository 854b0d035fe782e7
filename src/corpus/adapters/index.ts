import type { Adapter } from '../adapter.js';

/**
 * The adapter registry: one file per source format, each a plain object. Detection asks every
 * adapter and takes the highest confidence; ties resolve by this order (specific before generic).
 */
export const adapters: Array<Adapter<any>> = [];

export function findAdapter(name: string): Adapter<any> | undefined {
  return adapters.find((a) => a.name === name);
}
