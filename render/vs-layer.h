/* SPDX-License-Identifier: MIT */
#pragma once

#include <glib-object.h>

#include "vs-colormap.h"
#include "vs-volume.h"
#include "vs-volume-stats.h"

G_BEGIN_DECLS

#define VS_TYPE_LAYER (vs_layer_get_type ())
G_DECLARE_FINAL_TYPE (VsLayer, vs_layer, VS, LAYER, GObject)

VsLayer       *vs_layer_new               (VsVolume    *volume);
VsVolume      *vs_layer_get_volume        (VsLayer     *self);
const char    *vs_layer_get_name          (VsLayer     *self);
void           vs_layer_set_name          (VsLayer     *self,
                                           const char  *name);
gboolean       vs_layer_get_visible       (VsLayer     *self);
void           vs_layer_set_visible       (VsLayer     *self,
                                           gboolean     visible);
double         vs_layer_get_opacity       (VsLayer     *self);
void           vs_layer_set_opacity       (VsLayer     *self,
                                           double       opacity);
VsColormap     vs_layer_get_colormap      (VsLayer     *self);
void           vs_layer_set_colormap      (VsLayer     *self,
                                           VsColormap   colormap);
double         vs_layer_get_display_min   (VsLayer     *self);
double         vs_layer_get_display_max   (VsLayer     *self);
void           vs_layer_set_display_range (VsLayer     *self,
                                           double       min,
                                           double       max);
double         vs_layer_get_threshold     (VsLayer     *self);
void           vs_layer_set_threshold     (VsLayer     *self,
                                           double       threshold);
gboolean       vs_layer_get_interpolate   (VsLayer     *self);
void           vs_layer_set_interpolate   (VsLayer     *self,
                                           gboolean     interpolate);
gboolean       vs_layer_get_label_outline (VsLayer     *self);
void           vs_layer_set_label_outline (VsLayer     *self,
                                           gboolean     outline);
gboolean       vs_layer_is_label          (VsLayer     *self);
const VsVolumeStats *vs_layer_get_stats   (VsLayer     *self);
void           vs_layer_set_stats         (VsLayer     *self,
                                           VsVolumeStats *stats);
guint          vs_layer_get_generation    (VsLayer     *self);
void           vs_layer_replace_data      (VsLayer     *self,
                                           VsVolume    *source);

G_END_DECLS
