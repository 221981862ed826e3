/* SPDX-License-Identifier: MIT */
#pragma once

#include <gtk/gtk.h>

#include "vs-surface-layer.h"

G_BEGIN_DECLS

#define VS_TYPE_SURFACE_ROW (vs_surface_row_get_type ())
G_DECLARE_FINAL_TYPE (VsSurfaceRow, vs_surface_row, VS, SURFACE_ROW, GtkBox)

GtkWidget      *vs_surface_row_new       (VsSurfaceLayer *layer);
VsSurfaceLayer *vs_surface_row_get_layer (VsSurfaceRow   *self);

G_END_DECLS
