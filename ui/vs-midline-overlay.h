/* SPDX-License-Identifier: MIT */
#pragma once

#include <cairo.h>

#include "vs-midline-editor.h"
#include "vs-slice-camera.h"

G_BEGIN_DECLS

/* A drag of one of the plane's handles: 0 and 1 the ends, 2 the middle; the plane as it was. */
typedef struct {
  guint  handle;
  double normal[3];
  double offset;
  double a[3];
  double b[3];
  double start[3];
} VsMidlinePlaneDrag;

gboolean vs_midline_overlay_current (VsMidlineEditor     *editor,
                                     VsSliceAxis          view,
                                     const double         cursor[3],
                                     VsMidlineAxis       *axis,
                                     gint64              *index);
void     vs_midline_overlay_draw    (cairo_t             *cr,
                                     VsMidlineEditor     *editor,
                                     const VsSliceCamera *camera,
                                     const double         cursor[3]);
gboolean vs_midline_overlay_hit     (VsMidlineEditor     *editor,
                                     const VsSliceCamera *camera,
                                     const double         cursor[3],
                                     double               x,
                                     double               y,
                                     VsMidlineAxis       *axis,
                                     gint64              *index,
                                     guint               *end);
void     vs_midline_overlay_drag_to (VsMidlineEditor     *editor,
                                     const VsSliceCamera *camera,
                                     VsMidlineAxis        axis,
                                     gint64               index,
                                     guint                end,
                                     double               x,
                                     double               y);

gboolean vs_midline_overlay_hit_plane (VsMidlineEditor     *editor,
                                       const VsSliceCamera *camera,
                                       const double         cursor[3],
                                       double               x,
                                       double               y,
                                       VsMidlinePlaneDrag  *drag);
void     vs_midline_overlay_drag_plane (VsMidlineEditor          *editor,
                                        const VsSliceCamera      *camera,
                                        const VsMidlinePlaneDrag *drag,
                                        double                    x,
                                        double                    y);

G_END_DECLS
