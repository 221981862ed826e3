/* SPDX-License-Identifier: MIT */
#pragma once

#include <glib-object.h>

#include "vs-surface-colors.h"
#include "vs-vertex-data.h"

G_BEGIN_DECLS

/* How per-vertex data is drawn on its surface.  Its properties carry the same names as a volume
 * layer's (visible, name, opacity, colormap, display-min/max, threshold, label-outline), so the
 * same row widget edits both. */
#define VS_TYPE_VERTEX_LAYER (vs_vertex_layer_get_type ())
G_DECLARE_FINAL_TYPE (VsVertexLayer, vs_vertex_layer, VS, VERTEX_LAYER, GObject)

VsVertexLayer *vs_vertex_layer_new        (VsVertexData     *data);
VsVertexData  *vs_vertex_layer_get_data   (VsVertexLayer    *self);
gboolean       vs_vertex_layer_get_visible (VsVertexLayer   *self);
void           vs_vertex_layer_to_overlay (VsVertexLayer    *self,
                                           VsSurfaceOverlay *overlay);

G_END_DECLS
