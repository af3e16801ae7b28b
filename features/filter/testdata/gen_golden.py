#!/usr/bin/python3
"""Writes golden.json: scipy.signal references for package filter.

Run from this directory with /usr/bin/python3 (numpy, scipy):
    /usr/bin/python3 gen_golden.py
Recorded with the scipy and numpy versions stored in the JSON.
"""
import json

import numpy as np
import scipy
from scipy import signal

rng = np.random.default_rng(20816)
x = rng.standard_normal(200) + 0.5 * np.sin(2 * np.pi * 0.01 * np.arange(200)) + 1.5
fs = 1000.0

designs = []
for kind, orders, cut in [
    ("lowpass", [1, 2, 3, 4, 5, 8], [50.0, 200.0, 450.0]),
    ("highpass", [1, 2, 3, 4, 7], [20.0, 120.0]),
    ("bandpass", [1, 2, 3, 4, 6], [[50.0, 150.0], [10.0, 400.0]]),
]:
    for n in orders:
        for c in cut:
            sos = signal.butter(n, c, btype=kind, fs=fs, output="sos")
            designs.append({
                "kind": kind, "order": n,
                "cutoff": c if np.ndim(c) else [c],
                "sos": sos.tolist(),
                "sosfilt": signal.sosfilt(sos, x).tolist(),
                "sosfiltfilt": signal.sosfiltfilt(sos, x).tolist(),
            })

resamples = []
for up, down in [(3, 2), (2, 3), (1, 4), (4, 1), (5, 3), (6, 4), (1, 1), (7, 11)]:
    resamples.append({"up": up, "down": down,
                      "y": signal.resample_poly(x, up, down).tolist()})

decimates = []
for q in [2, 3, 5]:
    decimates.append({"q": q, "y": signal.decimate(x, q, ftype="fir").tolist()})

decimates_iir = []
for q in [2, 3, 4, 7]:
    decimates_iir.append({"q": q,
                          "sos": signal.cheby1(8, 0.05, 0.8 / q, output="sos").tolist(),
                          "y": signal.decimate(x, q).tolist()})

json.dump({
    "scipy": scipy.__version__, "numpy": np.__version__,
    "fs": fs, "x": x.tolist(),
    "butter": designs, "resample_poly": resamples, "decimate": decimates,
    "decimate_iir": decimates_iir,
}, open("golden.json", "w"))
