// Fails when the modules under src/ import each other in a cycle. Every import counts: static,
// type-only, re-exports and dynamic import(), since each one ties the two modules' designs together.
// Prints each cycle (a strongly connected component, Tarjan 1972) as a path of files.
//   node scripts/check-cycles.mjs [dir]   (default: src)
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = fileURLToPath(new URL('..', import.meta.url));
const top = resolve(root, process.argv[2] ?? 'src');

function sources(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return /\.(ts|mts)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

const files = sources(top);
const known = new Set(files);
// Relative specifiers only (packages cannot import back); './x.js' names './x.ts' under NodeNext.
const edges = new Map(files.map((file) => {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  const targets = importedFiles
    .map((i) => i.fileName)
    .filter((s) => s.startsWith('.'))
    .map((s) => resolve(dirname(file), s).replace(/\.m?js$/, (ext) => (ext === '.mjs' ? '.mts' : '.ts')))
    .filter((t) => known.has(t));
  return [file, [...new Set(targets)]];
}));

// Tarjan's strongly connected components, iterative (no recursion limit on deep import chains).
const index = new Map();
const low = new Map();
const onStack = new Set();
const stack = [];
const cycles = [];
let next = 0;
for (const start of files) {
  if (index.has(start)) continue;
  const work = [[start, 0]];
  while (work.length > 0) {
    const frame = work[work.length - 1];
    const [v, i] = frame;
    if (i === 0) {
      index.set(v, next);
      low.set(v, next++);
      stack.push(v);
      onStack.add(v);
    }
    const out = edges.get(v);
    if (i < out.length) {
      frame[1]++;
      const w = out[i];
      if (!index.has(w)) work.push([w, 0]);
      else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
      continue;
    }
    work.pop();
    if (work.length > 0) {
      const parent = work[work.length - 1][0];
      low.set(parent, Math.min(low.get(parent), low.get(v)));
    }
    if (low.get(v) === index.get(v)) {
      const component = [];
      let w;
      do {
        w = stack.pop();
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      const self = edges.get(v).includes(v);
      if (component.length > 1 || self) cycles.push(component.map((f) => relative(root, f)).sort());
    }
  }
}

for (const c of cycles) console.error(`import cycle: ${c.join(' <-> ')}`);
if (cycles.length > 0) {
  console.error(`${cycles.length} import cycle(s) in ${relative(root, top)}/: move the shared part (often a type) into a module both import`);
  process.exit(1);
}
console.log(`no import cycles in ${relative(root, top)}/ (${files.length} modules)`);
