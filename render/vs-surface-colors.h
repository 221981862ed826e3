/* SPDX-License-Identifier: MIT */
#pragma once

#include "vs-colormap.h"
#include "vs-surface.h"

G_BEGIN_DECLS

/* One per-vertex layer drawn on a surface. */
typedef struct {
  VsVertexData *data;
  guint         column;
  VsColormap    colormap;
  double        min;
  double        max;
  double        threshold;    /* |value| below it is transparent */
  double        opacity;
  gboolean      border_only;  /* labels: only the vertices on a boundary */
} VsSurfaceOverlay;

void vs_surface_overlay_init_for (VsSurfaceOverlay *overlay,
                                  VsVertexData     *data);
void vs_surface_colors_compute   (VsSurface              *surface,
                                  VsVertexData           *curvature,
                                  const VsSurfaceOverlay *overlays,
                                  guint                   n_overlays,
                                  guint8                 *rgba);

G_END_DECLS
