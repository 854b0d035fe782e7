"""Baseline for bench/id.mjs: exact TwoNN + MLE(k=20) + PCA in blocked numpy/OpenBLAS (float64).

Usage: python3 bench/id_numpy.py POINTS.npy [float64|float32]  -> prints one JSON line with the same estimates as
`lite-text id --json` (skdim conventions: TwoNN F_i = i/N, i = 1..m; MLE (k-1)/sum log(T_k/T_j),
combined 1/mean(1/d_i); PCA eigenvalues of the ddof=1 covariance).
The kNN is the usual dense approach: per block of rows, |a|^2 + |b|^2 - 2 a.b with one GEMM
against all points (BLAS, multithreaded), self masked, np.argpartition for the k smallest, sorted.
float64 (default) is the exact path skdim/scikit-learn take; float32 is shown for context only: it
selects and measures neighbours in float32 without a refinement, so it is not exact.
"""
import json
import sys

import numpy as np

K = 20
BLOCK = 2048


def knn_distances(x, k):
    n = x.shape[0]
    sq = np.einsum("ij,ij->i", x, x)
    out = np.empty((n, k), dtype=x.dtype)
    for s in range(0, n, BLOCK):
        blk = x[s : s + BLOCK]
        d2 = sq[s : s + BLOCK, None] + sq[None, :] - 2.0 * (blk @ x.T)
        rows = np.arange(blk.shape[0])
        d2[rows, s + rows] = np.inf  # self excluded, as sklearn's kneighbors() without a query
        idx = np.argpartition(d2, k - 1, axis=1)[:, :k]
        part = np.take_along_axis(d2, idx, axis=1)
        part.sort(axis=1)
        out[s : s + BLOCK] = np.sqrt(np.maximum(part, 0.0))
    return out


def two_nn(r1, r2, discard=0.1):
    n = len(r1)
    mu = np.sort(r2 / r1)
    m = int(n * (1 - discard))
    x = np.log(mu[:m])
    y = -np.log(1 - np.arange(1, m + 1) / n)
    return float((x * y).sum() / (x * x).sum())


def mle(t, k):
    d = (k - 1) / np.log(t[:, k - 1 : k] / t[:, :k]).sum(axis=1)
    return {"mle": float(1 / np.mean(1 / d)), "mean": float(d.mean()), "median": float(np.median(d))}


def main(path, dtype):
    x = np.load(path).astype(dtype)
    n, dim = x.shape
    xc = x - x.mean(axis=0)
    cov = np.zeros((dim, dim), dtype=np.float64)
    for s in range(0, n, 4096):
        b = xc[s : s + 4096].astype(np.float64)
        cov += b.T @ b
    ev = np.clip(np.linalg.eigvalsh(cov / (n - 1))[::-1], 0, None)
    ratios = ev / ev.sum()
    cum = np.cumsum(ev) / ev.sum()
    t = knn_distances(xc, K).astype(np.float64)
    print(json.dumps({
        "pca": {
            "explained": ratios.tolist(),
            "components90": int((cum < 0.9).sum() + 1),
            "components95": int((cum < 0.95).sum() + 1),
            "components99": int((cum < 0.99).sum() + 1),
            "fo": int((ev > 0.05 * ev[0]).sum()),
        },
        "participationRatio": float(ev.sum() ** 2 / (ev ** 2).sum()),
        "twoNN": {"0.1": two_nn(t[:, 0], t[:, 1])},
        "mle": {"k20": mle(t, K)},
        "n": n,
    }))


if __name__ == "__main__":
    main(sys.argv[1], np.float32 if sys.argv[2:] == ["float32"] else np.float64)
