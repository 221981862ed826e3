#!/usr/bin/env python3
"""Encoding-model benchmark data and peers (issue 4).

  encoding.py make DIR N P V      writes features.npy, responses.npy (float32), mask.nii.gz,
                                  stimuli.tsv: y = X w + noise for half the voxels
  encoding.py numpy DIR ALPHAS K  the same 5-fold SVD algorithm in NumPy (himalaya's recipe)
  encoding.py sklearn DIR ALPHAS  RidgeCV(alphas, alpha_per_target=True) (leave-one-out)
  encoding.py dgemm               the machine's dgemm rate in GFLOP/s (NumPy matmul, 4096²)
Prints seconds (or GFLOP/s) on stdout."""
import sys, time, os
import numpy as np

def make(out, n, p, v):
    rng = np.random.default_rng(0)
    x = rng.standard_normal((n, p))
    w = rng.standard_normal((p, v)) / np.sqrt(p)
    y = (x @ w) * (np.arange(v) < v // 2) + rng.standard_normal((n, v))
    os.makedirs(out, exist_ok=True)
    np.save(os.path.join(out, "features.npy"), x)
    np.save(os.path.join(out, "responses.npy"), y.astype(np.float32))
    import nibabel as nib
    side = int(np.ceil(v ** (1 / 3)))
    mask = np.zeros(side ** 3, dtype=np.uint8)
    mask[:v] = 1
    nib.Nifti1Image(mask.reshape((side, side, side), order="F"), np.eye(4)).to_filename(
        os.path.join(out, "mask.nii.gz"))
    with open(os.path.join(out, "stimuli.tsv"), "w") as f:
        f.write("stimulus_id\timage\tcategory\tsplit\trepeat\n")
        for i in range(n):
            f.write(f"s{i}\ts{i}.png\tc{i % 4}\t{'test' if i >= n * 0.9 else 'train'}\t0\n")

def alphas_from(text):
    lo, hi, count = text.split(":")
    return np.logspace(np.log10(float(lo)), np.log10(float(hi)), int(count))

def numpy_cv(d, alphas, k):
    x = np.load(os.path.join(d, "features.npy"))
    y = np.load(os.path.join(d, "responses.npy")).astype(np.float64)
    n = int(len(x) * 0.9)
    x, y = x[:n], y[:n]
    start = time.time()
    sse = np.zeros((len(alphas), y.shape[1]))
    for f in range(k):
        val = np.arange(n * f // k, n * (f + 1) // k)
        train = np.setdiff1d(np.arange(n), val)
        xm, ym = x[train].mean(0), y[train].mean(0)
        u, s, vt = np.linalg.svd(x[train] - xm, full_matrices=False)
        uty = u.T @ (y[train] - ym)
        xvv = (x[val] - xm) @ vt.T
        yv = y[val] - ym
        for a, alpha in enumerate(alphas):
            pred = xvv @ ((s / (s ** 2 + alpha))[:, None] * uty)
            sse[a] += ((yv - pred) ** 2).sum(0)
    best = alphas[sse.argmin(0)]
    xm, ym = x.mean(0), y.mean(0)
    u, s, vt = np.linalg.svd(x - xm, full_matrices=False)
    uty = u.T @ (y - ym)
    w = vt.T @ ((s[:, None] / (s[:, None] ** 2 + best[None, :])) * uty)
    return time.time() - start

def sklearn_cv(d, alphas):
    from sklearn.linear_model import RidgeCV
    x = np.load(os.path.join(d, "features.npy"))
    y = np.load(os.path.join(d, "responses.npy")).astype(np.float64)
    n = int(len(x) * 0.9)
    start = time.time()
    RidgeCV(alphas=alphas, alpha_per_target=True).fit(x[:n], y[:n])
    return time.time() - start

def dgemm():
    a = np.random.default_rng(1).standard_normal((4096, 4096))
    a @ a
    start = time.time()
    for _ in range(3):
        a @ a
    return 3 * 2 * 4096 ** 3 / (time.time() - start) / 1e9

if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "make":
        make(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]))
    elif cmd == "numpy":
        print(f"{numpy_cv(sys.argv[2], alphas_from(sys.argv[3]), int(sys.argv[4])):.2f}")
    elif cmd == "sklearn":
        print(f"{sklearn_cv(sys.argv[2], alphas_from(sys.argv[3])):.2f}")
    elif cmd == "dgemm":
        print(f"{dgemm():.1f}")
