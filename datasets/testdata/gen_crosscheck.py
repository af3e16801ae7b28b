#!/usr/bin/python3
"""Record scipy.io.loadmat's reading of the real CWRU and MFPT MAT-files in
crosscheck.json, which the Go tests compare against (the data files are not
in the repository).

For every file: each variable (struct fields as "bearing.gs"), its class as
scipy reports it, its length, its first five values and the exactly rounded
sum and sum of absolute values of all of them (math.fsum); char variables
give their text.

Rerun from this folder with the system interpreter:

    cd datasets/testdata && /usr/bin/python3 gen_crosscheck.py [DATA_DIR]

DATA_DIR defaults to $SPINDLE_DATA or ../../../shared/data.
"""
import glob
import json
import math
import os
import sys

import numpy as np
import scipy.io as sio


def describe(v):
    if v.dtype.kind == "U":
        return {"text": "".join(v.ravel())}
    flat = np.asarray(v, dtype=np.float64).ravel(order="F")
    return {
        "dtype": str(v.dtype),
        "len": int(flat.size),
        "first5": [float(x) for x in flat[:5]],
        "sum": math.fsum(flat),
        "sumabs": math.fsum(np.abs(flat)),
    }


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.environ.get(
        "SPINDLE_DATA", os.path.join("..", "..", "..", "shared", "data"))
    out = {}
    pats = ["cwru/12k_drive_end/*.mat", "cwru/normal/*.mat", "mfpt/*.mat"]
    for pat in pats:
        for path in sorted(glob.glob(os.path.join(root, pat))):
            rel = os.path.relpath(path, root).replace(os.sep, "/")
            m = sio.loadmat(path)
            vars_ = {}
            for k, v in m.items():
                if k.startswith("__"):
                    continue
                if v.dtype.names is not None:
                    for f in v.dtype.names:
                        vars_[k + "." + f] = describe(v[0, 0][f])
                else:
                    vars_[k] = describe(v)
            out[rel] = vars_
    with open("crosscheck.json", "w") as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write("\n")
    print(len(out), "files")


if __name__ == "__main__":
    main()
