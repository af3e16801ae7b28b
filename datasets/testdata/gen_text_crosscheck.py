#!/usr/bin/python3
"""Independent reading of the real IMS and FEMTO text files for the Go loaders' tests.

numpy.loadtxt reads each file (IMS snapshots straight from the folder, FEMTO
files straight out of Learning_set.zip, never unpacked) and records its row
and column counts, first row, last row, per-column sums and per-column sums of
absolute values into datasets/testdata/text_crosscheck.json, which
TestIMSRealCrossCheck and TestFEMTORealCrossCheck compare with what the Go
loaders return.

Run from the repository root with the system interpreter:

    /usr/bin/python3 datasets/testdata/gen_text_crosscheck.py

The data folder is $SPINDLE_DATA, else ../shared/data beside the module root
(as internal/testenv resolves it).
"""
import io
import json
import os
import zipfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))  # module root
DATA = os.environ.get("SPINDLE_DATA") or os.path.join(os.path.dirname(ROOT), "shared", "data")

FEMTO_FILES = [
    "Learning_set/Bearing1_1/acc_00001.csv",  # microseconds in exponent form
    "Learning_set/Bearing1_1/acc_02803.csv",  # last file of the longest run
    "Learning_set/Bearing1_2/acc_00500.csv",
    "Learning_set/Bearing2_2/acc_00400.csv",
    "Learning_set/Bearing3_2/acc_01637.csv",
    "Learning_set/Bearing1_1/temp_00001.csv",  # ',' separated
    "Learning_set/Bearing1_2/temp_00001.csv",  # ';' and zero-padded hours
    "Learning_set/Bearing3_1/temp_00089.csv",  # ';', last (short) file
]


def summary(x):
    x = np.atleast_2d(x)
    return {
        "rows": int(x.shape[0]),
        "cols": int(x.shape[1]),
        "first": [float(v) for v in x[0]],
        "last": [float(v) for v in x[-1]],
        "sum": [float(v) for v in x.sum(axis=0)],
        "abs_sum": [float(v) for v in np.abs(x).sum(axis=0)],
    }


def main():
    res = {"ims": {}, "femto": {}}
    ims_dir = os.path.join(DATA, "ims", "1st_test")
    for name in sorted(os.listdir(ims_dir)):
        res["ims"][name] = summary(np.loadtxt(os.path.join(ims_dir, name), delimiter="\t"))
    with zipfile.ZipFile(os.path.join(DATA, "femto", "Learning_set.zip")) as z:
        for name in FEMTO_FILES:
            text = z.read(name).decode("ascii")
            sep = ";" if ";" in text.split("\n", 1)[0] else ","
            res["femto"][name] = summary(np.loadtxt(io.StringIO(text), delimiter=sep))
    with open(os.path.join(HERE, "text_crosscheck.json"), "w") as f:
        json.dump(res, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
