#!/usr/bin/python3
"""Writes Zarr v2 arrays with the zarr library itself (Debian's python3-zarr), one folder per
case, each with ref.bin (the values as little-endian C-order bytes of the dtype Voxelscope keeps)
and case.json (shape, dtype), for tests/test-zarr.c.  Usage: make-test-arrays.py OUT_DIR"""
import json
import os
import sys

import numpy as np
import zarr
from numcodecs import Blosc, GZip, Zlib, Zstd

out = sys.argv[1]
rng = np.random.default_rng(7)


def case(name, data, chunks, compressor, dtype=None, order="C", fill_value=0, drop=(),
         separator=".", attrs=None):
    path = os.path.join(out, name + ".zarr")
    store = zarr.DirectoryStore(path, dimension_separator=separator)
    z = zarr.create(shape=data.shape, chunks=chunks, dtype=dtype or data.dtype, store=store,
                    compressor=compressor, order=order, fill_value=fill_value, overwrite=True)
    z[...] = data
    if attrs:
        z.attrs.update(attrs)
    expected = np.array(data, dtype=z.dtype)
    for key in drop:   # chunks never written: they read as the fill value
        os.remove(os.path.join(path, key))
        index = [int(k) for k in key.replace("/", ".").split(".")]
        sl = tuple(slice(i * c, (i + 1) * c) for i, c in zip(index, chunks))
        expected[sl] = fill_value
    native = expected.astype(expected.dtype.newbyteorder("<"))
    native.tofile(os.path.join(path, "ref.bin"))
    with open(os.path.join(path, "case.json"), "w") as f:
        json.dump({"shape": list(data.shape), "dtype": native.dtype.str}, f)


multichannel = rng.integers(0, 4096, size=(3, 9, 10, 11)).astype("<u2")
case("raw", multichannel, (1, 4, 4, 4), None)
case("zlib", multichannel, (1, 4, 4, 4), Zlib(level=3))
case("gzip", multichannel, (2, 5, 3, 4), GZip(level=5))
case("zstd", multichannel, (3, 9, 10, 11), Zstd(level=3))
case("blosc-lz4", multichannel, (1, 4, 4, 4), Blosc(cname="lz4", clevel=5, shuffle=Blosc.SHUFFLE))
case("blosc-zstd", multichannel, (1, 8, 8, 8), Blosc(cname="zstd", clevel=3, shuffle=Blosc.BITSHUFFLE))
case("blosc-zlib", multichannel, (1, 3, 7, 5), Blosc(cname="zlib", clevel=1, shuffle=Blosc.NOSHUFFLE))
case("fortran", multichannel, (2, 4, 3, 5), Zlib(level=1), order="F")
case("big-endian", rng.integers(-3000, 3000, size=(7, 6, 5)).astype(">i2"), (3, 3, 3), None)
case("float", rng.standard_normal((4, 5, 6)).astype("<f4"), (2, 2, 2), Blosc(cname="lz4"))
case("bytes-2d", rng.integers(0, 255, size=(13, 17)).astype("|u1"), (5, 5), Zstd(level=1))
case("missing-chunks", multichannel, (1, 4, 4, 4), Zlib(level=1), fill_value=7,
     drop=("0.0.0.0", "2.1.2.1"))
case("nested", multichannel, (1, 4, 4, 4), Blosc(cname="lz4"), separator="/")
case("labels", rng.integers(0, 5, size=(6, 7, 8)).astype("<u4"), (6, 7, 8), GZip(level=1),
     attrs={"resolution": [0.44, 0.44, 0.44]})
