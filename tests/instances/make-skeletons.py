#!/usr/bin/python3
"""Writes the skeleton references of tests/test-instances.c with scikit-image (Debian's
python3-skimage 0.19): NAME.mask.npy and NAME.skeleton.npy as uint8 (Z, Y·X) and NAME.shape
("X Y Z").  Run from this folder; the files are kept in the repository."""
import numpy as np
from scipy import ndimage
from skimage.morphology import skeletonize

rng = np.random.default_rng(5)
cases = []
for k, (shape, thr) in enumerate([((16, 20, 24), 0.6), ((24, 24, 24), 0.3), ((10, 30, 30), 0.8)]):
    f = ndimage.gaussian_filter(rng.standard_normal(shape), 2.0)
    cases.append((f"blobs{k}", (f > np.quantile(f, thr)).astype(np.uint8)))
m = np.zeros((30, 40, 40), np.uint8)
for t in range(4):
    p = rng.uniform([5, 5, 5], [25, 35, 35])
    d = rng.standard_normal(3)
    for s in range(60):
        d += 0.3 * rng.standard_normal(3)
        d /= np.linalg.norm(d)
        p = np.clip(p + d, [3, 3, 3], [26, 36, 36])
        z, y, x = p.astype(int)
        m[z - 2:z + 2, y - 2:y + 2, x - 2:x + 2] = 1
cases.append(("tubes", m))
f = ndimage.gaussian_filter(rng.standard_normal((40, 50)), 2.0)
cases.append(("plane", (f > 0).astype(np.uint8)[None]))
for name, m in cases:
    sk = skeletonize(m[0] if m.shape[0] == 1 else m, method="lee")
    sk = (np.asarray(sk) > 0).astype(np.uint8)
    if m.shape[0] == 1:
        sk = sk[None]
    np.save(f"{name}.mask.npy", m.reshape(m.shape[0], -1))
    np.save(f"{name}.skeleton.npy", sk.reshape(m.shape[0], -1))
    with open(f"{name}.shape", "w") as out:
        out.write(" ".join(str(v) for v in m.shape[::-1]) + "\n")
