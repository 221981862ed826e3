/* SPDX-License-Identifier: MIT */
#pragma once

#include <cairo.h>

#include "vs-offscreen.h"
#include "vs-surface-colors.h"
#include "vs-surface-renderer.h"

G_BEGIN_DECLS

/* A surface with what is drawn on it, for figures. */
typedef struct {
  VsSurface        *surface;
  guint             geometry;
  VsVertexData     *curvature;    /* nullable */
  VsSurfaceOverlay *overlays;
  guint             n_overlays;
} VsSurfaceItem;

/* Drawn after the clear and before the surfaces, with the figure's camera (a volume rendering). */
typedef void (*VsSurfaceFigureUnderlay) (const VsOrbitCamera *camera,
                                         gpointer             user_data);

gboolean         vs_surface_item_is_left  (const VsSurfaceItem *item);
void             vs_surface_figure_layout (const VsSurfaceItem *items,
                                           guint                n_items,
                                           double               gap,
                                           double             (*offsets)[3],
                                           double               lo[3],
                                           double               hi[3]);
cairo_surface_t *vs_surface_figure_render (VsOffscreen         *offscreen,
                                           VsSurfaceRenderer   *renderer,
                                           const VsSurfaceItem *items,
                                           guint                n_items,
                                           const char          *preset,
                                           double               gap,
                                           int                  width,
                                           int                  height,
                                           VsSurfaceFigureUnderlay underlay,
                                           gpointer             underlay_data,
                                           VsOrbitCamera       *camera_out,
                                           GError             **error);

/* Renders @surface_index alone from @preset at @width × @height (a surface panel's view). */
typedef cairo_surface_t *(*VsSurfacePanelView) (guint        surface_index,
                                                const char  *preset,
                                                int          width,
                                                int          height,
                                                gpointer     user_data,
                                                GError     **error);
cairo_surface_t *vs_surface_figure_panel  (VsSurface *const    *surfaces,
                                           guint                n_surfaces,
                                           int                  width,
                                           int                  height,
                                           VsSurfacePanelView   view,
                                           gpointer             user_data,
                                           GError             **error);

G_END_DECLS
