import { analyzers, type Registry } from '../analyzers/index.js';
import { CORE_DEFINITIONS } from './core-schema.js';

/** The definitions every report carries (and the README repeats): the runner's, then each analyzer's in registry order. */
export function definitionsOf(registry: Registry = analyzers): Record<string, string> {
  return Object.assign({}, CORE_DEFINITIONS.head, ...registry.map((a) => a.definitions), CORE_DEFINITIONS.tail);
}
