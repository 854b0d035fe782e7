import { Option, type Command } from 'commander';
import * as z from 'zod';
import type { FlagSpec, FlagsOf } from '../options.js';
import { intList, nonNegativeInt, positiveInt } from './parse.js';

/** `idSample` → `id-sample`. */
export const kebab = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/**
 * Adds one flag per option of a zod option set: the name from the key, the parser, choices and default
 * from the schema, the words from `flags`. Commander's parsed keys are then the option keys again.
 */
export function addOptionFlags<O extends z.ZodObject>(cmd: Command, schema: O, flags: FlagsOf<O>): Command {
  for (const [key, spec] of Object.entries(flags) as Array<[string, FlagSpec | false]>) {
    if (spec === false) continue;
    for (const option of optionsFor(key, (schema.shape as Record<string, z.ZodType>)[key]!, spec)) cmd.addOption(option);
  }
  return cmd;
}

/** The options of a set that have flags, picked out of commander's parsed flags (the schema then parses them). */
export function optionsFromFlags<O extends z.ZodObject>(flags: FlagsOf<O>, parsed: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(flags)) if (spec !== false && parsed[key] !== undefined) out[key] = parsed[key];
  return out;
}

function optionsFor(key: string, field: z.ZodType, spec: FlagSpec): Option[] {
  let inner = field;
  let fallback: unknown;
  for (;;) {
    if (inner instanceof z.ZodDefault) {
      fallback = inner.def.defaultValue;
      inner = inner.unwrap() as z.ZodType;
    } else if (inner instanceof z.ZodOptional) inner = inner.unwrap() as z.ZodType;
    else break;
  }
  const name = `--${kebab(key)}`;
  const option = new Option(spec.arg === undefined ? name : `${name} <${spec.arg}>`, spec.description);
  const extra: Option[] = [];
  if (inner instanceof z.ZodBoolean) {
    option.default(fallback ?? false);
    return [option];
  }
  if (inner instanceof z.ZodNumber) option.argParser(integerParser(inner, key));
  else if (inner instanceof z.ZodArray) option.argParser<unknown>(inner.element instanceof z.ZodNumber ? intList : splitNames);
  else if (inner instanceof z.ZodEnum) option.choices(inner.options.map(String));
  else if (inner instanceof z.ZodUnion && spec.negate !== undefined) extra.push(new Option(`--no-${kebab(key)}`, spec.negate));
  else if (!(inner instanceof z.ZodString)) throw new Error(`option ${key}: no flag for a ${inner.def.type} schema`);
  if (spec.choices) option.choices([...spec.choices]);
  if (fallback !== undefined) option.default(fallback);
  return [option, ...extra];
}

/** Integer flags: positive or non-negative, as the schema says (its own check decides). */
function integerParser(schema: z.ZodNumber, key: string): (value: string) => number {
  if (schema.safeParse(0.5).success) throw new Error(`option ${key}: only integer flags are supported`);
  return schema.safeParse(0).success ? nonNegativeInt : positiveInt;
}

function splitNames(value: string): string[] {
  return value.split(',').map((s) => s.trim()).filter(Boolean);
}
