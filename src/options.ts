import * as z from 'zod';

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

/**
 * zod's parse options for a schema parsed once per run (an option set, a report section). zod
 * compiles a parser per object schema on its first parse (`new Function`, about 1 ms each), which
 * pays off only over many parses: a corpus's records keep it.
 */
export const PARSE_ONCE = { jitless: true } as const;

/** One entry per option: its flag, or false for an option the CLI sets otherwise (arguments, nested sets). */
export type FlagsOf<O extends z.ZodObject> = { [K in keyof O['shape']]: FlagSpec | false };

/**
 * `--threads`, the same on every command that takes it: every thread the command may use, onnxruntime's
 * intra-op threads (an encoder, PCA) and the exact kNN's worker threads alike.
 */
export const ThreadsOptionSchema = z.object({ threads: z.number().int().positive().optional() });
export const THREADS_FLAGS: FlagsOf<typeof ThreadsOptionSchema> = {
  threads: { arg: 'n', description: "threads in all: onnxruntime's intra-op threads, the exact kNN's worker threads and analyze's tokenize thread (1: the main thread only; default: one per core, the kNN at most 8)" },
};
