/** The encoder's programmatic API: open an ONNX text encoder, embed token ids, cache results. */
export { openEncoder, resolveModelPath, DEVICES, type Encoder, type EncoderOptions } from './session.js';
export { embed } from './embed.js';
export { EmbeddingCache, DEFAULT_CACHE_DIR } from './cache.js';
export { POOLINGS, poolTokens, type Pooling } from './pooling.js';
export { CONVENTIONS, CONVENTION_NAMES, type IoPlan } from './conventions.js';
export { npyHeader, writeNpyFile } from './npy.js';
export { writeEmbeddings, embeddingPaths, type IndexedPrompt } from './write-embeddings.js';
export { EncoderRunOptionsSchema, ENCODER_RUN_FLAGS, sessionOptions, embeddingCache, type EncoderRunOptions } from './options.js';
