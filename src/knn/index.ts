// The exact k-nearest-neighbour engine: worker threads, WebAssembly kernels, onnxruntime tiles.
// Knows nothing of estimators, corpora or reports; the estimators consume its KnnResult.
export { exactKnn, type KnnResult, type Points } from './exact.js';
export { SquaredDistances } from './distance.js';
export { defaultWorkers } from './pool.js';
export { stopKnnWorkers } from './threads.js';
export { dotsF64Into, gramF64 } from './ort-gemm.js';
