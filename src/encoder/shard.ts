import { createHash } from 'node:crypto';
import * as z from 'zod';
import { readingOf } from './conventions.js';
import type { Pooling } from './pooling.js';
import type { Encoder } from './session.js';

/**
 * What `embed --shard K/N` writes beside its .npy as FILE.shard.json: which rows of which corpus it
 * holds, what made them, and the sha256 of each file it wrote, so that `merge` can refuse a missing,
 * duplicated, foreign or changed shard. The merged output carries none of it (it is a single run's).
 */
export const ShardManifestSchema = z.object({
  format: z.literal('lite-text-embed-shard'),
  version: z.literal(1),
  shard: z.object({ k: z.number().int().positive(), n: z.number().int().positive() }),
  /** The shard's prompts: corpus rows [first, first + prompts). */
  first: z.number().int().nonnegative(),
  prompts: z.number().int().nonnegative(),
  /** Prompts in the whole corpus and sha256 of the index a single run writes for it (ids, texts, datasets in order). */
  corpus: z.object({ prompts: z.number().int().nonnegative(), fingerprint: z.string() }),
  /** What gives the numbers: model files' sha256, output and feeds read, context and pad, tokenizer's sha256, pooling. */
  identity: z.object({ model: z.string(), reading: z.string(), context: z.number(), pad: z.number(), tokenizer: z.string(), pooling: z.string() }),
  /** The .npy's shape and the files' sha256 (offsets: tokens pooling only). */
  rows: z.number().int().nonnegative(),
  cols: z.number().int().nonnegative(),
  sha256: z.object({ npy: z.string(), index: z.string(), offsets: z.string().optional() }),
});
export type ShardManifest = z.infer<typeof ShardManifestSchema>;

/** The part of a manifest every shard of one run shares. */
export function runIdentity(m: ShardManifest): Record<string, string | number> {
  return { 'corpus prompts': m.corpus.prompts, 'corpus fingerprint': m.corpus.fingerprint, ...m.identity, 'embedding width': m.cols, N: m.shard.n };
}

export function identityOf(encoder: Encoder, tokenizerHash: string, pooling: Pooling): ShardManifest['identity'] {
  return { model: encoder.modelHash, reading: readingOf(encoder.plan), context: encoder.contextLength, pad: encoder.padId, tokenizer: tokenizerHash, pooling };
}

export function sha256(chunks: Iterable<Uint8Array | string>): string {
  const hash = createHash('sha256');
  for (const c of chunks) hash.update(c);
  return hash.digest('hex');
}
