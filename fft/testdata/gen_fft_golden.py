#!/usr/bin/python3
"""Golden vectors for package fft, computed with scipy.fft.

Rerun from the repository root with the system interpreter (it has scipy):

    /usr/bin/python3 fft/testdata/gen_fft_golden.py

It writes fft/testdata/fft_golden.json. Inputs are not stored: they come
from a 64-bit linear congruential generator that golden_test.go reproduces
bit for bit (see lcg below), so even long transforms stay small on disk.
For n > 64 only a deterministic spread of output indices is stored.
"""
import json
import os

import numpy as np
import scipy
import scipy.fft

MASK = (1 << 64) - 1


def lcg(seed, count):
    """count values in [-0.5, 0.5): s = s*6364136223846793005 + 1442695040888963407
    (mod 2^64), value = (s >> 11) / 2^53 - 0.5, all exact in float64."""
    s = seed & MASK
    out = np.empty(count)
    for i in range(count):
        s = (s * 6364136223846793005 + 1442695040888963407) & MASK
        out[i] = (s >> 11) / float(1 << 53) - 0.5
    return out


def lcg_complex(seed, count):
    v = lcg(seed, 2 * count)
    return v[0::2] + 1j * v[1::2]


def pick(count):
    """Indices of count outputs to store: all of them up to 64, else 64 spread."""
    if count <= 64:
        return list(range(count))
    idx = set(np.linspace(0, count - 1, 60).round().astype(int).tolist())
    idx.update([1, 2, count - 2, count - 1])
    return sorted(i for i in idx if 0 <= i < count)


def complex_case(kind, n, seed, out):
    idx = pick(len(out))
    return {
        "kind": kind,
        "n": n,
        "seed": seed,
        "index": idx,
        "re": [float(out[i].real) for i in idx],
        "im": [float(out[i].imag) for i in idx],
    }


def real_case(kind, n, seed, out):
    idx = pick(len(out))
    return {"kind": kind, "n": n, "seed": seed, "index": idx, "re": [float(out[i]) for i in idx]}


def main():
    cases = []
    # fft: complex input from lcg_complex(seed, n).
    for n in [1, 2, 3, 4, 5, 7, 8, 12, 17, 30, 64, 97, 210, 1000, 1009, 4096, 12000]:
        seed = 1000 + n
        cases.append(complex_case("fft", n, seed, scipy.fft.fft(lcg_complex(seed, n))))
    # ifft: complex input from lcg_complex(seed, n), scaled 1/n.
    for n in [1, 6, 25, 128, 1009, 20480]:
        seed = 2000 + n
        cases.append(complex_case("ifft", n, seed, scipy.fft.ifft(lcg_complex(seed, n))))
    # rfft: real input from lcg(seed, n).
    for n in [1, 2, 3, 9, 16, 31, 100, 1000, 1009, 4096, 12000, 20480]:
        seed = 3000 + n
        cases.append(complex_case("rfft", n, seed, scipy.fft.rfft(lcg(seed, n))))
    # irfft: n/2+1 bins from lcg_complex(seed, n//2+1), output length n.
    for n in [1, 2, 5, 8, 33, 1000, 1009, 12000]:
        seed = 4000 + n
        cases.append(real_case("irfft", n, seed, scipy.fft.irfft(lcg_complex(seed, n // 2 + 1), n)))
    doc = {
        "generator": "fft/testdata/gen_fft_golden.py",
        "scipy": scipy.__version__,
        "numpy": np.__version__,
        "cases": cases,
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fft_golden.json")
    with open(path, "w") as f:
        json.dump(doc, f, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
