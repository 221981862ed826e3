/* SPDX-License-Identifier: MIT */
#pragma once

#include <gio/gio.h>

#include "vs-matrix.h"
#include "vs-volume.h"

G_BEGIN_DECLS

VsVolume *vs_voxel_top_stimuli_new  (VsVolume       *grid,
                                     guint           k);
void      vs_voxel_top_stimuli_fill (VsVolume       *top,
                                     VsVolume       *top_values,
                                     const VsMatrix *values,
                                     const gsize    *voxel_index);

G_END_DECLS
