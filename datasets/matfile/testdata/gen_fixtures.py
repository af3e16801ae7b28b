#!/usr/bin/python3
"""Generate the small MAT-file fixtures of package matfile and golden.json,
scipy's own reading of each fixture.

Rerun from this folder with the system interpreter (scipy 1.10, numpy):

    cd datasets/matfile/testdata && /usr/bin/python3 gen_fixtures.py

Each fixture is written twice, uncompressed (v5_*.mat, what save -v6 makes)
and with zlib-compressed elements (v7z_*.mat, save -v7). golden.json holds,
for every fixture and variable, what scipy.io.loadmat returns, flattened in
MATLAB's column-major order, so the Go test compares against scipy rather
than against values typed twice.
"""
import json

import numpy as np
import scipy.io as sio

def contents():
    rng = np.random.default_rng(20240601)  # same values in both files
    st = {
        "rate": np.float64(48828.0),
        "name": "bearing A",
        "inner": {"x": np.arange(3, dtype=np.int16), "label": "deep"},
    }
    sarr = np.zeros((1, 2), dtype=[("a", object), ("b", object)])
    sarr[0, 0]["a"] = np.float64(1.5)
    sarr[0, 0]["b"] = "first"
    sarr[0, 1]["a"] = np.array([[1.0, 2.0, 3.0]])
    sarr[0, 1]["b"] = "second"
    cell = np.empty((2, 2), dtype=object)
    cell[0, 0] = np.float64(7.0)
    cell[1, 0] = "text"
    cell[0, 1] = np.array([[1, 2], [3, 4]], dtype=np.uint8)
    cell[1, 1] = np.array([[1 + 2j, -3.5 - 0.25j]])
    return {
        "vec": rng.standard_normal(37),
        "mat34": np.arange(12, dtype=np.float64).reshape(3, 4) * 0.5 - 2.0,
        "single": np.array([1.25, -2.5, 3.0e10, np.float32(np.pi)], dtype=np.float32),
        "i8": np.array([-128, -1, 0, 127], dtype=np.int8),
        "u8": np.array([0, 1, 200, 255], dtype=np.uint8),
        "i16": np.array([-32768, -2, 3, 32767], dtype=np.int16),
        "u16": np.array([0, 1797, 48828, 65535], dtype=np.uint16),
        "i32": np.array([-2147483648, -7, 9, 2147483647], dtype=np.int32),
        "u32": np.array([0, 1, 3000000000, 4294967295], dtype=np.uint32),
        "i64": np.array([-(2**53), -5, 6, 2**53], dtype=np.int64),
        "u64": np.array([0, 1, 2**40, 2**53], dtype=np.uint64),
        "cplx": np.array([[1 + 1j, 2 - 0.5j], [-3j, 4.0 + 0j]]),
        "flag": np.array([True, False, True]),
        "scalar": np.float64(1797.0),
        "empty": np.zeros((0, 0)),
        "str": "Drive end, 12 kHz",
        "uni": "µs – 25 °C",
        "rows": np.array(["abc", "def"]),
        "st": st,
        "sarr": sarr,
        "cell": cell,
        "vol": np.arange(24, dtype=np.float64).reshape(2, 3, 4),
    }


def golden(v):
    """scipy's reading of one loaded value as a JSON-able dict."""
    if isinstance(v, np.ndarray) and v.dtype.names is not None:
        return {
            "kind": "struct",
            "dims": list(v.shape),
            "fields": list(v.dtype.names),
            "elems": [
                {f: golden(e[f]) for f in v.dtype.names} for e in v.ravel(order="F")
            ],
        }
    if isinstance(v, np.ndarray) and v.dtype == object:
        return {"kind": "cell", "dims": list(v.shape), "elems": [golden(e) for e in v.ravel(order="F")]}
    if isinstance(v, np.ndarray) and v.dtype.kind == "U":
        # loadmat returns an m-row char array as m strings.
        return {"kind": "char", "text": "\n".join(v.ravel())}
    if isinstance(v, str):
        return {"kind": "char", "text": v}
    a = np.asarray(v)
    out = {"kind": "numeric", "dims": list(a.shape), "dtype": str(a.dtype)}
    flat = a.ravel(order="F")
    if a.dtype.kind == "c":
        out["real"] = [float(x) for x in flat.real]
        out["imag"] = [float(x) for x in flat.imag]
    else:
        out["real"] = [float(x) for x in flat]
    return out


def fuzz_seeds():
    """Small seed inputs for FuzzDecode, in go test's corpus format."""
    import io
    import os

    seeds = {
        "scalar": {"x": np.float64(1797.0)},
        "ints": {"a": np.array([1, -2], dtype=np.int16), "b": np.array([7], dtype=np.uint32)},
        "char": {"s": np.array(["ab", "cd"]), "u": "µ"},
        "struct": {"s": {"f": np.float64(1.0), "g": "x"}},
        "cell": {"c": np.array([[np.float64(1.0), "y"]], dtype=object)},
        "complex": {"z": np.array([1 + 2j])},
    }
    d = os.path.join("fuzz", "FuzzDecode")
    os.makedirs(d, exist_ok=True)
    for name, content in seeds.items():
        for comp in (False, True):
            buf = io.BytesIO()
            sio.savemat(buf, content, do_compression=comp)
            raw = buf.getvalue()
            lit = "".join("\\x%02x" % c for c in raw)
            fn = os.path.join(d, "%s_%s" % (name, "z" if comp else "u"))
            with open(fn, "w") as f:
                f.write('go test fuzz v1\n[]byte("%s")\n' % lit)


def main():
    fuzz_seeds()
    gold = {}
    for prefix, comp in (("v5", False), ("v7z", True)):
        name = prefix + "_mixed.mat"
        sio.savemat(name, contents(), do_compression=comp, oned_as="column")
        m = sio.loadmat(name)
        gold[name] = {k: golden(v) for k, v in m.items() if not k.startswith("__")}
    with open("golden.json", "w") as f:
        json.dump(gold, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
