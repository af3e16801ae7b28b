#!/usr/bin/python3
"""Generate features_golden.json: reference values for package features.

Rerun from the repository root with the system interpreter (scipy 1.10.1,
numpy 1.24.2 were used):

    /usr/bin/python3 features/testdata/gen_features_golden.py

The inputs are stored in the JSON next to the expected values, so the Go
tests need neither Python nor a random generator that matches numpy's.
"""
import json
import os

import numpy as np
from scipy import signal, stats

rng = np.random.default_rng(20240601)


def time_case(name, x):
    x = np.asarray(x, dtype=np.float64)
    rms = np.sqrt(np.mean(x * x))
    peak = np.max(np.abs(x))
    mean_abs = np.mean(np.abs(x))
    return {
        "name": name,
        "x": x.tolist(),
        "mean": float(np.mean(x)),
        "std": float(np.std(x, ddof=1)),  # MATLAB std: n-1
        "rms": float(rms),
        "peak": float(peak),
        "peak_to_peak": float(np.ptp(x)),
        "crest": float(peak / rms),
        "shape": float(rms / mean_abs),
        "impulse": float(peak / mean_abs),
        "clearance": float(peak / np.mean(np.sqrt(np.abs(x))) ** 2),
        "skewness": float(stats.skew(x)),  # biased, as MATLAB skewness
        "kurtosis": float(stats.kurtosis(x, fisher=False)),  # Pearson, biased
    }


def peak_case(name, x, **kw):
    x = np.asarray(x, dtype=np.float64)
    peaks, props = signal.find_peaks(x, **kw)
    prom, lb, rb = signal.peak_prominences(x, peaks, wlen=kw.get("wlen"))
    return {
        "name": name,
        "x": x.tolist(),
        "height": kw.get("height"),
        "distance": kw.get("distance"),
        "prominence": kw.get("prominence"),
        "wlen": kw.get("wlen"),
        "peaks": peaks.tolist(),
        "prominences": prom.tolist(),
        "left_bases": lb.tolist(),
        "right_bases": rb.tolist(),
    }


def spectral_case(name, x, fs, nperseg):
    f, p = signal.welch(x, fs=fs, nperseg=nperseg)  # one-sided PSD, unit^2/Hz
    df = f[1] - f[0]
    a = np.sqrt(p)
    centroid = np.sum(f * a) / np.sum(a)
    # Median: each bin's power spread evenly over [f-df/2, f+df/2], clipped
    # to [0, f_max]; interpolate the cumulative power at the bin edges.
    edges = np.concatenate(([0.0], f[:-1] + df / 2, [f[-1]]))
    cum = np.concatenate(([0.0], np.cumsum(p)))
    median = np.interp(cum[-1] / 2, cum, edges)
    lo, hi = 100.0, 250.0
    band = (f >= lo) & (f <= hi)
    return {
        "name": name,
        "psd": p.tolist(),
        "df": float(df),
        "total_power": float(np.sum(p) * df),
        "mean_frequency": float(np.sum(f * p) / np.sum(p)),
        "median_frequency": float(median),
        "centroid": float(centroid),
        "spread": float(np.sqrt(np.sum((f - centroid) ** 2 * a) / np.sum(a))),
        "entropy": float(stats.entropy(p) / np.log(len(p))),
        "flatness": float(stats.gmean(p) / np.mean(p)),
        "crest": float(np.max(p) / np.mean(p)),
        "peak_power": float(np.max(p)),
        "peak_frequency": float(f[np.argmax(p)]),
        "band": [lo, hi],
        "band_power": float(np.sum(p[band]) * df),
        "signal_mean_square": float(np.mean((x - np.mean(x)) ** 2)),
    }


def main():
    n = 1000
    t = np.arange(2048) / 2048.0
    impulsive = np.sin(2 * np.pi * 37 * t) + 0.2 * rng.standard_normal(t.size)
    impulsive[::97] += 4.0  # periodic impacts: high kurtosis and crest
    time_cases = [
        time_case("gaussian", 0.5 + 1.3 * rng.standard_normal(n)),
        time_case("exponential", rng.exponential(2.0, 777)),
        time_case("impulsive", impulsive),
        time_case("offset", 1e6 + rng.standard_normal(300) ** 3),
        time_case("tiny", [1.0, -2.0, 0.5, 4.0, 3.0]),
    ]

    base = np.sin(2 * np.pi * 5 * np.arange(600) / 600) + 0.4 * rng.standard_normal(600)
    plateau = np.round(np.sin(np.linspace(0, 12 * np.pi, 300)) * 3 + rng.standard_normal(300), 0)
    peak_cases = [
        peak_case("plain", base),
        peak_case("height", base, height=0.8),
        peak_case("distance", base, distance=25),
        peak_case("prominence", base, prominence=0.7),
        peak_case("prominence_wlen", base, prominence=0.5, wlen=40),
        peak_case("all", base, height=0.2, distance=12, prominence=0.3),
        peak_case("plateaus", plateau, prominence=1.0),
    ]

    fs = 1000.0
    tt = np.arange(4096) / fs
    x = (np.sin(2 * np.pi * 120 * tt) + 0.5 * np.sin(2 * np.pi * 310 * tt)
         + 0.3 * rng.standard_normal(tt.size))
    spectral_cases = [spectral_case("two_tones", x, fs, 256)]

    out = {
        "generator": "features/testdata/gen_features_golden.py",
        "scipy": __import__("scipy").__version__,
        "numpy": np.__version__,
        "time": time_cases,
        "peaks": peak_cases,
        "spectral": spectral_cases,
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "features_golden.json")
    with open(path, "w") as fh:
        json.dump(out, fh)
        fh.write("\n")


if __name__ == "__main__":
    main()
