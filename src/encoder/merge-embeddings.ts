import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { cannotRead, LiteTextError } from '../errors.js';
import { writeOutputs, type OutputData } from '../util/atomic.js';
import { checkShardCover, shardRange } from '../util/shard.js';
import { npyHeader } from './npy.js';
import { runIdentity, ShardManifestSchema, type ShardManifest } from './shard.js';
import { embeddingPaths } from './write-embeddings.js';

/** Bytes copied per read: the merge holds about this much of the parts at a time, whatever their size. */
const CHUNK = 1 << 22;

interface Part {
  file: string;
  paths: ReturnType<typeof embeddingPaths>;
  manifest: ShardManifest;
}

/**
 * Merges the parts of `embed --shard K/N` (each FILE.npy with its .index.jsonl, .offsets.npy and
 * .shard.json) into the files one `embed` run writes: the same bytes. Refuses (E_SHARD, nothing
 * written) a missing, duplicated or foreign shard, and one whose files changed since they were
 * written (checked while copying; the output's temp files are then dropped). Streams: memory stays
 * bounded by CHUNK whatever the sizes.
 */
export async function mergeEmbeddings(files: readonly string[], out: string): Promise<{ written: string[]; rows: number; cols: number; prompts: number }> {
  if (files.length === 0) throw new LiteTextError('E_USAGE', 'merge: no parts given', 'give the .npy files `embed --shard K/N` wrote');
  const parts = files.map(readPart);
  const outPaths = embeddingPaths(out);
  const written = new Set(Object.values(outPaths).map((p) => resolve(p)));
  for (const p of parts) {
    if (Object.values(p.paths).some((f) => written.has(resolve(f)))) throw new LiteTextError('E_USAGE', `--out ${out}: would overwrite the part ${p.file}`, 'write the merged output under another name');
  }
  const first = parts[0]!;
  const expected = runIdentity(first.manifest);
  for (const p of parts) {
    const got = runIdentity(p.manifest);
    const differs = Object.keys(expected).find((key) => got[key] !== expected[key]);
    if (differs !== undefined) {
      throw new LiteTextError('E_SHARD', `${p.file}: foreign shard (${differs} ${String(got[differs]).slice(0, 16)} differs from ${first.file}'s ${String(expected[differs]).slice(0, 16)})`, 'merge the parts of one run: the same corpus, encoder, tokenizer, flags and N');
    }
  }
  checkShardCover(parts.map((p) => p.manifest.shard), parts.map((p) => p.file));
  parts.sort((a, b) => a.manifest.shard.k - b.manifest.shard.k);
  for (const p of parts) {
    const m = p.manifest;
    const range = shardRange(m.corpus.prompts, m.shard);
    if (m.first !== range.first || m.first + m.prompts !== range.end) {
      throw new LiteTextError('E_SHARD', `${p.file}: shard ${m.shard.k}/${m.shard.n} holds prompts ${m.first}..${m.first + m.prompts}, expected ${range.first}..${range.end}`, 'rerun this shard with the same lite-text version');
    }
  }
  const { cols, identity, corpus } = first.manifest;
  const rows = parts.reduce((s, p) => s + p.manifest.rows, 0);
  const outputs: Array<[string, OutputData]> = [[outPaths.npy, npyStream(parts, rows, cols)]];
  if (identity.pooling === 'tokens') outputs.push([outPaths.offsets, offsetsStream(parts, corpus.prompts)]);
  outputs.push([outPaths.index, concat(parts, (p) => [p.paths.index, 0, 'index'])]);
  return { written: await writeOutputs(outputs), rows, cols, prompts: corpus.prompts };
}

function readPart(file: string): Part {
  if (!file.endsWith('.npy')) throw new LiteTextError('E_USAGE', `${file}: expected a .npy file written by \`embed --shard K/N\``, 'give the shards\' .npy files');
  const paths = embeddingPaths(file);
  let text: string;
  try {
    text = readFileSync(paths.shard, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new LiteTextError('E_SHARD', `${file}: not a shard (no ${paths.shard} beside it)`, 'give the .npy files `embed --shard K/N` wrote, with their .shard.json');
    throw cannotRead(paths.shard, error, 'check the path and its permissions');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = ShardManifestSchema.safeParse(json);
  if (!parsed.success) throw new LiteTextError('E_SHARD', `${paths.shard}: not a shard manifest of this lite-text version`, 'rerun the shard with this version of lite-text');
  return { file, paths, manifest: parsed.data };
}

/** The merged .npy: its header, then each part's rows (after the part's own header, checked). */
function* npyStream(parts: readonly Part[], rows: number, cols: number): Generator<Uint8Array> {
  yield npyHeader(new Float32Array(0), [rows, cols]);
  yield* concat(parts, (p) => {
    const skip = npyHeader(new Float32Array(0), [p.manifest.rows, cols]).length;
    return [p.paths.npy, skip, 'npy', skip + p.manifest.rows * cols * 4];
  });
}

/** The merged offsets: 0, then each part's offsets after its leading 0, shifted by the token rows before it. */
function* offsetsStream(parts: readonly Part[], prompts: number): Generator<Uint8Array> {
  yield npyHeader(new BigInt64Array(0), [prompts + 1]);
  yield new Uint8Array(8);
  let base = 0n;
  for (const p of parts) {
    const skip = npyHeader(new BigInt64Array(0), [p.manifest.prompts + 1]).length + 8;
    for (const chunk of concat([p], () => [p.paths.offsets, skip, 'offsets', skip + p.manifest.prompts * 8])) {
      const v = new BigInt64Array(chunk.buffer, chunk.byteOffset, chunk.byteLength / 8);
      for (let i = 0; i < v.length; i++) v[i]! += base;
      yield chunk;
    }
    base += BigInt(p.manifest.rows);
  }
}

/** A part's file, the bytes before its rows, which of the manifest's files it is, and its size when known. */
type Source = readonly [path: string, skip: number, file: 'npy' | 'index' | 'offsets', size?: number];

/**
 * Each part's file after its first `skip` bytes, in CHUNK pieces (fresh buffers, 8-byte aligned
 * where `skip` is); the whole file's sha256 and size are checked against the manifest as it is read, and a
 * mismatch throws E_SHARD before the last piece of that file is given out.
 */
function* concat(parts: readonly Part[], source: (p: Part) => Source): Generator<Uint8Array> {
  for (const p of parts) {
    const [path, skip, file, expected] = source(p);
    const want = p.manifest.sha256[file];
    const changed = (why: string) => new LiteTextError('E_SHARD', `${path}: changed since shard ${p.manifest.shard.k}/${p.manifest.shard.n} was written (${why})`, 'rerun that shard');
    let fd: number;
    try {
      fd = openSync(path, 'r');
    } catch (error) {
      throw cannotRead(path, error, 'every part needs its .npy, .index.jsonl (and .offsets.npy) beside its .shard.json');
    }
    try {
      const size = fstatSync(fd).size;
      if (expected !== undefined && size !== expected) throw changed(`${size} bytes, expected ${expected}`);
      const hash = createHash('sha256');
      let pos = 0;
      let pending: Uint8Array | undefined;
      while (pos < size) {
        const buf = new Uint8Array(Math.min(CHUNK, size - pos));
        const got = readSync(fd, buf, 0, buf.length, pos);
        if (got === 0) break;
        const chunk = buf.subarray(0, got);
        hash.update(chunk);
        const body = pos + got <= skip ? undefined : chunk.subarray(Math.max(0, skip - pos));
        pos += got;
        if (pending) yield pending;
        pending = body && body.length > 0 ? body : undefined;
      }
      if (pos !== size || (want !== undefined && hash.digest('hex') !== want)) throw changed(pos !== size ? 'shorter than it was' : 'sha256 differs');
      if (pending) yield pending;
    } finally {
      closeSync(fd);
    }
  }
}
