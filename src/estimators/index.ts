// Intrinsic-dimension estimators: pure maths on a dense point matrix and its exact kNN (src/knn/);
// they know nothing of corpora or reports.
export type { DenseMatrix } from './matrix.js';
export { denseMatrix, selectRows } from './matrix.js';
export { readMatrixFile, parseCsvMatrix } from './io.js';
export { parseNpy } from './npy.js';
export { estimate } from './estimate.js';
export { EstimateOptionsSchema, IdEstimatesSchema, MleEstimateSchema, ESTIMATOR_NAMES, type EstimateOptions, type EstimatorName, type IdEstimates } from './schema.js';
export { pcaSpectrum, covariance, foRule, ratioRule, participationRatio, type PcaSpectrum } from './pca.js';
export { twoNN } from './twonn.js';
export { mlePointwise, combineMle, median, type MleEstimate } from './mle.js';
export { uniqueRowIndices } from './duplicates.js';
export { bootstrapInterval, stratifiedSample, quantile, type Interval } from './resample.js';
export { seededRng, normal, type Rng } from './random.js';
