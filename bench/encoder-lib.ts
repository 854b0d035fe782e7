// What bench/encoder.mjs needs from src/ (bundled by it with esbuild, dependencies external).
export { embed, EmbeddingCache, openEncoder } from '../src/encoder/index.js';
export { writeTinyEncoder } from '../src/encoder/testing/generate.js';
export { writeModel } from '../src/encoder/testing/generate.js';
export { GraphBuilder } from '../src/encoder/testing/graph.js';
export { tinyWeights } from '../src/encoder/testing/weights.js';
export { DTYPE } from '../src/encoder/onnx/proto.js';
export { loadTokenizer } from '../src/tokenizer/index.js';
