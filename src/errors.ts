/**
 * Errors users can cause are data: a stable code, a one-line message naming the file and the
 * line / pointer / tensor, and a hint. The CLI prints `message (hint)` and exits 2.
 * (In the spirit of vitest's `errors.ts` and zod issues.)
 */
export const ERROR_CODES = [
  'E_USAGE', // bad flags or arguments
  'E_IO', // unreadable path, permission, missing file
  'E_INPUT_FORMAT', // malformed JSON / CSV / YAML / pickle / parquet, invalid JSON line
  'E_NO_ADAPTER', // no adapter recognises a file
  'E_ADAPTER_MISMATCH', // a forced adapter does not match the file
  'E_UNSAFE_PICKLE', // a pickle opcode that would import or call code
  'E_SKIPPED', // a record that would be skipped, under --strict
  'E_EMPTY_CORPUS', // nothing to analyze
  'E_TOKENIZER', // tokenizer file unreadable or malformed
  'E_ENCODER_IO', // ONNX model whose inputs/outputs match no convention
  'E_ENCODER', // ONNX model that fails to load or run
  'E_DEVICE', // execution provider not available
  'E_REPORT', // report file that is not a lite-text report / unknown schemaVersion
  'E_CONFIG', // tables config invalid
  'E_LIMIT', // a size/depth limit that protects memory
  'E_INPUT_MISMATCH', // two inputs that should describe the same prompts do not (compare)
  'E_OOV', // a prompt uses a token id a pruned encoder no longer has
  'E_SHARD', // shards to merge: one missing, given twice, or from another run (corpus, model, settings, N)
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export class LiteTextError extends Error {
  override readonly name = 'LiteTextError';
  readonly code: ErrorCode;
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, hint?: string) {
    super(oneLine(message));
    this.code = code;
    this.hint = hint === undefined ? undefined : oneLine(hint);
  }
}

/** Why a path could not be read, in words every command uses (`no such file or directory` for ENOENT). */
export function readFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code !== undefined && Object.hasOwn(READ_ERRNOS, code)) return READ_ERRNOS[code]!;
  const message = error instanceof Error ? error.message : String(error);
  // Node's own words for other errnos: "EIO: i/o error, read" → "i/o error".
  return /^E[A-Z0-9]+: ([^,]+)/.exec(message)?.[1] ?? code ?? message;
}

const READ_ERRNOS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EISDIR: 'is a directory',
  ENOTDIR: 'not a directory (or a part of its path is not)',
  ELOOP: 'a symlink loop',
};

/**
 * A file that cannot be read, as one line every command words the same: `PATH: cannot read[ WHAT]
 * (no such file or directory)`. `code`: the command's own error code (E_IO unless it says otherwise).
 */
export function cannotRead(path: string, error: unknown, hint: string, options: { what?: string; code?: ErrorCode } = {}): LiteTextError {
  return new LiteTextError(options.code ?? 'E_IO', `${path}: cannot read${options.what === undefined ? '' : ` ${options.what}`} (${readFailure(error)})`, hint);
}

export function isLiteTextError(error: unknown): error is LiteTextError {
  return error instanceof LiteTextError;
}

/** Messages are one line: newlines and other control characters from user data are escaped. */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (c) => (c === '\n' ? '\\n' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

/** A short, printable excerpt of user text for messages. */
export function excerpt(text: string, max = 60): string {
  const shown = text.length > max ? `${text.slice(0, max)}…` : text;
  return JSON.stringify(shown);
}
