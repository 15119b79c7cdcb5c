#!/usr/bin/python3
"""Checks that an HDF5 file Strata wrote (a .weights.h5, or the model.weights.h5 inside a .keras zip) opens in
h5py and holds exactly the datasets and values Strata meant to write.

usage: /usr/bin/python3 scripts/check-h5-with-h5py.py FILE EXPECTED.json
EXPECTED.json maps each dataset path to {"shape": [...], "dtype": "float32"|"int64"|..., "values": [flat list]}.
Exits 0 when every dataset matches exactly (and no other dataset exists), 1 with a message otherwise, 2 when h5py
is missing. Run with Debian's /usr/bin/python3 (python3-h5py); a python3 earlier on PATH may not see it.
"""
import io
import json
import sys
import zipfile

try:
    import h5py
    import numpy as np
except ImportError as e:  # the caller skips
    print(f"h5py/numpy not available: {e}")
    sys.exit(2)


def main(path, expected_path):
    with open(expected_path) as f:
        expected = json.load(f)
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            for member in ("metadata.json", "config.json", "model.weights.h5"):
                if member not in names:
                    return f"{path}: member {member} missing"
            json.loads(z.read("config.json"))
            h5 = h5py.File(io.BytesIO(z.read("model.weights.h5")), "r")
    else:
        h5 = h5py.File(path, "r")
    found = {}
    h5.visititems(lambda name, obj: found.__setitem__("/" + name, obj) if isinstance(obj, h5py.Dataset) else None)
    if set(found) != set(expected):
        return f"datasets differ: only in file {sorted(set(found) - set(expected))}, only expected {sorted(set(expected) - set(found))}"
    for name, want in expected.items():
        ds = found[name]
        if ds.chunks is not None or ds.compression is not None:
            return f"{name}: chunked or compressed (expected contiguous, unfiltered)"
        if list(ds.shape) != want["shape"]:
            return f"{name}: shape {ds.shape}, expected {want['shape']}"
        if str(ds.dtype) != want["dtype"]:
            return f"{name}: dtype {ds.dtype}, expected {want['dtype']}"
        got = np.asarray(ds[()]).ravel()
        ref = np.asarray(want["values"], dtype=ds.dtype).ravel()
        if got.tobytes() != ref.tobytes():
            return f"{name}: values differ"
    print(f"ok: {len(found)} datasets")
    return None


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__)
        sys.exit(1)
    error = main(sys.argv[1], sys.argv[2])
    if error:
        print(error)
        sys.exit(1)
