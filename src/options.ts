import type { z } from 'zod';

/**
 * How one option of a zod option set appears on the command line. The flag's name comes from the
 * option's key (`idSample` → `--id-sample`), its parser, choices and default from the option's schema.
 */
export interface FlagSpec {
  description: string;
  /** Placeholder of the flag's value (`<n>`, `<list>`); none for booleans. */
  arg?: string;
  /** Allowed values where the schema takes any string but the CLI offers a closed list. */
  choices?: readonly string[];
  /** For a `string | false` option: the `--no-<name>` flag's description. */
  negate?: string;
}

/** One entry per option: its flag, or false for an option the CLI sets otherwise (arguments, nested sets). */
export type FlagsOf<O extends z.ZodObject> = { [K in keyof O['shape']]: FlagSpec | false };
