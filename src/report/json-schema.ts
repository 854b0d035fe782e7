import * as z from 'zod';
import { ReportSchema } from './schema.js';

/** The report's JSON Schema, generated from the zod schema (shipped as schemas/report.schema.json). */
export function reportJsonSchema(): object {
  return {
    ...z.toJSONSchema(ReportSchema, { target: 'draft-2020-12', unrepresentable: 'any' }),
    $id: 'https://lite-text.dev/schemas/report.schema.json',
    title: 'lite-text report',
  };
}
