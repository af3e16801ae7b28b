#!/usr/bin/python3
"""Golden vectors for the multivariate baseline detectors (mahalanobis.go,
covariance.go, pca.go). Written independently of the Go code, from the
papers' formulas, with numpy/scipy only.

Rerun from the anomaly/ directory:

    /usr/bin/python3 testdata/gen_multi_golden.py > testdata/multi_golden.json
"""
import json

import numpy as np
from scipy import stats
from scipy.spatial.distance import mahalanobis

rng = np.random.default_rng(20240611)


def correlated(n, d):
    a = rng.normal(size=(d, d))
    return rng.normal(size=(n, d)) @ a + rng.normal(size=d) * 3


def ledoit_wolf_literal(x):
    """Ledoit & Wolf (2004), Lemma 3.2 / Theorem 3.1 in the notation of
    their section 3.1, with the Frobenius inner product normalised by d:
    m = <S, I>, d2 = ||S - mI||^2, b2bar = 1/n^2 sum_k ||x_k x_k' - S||^2,
    b2 = min(b2bar, d2), S* = b2/d2 m I + (1 - b2/d2) S (S divided by n)."""
    n, d = x.shape
    y = x - x.mean(axis=0)
    s = y.T @ y / n
    norm2 = lambda m: np.sum(m * m) / d
    m = np.trace(s) / d
    d2 = norm2(s - m * np.eye(d))
    b2bar = sum(norm2(np.outer(yk, yk) - s) for yk in y) / n**2
    b2 = min(b2bar, d2)
    shrink = b2 / d2
    return shrink, shrink * m * np.eye(d) + (1 - shrink) * s


def maha_case(name, x, cov, probes):
    vi = np.linalg.inv(cov)
    mu = x.mean(axis=0)
    return {
        "name": name,
        "n": x.shape[0], "d": x.shape[1],
        "x": x.ravel().tolist(),
        "probes": probes.ravel().tolist(),
        "cov": cov.ravel().tolist(),
        "dist": [mahalanobis(p, mu, vi) for p in probes],
    }


out = {"mahalanobis": [], "ledoitwolf": [], "pca": []}

# Empirical covariance, unbiased (ddof=1).
x = correlated(40, 4)
probes = np.vstack([x[:2], correlated(4, 4)])
out["mahalanobis"].append(maha_case("empirical-40x4", x, np.cov(x, rowvar=False), probes))

# Ledoit–Wolf: n > d, n < d, and one constant feature.
for name, x in [("lw-50x5", correlated(50, 5)),
                ("lw-12x20", correlated(12, 20)),
                ("lw-const", np.hstack([correlated(30, 3), np.full((30, 1), 2.5)]))]:
    shrink, cov = ledoit_wolf_literal(x)
    probes = np.vstack([x[:2], x[:3] + rng.normal(size=(3, x.shape[1]))])
    c = maha_case(name, x, cov, probes)
    c["shrinkage"] = shrink
    out["ledoitwolf"].append(c)


def pca_case(name, x, probes, variance, k, alpha, unscaled):
    n, d = x.shape
    mu = x.mean(axis=0)
    sd = np.ones(d) if unscaled else x.std(axis=0, ddof=1)
    z = (x - mu) / sd
    lam, vec = np.linalg.eigh(z.T @ z / (n - 1))
    lam, vec = lam[::-1], vec[:, ::-1]
    if k == 0:
        k = int(np.searchsorted(np.cumsum(lam) / lam.sum(), variance) + 1)
        k = min(k, d - 1)
    p = vec[:, :k]
    zp = (probes - mu) / sd
    t = zp @ p
    t2 = np.sum(t**2 / lam[:k], axis=1)
    r = zp - t @ p.T
    spe = np.sum(r**2, axis=1)
    t2lim = k * (n**2 - 1) / (n * (n - k)) * stats.f.ppf(1 - alpha, k, n - k)
    th = [np.sum(lam[k:] ** i) for i in (1, 2, 3)]
    h0 = 1 - 2 * th[0] * th[2] / (3 * th[1] ** 2)
    ca = stats.norm.ppf(1 - alpha)
    spelim = th[0] * (ca * np.sqrt(2 * th[1] * h0**2) / th[0] + 1 + th[1] * h0 * (h0 - 1) / th[0] ** 2) ** (1 / h0)
    return {"name": name, "n": n, "d": d, "x": x.ravel().tolist(), "probes": probes.ravel().tolist(),
            "variance": variance, "components": k, "alpha": alpha, "unscaled": unscaled,
            "eigenvalues": lam.tolist(), "t2": t2.tolist(), "spe": spe.tolist(),
            "t2limit": t2lim, "spelimit": spelim}


x = correlated(60, 6) * np.array([1, 10, 0.1, 1, 5, 2])
probes = np.vstack([x[:2], x[:3] * 1.3])
out["pca"].append(pca_case("corr-60x6-var0.9", x, probes, 0.9, 0, 0.01, False))
out["pca"].append(pca_case("cov-60x6-k2", x, probes, 0, 2, 0.05, True))
x = correlated(200, 8)
probes = np.vstack([x[:2], x[:3] + rng.normal(size=(3, 8)) * 2])
out["pca"].append(pca_case("corr-200x8-var0.75", x, probes, 0.75, 0, 0.001, False))

print(json.dumps(out, indent=1))
