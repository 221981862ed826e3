/* SPDX-License-Identifier: MIT */
#pragma once

#include <glib.h>

#include "vs-orbit-camera.h"
#include "vs-surface.h"

G_BEGIN_DECLS

/* One surface to draw: which geometry, its per-vertex colours, and where to shift it (to pull two
 * hemispheres apart). */
typedef struct {
  VsSurface    *surface;
  guint         geometry;
  const guint8 *rgba;       /* 4 × n_vertices */
  guint         color_serial; /* changes when the colours do; 0: upload every time */
  double        offset[3];
} VsSurfaceDraw;

typedef struct _VsSurfaceRenderer VsSurfaceRenderer;

/* All calls need the renderer's GL context current. */
VsSurfaceRenderer *vs_surface_renderer_new  (GError             **error);
void               vs_surface_renderer_free (VsSurfaceRenderer   *renderer);
void               vs_surface_renderer_draw (VsSurfaceRenderer   *renderer,
                                             const VsSurfaceDraw *draws,
                                             guint                n_draws,
                                             const VsOrbitCamera *camera,
                                             gboolean             clear);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VsSurfaceRenderer, vs_surface_renderer_free)

G_END_DECLS
