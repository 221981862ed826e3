/* SPDX-License-Identifier: MIT */
#pragma once

#include <gtk/gtk.h>

#include "vs-figure-writer.h"

#include "vs-scene.h"
#include "vs-slice-camera.h"

G_BEGIN_DECLS

#define VS_TYPE_SLICE_VIEW (vs_slice_view_get_type ())
G_DECLARE_FINAL_TYPE (VsSliceView, vs_slice_view, VS, SLICE_VIEW, GtkGLArea)

GtkWidget           *vs_slice_view_new          (VsScene      *scene,
                                                 VsSliceAxis   axis);
VsSliceAxis          vs_slice_view_get_axis     (VsSliceView  *self);
void                 vs_slice_view_set_axis     (VsSliceView  *self,
                                                 VsSliceAxis   axis);
const VsSliceCamera *vs_slice_view_get_camera   (VsSliceView  *self);
void                 vs_slice_view_set_camera   (VsSliceView  *self,
                                                 const VsSliceCamera *view);
void                 vs_slice_view_reset_camera (VsSliceView  *self);
guint                vs_slice_view_get_frames_drawn (VsSliceView *self);
cairo_surface_t     *vs_slice_view_render_panes (VsSliceView  *self,
                                                 const VsFigurePane *panes,
                                                 int           n_panes,
                                                 int           width,
                                                 int           height,
                                                 gboolean      show_cursor,
                                                 gboolean      transparent,
                                                 GError      **error);
cairo_surface_t     *vs_slice_view_capture      (VsSliceView  *self,
                                                 GError      **error);

void                 vs_slice_view_set_tool_active (VsSliceView *self,
                                                    gboolean     active);

G_END_DECLS
