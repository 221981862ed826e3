/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-attention-figure"

#include "config.h"

#include <cairo.h>
#include <math.h>

#include "vs-attention-figure.h"
#include "vs-colormap.h"
#include "vs-image-writer.h"

/* A montage of attention maps over the patch grid: one panel per map (inferno from 0 to that
 * map's maximum, nearest patches), its title above, up to 6 panels a row, a white background. */

#define PANEL 160
#define GAP 12
#define TITLE 22
#define PER_ROW 6

gboolean
vs_attention_montage_write (const double *maps,
                            guint         n_maps,
                            guint         grid_h,
                            guint         grid_w,
                            const char  *const *titles,
                            const char   *path,
                            GError      **error)
{
  guint columns = MIN (n_maps, PER_ROW), rows = (n_maps + PER_ROW - 1) / PER_ROW;
  double cell = (double) PANEL / MAX (grid_h, grid_w);
  int width = (int) (columns * (PANEL + GAP) + GAP), height = (int) (rows * (PANEL + TITLE + GAP) + GAP);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);
  gboolean ok;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 12);
  for (guint m = 0; m < n_maps; m++)
    {
      const double *map = maps + (gsize) m * grid_h * grid_w;
      double x0 = GAP + (m % PER_ROW) * (PANEL + GAP);
      double y0 = GAP + (m / PER_ROW) * (PANEL + TITLE + GAP) + TITLE;
      double top = 0;
      for (guint j = 0; j < grid_h * grid_w; j++)
        top = MAX (top, map[j]);
      for (guint r = 0; r < grid_h; r++)
        for (guint c = 0; c < grid_w; c++)
          {
            double rgb[3];
            vs_colormap_eval (VS_COLORMAP_INFERNO, top > 0 ? map[r * grid_w + c] / top : 0, rgb);
            cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
            cairo_rectangle (cr, x0 + c * cell, y0 + r * cell, ceil (cell), ceil (cell));
            cairo_fill (cr);
          }
      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      cairo_move_to (cr, x0, y0 - 7);
      cairo_show_text (cr, titles[m]);
    }
  cairo_destroy (cr);
  ok = vs_image_writer_write_png (surface, path, error);
  cairo_surface_destroy (surface);
  return ok;
}
