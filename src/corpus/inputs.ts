import { readdirSync, statSync } from 'node:fs';
import { join, resolve, relative, sep } from 'node:path';
import { LiteTextError } from '../errors.js';
import { ioError } from './read.js';

export interface InputFile {
  /** Path as shown to the user (relative to cwd when the input was relative). */
  path: string;
  /** True when the file was found by walking a folder or a glob (unrecognised ones are skipped, not fatal). */
  walked: boolean;
}

const GLOB_CHARS = /[*?[]/;

/** Expands files, folders (walked recursively, sorted, hidden entries skipped) and globs. */
export function expandInputs(inputs: readonly string[]): InputFile[] {
  const out: InputFile[] = [];
  const seen = new Set<string>();
  const add = (path: string, walked: boolean) => {
    const key = resolve(path);
    if (!seen.has(key)) {
      seen.add(key);
      out.push({ path, walked });
    }
  };
  for (const input of inputs) {
    let isDir: boolean;
    try {
      isDir = statSync(input).isDirectory();
    } catch (error) {
      if (GLOB_CHARS.test(input)) {
        const matches = expandGlob(input);
        if (matches.length === 0) throw new LiteTextError('E_IO', `${input}: the pattern matches no file`, 'check the pattern; quote it so your shell does not expand it first');
        for (const m of matches) add(m, true);
        continue;
      }
      throw ioError(input, error);
    }
    if (isDir) for (const f of walk(input)) add(f, true);
    else add(input, false);
  }
  return out;
}

function walk(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    throw ioError(dir, error);
  }
  const files: string[] = [];
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) files.push(...walk(p));
    else if (e.isFile()) files.push(p);
  }
  return files;
}

/** Minimal glob: `*` and `?` within a path segment, `**` across segments, `[...]` classes. */
export function expandGlob(pattern: string): string[] {
  const parts = pattern.split(/[\\/]/);
  const firstGlob = parts.findIndex((p) => GLOB_CHARS.test(p));
  const base = parts.slice(0, firstGlob).join(sep) || (pattern.startsWith('/') ? '/' : '.');
  let files: string[];
  try {
    files = statSync(base).isDirectory() ? walk(base) : [];
  } catch {
    return [];
  }
  const re = globToRegExp(parts.slice(firstGlob).join('/'));
  return files.filter((f) => re.test(relative(base, f).split(sep).join('/')));
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
