import { readdirSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import { join, resolve, relative, sep } from 'node:path';
import { LiteTextError } from '../errors.js';
import { ioError } from './source.js';

export interface InputFile {
  /** Path as shown to the user (relative to cwd when the input was relative; a symlink stays the link). */
  path: string;
  /** True when the file was found by walking a folder or a glob (unrecognised ones are skipped, not fatal). */
  walked: boolean;
}

/** A path met while expanding that is not read, and why (listed in the ingest summary). */
export interface SkippedInput {
  path: string;
  why: string;
}

export interface ExpandedInputs {
  files: InputFile[];
  skipped: SkippedInput[];
}

const GLOB_CHARS = /[*?[]/;

/**
 * Expands files, folders (walked recursively, sorted, hidden entries skipped) and globs. Symlinks
 * to files and folders are followed; a folder already walked (a symlink loop, or two links to one
 * folder) and a file already listed (by its real path) are skipped with a reason. In folders, FIFOs,
 * sockets and devices are skipped (opening one could wait forever); named explicitly, they are read.
 * `-` is stdin.
 */
export function expandInputs(inputs: readonly string[]): ExpandedInputs {
  const walker = new Walker();
  for (const input of inputs) {
    if (input === '-') {
      walker.add(input, false);
      continue;
    }
    let isDir: boolean;
    try {
      isDir = statSync(input).isDirectory();
    } catch (error) {
      if (GLOB_CHARS.test(input) && (error as NodeJS.ErrnoException).code === 'ENOENT') {
        const matches = walker.glob(input);
        if (matches === 0) throw new LiteTextError('E_IO', `${input}: the pattern matches no file`, 'check the pattern and the folder it is relative to');
        continue;
      }
      throw ioError(input, error);
    }
    if (isDir) walker.walk(input, (path) => walker.add(path, true));
    else walker.add(input, false);
  }
  return { files: walker.files, skipped: walker.skipped };
}


class Walker {
  readonly files: InputFile[] = [];
  readonly skipped: SkippedInput[] = [];
  /** Real path → the path it was first reached by. */
  private readonly seen = new Map<string, string>();

  add(path: string, walked: boolean): void {
    const key = path === '-' ? path : realOrResolved(path);
    const first = this.seen.get(key);
    if (first === undefined) {
      this.seen.set(key, path);
      this.files.push({ path, walked });
    } else if (first !== path) this.skipped.push({ path, why: `the same file as ${first}` });
  }

  /**
   * Walks `dir` in name order, calling `onFile` for each file met. `folders` (real path → path)
   * holds the folders this walk has entered: one met again is a loop or a second link, not re-entered.
   */
  walk(dir: string, onFile: (path: string) => void, folders = new Map<string, string>(), ancestors: readonly string[] = []): void {
    const real = realOrResolved(dir);
    const first = folders.get(real);
    if (first !== undefined) {
      const loop = ancestors.includes(real);
      this.skipped.push({ path: dir, why: loop ? `a symlink loop (leads back to ${first})` : `the same folder as ${first}` });
      return;
    }
    folders.set(real, dir);
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      throw ioError(dir, error);
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (e.name.startsWith('.')) continue;
      const p = join(dir, e.name);
      let st: Dirent | Stats = e;
      if (e.isSymbolicLink()) {
        try {
          st = statSync(p);
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          this.skipped.push({ path: p, why: code === 'ELOOP' ? 'a symlink loop' : code === 'ENOENT' ? 'a broken symlink' : ioError(p, error).message });
          continue;
        }
      }
      if (st.isDirectory()) this.walk(p, onFile, folders, [...ancestors, real]);
      else if (st.isFile()) onFile(p);
      else this.skipped.push({ path: p, why: `${kindOf(st)}, not a regular file: name it explicitly to read it` });
    }
  }

  /** Adds the files matching `pattern` (walked); returns how many matched. */
  glob(pattern: string): number {
    const parts = pattern.split(/[\\/]/);
    const firstGlob = parts.findIndex((p) => GLOB_CHARS.test(p));
    const base = parts.slice(0, firstGlob).join(sep) || (pattern.startsWith('/') ? '/' : '.');
    try {
      if (!statSync(base).isDirectory()) return 0;
    } catch {
      return 0;
    }
    const re = globToRegExp(parts.slice(firstGlob).join('/'));
    const matches = (p: string) => re.test(relative(base, p).split(sep).join('/'));
    let matched = 0;
    const skippedBefore = this.skipped.length;
    this.walk(base, (p) => {
      if (!matches(p)) return;
      matched++;
      this.add(p, true);
    });
    // Keep the skips the pattern covers, and every loop (what the pattern might have reached).
    const skips = this.skipped.splice(skippedBefore).filter((s) => matches(s.path) || s.why.includes('symlink'));
    this.skipped.push(...skips);
    return matched;
  }
}

function realOrResolved(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

function kindOf(st: Dirent | Stats): string {
  if (st.isFIFO()) return 'a FIFO';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  return 'not a file';
}

function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        re += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
        i += glob[i + 2] === '/' ? 2 : 1;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end === -1) re += '\\[';
      else {
        re += `[${glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}
