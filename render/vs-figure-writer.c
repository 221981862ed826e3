/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-figure-writer"

#include "config.h"

#include <glib/gi18n.h>

#include <cairo-pdf.h>
#include <math.h>
#include <string.h>

#include "vs-colormap.h"
#include "vs-figure-writer.h"
#include "vs-file-saver.h"
#include "vs-image-writer.h"
#include "vs-orientation-letters.h"
#include "vs-render-error.h"

/* Publication figures from rendered slices: the slices as an image, and around them a title,
 * the orientation letters, a colorbar per visible scalar layer (its colormap, range and name)
 * and a scale bar — as PNG, or as PDF and SVG where the slices are an embedded image and
 * everything else is text and vector graphics an editor can change.
 *
 * One layout (in the slices' pixels) is drawn by two back ends: cairo for PNG and PDF, and
 * SVG written here, because cairo's SVG turns text into outlines and a figure's labels should
 * stay text. */

#define MAX_BARS 8

typedef struct {
  char       *name;
  VsColormap  colormap;
  gboolean    tinted;         /* a channel: black to its colour instead of the colormap */
  double      tint[3];
  double      min, max;
  double      x, y, w, h;     /* the bar */
  double      font;
} Bar;

typedef struct {
  double  width, height;      /* the canvas */
  double  top;                /* where the slices start (below the title) */
  double  title_font;
  Bar     bars[MAX_BARS];
  int     n_bars;
  double  scale_x0, scale_x1, scale_y, scale_thickness, scale_font;
  double  scale_mm;           /* 0: no scale bar; in the scene's unit */
  const char *unit;
} Layout;

void
vs_figure_decorations_init (VsFigureDecorations *decorations)
{
  *decorations = (VsFigureDecorations) { NULL, TRUE, FALSE, FALSE, 300, FALSE, NULL };
}

/* The bar's colour at @t (0 bottom … 1 top). */
static void
bar_color (const Bar *b, double t, double rgb[3])
{
  if (b->tinted)
    for (int k = 0; k < 3; k++)
      rgb[k] = t * CLAMP (b->tint[k], 0, 1);
  else
    vs_colormap_eval (b->colormap, t, rgb);
}

static void
layout_clear (Layout *l)
{
  for (int i = 0; i < l->n_bars; i++)
    g_free (l->bars[i].name);
}

/* 1, 2 or 5 × 10ⁿ mm, about a fifth of the pane. */
static double
nice_length (double mm)
{
  double base = pow (10, floor (log10 (mm)));
  double steps[] = { 5, 2, 1 };

  for (int i = 0; i < 3; i++)
    if (steps[i] * base <= mm)
      return steps[i] * base;
  return base;
}

static void
compute_layout (cairo_surface_t *slices, VsScene *scene, const VsFigurePane *panes,
                const VsFigureDecorations *d, Layout *l)
{
  double w = cairo_image_surface_get_width (slices), h = cairo_image_surface_get_height (slices);
  double panel = 0;

  memset (l, 0, sizeof *l);
  l->title_font = CLAMP (h * 0.045, 12, 64);
  l->top = d->title != NULL && *d->title ? round (l->title_font * 1.8) : 0;
  if (d->colorbars)
    {
      /* Bottom layer first: the order a reader meets them. */
      for (guint i = vs_scene_get_n_layers (scene); i > 0 && l->n_bars < MAX_BARS; i--)
        {
          VsLayer *layer = vs_scene_get_layer (scene, i - 1);
          Bar *b = &l->bars[l->n_bars];
          if (vs_layer_is_label (layer) ||
              (d->colorbar_layers == NULL && !vs_layer_get_visible (layer)) ||
              (d->colorbar_layers != NULL &&
               !g_strv_contains (d->colorbar_layers, vs_layer_get_name (layer))))
            continue;
          if (vs_layer_get_composite (layer))
            {
              /* Channels shown together: a bar per channel, in its colour and range. */
              for (guint c = 0; c < vs_layer_get_n_channels (layer) && l->n_bars < MAX_BARS; c++)
                {
                  b = &l->bars[l->n_bars++];
                  b->name = g_strdup_printf (_("%s, channel %u"), vs_layer_get_name (layer), c);
                  b->tinted = TRUE;
                  vs_layer_get_channel_color (layer, c, b->tint);
                  vs_layer_get_channel_range (layer, c, &b->min, &b->max);
                }
              continue;
            }
          b->name = g_strdup (vs_layer_get_name (layer));
          b->colormap = vs_layer_get_colormap (layer);
          b->min = vs_layer_get_display_min (layer);
          b->max = vs_layer_get_display_max (layer);
          l->n_bars++;
        }
      if (l->n_bars > 0)
        panel = round (MAX (w * 0.16, 110));
    }
  for (int i = 0; i < l->n_bars; i++)
    {
      Bar *b = &l->bars[i];
      double block = h / l->n_bars;
      b->font = CLAMP (MIN (block * 0.06, h * 0.03), 9, 40);
      b->w = panel * 0.16;
      b->x = w + panel * 0.12;
      b->y = l->top + i * block + b->font * 2.6;
      b->h = block - b->font * 4.4;
    }
  l->width = w + panel;
  l->height = h + l->top;
  if (d->scale_bar && panes != NULL && panes[0].camera.mm_per_pixel > 0)
    {
      const VsSliceCamera *c = &panes[0].camera;
      l->scale_mm = nice_length (c->width * c->mm_per_pixel * 0.2);
      l->unit = vs_scene_get_spatial_unit (scene);
      /* At the bottom right of the first pane, sized by the pane. */
      l->scale_thickness = MAX (2, c->height / 200.0);
      l->scale_x1 = panes[0].x + c->width * 0.95;
      l->scale_x0 = l->scale_x1 - l->scale_mm / c->mm_per_pixel;
      l->scale_y = l->top + panes[0].y + c->height * 0.95;
      l->scale_font = CLAMP (c->height * 0.04, 9, 40);
    }
}

static char *
format_value (double v)
{
  return g_strdup_printf ("%.4g", v);
}

/* Letters on every pane of up to three; on a lightbox's many, on the first only. */
static int
letter_panes (int n_panes)
{
  return n_panes > 3 ? 1 : n_panes;
}

static double
label_font (const VsFigurePane *pane)
{
  return CLAMP (MIN (pane->camera.width, pane->camera.height) * 0.07, 9, 24);
}

/* ---- cairo: PNG and PDF ----------------------------------------------------------------- */

/* Labels outside the slices: white on the black background, black on a transparent one (a
 * light page). */
static double ink;

static void
draw_text (cairo_t *cr, const char *text, double x, double y, double size, double anchor,
           gboolean bold)
{
  cairo_text_extents_t e;

  cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL,
                          bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, size);
  cairo_text_extents (cr, text, &e);
  /* @anchor 0 left, 0.5 centre, 1 right; @y the middle of the text. */
  cairo_move_to (cr, x - anchor * e.x_advance, y + size * 0.35);
  cairo_set_source_rgb (cr, ink, ink, ink);
  cairo_show_text (cr, text);
}

static void
draw_figure (cairo_t *cr, cairo_surface_t *slices, const Layout *l, const VsFigurePane *panes,
             int n_panes, const VsFigureDecorations *d)
{
  ink = d->transparent ? 0 : 1;
  if (!d->transparent)
    {
      cairo_set_source_rgb (cr, 0, 0, 0);
      cairo_paint (cr);
    }
  cairo_set_source_surface (cr, slices, 0, l->top);
  /* Voxels stay voxels: a PDF viewer is asked not to smooth the embedded image. */
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_NEAREST);
  cairo_paint (cr);
  if (l->top > 0)
    draw_text (cr, d->title, l->width / 2, l->top / 2, l->title_font, 0.5, TRUE);
  if (d->letters)
    for (int p = 0; p < letter_panes (n_panes); p++)
      {
        cairo_save (cr);
        cairo_translate (cr, panes[p].x, l->top + panes[p].y);
        vs_orientation_letters_draw (cr, &panes[p].camera, 1.0);
        cairo_restore (cr);
      }
  for (int p = 0; p < n_panes; p++)
    if (panes[p].label[0] != '\0')
      draw_text (cr, panes[p].label, panes[p].x + label_font (&panes[p]) * 0.5,
                 l->top + panes[p].y + panes[p].camera.height - label_font (&panes[p]),
                 label_font (&panes[p]), 0, FALSE);
  for (int i = 0; i < l->n_bars; i++)
    {
      const Bar *b = &l->bars[i];
      cairo_pattern_t *gradient = cairo_pattern_create_linear (0, b->y + b->h, 0, b->y);
      g_autofree char *lo = format_value (b->min), *hi = format_value (b->max);
      for (int s = 0; s <= 32; s++)
        {
          double rgb[3];
          bar_color (b, s / 32.0, rgb);
          cairo_pattern_add_color_stop_rgb (gradient, s / 32.0, rgb[0], rgb[1], rgb[2]);
        }
      cairo_rectangle (cr, b->x, b->y, b->w, b->h);
      cairo_set_source (cr, gradient);
      cairo_fill_preserve (cr);
      cairo_pattern_destroy (gradient);
      cairo_set_source_rgb (cr, ink, ink, ink);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);
      draw_text (cr, b->name, b->x, b->y - b->font * 1.3, b->font, 0, TRUE);
      draw_text (cr, hi, b->x + b->w + b->font * 0.4, b->y, b->font, 0, FALSE);
      draw_text (cr, lo, b->x + b->w + b->font * 0.4, b->y + b->h, b->font, 0, FALSE);
    }
  if (l->scale_mm > 0)
    {
      /* White with a dark edge, like the letters: legible over the slices and off them. */
      g_autofree char *label = g_strdup_printf ("%g %s", l->scale_mm, l->unit);
      cairo_text_extents_t e;
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      cairo_move_to (cr, l->scale_x0, l->scale_y);
      cairo_line_to (cr, l->scale_x1, l->scale_y);
      cairo_set_source_rgba (cr, 0, 0, 0, 0.8);
      cairo_set_line_width (cr, l->scale_thickness + 2);
      cairo_stroke_preserve (cr);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_set_line_width (cr, l->scale_thickness);
      cairo_stroke (cr);
      cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
      cairo_set_font_size (cr, l->scale_font);
      cairo_text_extents (cr, label, &e);
      cairo_move_to (cr, (l->scale_x0 + l->scale_x1) / 2 - e.x_advance / 2,
                     l->scale_y - l->scale_font * 0.75);
      cairo_text_path (cr, label);
      cairo_set_source_rgba (cr, 0, 0, 0, 0.8);
      cairo_set_line_width (cr, l->scale_font / 6);
      cairo_stroke_preserve (cr);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_fill (cr);
    }
}

static cairo_status_t
write_to_stream (void *closure, const unsigned char *data, unsigned int length)
{
  return g_output_stream_write_all (closure, data, length, NULL, NULL, NULL)
         ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/* ---- SVG ----------------------------------------------------------------------------------- */

static cairo_status_t
append_bytes (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
svg_text (GString *svg, const char *text, double x, double y, double size, const char *anchor,
          gboolean bold, gboolean outlined)
{
  const char *fill = outlined || ink > 0.5 ? "#ffffff" : "#000000";
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  char xs[G_ASCII_DTOSTR_BUF_SIZE], ys[G_ASCII_DTOSTR_BUF_SIZE], ss[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_printf (svg, "  <text x=\"%s\" y=\"%s\" font-family=\"DejaVu Sans, sans-serif\" "
                          "font-size=\"%s\" text-anchor=\"%s\" dominant-baseline=\"central\" "
                          "fill=\"%s\"%s%s>%s</text>\n",
                          g_ascii_formatd (xs, sizeof xs, "%.2f", x),
                          g_ascii_formatd (ys, sizeof ys, "%.2f", y),
                          g_ascii_formatd (ss, sizeof ss, "%.2f", size), anchor, fill,
                          bold ? " font-weight=\"bold\"" : "",
                          outlined ? " stroke=\"#000000\" stroke-opacity=\"0.8\" "
                                     "paint-order=\"stroke\" stroke-width=\"3\"" : "",
                          escaped);
}

static GString *
build_svg (cairo_surface_t *slices, const Layout *l, const VsFigurePane *panes, int n_panes,
           const VsFigureDecorations *d)
{
  g_autoptr(GByteArray) png = g_byte_array_new ();
  g_autofree char *base64 = NULL;
  GString *svg = g_string_new (NULL);
  double dpi = d->dpi > 0 ? d->dpi : 300;
  char a[G_ASCII_DTOSTR_BUF_SIZE], b[G_ASCII_DTOSTR_BUF_SIZE];

  cairo_surface_write_to_png_stream (slices, append_bytes, png);
  base64 = g_base64_encode (png->data, png->len);
  g_string_append_printf (svg, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<svg xmlns=\"http://www.w3.org/2000/svg\" "
                          "xmlns:xlink=\"http://www.w3.org/1999/xlink\" version=\"1.1\" "
                          "width=\"%sin\" height=\"%sin\" viewBox=\"0 0 %d %d\">\n",
                          g_ascii_formatd (a, sizeof a, "%.4f", l->width / dpi),
                          g_ascii_formatd (b, sizeof b, "%.4f", l->height / dpi),
                          (int) l->width, (int) l->height);
  if (d->title != NULL && *d->title)
    {
      g_autofree char *title = g_markup_escape_text (d->title, -1);
      g_string_append_printf (svg, "  <title>%s</title>\n", title);
    }
  ink = d->transparent ? 0 : 1;
  if (!d->transparent)
    g_string_append_printf (svg, "  <rect width=\"%d\" height=\"%d\" fill=\"#000000\"/>\n",
                            (int) l->width, (int) l->height);
  g_string_append_printf (svg, "  <image x=\"0\" y=\"%d\" width=\"%d\" height=\"%d\" "
                          "xlink:href=\"data:image/png;base64,%s\"/>\n", (int) l->top,
                          cairo_image_surface_get_width (slices),
                          cairo_image_surface_get_height (slices), base64);
  if (l->top > 0)
    svg_text (svg, d->title, l->width / 2, l->top / 2, l->title_font, "middle", TRUE, FALSE);
  if (d->letters)
    for (int p = 0; p < letter_panes (n_panes); p++)
      {
        char letters[4][2];
        double xy[4][2], size;
        vs_orientation_letters_layout (&panes[p].camera, 1.0, letters, xy, &size);
        for (int k = 0; k < 4; k++)
          svg_text (svg, letters[k], panes[p].x + xy[k][0], l->top + panes[p].y + xy[k][1], size,
                    "middle", TRUE, TRUE);
      }
  for (int p = 0; p < n_panes; p++)
    if (panes[p].label[0] != '\0')
      svg_text (svg, panes[p].label, panes[p].x + label_font (&panes[p]) * 0.5,
                l->top + panes[p].y + panes[p].camera.height - label_font (&panes[p]),
                label_font (&panes[p]), "start", FALSE, FALSE);
  for (int i = 0; i < l->n_bars; i++)
    {
      const Bar *bar = &l->bars[i];
      g_autofree char *lo = format_value (bar->min), *hi = format_value (bar->max);
      char x[G_ASCII_DTOSTR_BUF_SIZE], y[G_ASCII_DTOSTR_BUF_SIZE], w[G_ASCII_DTOSTR_BUF_SIZE],
           h[G_ASCII_DTOSTR_BUF_SIZE];
      g_string_append_printf (svg, "  <linearGradient id=\"bar%d\" x1=\"0\" y1=\"1\" x2=\"0\" "
                              "y2=\"0\">\n", i);
      for (int s = 0; s <= 32; s++)
        {
          double rgb[3];
          bar_color (bar, s / 32.0, rgb);
          g_string_append_printf (svg, "    <stop offset=\"%s\" stop-color=\"#%02x%02x%02x\"/>\n",
                                  g_ascii_formatd (x, sizeof x, "%.4f", s / 32.0),
                                  (int) lround (rgb[0] * 255), (int) lround (rgb[1] * 255),
                                  (int) lround (rgb[2] * 255));
        }
      g_string_append (svg, "  </linearGradient>\n");
      g_string_append_printf (svg, "  <rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" "
                              "fill=\"url(#bar%d)\" stroke=\"#ffffff\" stroke-width=\"1\"/>\n",
                              g_ascii_formatd (x, sizeof x, "%.2f", bar->x),
                              g_ascii_formatd (y, sizeof y, "%.2f", bar->y),
                              g_ascii_formatd (w, sizeof w, "%.2f", bar->w),
                              g_ascii_formatd (h, sizeof h, "%.2f", bar->h), i);
      svg_text (svg, bar->name, bar->x, bar->y - bar->font * 1.3, bar->font, "start", TRUE, FALSE);
      svg_text (svg, hi, bar->x + bar->w + bar->font * 0.4, bar->y, bar->font, "start", FALSE,
                FALSE);
      svg_text (svg, lo, bar->x + bar->w + bar->font * 0.4, bar->y + bar->h, bar->font, "start",
                FALSE, FALSE);
    }
  if (l->scale_mm > 0)
    {
      g_autofree char *label = g_strdup_printf ("%g %s", l->scale_mm, l->unit);
      char x0[G_ASCII_DTOSTR_BUF_SIZE], x1[G_ASCII_DTOSTR_BUF_SIZE], y[G_ASCII_DTOSTR_BUF_SIZE],
           t[G_ASCII_DTOSTR_BUF_SIZE];
      g_string_append_printf (svg, "  <line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" "
                              "stroke=\"#ffffff\" stroke-width=\"%s\"/>\n",
                              g_ascii_formatd (x0, sizeof x0, "%.2f", l->scale_x0),
                              g_ascii_formatd (y, sizeof y, "%.2f", l->scale_y),
                              g_ascii_formatd (x1, sizeof x1, "%.2f", l->scale_x1), y,
                              g_ascii_formatd (t, sizeof t, "%.2f", l->scale_thickness));
      svg_text (svg, label, (l->scale_x0 + l->scale_x1) / 2, l->scale_y - l->scale_font * 1.1,
                l->scale_font, "middle", FALSE, TRUE);
    }
  g_string_append (svg, "</svg>\n");
  return svg;
}

/* Writes the figure to @path: .png, .pdf or .svg.  @slices is the rendered panes without
 * letters; @panes their cameras and places. */
gboolean
vs_figure_write (cairo_surface_t           *slices,
                 VsScene                   *scene,
                 const VsFigurePane        *panes,
                 int                        n_panes,
                 const VsFigureDecorations *decorations,
                 const char                *path,
                 GError                   **error)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);
  Layout l;
  gboolean ok = FALSE;

  compute_layout (slices, scene, n_panes > 0 ? panes : NULL, decorations, &l);
  if (g_str_has_suffix (lower, ".svg"))
    {
      g_autoptr(GString) svg = build_svg (slices, &l, panes, n_panes, decorations);
      ok = vs_file_save_contents (path, svg->str, (gssize) svg->len, error);
    }
  else if (g_str_has_suffix (lower, ".pdf"))
    {
      g_autoptr(VsFileSaver) saver = vs_file_saver_begin (path, error);
      double dpi = decorations->dpi > 0 ? decorations->dpi : 300;
      cairo_surface_t *pdf;
      cairo_t *cr;

      if (saver != NULL)
        {
          pdf = cairo_pdf_surface_create_for_stream (write_to_stream,
                                                     vs_file_saver_get_stream (saver),
                                                     l.width * 72 / dpi, l.height * 72 / dpi);
          cr = cairo_create (pdf);
          cairo_scale (cr, 72 / dpi, 72 / dpi);
          draw_figure (cr, slices, &l, panes, n_panes, decorations);
          cairo_destroy (cr);
          cairo_surface_finish (pdf);
          if (cairo_surface_status (pdf) != CAIRO_STATUS_SUCCESS)
            {
              g_autoptr(GError) cause = g_error_new (VS_RENDER_ERROR, VS_RENDER_ERROR_FAILED, "%s",
                                                    cairo_status_to_string (cairo_surface_status (pdf)));
              vs_file_saver_fail (g_steal_pointer (&saver), error, cause);
            }
          else
            ok = vs_file_saver_commit (g_steal_pointer (&saver), error);
          cairo_surface_destroy (pdf);
        }
    }
  else
    {
      cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) l.width,
                                                           (int) l.height);
      cairo_t *cr = cairo_create (image);
      draw_figure (cr, slices, &l, panes, n_panes, decorations);
      cairo_destroy (cr);
      ok = vs_image_writer_write_png (image, path, error);
      cairo_surface_destroy (image);
    }
  layout_clear (&l);
  return ok;
}
