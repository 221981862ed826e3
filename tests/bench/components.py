#!/usr/bin/python3
"""Issue 7 benchmark data and peer: a 700 × 700 × 400 mask like thresholded light microscopy
(blobs of a smoothed random field, thin tubes, scattered single voxels), and scipy's 26-connected
labelling of it.

  components.py make DIR      writes DIR/mask.u8 (Z, Y, X uint8, x fastest) and DIR/dims.txt
  components.py scipy DIR     prints seconds (best of 2) and the number of components"""
import os
import sys
import time

import numpy as np

Z, Y, X = 400, 700, 700


def make(out):
    os.makedirs(out, exist_ok=True)
    rng = np.random.default_rng(11)
    # Blobs: a coarse random field, smoothed by repetition and thresholded at its top 6 %.
    coarse = rng.standard_normal((Z // 8, Y // 8 + 1, X // 8 + 1)).astype(np.float32)
    from scipy import ndimage
    coarse = ndimage.gaussian_filter(coarse, 1.0)
    field = coarse.repeat(8, 0).repeat(8, 1).repeat(8, 2)[:Z, :Y, :X]
    mask = field > np.quantile(coarse, 0.94)
    # Thin tubes wandering through the volume, like neurites.
    for _ in range(300):
        p = rng.uniform([0, 0, 0], [Z, Y, X])
        d = rng.standard_normal(3)
        for _ in range(400):
            d += 0.3 * rng.standard_normal(3)
            d /= np.linalg.norm(d)
            p = np.clip(p + d, 0, [Z - 1, Y - 1, X - 1])
            z, y, x = p.astype(int)
            mask[z, y, x] = True
    # Speckle: isolated voxels of noise above the threshold.
    idx = rng.integers(0, Z * Y * X, size=Z * Y * X // 200)
    mask.reshape(-1)[idx] = True
    mask.astype(np.uint8).tofile(os.path.join(out, "mask.u8"))
    with open(os.path.join(out, "dims.txt"), "w") as f:
        f.write(f"{X} {Y} {Z}\n")
    print(f"foreground {mask.mean() * 100:.1f} %")


def peer(work):
    from scipy import ndimage
    mask = np.fromfile(os.path.join(work, "mask.u8"), dtype=np.uint8).reshape(Z, Y, X)
    best = None
    for _ in range(2):
        start = time.perf_counter()
        _, n = ndimage.label(mask, structure=np.ones((3, 3, 3), dtype=bool))
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    print(f"{best:.3f} {n}")


if __name__ == "__main__":
    {"make": make, "scipy": peer}[sys.argv[1]](sys.argv[2])
