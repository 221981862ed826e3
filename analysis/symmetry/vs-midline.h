/* SPDX-License-Identifier: MIT */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A midline in a 2D image: n·p = offset in pixel coordinates (x = column, y = row), drawn between
 * two endpoints where it crosses the head. */
typedef struct {
  double p0[2];
  double p1[2];
  double normal[2];
  double offset;
  double score;       /* normalised correlation of the image with its reflection; NAN if edited */
} VsMidline;

gboolean vs_midline_estimate       (const float *pixels,
                                    gint64       width,
                                    gint64       height,
                                    double       threshold,
                                    VsMidline   *line,
                                    GCancellable *cancellable,
                                    GError     **error);
void     vs_midline_set_endpoints  (VsMidline   *line,
                                    const double p0[2],
                                    const double p1[2]);
double   vs_midline_angle_between  (const VsMidline *a,
                                    const VsMidline *b);
double   vs_midline_distance       (const VsMidline *line,
                                    const double     point[2]);

G_END_DECLS
