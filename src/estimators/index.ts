// Intrinsic-dimension estimators: pure maths on a dense point matrix and its exact kNN (src/knn/);
// they know nothing of corpora or reports.
export type { DenseMatrix } from './matrix.js';
export { denseMatrix, selectRows } from './matrix.js';
export { readMatrixFile, parseCsvMatrix } from './io.js';
export { parseNpy } from './npy.js';
export { estimate, type EstimateContext } from './estimate.js';
export { IdEstimatesSchema, ESTIMATOR_NAMES, type EstimatorName, type IdEstimates } from './schema.js';
export { pcaSpectrum } from './pca.js';
export { mlePointwise, combineMle, median } from './mle.js';
export { uniqueRowIndices } from './duplicates.js';
export { stratifiedSample, sampleRows, quantile } from './resample.js';
export { seededRng, normal, type Rng } from './random.js';
export { estimateShard, mergeKnnParts } from './shard.js';
export { readKnnPart, writeKnnPart } from './knn-part.js';
