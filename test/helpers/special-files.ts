import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Special files for output tests, always made INSIDE a test's temp folder (never a system path as an
 * output: as root a bug would replace it). Each has a fallback where the system does not permit it
 * (no root), and the fallback exercises the same code path; none skips.
 */
const run = (cmd: string, args: string[]): boolean => {
  try {
    execFileSync(cmd, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

/** What a path is, to check that an output left a device, FIFO or symlink as it was. */
export function nodeKind(path: string): string {
  const s = lstatSync(path);
  if (s.isSymbolicLink()) return `symlink -> ${readlinkSync(path)}`;
  if (s.isCharacterDevice()) return `char ${s.rdev}`;
  if (s.isFIFO()) return 'fifo';
  if (s.isDirectory()) return 'folder';
  return s.isFile() ? 'file' : 'other';
}

/**
 * A null device (`mknod c 1 3`); where mknod is refused, a FIFO with a reader that drains it (also
 * written in place, no temp file, no rename). `close()` ends the reader.
 */
export function nullDevice(dir: string, name = 'null'): { path: string; close(): void } {
  const path = join(dir, name);
  if (run('mknod', [path, 'c', '1', '3'])) return { path, close() {} };
  const fifo = fifoWithReader(dir, name);
  return { path, close: () => fifo.close() };
}

/** A FIFO with a `cat` reading it into a string (the reader re-opens it after each writer, until close). */
export function fifoWithReader(dir: string, name = 'fifo'): { path: string; read(): string; close(): void } {
  const path = join(dir, name);
  execFileSync('mkfifo', [path]);
  let text = '';
  let reader: ChildProcess | undefined;
  let closed = false;
  const open = () => {
    if (closed) return;
    reader = spawn('cat', [path], { stdio: ['ignore', 'pipe', 'ignore'] });
    reader.stdout!.on('data', (d: Buffer) => void (text += d.toString()));
    reader.on('close', open);
  };
  open();
  return {
    path,
    read: () => text,
    close() {
      closed = true;
      reader?.kill();
    },
  };
}

/**
 * A full disk: a 256 KiB tmpfs mounted at DIR/disk and filled up; where mounting is refused, a plain
 * folder and LITE_TEXT_TEST_ENOSPC=0 for the CLI (src/util/test-faults.ts: the same write calls fail with
 * the same ENOSPC). Pass `env` to the CLI; `cleanup()` unmounts.
 */
export function fullDisk(dir: string): { path: string; env: Record<string, string>; files(): string[]; cleanup(): void } {
  const path = join(dir, 'disk');
  mkdirSync(path);
  const mounted = run('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', path]);
  if (mounted) {
    try {
      writeFileSync(join(path, 'filler'), Buffer.alloc(1024 * 1024));
    } catch {
      // ENOSPC: the disk is full now, as intended
    }
  }
  return {
    path,
    env: mounted ? {} : { LITE_TEXT_TEST_ENOSPC: '0' },
    files: () => listFiles(path).filter((f) => f !== 'filler'),
    cleanup: () => void (mounted && run('umount', [path])),
  };
}

/**
 * Makes an existing folder read-only for writes: chmod 555 where that binds (not root); as root a
 * read-only bind mount, else `chattr +i`. Checks that a write really fails. Returns the undo.
 */
export function readOnlyFolder(path: string): () => void {
  let undo: () => void;
  if (process.getuid?.() !== 0) {
    chmodSync(path, 0o555);
    undo = () => chmodSync(path, 0o755);
  } else if (run('mount', ['--bind', path, path])) {
    if (!run('mount', ['-o', 'remount,bind,ro', path])) {
      run('umount', [path]);
      throw new Error(`${path}: cannot remount read-only`);
    }
    undo = () => void run('umount', [path]);
  } else if (run('chattr', ['+i', path])) {
    undo = () => void run('chattr', ['-i', path]);
  } else {
    throw new Error(`${path}: no way to make a read-only folder here (chmod binds nothing as root; mount and chattr refused)`);
  }
  try {
    writeFileSync(join(path, '.probe'), '');
    rmSync(join(path, '.probe'));
    undo();
    throw new Error(`${path}: still writable after making it read-only`);
  } catch (error) {
    if ((error as Error).message.includes('still writable')) throw error;
  }
  return undo;
}

/**
 * Every file under `dir`, as relative paths (folders listed too, so an empty one left behind shows).
 * The folder may be in use (a child process renaming its temp files while a test polls it): an entry
 * gone between the listing and its lstat is not listed.
 */
export function listFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((n) => {
    const p = join(dir, n);
    let folder: boolean;
    try {
      folder = lstatSync(p).isDirectory();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    return folder ? [`${relative(dir, p)}/`, ...listFiles(p).map((f) => join(n, f))] : [relative(dir, p)];
  });
}

/** A temp file of src/util/atomic.ts: `.NAME.PID.RANDOM.tmp`. */
export { isTemp } from '../interrupt/helpers.js';
