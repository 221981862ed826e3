/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-surface-figure"

#include "config.h"

#include <epoxy/gl.h>
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
