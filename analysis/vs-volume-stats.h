/* SPDX-License-Identifier: MIT */
#pragma once

#include <gio/gio.h>

#include "vs-progress.h"
#include "vs-volume.h"

G_BEGIN_DECLS

#define VS_VOLUME_STATS_BINS 256

/* Value statistics of one frame of a volume, in scaled (real) units. */
typedef struct {
  double  min;
  double  max;
  double  robust_min;     /* 2nd percentile of the non-zero finite voxels */
  double  robust_max;     /* 98th percentile of the non-zero finite voxels */
  double  median;         /* 50th: the background of sparse microscopy */
  double  bright;         /* 99.9th: the bright few percent (neurons) within range */
  guint64 n_finite;
  guint64 n_nonzero;
  guint64 histogram[VS_VOLUME_STATS_BINS];  /* finite values, min..max */
} VsVolumeStats;

VsVolumeStats *vs_volume_stats_compute (VsVolume      *volume,
                                        gint64         frame,
                                        VsProgress    *progress,
                                        GCancellable  *cancellable,
                                        GError       **error);
void           vs_volume_stats_free    (VsVolumeStats *stats);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VsVolumeStats, vs_volume_stats_free)

G_END_DECLS
