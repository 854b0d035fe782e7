// What bench/shard.mjs needs from src/ (bundled by it with esbuild, dependencies external).
export { writeEmbeddings } from '../src/encoder/write-embeddings.js';
