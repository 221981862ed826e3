/* SPDX-License-Identifier: MIT */
#pragma once

#include <gio/gio.h>

#include "vs-colormap.h"

G_BEGIN_DECLS

gboolean vs_attention_montage_write (const double *maps,
                                     guint         n_maps,
                                     guint         grid_h,
                                     guint         grid_w,
                                     const char  *const *titles,
                                     const char   *path,
                                     GError      **error);

gboolean vs_attention_figure_write  (const char   *image_path,
                                     const double *map,
                                     guint         grid_h,
                                     guint         grid_w,
                                     VsColormap    colormap,
                                     double        opacity,
                                     gboolean      smooth,
                                     const char   *title,
                                     const char   *path,
                                     GError      **error);

G_END_DECLS
