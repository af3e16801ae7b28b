#!/usr/bin/python3
"""Generate the small synthetic CWRU- and MFPT-shaped MAT-files that the
datasets tests and examples read. No real data is copied: signals are
synthetic (a decaying resonance struck at the outer-race defect rate plus
noise), a few hundred samples long.

The CWRU files are encoded by hand to match the originals byte for byte in
layout: uncompressed Level 5, little-endian, double column vectors named
X<number>_DE_time etc., and the RPM declared double but stored as miUINT16
in the 4-byte small element form (scipy.io.savemat cannot write that). The
MFPT file is written by scipy.io.savemat with compression, like the
originals.

Rerun from this folder with the system interpreter:

    cd datasets/testdata/mat && /usr/bin/python3 gen_fixtures.py
"""
import os
import struct

import numpy as np
import scipy.io as sio

MI_INT8, MI_UINT16, MI_INT32, MI_UINT32, MI_DOUBLE, MI_MATRIX = 1, 4, 5, 6, 9, 14
CLASS_DOUBLE = 6


def element(typ, data):
    pad = (-len(data)) % 8
    return struct.pack("<II", typ, len(data)) + data + b"\0" * pad


def small(typ, data):
    assert len(data) <= 4
    return struct.pack("<HH", typ, len(data)) + data.ljust(4, b"\0")


def matrix(name, dims, data_elem):
    body = element(MI_UINT32, struct.pack("<II", CLASS_DOUBLE, 0))
    body += element(MI_INT32, struct.pack("<%di" % len(dims), *dims))
    body += element(MI_INT8, name.encode())
    body += data_elem
    return element(MI_MATRIX, body)


def column(name, x):
    return matrix(name, (len(x), 1), element(MI_DOUBLE, np.asarray(x, "<f8").tobytes()))


def rpm(name, value):
    return matrix(name, (1, 1), small(MI_UINT16, struct.pack("<H", value)))


def header():
    text = b"MATLAB 5.0 MAT-file, Platform: PCWIN, Created on: synthetic fixture for spindle tests"
    return text.ljust(116, b" ") + b"\0" * 8 + struct.pack("<H", 0x0100) + b"IM"


def synthetic(n, rate, rpm_, seed):
    rng = np.random.default_rng(seed)
    t = np.arange(n) / rate
    bpfo = 3.5848 * rpm_ / 60.0
    x = 0.02 * rng.standard_normal(n)
    for k in range(int(t[-1] * bpfo) + 1):
        t0 = k / bpfo
        m = t >= t0
        x[m] += 0.5 * np.exp(-900.0 * (t[m] - t0)) * np.sin(2 * np.pi * 3000.0 * (t[m] - t0))
    return np.round(x, 6)


def write(path, *elems):
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path, "wb") as f:
        f.write(header() + b"".join(elems))


def main():
    n = 600
    de = synthetic(n, 12000.0, 1796, 1)
    write("cwru/12k_drive_end/130.mat",
          column("X130_DE_time", de),
          column("X130_FE_time", np.round(0.3 * de, 6)),
          column("X130_BA_time", np.round(0.1 * de, 6)),
          rpm("X130RPM", 1796))
    # Like 3001-3008: one DE channel under another number, no RPM.
    write("cwru/12k_drive_end/3005.mat", column("X048_DE_time", synthetic(n, 12000.0, 1797, 2)))
    # Like the normal baseline: DE and FE only.
    write("cwru/normal/97.mat",
          column("X097_DE_time", synthetic(n, 48000.0, 1796, 3) * 0.1),
          column("X097_FE_time", synthetic(n, 48000.0, 1796, 4) * 0.1),
          rpm("X097RPM", 1796))
    # Broken ones.
    bad = synthetic(8, 12000.0, 1797, 5)
    bad[3] = np.nan
    write("bad/nan/105.mat", column("X105_DE_time", bad), rpm("X105RPM", 1797))
    write("bad/ambiguous/105.mat", column("X001_DE_time", bad[:3]), column("X002_DE_time", bad[:3]))
    write("bad/zerorpm/105.mat", column("X105_DE_time", bad[:3]), rpm("X105RPM", 0))
    write("bad/nochannel/105.mat", rpm("X105RPM", 1797))
    # MFPT: compressed struct "bearing", fields as in the originals.
    os.makedirs("mfpt", exist_ok=True)
    bearing = {
        "rate": np.uint8(25),
        "load": "25",
        "gs": synthetic(n, 48828.0, 1500, 6).reshape(-1, 1),
        "sr": np.uint16(48828),
    }
    sio.savemat("mfpt/OuterRaceFault_vload_1.mat", {"bearing": bearing}, do_compression=True)
    sio.savemat("mfpt/bad/InnerRaceFault_nosr.mat",
                {"bearing": {"rate": np.uint8(25), "load": "0", "gs": np.zeros((4, 1))}},
                do_compression=True)
    sio.savemat("mfpt/bad/InnerRaceFault_badload.mat",
                {"bearing": {"rate": np.uint8(25), "load": "heavy", "sr": np.uint16(48828),
                             "gs": np.zeros((4, 1))}},
                do_compression=True)


if __name__ == "__main__":
    main()
