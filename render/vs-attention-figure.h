/* SPDX-License-Identifier: MIT */
#pragma once

#include <cairo.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gio/gio.h>

#include "vs-attention-study.h"
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

gboolean vs_attention_image_montage_write (const char  *const *images,
                                     const double *maps,
                                     guint         rows,
                                     guint         columns,
                                     guint         grid_h,
                                     guint         grid_w,
                                     const char  *const *row_titles,
                                     const char   *path,
                                     GError      **error);
gboolean vs_attention_top_images_write (const VsAttentionStudy *study,
                                        guint                   columns,
                                        const char             *path,
                                        GError                **error);
void     vs_attention_paint         (cairo_t      *cr,
                                     double        width,
                                     double        height,
                                     const double *map,
                                     guint         grid_h,
                                     guint         grid_w,
                                     VsColormap    colormap,
                                     double        opacity,
                                     gboolean      smooth);
void     vs_attention_set_source_pixbuf (cairo_t  *cr,
                                     GdkPixbuf    *pixbuf);

G_END_DECLS
