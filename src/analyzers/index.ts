import { contextAnalyzer } from './context/index.js';
import { encoderAnatomyAnalyzer } from './encoder-anatomy/index.js';
import { intrinsicDimAnalyzer } from './intrinsic-dim/index.js';
import type { Analyzer } from './types.js';
import { vocabularyAnalyzer } from './vocabulary/index.js';

/** The analyzer registry; `--analyzers a,b` selects by name. Order is the report's section order. */
export const analyzers: Array<Analyzer<any>> = [contextAnalyzer, vocabularyAnalyzer, encoderAnatomyAnalyzer, intrinsicDimAnalyzer];

export function findAnalyzer(name: string): Analyzer<any> | undefined {
  return analyzers.find((a) => a.name === name);
}
