/** The encoder's programmatic API: open an ONNX text encoder, embed token ids, cache results. */
export { openEncoder, type Encoder } from './session.js';
export { resolveModelPath } from './model-path.js';
export { embed } from './embed.js';
export { EmbeddingCache } from './cache.js';
export { POOLINGS, poolTokens, type Pooling } from './pooling.js';
export { writeEmbeddings, embeddingPaths, indexText, type ShardInfo } from './write-embeddings.js';
export { identityOf, sha256 } from './shard.js';
export { EncoderRunOptionsSchema, ENCODER_RUN_FLAGS, sessionOptions, embeddingCache } from './options.js';
