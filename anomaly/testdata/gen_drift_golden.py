#!/usr/bin/python3
"""Golden trend statistics for anomaly/trend_test.go.

Regenerate from the anomaly folder with:

    /usr/bin/python3 testdata/gen_drift_golden.py > testdata/drift_golden.json

For each case it records the series (t, x), the Mann-Kendall S, its
tie-corrected variance, the continuity-corrected Z and two-sided p, and the
reference values of scipy.stats.kendalltau (tau-b and its asymptotic
p-value, which uses S/sqrt(VarS) without continuity correction) and
scipy.stats.theilslopes (slope, and intercept by the default 'separate'
method). Written with scipy 1.10 / numpy.
"""
import json
import sys

import numpy as np
import scipy
from scipy import stats


def mk(x):
    n = len(x)
    s = 0
    for i in range(n):
        for j in range(i + 1, n):
            s += np.sign(x[j] - x[i])
    _, counts = np.unique(x, return_counts=True)
    ties = sum(c * (c - 1) * (2 * c + 5) for c in counts)
    var = (n * (n - 1) * (2 * n + 5) - ties) / 18.0
    if s > 0:
        z = (s - 1) / np.sqrt(var)
    elif s < 0:
        z = (s + 1) / np.sqrt(var)
    else:
        z = 0.0
    p = 2 * stats.norm.sf(abs(z))
    return int(s), float(var), float(z), float(p)


def case(name, t, x):
    t = np.asarray(t, dtype=float)
    x = np.asarray(x, dtype=float)
    s, var, z, p = mk(x)
    tau, ptau = stats.kendalltau(t, x, method="asymptotic")
    ts = stats.theilslopes(x, t)
    return {
        "name": name, "t": t.tolist(), "x": x.tolist(),
        "S": s, "VarS": var, "Z": z, "P": p,
        "kendalltau_tau": float(tau), "kendalltau_p": float(ptau),
        "theil_slope": float(ts[0]), "theil_intercept": float(ts[1]),
    }


def main():
    rng = np.random.default_rng(20240521)
    cases = []
    n = 40
    t = np.arange(n) * 600.0  # 10-minute samples, seconds
    cases.append(case("noise", t, rng.normal(0, 1, n)))
    cases.append(case("ramp", t, 0.002 * t / 60 + rng.normal(0, 1, n)))
    cases.append(case("ties", t, np.round(rng.normal(0, 1, n) * 2) / 2))
    cases.append(case("ramp_ties", t, np.round(0.01 * np.arange(n) + rng.normal(0, 0.3, n), 1)))
    cases.append(case("down_outliers", np.arange(25.0), np.where(np.arange(25) % 7 == 3, 50.0, -0.3 * np.arange(25) + rng.normal(0, 0.2, 25))))
    m = 201
    tt = np.sort(rng.uniform(0, 1000, m))
    cases.append(case("irregular_long", tt, 0.01 * tt + rng.standard_t(3, m)))
    cases.append(case("short", [0.0, 1.0, 2.0], [1.0, 3.0, 2.0]))
    json.dump({"scipy": scipy.__version__, "numpy": np.__version__, "cases": cases}, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
