#!/usr/bin/python3
"""Golden vectors for the fft package's windows, spectra, Welch PSD,
spectrogram and analytic signal, computed with scipy.

Rerun from the module root with the system interpreter (scipy 1.10, numpy):

    /usr/bin/python3 fft/testdata/gen_spectra_golden.py

It rewrites fft/testdata/spectra_golden.json, which spectra_golden_test.go
reads. Inputs are stored in the file, so the Go tests do not depend on
numpy's random generator.
"""
import json
import os

import numpy as np
import scipy
from scipy import signal

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20240611)

# Window kinds as the Go WindowKind names, with scipy's get_window spec.
KINDS = [
    ("Rectangular", 0.0, "boxcar"),
    ("Hann", 0.0, "hann"),
    ("Hamming", 0.0, "hamming"),
    ("Blackman", 0.0, "blackman"),
    ("BlackmanHarris", 0.0, "blackmanharris"),
    ("FlatTop", 0.0, "flattop"),
    ("Kaiser", 8.6, ("kaiser", 8.6)),
    ("Kaiser", 0.0, ("kaiser", 0.0)),
    ("Tukey", 0.5, ("tukey", 0.5)),
    ("Tukey", 0.0, ("tukey", 0.0)),
    ("Tukey", 1.0, ("tukey", 1.0)),
]


def floats(a):
    return [float(v) for v in np.asarray(a, dtype=float).ravel()]


def cplx(a):
    a = np.asarray(a, dtype=complex).ravel()
    return {"re": floats(a.real), "im": floats(a.imag)}


def windows():
    out = []
    for name, param, spec in KINDS:
        for n in (1, 2, 3, 16, 17, 64, 51):
            for periodic in (True, False):
                if not periodic and n == 2 and name not in ("Rectangular", "Hamming", "Kaiser") \
                        and not (name == "Tukey" and param == 0.0):
                    continue  # degenerate: the symmetric window sums to (about) zero
                w = signal.get_window(spec, n, fftbins=periodic)
                out.append({"kind": name, "param": param, "n": n,
                            "periodic": periodic, "coef": floats(w)})
    return out


# One signal serves every spectral case: two tones, a ramp and an offset in
# white noise, so that detrending and windowing both matter.
FS = 1000.0
N = 1200
t = np.arange(N) / FS
X = (1.5 * np.sin(2 * np.pi * 62.5 * t) + 0.4 * np.cos(2 * np.pi * 171.3 * t + 0.3)
     + 0.8 + 2.0 * t + rng.standard_normal(N))


def periodograms():
    out = []
    for name, param, spec, n in (("Hann", 0.0, "hann", 128), ("FlatTop", 0.0, "flattop", 127),
                                 ("Rectangular", 0.0, "boxcar", 100),
                                 ("Kaiser", 8.6, ("kaiser", 8.6), 99)):
        w = signal.get_window(spec, n)
        _, p = signal.periodogram(X[:n], FS, window=w, detrend=False, scaling="spectrum")
        out.append({"kind": name, "param": param, "n": n, "power": floats(p)})
    return out


def welch():
    out = []
    cases = [
        ("Hann", 0.0, "hann", 128, 64, "density", False),
        ("Hann", 0.0, "hann", 128, 64, "spectrum", False),
        ("Hann", 0.0, "hann", 128, 64, "density", "constant"),
        ("Hann", 0.0, "hann", 128, 0, "spectrum", "constant"),
        ("Hamming", 0.0, "hamming", 101, 33, "density", "linear"),
        ("Hamming", 0.0, "hamming", 101, 33, "spectrum", "linear"),
        ("Kaiser", 8.6, ("kaiser", 8.6), 256, 200, "density", "constant"),
        ("Tukey", 0.5, ("tukey", 0.5), 75, 74, "density", "linear"),
        ("Rectangular", 0.0, "boxcar", 1200, 0, "density", False),
    ]
    for name, param, spec, nseg, nov, scaling, detrend in cases:
        w = signal.get_window(spec, nseg)
        _, p = signal.welch(X, FS, window=w, noverlap=nov, detrend=detrend,
                            scaling=scaling, average="mean")
        out.append({"kind": name, "param": param, "nperseg": nseg, "overlap": nov,
                    "scaling": scaling, "detrend": detrend or "none", "psd": floats(p)})
    return out


def spectrograms():
    out = []
    for name, param, spec, nseg, hop, n in (("Hann", 0.0, "hann", 64, 48, 600),
                                            ("Blackman", 0.0, "blackman", 51, 51, 400),
                                            ("Tukey", 0.5, ("tukey", 0.5), 40, 7, 200)):
        w = signal.get_window(spec, nseg)
        _, _, s = signal.spectrogram(X[:n], FS, window=w, noverlap=nseg - hop,
                                     detrend=False, mode="psd", scaling="density")
        out.append({"kind": name, "param": param, "nperseg": nseg, "hop": hop, "n": n,
                    "frames": int(s.shape[1]), "sxx": floats(s.T)})  # frames x bins
    return out


def hilberts():
    out = []
    for n in (1, 2, 3, 64, 63, 100, 101):
        out.append({"n": n, "analytic": cplx(signal.hilbert(X[:n]))})
    return out


golden = {
    "scipy": scipy.__version__,
    "numpy": np.__version__,
    "fs": FS,
    "x": floats(X),
    "windows": windows(),
    "periodograms": periodograms(),
    "welch": welch(),
    "spectrograms": spectrograms(),
    "hilbert": hilberts(),
}
path = os.path.join(HERE, "spectra_golden.json")
with open(path, "w") as f:
    json.dump(golden, f, separators=(",", ":"))
    f.write("\n")
print(path, os.path.getsize(path), "bytes")
