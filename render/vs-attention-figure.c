/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-attention-figure"

#include "config.h"

#include <cairo.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <math.h>

#include "vs-attention-figure.h"
#include "vs-attention-readout.h"
#include "vs-colormap.h"
#include "vs-image-writer.h"

/* A pixbuf (with or without alpha) as the cairo source, premultiplied. */
void
vs_attention_set_source_pixbuf (cairo_t   *cr,
                                GdkPixbuf *pixbuf)
{
  int w = gdk_pixbuf_get_width (pixbuf), h = gdk_pixbuf_get_height (pixbuf);
  int channels = gdk_pixbuf_get_n_channels (pixbuf), stride = gdk_pixbuf_get_rowstride (pixbuf);
  const guint8 *pixels = gdk_pixbuf_read_pixels (pixbuf);
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  guint8 *out = cairo_image_surface_get_data (image);
  int out_stride = cairo_image_surface_get_stride (image);

  cairo_surface_flush (image);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        const guint8 *p = pixels + y * stride + x * channels;
        guint32 a = channels == 4 ? p[3] : 255;
        ((guint32 *) (out + y * out_stride))[x] = a << 24 | (p[0] * a / 255) << 16 |
                                                  (p[1] * a / 255) << 8 | (p[2] * a / 255);
      }
  cairo_surface_mark_dirty (image);
  cairo_set_source_surface (cr, image, 0, 0);
  cairo_surface_destroy (image);
}

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

/* @map (grid_h × grid_w) spread over the rectangle (0, 0)–(width, height) of @cr: @colormap from
 * 0 to the map's maximum, nearest patches or bilinear between patch centres, at @opacity. */
void
vs_attention_paint (cairo_t      *cr,
                    double        width,
                    double        height,
                    const double *map,
                    guint         grid_h,
                    guint         grid_w,
                    VsColormap    colormap,
                    double        opacity,
                    gboolean      smooth)
{
  guint8 rgba[VS_COLORMAP_SIZE * 4];
  double maximum = 0;
  cairo_surface_t *heat = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) grid_w,
                                                      (int) grid_h);

  vs_colormap_fill_rgba (colormap, rgba);
  for (guint j = 0; j < grid_h * grid_w; j++)
    maximum = MAX (maximum, map[j]);
  cairo_surface_flush (heat);
  for (guint r = 0; r < grid_h; r++)
    for (guint c = 0; c < grid_w; c++)
      {
        int index = maximum > 0 ? (int) lround (map[r * grid_w + c] / maximum *
                                                (VS_COLORMAP_SIZE - 1)) : 0;
        guint32 *px = (guint32 *) (cairo_image_surface_get_data (heat) +
                                   r * cairo_image_surface_get_stride (heat)) + c;
        *px = 0xff000000u | (guint32) rgba[4 * index] << 16 | (guint32) rgba[4 * index + 1] << 8 |
              rgba[4 * index + 2];
      }
  cairo_surface_mark_dirty (heat);
  cairo_save (cr);
  cairo_scale (cr, width / grid_w, height / grid_h);
  cairo_set_source_surface (cr, heat, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), smooth ? CAIRO_FILTER_BILINEAR
                                                          : CAIRO_FILTER_NEAREST);
  cairo_pattern_set_extend (cairo_get_source (cr), CAIRO_EXTEND_PAD);
  cairo_rectangle (cr, 0, 0, grid_w, grid_h);
  cairo_clip (cr);
  cairo_paint_with_alpha (cr, opacity);
  cairo_restore (cr);
  cairo_surface_destroy (heat);
}

/* An image with an attention map over it: the image scaled so its longer side is at least 512
 * pixels, the map spread over it (nearest patches, or smooth: bilinear between patch centres) in
 * @colormap from 0 to the map's maximum at @opacity, and @title above. */
gboolean
vs_attention_figure_write (const char   *image_path,
                           const double *map,
                           guint         grid_h,
                           guint         grid_w,
                           VsColormap    colormap,
                           double        opacity,
                           gboolean      smooth,
                           const char   *title,
                           const char   *path,
                           GError      **error)
{
  g_autofree char *display = g_path_get_basename (image_path);
  g_autoptr(GError) local = NULL;
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new_from_file (image_path, &local);
  cairo_surface_t *surface;
  cairo_t *cr;
  int w, h, out_w, out_h, top = title != NULL ? 28 : 0;
  double scale;
  gboolean ok;

  if (pixbuf == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: not a readable image (%s)",
                   display, local->message);
      return FALSE;
    }
  w = gdk_pixbuf_get_width (pixbuf);
  h = gdk_pixbuf_get_height (pixbuf);
  scale = MAX (1.0, 512.0 / MAX (w, h));
  out_w = (int) ceil (w * scale);
  out_h = (int) ceil (h * scale);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, out_w, out_h + top);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_save (cr);
  cairo_translate (cr, 0, top);
  cairo_scale (cr, scale, scale);
  vs_attention_set_source_pixbuf (cr, pixbuf);
  cairo_paint (cr);
  cairo_restore (cr);

  cairo_save (cr);
  cairo_translate (cr, 0, top);
  vs_attention_paint (cr, out_w, out_h, map, grid_h, grid_w, colormap, opacity, smooth);
  cairo_restore (cr);
  if (title != NULL)
    {
      cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
      cairo_set_font_size (cr, 15);
      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      cairo_move_to (cr, 8, 19);
      cairo_show_text (cr, title);
    }
  cairo_destroy (cr);
  ok = vs_image_writer_write_png (surface, path, error);
  cairo_surface_destroy (surface);
  return ok;
}

/* A montage of images with attention: @rows × @columns cells, cell (r, c) the picture
 * @images[r · columns + c] (NULL: left grey) with maps[(r · columns + c) · k] over it; each row
 * titled @row_titles[r] on its left. */
gboolean
vs_attention_image_montage_write (const char  *const *images,
                                  const double *maps,
                                  guint         rows,
                                  guint         columns,
                                  guint         grid_h,
                                  guint         grid_w,
                                  const char  *const *row_titles,
                                  const char   *path,
                                  GError      **error)
{
  const int cell = 150, margin = 120;
  int width = margin + (int) columns * (cell + GAP) + GAP;
  int height = (int) rows * (cell + GAP) + GAP;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);
  gsize k = (gsize) grid_h * grid_w;
  gboolean ok;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 13);
  for (guint r = 0; r < rows; r++)
    {
      double y0 = GAP + r * (cell + GAP);
      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      cairo_move_to (cr, 8, y0 + cell / 2.0);
      cairo_show_text (cr, row_titles[r]);
      for (guint c = 0; c < columns; c++)
        {
          const char *image = images[r * columns + c];
          double x0 = margin + GAP + c * (cell + GAP);
          g_autoptr(GdkPixbuf) pixbuf = image != NULL ? gdk_pixbuf_new_from_file (image, NULL)
                                                      : NULL;
          cairo_save (cr);
          cairo_translate (cr, x0, y0);
          cairo_set_source_rgb (cr, 0.8, 0.8, 0.8);
          cairo_rectangle (cr, 0, 0, cell, cell);
          cairo_fill (cr);
          if (pixbuf != NULL)
            {
              cairo_save (cr);
              cairo_scale (cr, (double) cell / gdk_pixbuf_get_width (pixbuf),
                           (double) cell / gdk_pixbuf_get_height (pixbuf));
              vs_attention_set_source_pixbuf (cr, pixbuf);
              cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_BILINEAR);
              cairo_paint (cr);
              cairo_restore (cr);
            }
          if (image != NULL)
            vs_attention_paint (cr, cell, cell, maps + (r * columns + c) * k, grid_h, grid_w,
                                VS_COLORMAP_INFERNO, 0.55, TRUE);
          cairo_restore (cr);
        }
    }
  cairo_destroy (cr);
  ok = vs_image_writer_write_png (surface, path, error);
  cairo_surface_destroy (surface);
  return ok;
}

/* For every region of @study, its @columns best images (measured) with its attention on each
 * (query: its readout's w). */
gboolean
vs_attention_top_images_write (const VsAttentionStudy *study,
                               guint                   columns,
                               const char             *path,
                               GError                **error)
{
  guint R = study->labels->len;
  gsize k = study->features.k;
  g_autofree const char **images = g_new0 (const char *, (gsize) R * columns);
  g_autofree double *maps = g_new0 (double, (gsize) R * columns * k);
  g_autofree gsize *best = g_new (gsize, columns);

  for (guint r = 0; r < R; r++)
    {
      guint n = vs_attention_study_top_images (study, r, FALSE, columns, best);
      for (guint c = 0; c < n; c++)
        {
          VsStimulus *s = &g_array_index (study->stimuli->rows, VsStimulus, best[c]);
          if (s->image != NULL && g_file_test (s->image, G_FILE_TEST_IS_REGULAR))
            images[r * columns + c] = s->image;
          vs_attention_map (&study->features, best[c], study->fit->w + r * study->features.p, 1.0,
                            maps + ((gsize) r * columns + c) * k);
        }
    }
  return vs_attention_image_montage_write (images, maps, R, columns, study->features.grid_h,
                                           study->features.grid_w,
                                           (const char *const *) study->names->pdata, path, error);
}
