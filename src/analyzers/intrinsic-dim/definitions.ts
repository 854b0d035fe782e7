/** One or two sentences per measure of the intrinsic-dim section, with the formula or reference; the report carries them. */
export const intrinsicDimDefinitions: Readonly<Record<string, string>> = {
  'intrinsicDim clouds': 'three point clouds from one encoder run over the distinct prompt texts: mean = masked mean of each prompt\'s valid token rows, eot = its end-of-text row, tokens = every valid token row; each sampled to at most `sample` points, stratified by dataset (seeded).',
  'intrinsicDim.*.dimension': 'D: the width of the embeddings (the ambient dimension); population = points before sampling, n = points estimated on.',
  'intrinsicDim.*.duplicatesRemoved': 'duplicates removed: rows equal value by value to an earlier row, dropped before TwoNN and MLE (a zero distance breaks both); PCA and PR use all n rows.',
  'intrinsicDim.*.pca.explained': 'λ_i / Σλ of the covariance eigenvalues λ_1 ≥ … (ddof = 1), as scikit-learn\'s explained_variance_ratio_.',
  'intrinsicDim.*.pca.components90': 'PCA 90 % / 95 % / 99 %: the fewest leading components whose cumulative explained variance reaches 90 / 95 / 99 % (skdim lPCA ver="ratio").',
  'intrinsicDim.*.pca.fo': 'lPCA FO: the number of eigenvalues above 0.05 × the largest (Fukunaga & Olsen 1971; skdim lPCA ver="FO").',
  'intrinsicDim.*.participationRatio': 'PR, participation ratio: (Σλ_i)² / Σλ_i² of the covariance eigenvalues (Gao et al. 2017), between 1 and D.',
  'intrinsicDim.*.twoNN': 'TwoNN (Facco et al. 2017, skdim conventions) per discard fraction f: μ_i = r2/r1 of each distinct point, the largest f·N ratios discarded, d = slope through the origin of −log(1 − i/N) against log μ_(i); the table shows f = 0.1.',
  'intrinsicDim.*.mle': 'MLE (Levina & Bickel 2005) per neighbourhood size k: per point d_i = (k − 1) / Σ_{j≤k} log(T_k / T_j), combined as 1 / mean(1/d_i) (MacKay & Ghahramani 2005); the table shows k = 20.',
  'intrinsicDim.*.intervals': '95 % intervals of TwoNN (f = 0.1) and MLE (k = 20) by half-sampling: `bootstrap` subsets of ⌊n/2⌋ distinct points drawn without replacement, each with its own kNN and estimate θ_j; se² = mean (θ_j − θ̂)² (the delete-d jackknife with d = n/2, Shao & Wu 1989) and the interval is θ̂ ± 1.96 se. It covers sampling variability, not the estimator\'s bias.',
};
