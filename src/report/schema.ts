import * as z from 'zod';
import { analyzers, type Registry } from '../analyzers/index.js';
import { CoreSettingsShape, ReportCoreSchema } from './core-schema.js';

export { SCHEMA_VERSION } from './core-schema.js';

type Sections<R extends Registry> = { [A in R[number] as A['section']]: z.ZodOptional<A['result']> };

/**
 * The report schema of a registry: the core, each analyzer's result as an optional section (registry
 * order), and the definitions. `settings` holds the runner's settings and every analyzer's options:
 * required for analyzers that need only tokens (always recorded), optional for the others.
 */
export function reportSchemaOf<const R extends Registry>(registry: R) {
  const settings: Record<string, z.ZodType> = { ...CoreSettingsShape };
  const sections: Record<string, z.ZodType> = {};
  for (const a of registry) {
    const always = Array.isArray(a.needs) && a.needs.every((n) => n === 'tokens');
    for (const [key, option] of Object.entries(a.options.shape as Record<string, z.ZodType>)) {
      const inner = option instanceof z.ZodDefault ? (option.unwrap() as z.ZodType) : option;
      settings[key] = always || inner instanceof z.ZodOptional ? inner : inner.optional();
    }
    sections[a.section] = a.result.optional();
  }
  return ReportCoreSchema.extend({
    settings: z.object(settings).catchall(z.unknown()) as unknown as typeof ReportCoreSchema.shape.settings,
    ...(sections as Sections<R>),
    /** The exact definition of every field, as the report states them. */
    definitions: z.record(z.string(), z.string()),
  });
}

export const ReportSchema = reportSchemaOf(analyzers);

export type Report = z.infer<typeof ReportSchema>;
