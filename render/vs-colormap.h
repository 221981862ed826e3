/* SPDX-License-Identifier: MIT */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  VS_COLORMAP_GREY,
  VS_COLORMAP_HOT,
  VS_COLORMAP_VIRIDIS,
  VS_COLORMAP_INFERNO,
  VS_COLORMAP_MAGMA,
  VS_COLORMAP_PLASMA,
  VS_COLORMAP_COOL_WARM,
  VS_COLORMAP_LABELS,
  VS_N_COLORMAPS
} VsColormap;

#define VS_COLORMAP_SIZE 256

const char *vs_colormap_get_name  (VsColormap  colormap);
gboolean    vs_colormap_from_name (const char *name,
                                   VsColormap *out);
void        vs_colormap_eval      (VsColormap  colormap,
                                   double      t,
                                   double      rgb[3]);
void        vs_colormap_fill_rgba (VsColormap  colormap,
                                   guint8      rgba[VS_COLORMAP_SIZE * 4]);
char       *vs_colormap_list_names (void);

G_END_DECLS
