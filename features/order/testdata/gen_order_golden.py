#!/usr/bin/python3
"""Golden vectors for package order, from scipy.

Run from this directory: /usr/bin/python3 gen_order_golden.py
It writes order_golden.json, which golden_test.go reads.

  - lowpass: scipy.signal.firwin(numtaps, cutoff, fs=rate) (Hamming window)
  - resample_int: scipy.signal.resample_poly(x, 1, down, window=h), the
    anti-alias filter h applied at every down-th sample, zero-phase — what
    the angular Resampler does at a constant speed of rate/(down·spr) Hz
  - resample_half: scipy.signal.resample_poly(x, 2, down, window=h2) with h2 =
    firwin(2·numtaps−1, cutoff, fs=2·rate), the filter at half-sample delays
    (constant speed rate/(down/2·spr) Hz)
  - pchip: scipy.interpolate.PchipInterpolator and its derivative
"""
import json

import numpy as np
import scipy
from scipy import interpolate, signal

rng = np.random.RandomState(20261205)
rate = 10000.0
numtaps, cutoff = 41, 1000.0
h = signal.firwin(numtaps, cutoff, fs=rate)
x = rng.standard_normal(2000)

y_int = signal.resample_poly(x, 1, 5, window=h)
h2 = signal.firwin(2 * numtaps - 1, cutoff, fs=2 * rate)
y_half = signal.resample_poly(x, 2, 5, window=h2)

kt = np.cumsum(rng.uniform(0.05, 0.15, 30))
kr = np.cumsum(rng.uniform(0.5, 1.5, 30))
p = interpolate.PchipInterpolator(kt, kr)
tq = np.linspace(kt[0] - 0.1, kt[-1] + 0.1, 200)
# scipy extrapolates the end cubics; package order extrapolates linearly, so
# compare inside the knots only.
tq = tq[(tq >= kt[0]) & (tq <= kt[-1])]

out = {
    "scipy": scipy.__version__,
    "rate": rate,
    "numtaps": numtaps,
    "cutoff": cutoff,
    "lowpass": h.tolist(),
    "x": x.tolist(),
    "spr": 16,
    "resample_int_down": 5,
    "resample_int": y_int.tolist(),
    "resample_half_down": 5,
    "resample_half": y_half.tolist(),
    "pchip_t": kt.tolist(),
    "pchip_rev": kr.tolist(),
    "pchip_tq": tq.tolist(),
    "pchip_at": p(tq).tolist(),
    "pchip_speed": p.derivative()(tq).tolist(),
}
with open("order_golden.json", "w") as f:
    json.dump(out, f)
