#!/usr/bin/python3
"""Golden vectors for features' envelope analysis, cepstrum pre-whitening,
spectral kurtosis and fast kurtogram.

Rerun from the features folder with the system interpreter (scipy 1.10):

    /usr/bin/python3 testdata/gen_envelope_golden.py > testdata/envelope_golden.json

Everything is computed independently of the Go code, with numpy/scipy:
  * SES: analytic band signal by masking numpy.fft.fft(x) (checked here to
    equal scipy.signal.hilbert for the full band), squared envelope, mean
    removed, |fft|/n, one-sided (x2 except DC and Nyquist).
  * CPW: real cepstrum editing spelled out: c = ifft(log|X|); c[1:] = 0;
    x_w = ifft(exp(fft(c)) * exp(1j*angle(X))).
  * Spectral kurtosis: scipy.signal.stft frames (boundary=None, padded=False,
    no detrending), SK = mean|X|^4 / mean(|X|^2)^2 - 2.
  * Fast kurtogram: a line-by-line port of J. Antoni's Fast_kurtogram.m
    (12-2014), with scipy.signal.firwin for fir1 and lfilter for filter.
"""
import json
import sys

import numpy as np
import scipy.signal as sig


def ses(x, rate, lo, hi):
    n = len(x)
    X = np.fft.fft(x)
    f = np.arange(n) * rate / n
    H = np.zeros(n)
    pos = np.arange(n) <= n // 2
    band = pos & (f >= lo - 1e-9 * rate / n) & (f <= hi + 1e-9 * rate / n)
    H[band] = 2.0
    H[0] = 1.0 if band[0] else 0.0
    if n % 2 == 0 and band[n // 2]:
        H[n // 2] = 1.0
    z = np.fft.ifft(X * H)
    if lo == 0 and hi == rate / 2:
        assert np.allclose(z, sig.hilbert(x), atol=1e-12)
    e = np.abs(z) ** 2
    E = np.abs(np.fft.fft(e - e.mean())) / n
    S = E[: n // 2 + 1].copy()
    S[1 : (n + 1) // 2] *= 2
    return S


def cpw(x):
    X = np.fft.fft(x)
    c = np.real(np.fft.ifft(np.log(np.abs(X))))
    c[1:] = 0
    Xw = np.exp(np.real(np.fft.fft(c))) * np.exp(1j * np.angle(X))
    return np.real(np.fft.ifft(Xw))


def spectral_kurtosis(x, nfft, hop):
    win = sig.get_window("hann", nfft)
    _, _, Z = sig.stft(x, window=win, nperseg=nfft, noverlap=nfft - hop,
                       boundary=None, padded=False, detrend=False,
                       return_onesided=True)
    p = np.abs(Z) ** 2
    return (p ** 2).mean(axis=1) / p.mean(axis=1) ** 2 - 2


# ---- fast kurtogram, after Antoni's Fast_kurtogram.m ----------------------

def kurt2(x):
    if np.all(x == 0):
        return 0.0
    x = x - x.mean()
    E = np.mean(np.abs(x) ** 2)
    if E < np.finfo(float).eps:
        return 0.0
    K = np.mean(np.abs(x) ** 4) / E ** 2
    return K - 3 if np.isrealobj(x) else K - 2


def dbfb(x, h, g):
    N = len(x)
    a = sig.lfilter(h, 1, x)[1:N:2]
    d = sig.lfilter(g, 1, x)[1:N:2]
    return a, d


def tbfb(x, h1, h2, h3):
    N = len(x)
    return tuple(sig.lfilter(f, 1, x)[2:N:3] for f in (h1, h2, h3))


def k_wpq_local(x, h, g, h1, h2, h3, nlevel, level):
    a, d = dbfb(x, h, g)
    N = len(a)
    d = d * (-1.0) ** np.arange(1, N + 1)
    Lh, Lg = len(h), len(g)
    K1 = kurt2(a[Lh - 1:])
    K2 = kurt2(d[Lg - 1:])
    if level > 2:
        a1, a2, a3 = tbfb(a, h1, h2, h3)
        d1, d2, d3 = tbfb(d, h1, h2, h3)
        Kq = [kurt2(c[Lh - 1:]) for c in (a1, a2, a3, d1, d2, d3)]
    else:
        Kq = [0.0] * 6
    if level == 1:
        K = np.array([[K1] * 3 + [K2] * 3])
        KQ = np.array([Kq])
    if level > 1:
        Ka, KaQ = k_wpq_local(a, h, g, h1, h2, h3, nlevel, level - 1)
        Kd, KdQ = k_wpq_local(d, h, g, h1, h2, h3, nlevel, level - 1)
        K = np.vstack([np.hstack([[K1] * Ka.shape[1], [K2] * Kd.shape[1]]),
                       np.hstack([Ka, Kd])])
        Long = int(round(2 / 6 * KaQ.shape[1]))
        top = np.hstack([[v] * Long for v in Kq])
        KQ = np.vstack([top, np.hstack([KaQ, KdQ])])
    if level == nlevel:
        K = np.vstack([[kurt2(x)] * K.shape[1], K])
        b1, b2, b3 = tbfb(x, h1, h2, h3)
        Long = int(round(KQ.shape[1] / 3))
        top = np.hstack([[kurt2(c[Lh - 1:])] * Long for c in (b1, b2, b3)])
        KQ = np.vstack([top, KQ[:-2, :]])
    return K, KQ


def fast_kurtogram(x, nlevel, fs):
    x = np.asarray(x, float)
    x = x - x.mean()
    N = 16
    fc = 0.4
    h = sig.firwin(N + 1, fc) * np.exp(2j * np.pi * np.arange(N + 1) * 0.125)
    n = np.arange(2, N + 2)
    g = h[(1 - n) % N] * (-1.0) ** (1 - n)
    N = int(np.fix(3 / 2 * N))
    h1 = sig.firwin(N + 1, 2 / 3 * fc) * np.exp(2j * np.pi * np.arange(N + 1) * 0.25 / 3)
    h2 = h1 * np.exp(2j * np.pi * np.arange(N + 1) / 6)
    h3 = h1 * np.exp(2j * np.pi * np.arange(N + 1) / 3)
    KD, KQ = k_wpq_local(x, h, g, h1, h2, h3, nlevel, nlevel)
    K = np.zeros((2 * nlevel, 3 * 2 ** nlevel))
    K[0] = KD[0]
    for i in range(1, nlevel):
        K[2 * i - 1] = KD[i]
        K[2 * i] = KQ[i - 1]
    K[2 * nlevel - 1] = KD[nlevel]
    K[K < 0] = 0
    lev = np.vstack([np.arange(1, nlevel + 1), np.arange(1, nlevel + 1) + np.log2(3) - 1]).T.ravel()
    level_w = np.concatenate([[0], lev[: 2 * nlevel - 1]])
    # max_IJ: first maximum column-major (leftmost column, then top row).
    colmax = K.max(axis=0)
    J = int(np.argmax(colmax))
    I = int(np.argmax(K[:, J]))
    fi = J / 3 / 2 ** (nlevel + 1) + 2.0 ** (-2 - level_w[I])
    bw = fs * 2.0 ** -(level_w[I] + 1)
    # compact rows: one value per band
    rows = []
    for r in range(2 * nlevel):
        nb = int(round(2 ** level_w[r])) if r == 0 or r % 2 == 1 else 3 * 2 ** (r // 2 - 1)
        step = K.shape[1] // nb
        rows.append(K[r, ::step].tolist())
    return rows, level_w.tolist(), fi * fs, bw, float(K[I, J])


def main():
    rng = np.random.default_rng(20240611)
    out = {}

    # SES cases: an AM carrier plus noise, odd and even lengths.
    cases = []
    for n, rate, lo, hi in [(256, 1000.0, 0.0, 500.0), (256, 1000.0, 120.0, 310.0),
                            (243, 800.0, 50.0, 400.0), (243, 800.0, 0.0, 400.0)]:
        t = np.arange(n) / rate
        x = (1 + 0.5 * np.cos(2 * np.pi * 31.25 * t)) * np.cos(2 * np.pi * 187.5 * t)
        x = x + 0.3 * rng.standard_normal(n)
        cases.append({"rate": rate, "lo": lo, "hi": hi, "x": x.tolist(),
                      "want": ses(x, rate, lo, hi).tolist()})
    out["ses"] = cases

    x = rng.standard_normal(200)
    x[::37] += 4.0
    y = np.convolve(x, [1, 0.7, 0.2], mode="same") + np.sin(2 * np.pi * 0.05 * np.arange(200))
    out["cpw"] = {"x": y.tolist(), "want": cpw(y).tolist()}

    x = rng.standard_normal(1000)
    x[::50] += 6.0
    out["sk"] = {"nfft": 64, "hop": 16, "x": x.tolist(),
                 "want": spectral_kurtosis(x, 64, 16).tolist()}

    # Kurtogram: impulses every 97 samples ringing at 0.3 of the rate.
    n, nlevel, fs = 2048, 4, 1.0
    x = 0.5 * rng.standard_normal(n)
    ring = np.exp(-np.arange(60) / 8.0) * np.cos(2 * np.pi * 0.3 * np.arange(60))
    for s in range(13, n - 60, 97):
        x[s:s + 60] += 2 * ring
    rows, levels, fcen, bw, kmax = fast_kurtogram(x, nlevel, fs)
    out["kurtogram"] = {"levels": nlevel, "rate": fs, "x": x.tolist(), "rows": rows,
                        "level_w": levels, "center": fcen, "bandwidth": bw, "kmax": kmax}
    json.dump(out, sys.stdout, indent=None, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
