#!/usr/bin/env python3
"""Writes a 4D int16 .nii.gz of about SIZE_MB uncompressed: a smooth head-like volume with noise
per frame, so it compresses like real fMRI (about 2–3×), not like zeros."""
import sys
import numpy as np
import nibabel as nib

path, size_mb = sys.argv[1], float(sys.argv[2])
nx, ny, nz = 96, 114, 96
frames = int(np.ceil(size_mb * 1e6 / (nx * ny * nz * 2)))
x, y, z = np.meshgrid(np.linspace(-1, 1, nx), np.linspace(-1, 1, ny), np.linspace(-1, 1, nz),
                      indexing="ij")
head = (x**2 + y**2 + z**2 < 0.8).astype(np.float32) * 800 + 100 * np.cos(6 * x) * np.sin(5 * y)
rng = np.random.default_rng(0)
data = np.empty((nx, ny, nz, frames), dtype=np.int16)
for t in range(frames):
    data[..., t] = (head + rng.normal(0, 20, head.shape)).astype(np.int16)
affine = np.diag([2.0, 2.0, 2.0, 1.0])
affine[:3, 3] = [-96, -132, -78]
nib.Nifti1Image(data, affine).to_filename(path)
print(f"{path}: {nx}x{ny}x{nz}x{frames} int16, {data.nbytes / 1e6:.0f} MB uncompressed")
