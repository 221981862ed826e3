/* SPDX-License-Identifier: MIT */
#pragma once

#include <cairo.h>

#include "vs-scene.h"
#include "vs-slice-camera.h"

G_BEGIN_DECLS

/* What is drawn around the slices of a publication figure. */
typedef struct {
  const char *title;       /* NULL: none */
  gboolean    letters;     /* orientation letters at the edges of each pane */
  gboolean    colorbars;   /* one per visible scalar layer, with its range and name */
  gboolean    scale_bar;   /* in the first pane */
  double      dpi;         /* PDF and SVG: physical size = pixels / dpi (default 300) */
  gboolean    transparent; /* no black background; labels outside the slices in black */
  const char *const *colorbar_layers; /* names of the layers that get one; NULL: every visible
                                       * scalar layer */
} VsFigureDecorations;

typedef struct {
  VsSliceCamera camera;
  int           x;         /* left edge in the slices image */
  int           y;         /* top edge */
  char          label[32]; /* e.g. the slice's position in a lightbox; "" for none */
} VsFigurePane;

void     vs_figure_decorations_init (VsFigureDecorations       *decorations);
gboolean vs_figure_write            (cairo_surface_t           *slices,
                                     VsScene                   *scene,
                                     const VsFigurePane        *panes,
                                     int                        n_panes,
                                     const VsFigureDecorations *decorations,
                                     const char                *path,
                                     GError                   **error);

G_END_DECLS
