/* SPDX-License-Identifier: MIT */
#pragma once

#include <gio/gio.h>

#include "vs-volume.h"

G_BEGIN_DECLS

/* What the instance list shows of one neuron. */
typedef struct {
  double  label;
  guint64 n_voxels;
  double  skeleton_length;   /* along its skeleton, in the volume's units (mm; µm data in µm) */
  gint64  lo[3], hi[3];      /* bounding box, voxels */
  double  centre[3];         /* a skeleton voxel near its middle, world coordinates */
} VsInstanceStats;

GArray *vs_instance_stats_compute (VsVolume      *labels,
                                   GCancellable  *cancellable,
                                   GError       **error);

G_END_DECLS
