/* SPDX-License-Identifier: MIT */
#pragma once

#include <gio/gio.h>

#include "vs-layer.h"
#include "vs-midline-editor.h"
#include "vs-surface-layer.h"

G_BEGIN_DECLS

#define VS_TYPE_SCENE (vs_scene_get_type ())
G_DECLARE_FINAL_TYPE (VsScene, vs_scene, VS, SCENE, GObject)

VsScene    *vs_scene_new              (void);
GListModel *vs_scene_get_layers       (VsScene      *self);
guint       vs_scene_get_n_layers     (VsScene      *self);
VsLayer    *vs_scene_get_layer        (VsScene      *self,
                                       guint         position);
void        vs_scene_set_layer_defaults (VsScene    *self,
                                       VsColormap    base,
                                       VsColormap    overlay,
                                       gboolean      interpolate);
VsLayer    *vs_scene_add_volume       (VsScene      *self,
                                       VsVolume     *volume);
void        vs_scene_remove_layer     (VsScene      *self,
                                       VsLayer      *layer);
void        vs_scene_move_layer       (VsScene      *self,
                                       VsLayer      *layer,
                                       guint         new_position);
void        vs_scene_get_cursor       (VsScene      *self,
                                       double        xyz[3]);
void        vs_scene_set_cursor       (VsScene      *self,
                                       const double  xyz[3]);
gboolean    vs_scene_get_radiological (VsScene      *self);
void        vs_scene_set_radiological (VsScene      *self,
                                       gboolean      radiological);
const char    *vs_scene_get_spatial_unit (VsScene *self);
VsLayer       *vs_scene_get_top_label_layer (VsScene *self);
gint64      vs_scene_get_frame        (VsScene      *self);
void        vs_scene_set_frame        (VsScene      *self,
                                       gint64        frame);
gint64      vs_scene_get_n_frames     (VsScene      *self);
gboolean    vs_scene_get_world_bounds (VsScene      *self,
                                       double        lo[3],
                                       double        hi[3]);
GListModel *vs_scene_get_surfaces     (VsScene      *self);
VsSurfaceLayer *vs_scene_add_surface  (VsScene      *self,
                                       VsSurface    *surface);
void        vs_scene_remove_surface   (VsScene      *self,
                                       VsSurfaceLayer *layer);
VsSurfaceLayer *vs_scene_find_surface_for_data (VsScene *self,
                                       guint         n_vertices);
double      vs_scene_get_hemisphere_gap (VsScene    *self);
void        vs_scene_set_hemisphere_gap (VsScene    *self,
                                       double        gap);
void        vs_scene_step_slice       (VsScene      *self,
                                       int           axis_index,
                                       int           steps);

void        vs_scene_set_midlines     (VsScene         *self,
                                       VsMidlineEditor *editor);
VsMidlineEditor *vs_scene_get_midlines (VsScene        *self);

G_END_DECLS
