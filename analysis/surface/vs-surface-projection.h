/* SPDX-License-Identifier: MIT */
#pragma once

#include <gio/gio.h>

#include "vs-progress.h"
#include "vs-surface.h"
#include "vs-volume.h"

G_BEGIN_DECLS

typedef enum {
  VS_PROJECTION_NEAREST,
  VS_PROJECTION_TRILINEAR,
} VsProjectionSampling;

typedef enum {
  VS_PROJECTION_DEPTH_MEAN,
  VS_PROJECTION_DEPTH_MAX,
} VsProjectionDepthReduce;

typedef struct {
  VsProjectionSampling    sampling;
  int                     geometry;        /* sampled at this geometry's vertices … */
  int                     outer_geometry;  /* … or, when ≥ 0, along the segment to this one */
  guint                   n_depths;        /* points along the segment, ends included (≥ 2) */
  VsProjectionDepthReduce reduce;
  gint64                  frame;
} VsProjectionOptions;

void          vs_projection_options_init (VsProjectionOptions       *options);
VsVertexData *vs_surface_project_volume  (VsSurface                 *surface,
                                          VsVolume                  *volume,
                                          const VsProjectionOptions *options,
                                          VsProgress                *progress,
                                          GCancellable              *cancellable,
                                          GError                   **error);

G_END_DECLS
