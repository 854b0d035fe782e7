import * as z from 'zod';
import { analyzers, type Registry } from '../analyzers/index.js';
import { LiteTextError } from '../errors.js';
import { ReportCoreSchema } from '../report/core-schema.js';
import type { LoadedReport } from './load.js';
import type { Threshold } from './thresholds.js';

/** How `diff` compares; every field optional (the defaults: exact, every section, no threshold). */
export interface DiffOptions {
  thresholds?: readonly Threshold[];
  /**
   * Relative tolerance: numbers A and B count as equal when |B − A| ≤ tolerance · max(|A|, |B|)
   * (Python's math.isclose with rel_tol, abs_tol 0: symmetric in A and B). 0: exact.
   */
  tolerance?: number;
  /** Report sections to compare (their top-level keys); undefined: all. */
  sections?: ReadonlySet<string>;
}

/**
 * The section names `--section` takes: the report core's object keys, `report` (its top-level scalars),
 * `definitions`, each analyzer's section key, and whatever else either report holds (a later version's).
 */
export function sectionNames(reports: readonly LoadedReport[] = [], registry: Registry = analyzers): string[] {
  const core = Object.entries(ReportCoreSchema.shape).filter(([, schema]) => schema instanceof z.ZodObject).map(([key]) => key);
  const inReports = reports.flatMap((r) => Object.entries(r.raw).filter(([, v]) => typeof v === 'object' && v !== null).map(([key]) => key));
  return [...new Set(['report', ...core, ...registry.map((a) => a.section), 'definitions', ...inReports])];
}

/** `--section` values → section keys; an analyzer's name (`intrinsic-dim`) stands for its section (`intrinsicDim`). */
export function selectSections(names: readonly string[], reports: readonly LoadedReport[], registry: Registry = analyzers): Set<string> {
  const valid = sectionNames(reports, registry);
  return new Set(names.map((name) => {
    const section = registry.find((a) => a.name === name)?.section ?? name;
    if (!valid.includes(section)) throw new LiteTextError('E_USAGE', `--section ${JSON.stringify(name)}: no such report section`, `sections: ${valid.join(', ')}`);
    return section;
  }));
}
