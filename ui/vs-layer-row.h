/* SPDX-License-Identifier: MIT */
#pragma once

#include <gtk/gtk.h>

#include "vs-scene.h"

G_BEGIN_DECLS

#define VS_TYPE_LAYER_ROW (vs_layer_row_get_type ())
G_DECLARE_FINAL_TYPE (VsLayerRow, vs_layer_row, VS, LAYER_ROW, GtkBox)

GtkWidget *vs_layer_row_new       (VsScene    *scene);
GObject   *vs_layer_row_get_layer (VsLayerRow *self);
void       vs_layer_row_set_layer (VsLayerRow *self,
                                   GObject    *layer);

G_END_DECLS
