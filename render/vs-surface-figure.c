/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-surface-figure"

#include "config.h"

#include <epoxy/gl.h>
#include <glib/gi18n.h>
#include <string.h>

#include "vs-surface-figure.h"

/* Surfaces rendered offscreen from a named viewpoint: lateral, medial, dorsal, ventral, anterior,
 * posterior.  Two hemispheres are pulled apart by @gap millimetres along x. */

gboolean
vs_surface_item_is_left (const VsSurfaceItem *item)
{
  const char *structure = vs_surface_get_structure (item->surface);
  double lo[3], hi[3];

  if (structure != NULL)
    return strstr (structure, "Left") != NULL;
  vs_surface_get_bounds (item->surface, item->geometry, lo, hi);
  return lo[0] + hi[0] < 0;
}

void
vs_surface_figure_layout (const VsSurfaceItem *items,
                          guint                n_items,
                          double               gap,
                          double             (*offsets)[3],
                          double               lo[3],
                          double               hi[3])
{
  for (int a = 0; a < 3; a++)
    {
      lo[a] = G_MAXDOUBLE;
      hi[a] = -G_MAXDOUBLE;
    }
  for (guint i = 0; i < n_items; i++)
    {
      double l[3], h[3];
      offsets[i][0] = offsets[i][1] = offsets[i][2] = 0;
      if (n_items > 1)
        offsets[i][0] = vs_surface_item_is_left (&items[i]) ? -gap / 2 : gap / 2;
      vs_surface_get_bounds (items[i].surface, items[i].geometry, l, h);
      for (int a = 0; a < 3; a++)
        {
          lo[a] = MIN (lo[a], l[a] + offsets[i][a]);
          hi[a] = MAX (hi[a], h[a] + offsets[i][a]);
        }
    }
}

cairo_surface_t *
vs_surface_figure_render (VsOffscreen         *offscreen,
                          VsSurfaceRenderer   *renderer,
                          const VsSurfaceItem *items,
                          guint                n_items,
                          const char          *preset,
                          double               gap,
                          int                  width,
                          int                  height,
                          VsSurfaceFigureUnderlay underlay,
                          gpointer             underlay_data,
                          VsOrbitCamera       *camera_out,
                          GError             **error)
{
  g_autofree double (*offsets)[3] = g_malloc0 (sizeof (double[3]) * MAX (n_items, 1));
  g_autofree VsSurfaceDraw *draws = g_new0 (VsSurfaceDraw, MAX (n_items, 1));
  g_autoptr(GPtrArray) colors = g_ptr_array_new_with_free_func (g_free);
  VsOrbitCamera camera;
  double lo[3], hi[3];
  gboolean all_left = TRUE;

  vs_surface_figure_layout (items, n_items, gap, offsets, lo, hi);
  for (guint i = 0; i < n_items; i++)
    {
      guint8 *rgba = g_malloc ((gsize) vs_surface_get_n_vertices (items[i].surface) * 4);
      vs_surface_colors_compute (items[i].surface, items[i].curvature, items[i].overlays,
                                 items[i].n_overlays, rgba);
      g_ptr_array_add (colors, rgba);
      draws[i].surface = items[i].surface;
      draws[i].geometry = items[i].geometry;
      draws[i].rgba = rgba;
      memcpy (draws[i].offset, offsets[i], sizeof offsets[i]);
      all_left = all_left && vs_surface_item_is_left (&items[i]);
    }

  vs_orbit_camera_init (&camera, width, height);
  vs_orbit_camera_set_preset (&camera, preset, all_left);
  vs_orbit_camera_fit (&camera, lo, hi);
  if (!vs_offscreen_begin (offscreen, width, height, error))
    return NULL;
  glClearColor (0, 0, 0, 1);
  glClearDepth (1.0);
  glClear (GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
  if (underlay != NULL)
    underlay (&camera, underlay_data);
  vs_surface_renderer_draw (renderer, draws, n_items, &camera, FALSE);
  if (camera_out != NULL)
    *camera_out = camera;
  return vs_offscreen_read (offscreen);
}

/* The usual surface figure: each hemisphere (each surface) seen from the side and from the
 * midline, one row per hemisphere, each view labelled; @view draws one of them. */
cairo_surface_t *
vs_surface_figure_panel (VsSurface *const   *surfaces,
                         guint               n_surfaces,
                         int                 width,
                         int                 height,
                         VsSurfacePanelView  view,
                         gpointer            user_data,
                         GError            **error)
{
  static const char *const presets[] = { "lateral", "medial" };
  int rows = (int) MAX (n_surfaces, 1), w = width / 2, h = height / rows;
  cairo_surface_t *panel = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (panel);
  double font = CLAMP (h * 0.06, 10, 36);

  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_paint (cr);
  for (guint i = 0; i < n_surfaces; i++)
    for (int k = 0; k < 2; k++)
      {
        const char *structure = vs_surface_get_structure (surfaces[i]);
        g_autofree char *label = NULL;
        cairo_surface_t *image = view (i, presets[k], w, h, user_data, error);
        if (image == NULL)
          {
            cairo_destroy (cr);
            cairo_surface_destroy (panel);
            return NULL;
          }
        cairo_set_source_surface (cr, image, k * w, (int) i * h);
        cairo_paint (cr);
        cairo_surface_destroy (image);
        label = g_strdup_printf ("%s %s", g_strcmp0 (structure, "CortexLeft") == 0 ? _("left")
                                 : g_strcmp0 (structure, "CortexRight") == 0 ? _("right")
                                 : structure != NULL ? structure : "", presets[k]);
        cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
        cairo_set_font_size (cr, font);
        cairo_set_source_rgb (cr, 1, 1, 1);
        cairo_move_to (cr, k * w + font * 0.6, (int) i * h + font * 1.4);
        cairo_show_text (cr, label);
      }
  cairo_destroy (cr);
  return panel;
}
