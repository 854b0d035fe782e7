import { accessSync, constants, lstatSync, readlinkSync, statSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { LiteTextError, isLiteTextError } from '../errors.js';

/**
 * Where an output path really writes. A regular file (or a new path) is replaced atomically: a temp
 * file beside it, then a rename. A symlink is written through: the rename lands on its final target,
 * so the link stays a link. A device, FIFO or socket is written in place (no temp file, no rename, no
 * chmod): `-o /dev/null` must never replace /dev/null with a regular file.
 */
export interface OutputTarget {
  /** The path as given (messages name it). */
  given: string;
  /** Where the bytes go: the path itself, or the final target of a symlink chain. */
  path: string;
  /** A device, FIFO or socket: written in place. */
  inPlace: boolean;
  /** The permission bits of an existing regular file, kept by its replacement. */
  mode?: number;
}

// Linux's own limit on symlinks followed in one path lookup (MAXSYMLINKS).
const MAX_LINKS = 40;

/** Resolves `given` without creating anything; a folder, a symlink loop or a path through a file is E_IO. */
export function resolveOutput(given: string): OutputTarget {
  let path = given;
  for (let links = 0; ; links++) {
    const stat = lstatOrUndefined(path, given);
    if (stat === undefined) return { given, path, inPlace: false };
    if (stat.isSymbolicLink()) {
      if (links >= MAX_LINKS) throw ioError(given, errno('ELOOP'));
      path = resolve(dirname(path), readlinkSync(path));
      continue;
    }
    if (stat.isDirectory()) throw ioError(given, errno('EISDIR'));
    if (stat.isFile()) return { given, path, inPlace: false, mode: stat.mode & 0o7777 };
    return { given, path, inPlace: true };
  }
}

/**
 * Checks, before any compute, that a file output can be written: not a folder, its folder (or the
 * nearest one that exists: missing folders are made at write time) writable, a device or FIFO
 * writable. Full disks can only show at write time; those errors are E_IO too (ioError).
 */
export function checkOutputFile(given: string): OutputTarget {
  const target = resolveOutput(given);
  if (target.inPlace) {
    access(target.path, constants.W_OK, given);
  } else {
    checkWritableFolder(dirname(resolve(target.path)), given);
  }
  return target;
}

/** The same check for an output folder (reports, charts, tables): it, or its nearest existing parent, is a writable folder. */
export function checkOutputDir(given: string): void {
  checkWritableFolder(resolve(given), given);
}

function checkWritableFolder(dir: string, given: string): void {
  let at = dir;
  let stat: Stats | undefined;
  // The nearest existing ancestor (following symlinks): the one a write would create folders in.
  while ((stat = statOrUndefined(at, given)) === undefined && dirname(at) !== at) at = dirname(at);
  if (stat === undefined) return;
  if (!stat.isDirectory()) throw ioError(given, errno('ENOTDIR'), at);
  access(at, constants.W_OK | constants.X_OK, given);
}

function access(path: string, mode: number, given: string): void {
  try {
    accessSync(path, mode);
  } catch (error) {
    throw ioError(given, error, path);
  }
}

function lstatOrUndefined(path: string, given: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return undefined;
    throw ioError(given, error);
  }
}

function statOrUndefined(path: string, given: string): Stats | undefined {
  try {
    return statSync(path);
  } catch (error) {
    const code = errnoCode(error);
    if (code === 'ENOENT') return undefined;
    throw ioError(given, error, code === 'ENOTDIR' ? path : undefined);
  }
}

/** What each errno means for a write, and what to do about it. */
const WRITE_ERRNOS: Record<string, [what: string, hint: string]> = {
  ENOSPC: ['no space left on the device', 'free some space or write to another disk'],
  EDQUOT: ['disk quota exceeded', 'free some space or write to another disk'],
  EFBIG: ['file too large for this file system or limit', 'write to another file system'],
  EROFS: ['read-only file system', 'write to a writable location'],
  EACCES: ['permission denied', 'write to a folder you can write to'],
  EPERM: ['operation not permitted (an immutable or protected file?)', 'write to a folder you can write to'],
  EISDIR: ['is a folder', 'give a file name, not a folder'],
  ENOTDIR: ['not a folder (or a part of its path is not)', 'check the path'],
  ENAMETOOLONG: ['name too long', 'use a shorter path'],
  ELOOP: ['too many levels of symbolic links', 'check the symlinks on the path'],
  EPIPE: ['the reader closed it', 'keep the reading end open'],
  ENXIO: ['no reader or no such device', 'check the device or FIFO'],
  EIO: ['input/output error', 'check the disk or device'],
  EBUSY: ['busy', 'retry when the file is not in use'],
  ETXTBSY: ['busy (a running program)', 'write elsewhere'],
  EXDEV: ['cannot rename across file systems', 'write the output on one file system'],
  EMFILE: ['too many open files', 'raise the open-file limit (ulimit -n)'],
  ENFILE: ['too many open files in the system', 'retry later'],
  EAGAIN: ['resource temporarily unavailable', 'retry'],
  ENOENT: ['no such file or directory', 'check the path'],
};

/** An error from the file system (errno code and syscall), as opposed to a bug. */
export function isErrnoError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string'
    && /^E[A-Z0-9]+$/.test((error as NodeJS.ErrnoException).code!) && typeof (error as NodeJS.ErrnoException).syscall === 'string';
}

/**
 * Every write failure as one E_IO line naming the output (and the path that failed, when it is
 * another one: a symlink's target, a parent folder). A LiteTextError passes through unchanged.
 */
export function ioError(given: string, error: unknown, at?: string): LiteTextError {
  if (isLiteTextError(error)) return error;
  const code = errnoCode(error);
  const known = code === undefined ? undefined : WRITE_ERRNOS[code];
  const what = known ? `${code}: ${known[0]}` : code ?? (error instanceof Error ? error.message : String(error));
  const where = at !== undefined && resolve(at) !== resolve(given) ? ` (at ${at})` : '';
  return new LiteTextError('E_IO', `${given}: cannot write${where} (${what})`, known?.[1] ?? 'check the output path, its permissions and free space');
}

/** The safety net for a file-system error that no caller named: E_IO with its path and system call. */
export function systemError(error: NodeJS.ErrnoException): LiteTextError {
  const known = WRITE_ERRNOS[error.code ?? ''];
  return new LiteTextError('E_IO', `${error.path ?? 'a file'}: ${error.syscall ?? 'a system call'} failed (${error.code}${known ? `: ${known[0]}` : ''})`, known?.[1] ?? 'check the path, its permissions and free space');
}

function errnoCode(error: unknown): string | undefined {
  return isErrnoError(error) || (error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string') ? (error as NodeJS.ErrnoException).code : undefined;
}

/** An errno-style error for conditions found before the system call would be made. */
function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(code), { code, syscall: 'open' });
}
