// What bench/id-intervals.mjs needs from src/ and the test samplers (bundled by it with esbuild).
export { estimate, selectRows } from '../src/estimators/index.js';
export { ball, cube, sphere } from '../test/estimators/manifolds.js';
