import fc from 'fast-check';
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openOutput, writeOutputs } from '../../src/util/atomic.js';
import { spawnCli } from '../helpers/cli.js';
import { fifoWithReader, isTemp, listFiles, nodeKind, nullDevice } from '../helpers/special-files.js';
import { makeFixture, stdoutRuns, type Fixture } from '../io/fixture.js';
import { assertProperty, outcome, Tally } from './harness.js';

/**
 * Outputs (src/util/atomic.ts, output-path.ts) onto every kind of path: new, existing, symlinked (chains,
 * dangling, loops), folders, paths through a file, null and full devices, FIFOs with a reader; written
 * whole (writeOutputs, several as one unit) or streamed (openOutput). A result or one E_IO line naming
 * the output; devices, FIFOs and links stay what they were; no temp file is ever left; a success puts
 * the bytes at the link's target; a failure leaves existing files as they were. Then the CLI with a
 * closed stdout (at once or after its first bytes) and a full one: 141 quietly, or one E_IO line and 2.
 */
const root = mkdtempSync(join(tmpdir(), 'lt-fuzz-outputs-'));
let f: Fixture;
let fullDevice = false;
beforeAll(() => {
  f = makeFixture('fuzz-outputs-cli');
  try {
    execFileSync('mknod', [join(root, 'probe'), 'c', '1', '7'], { stdio: 'ignore' });
    fullDevice = true;
  } catch {
    // no mknod (not root): the full-device kind is left out of the generator (other kinds still fail)
  }
}, 120_000);
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  f.cleanup();
});

const KINDS = ['new', 'new-in-missing-folder', 'regular', 'symlink', 'dangling', 'chain', 'loop', 'folder', 'through-file', 'null-device', 'full-device', 'fifo'] as const;
type Kind = (typeof KINDS)[number];
const FAILS = new Set<Kind>(['loop', 'folder', 'through-file', 'full-device']);

interface Made {
  path: string;
  /** Where the bytes land (links resolved); undefined for devices and failing kinds. */
  lands?: string;
  close(): void;
}

function make(dir: string, i: number, kind: Kind): Made {
  const name = `out${i}`;
  const path = join(dir, name);
  const none = () => {};
  switch (kind) {
    case 'new': return { path, lands: path, close: none };
    case 'new-in-missing-folder': return { path: join(dir, `missing${i}`, 'deeper', name), lands: join(dir, `missing${i}`, 'deeper', name), close: none };
    case 'regular': writeFileSync(path, 'old'); return { path, lands: path, close: none };
    case 'symlink': writeFileSync(join(dir, `${name}.target`), 'old'); symlinkSync(`${name}.target`, path); return { path, lands: join(dir, `${name}.target`), close: none };
    case 'dangling': symlinkSync(`${name}.new`, path); return { path, lands: join(dir, `${name}.new`), close: none };
    case 'chain': writeFileSync(join(dir, `${name}.end`), 'old'); symlinkSync(`${name}.end`, join(dir, `${name}.mid`)); symlinkSync(`${name}.mid`, path); return { path, lands: join(dir, `${name}.end`), close: none };
    case 'loop': symlinkSync(`${name}.b`, path); symlinkSync(name, join(dir, `${name}.b`)); return { path, close: none };
    case 'folder': mkdirSync(path); return { path, close: none };
    case 'through-file': writeFileSync(path, 'old'); return { path: join(path, 'sub'), close: none };
    case 'null-device': { const d = nullDevice(dir, name); return { path, close: d.close }; }
    case 'full-device': execFileSync('mknod', [path, 'c', '1', '7']); return { path, close: none };
    case 'fifo': { const d = fifoWithReader(dir, name); return { path, close: d.close }; }
  }
}

const data = fc.oneof(
  fc.string({ maxLength: 2000 }),
  fc.array(fc.uint8Array({ maxLength: 50_000 }), { maxLength: 3 }),
  fc.integer({ min: 0, max: 300_000 }).map((n) => Buffer.alloc(n, 0x61)),
);
const bytesOf = (d: string | Uint8Array | Uint8Array[]) => (typeof d === 'string' ? Buffer.from(d) : d instanceof Uint8Array ? Buffer.from(d) : Buffer.concat(d));

describe('fuzz: outputs onto any kind of path', () => {
  it('writeOutputs and openOutput: a result or one E_IO line; special files unchanged; no temp file; all or nothing', async () => {
    const tally = new Tally();
    let n = 0;
    const kinds = KINDS.filter((k) => k !== 'full-device' || fullDevice);
    const target = fc.record({ kind: fc.constantFrom(...kinds), data });
    await assertProperty('outputs', fc.asyncProperty(fc.array(target, { minLength: 1, maxLength: 3 }), fc.boolean(), async (targets, stream) => {
      const dir = join(root, `case${n++}`);
      mkdirSync(dir);
      const made = targets.map((t, i) => make(dir, i, t.kind));
      try {
        const before = listFiles(dir).filter((p) => !p.endsWith('/')).map((p) => [p, nodeKind(join(dir, p))]);
        const what = targets.map((t) => t.kind).join(', ');
        const o = await outcome(async () => {
          if (!stream) return writeOutputs(made.map((m, i) => [m.path, targets[i]!.data] as const));
          // Streamed: one output, in chunks of at most 7,000 characters.
          const sink = openOutput(made[0]!.path);
          const text = bytesOf(targets[0]!.data).toString('latin1');
          try {
            for (let at = 0; at < text.length; at += 7000) await sink.write(text.slice(at, at + 7000));
            await sink.commit();
          } catch (error) {
            sink.abort();
            throw error;
          }
          return [made[0]!.path];
        }, what);
        tally.add(o);
        const used = stream ? targets.slice(0, 1) : targets;
        // Zero bytes to a full device is a success, as write(2) says.
        const shouldFail = used.some((t) => FAILS.has(t.kind) && (t.kind !== 'full-device' || bytesOf(t.data).length > 0));
        expect(o.kind, `${what}: ${o.kind === 'error' ? o.error.message : ''}`).toBe(shouldFail ? 'error' : 'result');
        if (o.kind === 'error') {
          expect(o.error.code).toBe('E_IO');
          expect(made.some((m) => o.error.message.startsWith(`${m.path}: cannot write`)), o.error.message).toBe(true);
        }
        // Every node made before (devices, FIFOs, links, old files) is still of its kind; no temp file anywhere.
        for (const [p, kind] of before) expect(nodeKind(join(dir, p!)), `${what}: ${p}`).toBe(kind);
        expect(listFiles(dir).filter(isTemp), what).toEqual([]);
        used.forEach((t, i) => {
          const lands = made[i]!.lands;
          if (lands === undefined) return;
          const expected = o.kind === 'result' ? (stream ? Buffer.from(bytesOf(t.data).toString('latin1'), 'utf8') : bytesOf(t.data)) : undefined;
          if (expected) expect(readFileSync(lands).equals(expected), `${what}: ${lands}`).toBe(true);
          else if (existsSync(lands)) expect(readFileSync(lands, 'utf8'), `${what}: ${lands} changed by a failed write`).toBe('old');
        });
      } finally {
        for (const m of made) m.close();
        rmSync(dir, { recursive: true, force: true });
      }
    }), 200);
    console.log(`outputs: ${tally}`);
  }, 300_000);

  it('the CLI with a closed or full stdout: exit 141 quietly, or one E_IO line and exit 2', async () => {
    // The big corpus: output far beyond a pipe's buffer, so a close after the first bytes cuts the run.
    const runs = [...stdoutRuns(f), ['ingest', f.big], ['tokenize', '--input', f.big]];
    const full = join(root, 'full-stdout');
    if (fullDevice) execFileSync('mknod', [full, 'c', '1', '7']);
    else writeFileSync(full, '');
    const env = fullDevice ? {} : { LITE_TEXT_TEST_ENOSPC: '0' };
    const fd = openSync(full, 'w');
    const tally = new Tally();
    try {
      await assertProperty('stdout', fc.asyncProperty(fc.constantFrom(...runs), fc.constantFrom('closed', 'after-first-bytes', 'full'), async (args, how) => {
        const r = how === 'full'
          ? await spawnCli(args, { stdout: fd, env })
          : await spawnCli(args, how === 'closed' ? { stdout: 'closed' } : { onStdout: (_, child) => void child.stdout!.destroy() });
        const stderr = r.stderr.replace(/^warning: [^\n]*\n/gm, '');
        if (how === 'full') {
          expect(stderr, args.join(' ')).toMatch(/^lite-text: stdout: cannot write \(ENOSPC: [^\n]*\[E_IO\]\n$/);
          expect(r.status, args.join(' ')).toBe(2);
        } else {
          // After its first bytes, a command may have written everything already: then 0 (and its
          // summary on stderr); a cut run says nothing at all.
          if (how === 'closed' || r.status !== 0) expect(stderr, args.join(' ')).toBe('');
          expect(how === 'closed' ? [141] : [0, 141], `${args.join(' ')}: ${r.status}`).toContain(r.status);
        }
        tally.counts.set(`${how} ${r.status}`, (tally.counts.get(`${how} ${r.status}`) ?? 0) + 1);
      }), 16);
    } finally {
      closeSync(fd);
    }
    console.log(`stdout: ${tally}`);
  }, 300_000);
});
