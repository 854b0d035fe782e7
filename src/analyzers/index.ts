import { contextAnalyzer } from './context/index.js';
import { encoderAnatomyAnalyzer } from './encoder-anatomy/index.js';
import { intrinsicDimAnalyzer } from './intrinsic-dim/index.js';
import type { AnyAnalyzer } from './types.js';
import { vocabularyAnalyzer } from './vocabulary/index.js';

/**
 * The analyzer registry; `--analyzers a,b` selects by name. Order is the report's section order.
 * The report schema, Markdown, charts, definitions, analyze's flags and diff are all built from it.
 */
export const analyzers = [contextAnalyzer, vocabularyAnalyzer, encoderAnatomyAnalyzer, intrinsicDimAnalyzer] as const satisfies readonly AnyAnalyzer[];

export type Registry = readonly AnyAnalyzer[];

export function findAnalyzer(name: string, registry: Registry = analyzers): AnyAnalyzer | undefined {
  return registry.find((a) => a.name === name);
}
