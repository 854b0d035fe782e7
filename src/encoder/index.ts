/** The encoder's programmatic API: open an ONNX text encoder, embed token ids, cache results. */
export { openEncoder, resolveModelPath, DEVICES, type Encoder, type EncoderOptions } from './session.js';
export { embed } from './embed.js';
export { EmbeddingCache, DEFAULT_CACHE_DIR } from './cache.js';
export { POOLINGS, poolTokens, type Pooling } from './pooling.js';
export { CONVENTION_NAMES } from './conventions.js';
export { writeEmbeddings } from './write-embeddings.js';
