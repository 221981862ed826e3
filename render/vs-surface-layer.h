/* SPDX-License-Identifier: MIT */
#pragma once

#include <gio/gio.h>

#include "vs-surface.h"
#include "vs-vertex-layer.h"

G_BEGIN_DECLS

/* A surface in the scene: which geometry is shown, its curvature shading, and the per-vertex
 * layers drawn on it (a GListModel of VsVertexLayer, top last).  Switching the geometry keeps
 * the overlays, since they belong to the topology. */
#define VS_TYPE_SURFACE_LAYER (vs_surface_layer_get_type ())
G_DECLARE_FINAL_TYPE (VsSurfaceLayer, vs_surface_layer, VS, SURFACE_LAYER, GObject)

VsSurfaceLayer *vs_surface_layer_new            (VsSurface      *surface);
VsSurface      *vs_surface_layer_get_surface    (VsSurfaceLayer *self);
const char     *vs_surface_layer_get_name       (VsSurfaceLayer *self);
gboolean        vs_surface_layer_get_visible    (VsSurfaceLayer *self);
guint           vs_surface_layer_get_geometry   (VsSurfaceLayer *self);
void            vs_surface_layer_set_geometry   (VsSurfaceLayer *self,
                                                 guint           geometry);
VsVertexData   *vs_surface_layer_get_curvature  (VsSurfaceLayer *self);
void            vs_surface_layer_set_curvature  (VsSurfaceLayer *self,
                                                 VsVertexData   *curvature);
GListModel     *vs_surface_layer_get_overlays   (VsSurfaceLayer *self);
VsVertexLayer  *vs_surface_layer_add_overlay    (VsSurfaceLayer *self,
                                                 VsVertexData   *data);
void            vs_surface_layer_remove_overlay (VsSurfaceLayer *self,
                                                 VsVertexLayer  *overlay);
guint8         *vs_surface_layer_compute_colors (VsSurfaceLayer *self);

G_END_DECLS
