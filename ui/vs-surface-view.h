/* SPDX-License-Identifier: MIT */
#pragma once

#include <gtk/gtk.h>

#include "vs-orbit-camera.h"
#include "vs-scene.h"

G_BEGIN_DECLS

#define VS_TYPE_SURFACE_VIEW (vs_surface_view_get_type ())
G_DECLARE_FINAL_TYPE (VsSurfaceView, vs_surface_view, VS, SURFACE_VIEW, GtkGLArea)

GtkWidget           *vs_surface_view_new        (VsScene       *scene);
void                 vs_surface_view_set_preset (VsSurfaceView *self,
                                                 const char    *preset);
const VsOrbitCamera *vs_surface_view_get_camera (VsSurfaceView *self);
void                 vs_surface_view_set_camera (VsSurfaceView       *self,
                                                 const VsOrbitCamera *camera);
void                 vs_surface_view_look_at    (VsSurfaceView *self,
                                                 const double   target[3]);
gboolean             vs_surface_view_pick       (VsSurfaceView *self,
                                                 double         x,
                                                 double         y);
guint                vs_surface_view_get_frames_drawn (VsSurfaceView *self);
void                 vs_surface_view_set_clip   (VsSurfaceView *self,
                                                 int            axis);
void                 vs_surface_view_set_show_planes (VsSurfaceView *self,
                                                 gboolean       show);
void                 vs_surface_view_set_volume_mode (VsSurfaceView *self,
                                                 int            mode);

cairo_surface_t     *vs_surface_view_render_image (VsSurfaceView *self,
                                                   int            width,
                                                   int            height,
                                                   GError       **error);
cairo_surface_t     *vs_surface_view_render_panel (VsSurfaceView *self,
                                                   int            width,
                                                   int            height,
                                                   GError       **error);

G_END_DECLS
