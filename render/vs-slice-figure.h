/* SPDX-License-Identifier: MIT */
#pragma once

#include <cairo.h>

#include "vs-figure-writer.h"
#include "vs-offscreen.h"
#include "vs-scene.h"
#include "vs-slice-renderer.h"

G_BEGIN_DECLS

typedef enum {
  VS_FIGURE_VIEW_AXIAL,
  VS_FIGURE_VIEW_CORONAL,
  VS_FIGURE_VIEW_SAGITTAL,
  VS_FIGURE_VIEW_ORTHO,
  VS_FIGURE_VIEW_LIGHTBOX,
  VS_FIGURE_VIEW_GRID,       /* the window's 2 × 2: sagittal, coronal / axial, the bottom right
                              * quarter left for the 3D view */
} VsFigureView;

typedef struct {
  VsFigureView view;
  int          width;
  int          height;
  gboolean     show_cursor;
  gboolean     show_letters;
  gboolean     transparent;   /* outside the layers: alpha 0 */
  /* By VsSliceAxis, or NULL: a saved view (centre, and mm_per_pixel at its own width, which is
   * rescaled to the pane's) instead of fitting the scene's bounds. */
  const VsSliceCamera *views[3];
  /* Lightbox: @n_slices slices across @lightbox_axis, @spacing mm apart (0: spread over the
   * volume), centred on the cursor, in @columns columns (0: about square). */
  VsSliceAxis  lightbox_axis;
  int          n_slices;
  double       spacing;
  int          columns;
} VsSliceFigureOptions;

gboolean         vs_figure_view_from_name (const char         *name,
                                           VsFigureView       *out);
void             vs_slice_figure_pane_camera (VsScene         *scene,
                                           VsSliceAxis         axis,
                                           int                 width,
                                           int                 height,
                                           VsSliceCamera      *camera);
#define VS_FIGURE_MAX_PANES 64

int              vs_slice_figure_get_panes (VsScene            *scene,
                                           const VsSliceFigureOptions *options,
                                           VsFigurePane       *panes);
int              vs_slice_figure_tile_size (void);
void             vs_slice_figure_draw_tile (VsSliceRenderer    *renderer,
                                           VsScene            *scene,
                                           const VsFigurePane *panes,
                                           int                 n_panes,
                                           int                 tx,
                                           int                 ty,
                                           int                 tw,
                                           int                 th,
                                           gboolean            show_cursor,
                                           gboolean            transparent);
cairo_surface_t *vs_slice_figure_render   (VsOffscreen        *offscreen,
                                           VsSliceRenderer    *renderer,
                                           VsScene            *scene,
                                           const VsSliceFigureOptions *options,
                                           GError            **error);

G_END_DECLS
