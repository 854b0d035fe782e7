// What bench/id.mjs needs from src/ (bundled by it with esbuild, dependencies external).
export { denseMatrix, estimate } from '../src/estimators/index.js';
export { twoNN } from '../src/estimators/twonn.js';
export { combineMle, mlePointwise } from '../src/estimators/mle.js';
