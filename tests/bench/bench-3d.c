/* SPDX-License-Identifier: MIT */
/* 3D frame times on this machine's GL, offscreen through EGL:
 *   1. two 163,842-vertex hemispheres (icosahedron subdivided 7 times) with an overlay, 1280×800,
 *      median frame while orbiting;
 *   2. a 256³ volume ray cast (MIP) at 800×800 while orbiting (a third of the resolution, steps
 *      of 2 voxels) and at full quality.
 * Prints: surfaces_ms volume_moving_ms volume_full_ms */
#include "config.h"

#include <epoxy/gl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "vs-offscreen.h"
#include "vs-resources.h"
#include "vs-surface-figure.h"
#include "vs-volume-raycaster.h"

static int
compare (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static guint64
edge_key (guint32 a, guint32 b)
{
  return ((guint64) MIN (a, b) << 32) | MAX (a, b);
}

static VsSurface *
icosphere (int subdivisions, double x_offset, const char *structure)
{
  const double t = (1 + sqrt (5)) / 2;
  double base[12][3] = { { -1, t, 0 }, { 1, t, 0 }, { -1, -t, 0 }, { 1, -t, 0 }, { 0, -1, t },
                         { 0, 1, t }, { 0, -1, -t }, { 0, 1, -t }, { t, 0, -1 }, { t, 0, 1 },
                         { -t, 0, -1 }, { -t, 0, 1 } };
  const guint32 faces[20][3] = { { 0, 11, 5 }, { 0, 5, 1 }, { 0, 1, 7 }, { 0, 7, 10 },
    { 0, 10, 11 }, { 1, 5, 9 }, { 5, 11, 4 }, { 11, 10, 2 }, { 10, 7, 6 }, { 7, 1, 8 },
    { 3, 9, 4 }, { 3, 4, 2 }, { 3, 2, 6 }, { 3, 6, 8 }, { 3, 8, 9 }, { 4, 9, 5 }, { 2, 4, 11 },
    { 6, 2, 10 }, { 8, 6, 7 }, { 9, 8, 1 } };
  GArray *v = g_array_new (FALSE, FALSE, sizeof (double));
  GArray *f = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autofree float *positions = NULL;
  VsSurface *surface;

  for (int i = 0; i < 12; i++)
    {
      double n = sqrt (base[i][0] * base[i][0] + base[i][1] * base[i][1] + base[i][2] * base[i][2]);
      for (int a = 0; a < 3; a++)
        base[i][a] /= n;
      g_array_append_vals (v, base[i], 3);
    }
  g_array_append_vals (f, faces, 60);
  for (int s = 0; s < subdivisions; s++)
    {
      g_autoptr(GHashTable) mids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      GArray *next = g_array_new (FALSE, FALSE, sizeof (guint32));
      for (guint i = 0; i < f->len / 3; i++)
        {
          guint32 c[3], m[3];
          for (int k = 0; k < 3; k++)
            c[k] = g_array_index (f, guint32, 3 * i + k);
          for (int k = 0; k < 3; k++)
            {
              guint64 key = edge_key (c[k], c[(k + 1) % 3]);
              gpointer found = g_hash_table_lookup (mids, &key);
              if (found == NULL)
                {
                  double p[3], n = 0;
                  for (int a = 0; a < 3; a++)
                    {
                      p[a] = g_array_index (v, double, 3 * c[k] + a) +
                             g_array_index (v, double, 3 * c[(k + 1) % 3] + a);
                      n += p[a] * p[a];
                    }
                  for (int a = 0; a < 3; a++)
                    p[a] /= sqrt (n);
                  g_array_append_vals (v, p, 3);
                  found = GUINT_TO_POINTER (v->len / 3);
                  g_hash_table_insert (mids, g_memdup2 (&key, sizeof key), found);
                }
              m[k] = GPOINTER_TO_UINT (found) - 1;
            }
          guint32 tris[12] = { c[0], m[0], m[2], c[1], m[1], m[0], c[2], m[2], m[1], m[0], m[1], m[2] };
          g_array_append_vals (next, tris, 12);
        }
      g_array_unref (f);
      f = next;
    }
  positions = g_new (float, v->len);
  for (guint i = 0; i < v->len / 3; i++)
    {
      positions[3 * i] = (float) (g_array_index (v, double, 3 * i) * 35 + x_offset);
      positions[3 * i + 1] = (float) (g_array_index (v, double, 3 * i + 1) * 80);
      positions[3 * i + 2] = (float) (g_array_index (v, double, 3 * i + 2) * 60);
    }
  surface = vs_surface_new (v->len / 3, (guint32 *) f->data, f->len / 3, NULL);
  vs_surface_add_geometry (surface, "pial", positions, NULL);
  vs_surface_set_structure (surface, structure);
  g_array_unref (v);
  g_array_unref (f);
  return surface;
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VsOffscreen) offscreen = NULL;
  g_autoptr(VsSurfaceRenderer) renderer = NULL;
  g_autoptr(VsVolumeRaycaster) raycaster = NULL;
  g_autoptr(VsSurface) lh = icosphere (7, -40, "CortexLeft");
  g_autoptr(VsSurface) rh = icosphere (7, 40, "CortexRight");
  VsSurfaceDraw draws[2];
  g_autofree guint8 *colors_l = NULL, *colors_r = NULL;
  g_autoptr(VsVertexData) overlay_l = NULL, overlay_r = NULL;
  VsSurfaceOverlay overlay;
  VsOrbitCamera camera;
  double times[3][30], lo[3] = { -80, -80, -60 }, hi[3] = { 80, 80, 60 };
  const int frames = 30;

  vs_register_resource ();
  offscreen = vs_offscreen_new (&error);
  if (offscreen != NULL)
    renderer = vs_surface_renderer_new (&error);
  if (renderer != NULL)
    raycaster = vs_volume_raycaster_new (&error);
  if (raycaster == NULL)
    {
      g_printerr ("bench-3d: %s\n", error->message);
      return 1;
    }
  g_printerr ("renderer: %s, %u vertices per hemisphere\n",
              vs_offscreen_get_renderer_name (offscreen), vs_surface_get_n_vertices (lh));

  /* Surfaces with a per-vertex overlay (colours computed once, as the view caches them). */
  overlay_l = vs_vertex_data_new ("t", vs_surface_get_n_vertices (lh), 1);
  overlay_r = vs_vertex_data_new ("t", vs_surface_get_n_vertices (rh), 1);
  for (guint i = 0; i < vs_surface_get_n_vertices (lh); i++)
    {
      vs_vertex_data_get_column (overlay_l, 0)[i] = sinf (i * 0.001f);
      vs_vertex_data_get_column (overlay_r, 0)[i] = cosf (i * 0.001f);
    }
  colors_l = g_malloc (vs_surface_get_n_vertices (lh) * 4);
  colors_r = g_malloc (vs_surface_get_n_vertices (rh) * 4);
  vs_surface_overlay_init_for (&overlay, overlay_l);
  vs_surface_colors_compute (lh, NULL, &overlay, 1, colors_l);
  vs_surface_overlay_init_for (&overlay, overlay_r);
  vs_surface_colors_compute (rh, NULL, &overlay, 1, colors_r);
  /* Colours numbered as the 3D view numbers its cached colours. */
  draws[0] = (VsSurfaceDraw) { lh, 0, colors_l, 1, { 0, 0, 0 } };
  draws[1] = (VsSurfaceDraw) { rh, 0, colors_r, 1, { 0, 0, 0 } };

  vs_orbit_camera_init (&camera, 1280, 800);
  vs_orbit_camera_fit (&camera, lo, hi);
  vs_offscreen_begin (offscreen, 1280, 800, NULL);
  for (int i = -3; i < frames; i++)
    {
      gint64 start = g_get_monotonic_time ();
      vs_orbit_camera_orbit (&camera, 12, 0);
      vs_surface_renderer_draw (renderer, draws, 2, &camera, TRUE);
      glFinish ();
      if (i >= 0)
        times[0][i] = (g_get_monotonic_time () - start) / 1000.0;
    }

  /* A 256³ volume: a head-like ellipsoid with texture. */
  {
    const gint64 dims[4] = { 256, 256, 256, 1 };
    g_autoptr(VsVolume) volume = vs_volume_new (VS_DATATYPE_UINT8, dims, NULL);
    g_autoptr(VsLayer) layer = NULL;
    guint8 *d = vs_volume_get_data_mutable (volume);
    const double affine[16] = { 0.8, 0, 0, -102, 0, 0.8, 0, -102, 0, 0, 0.8, -102, 0, 0, 0, 1 };
    VsRaycastOptions options;

    for (gint64 k = 0; k < 256; k++)
      for (gint64 j = 0; j < 256; j++)
        for (gint64 i = 0; i < 256; i++)
          {
            double x = (i - 128) / 100.0, y = (j - 128) / 120.0, z = (k - 128) / 110.0;
            double r = x * x + y * y + z * z;
            d[i + 256 * (j + 256 * k)] = r < 1 ? (guint8) (120 + 100 * sin (20 * x) * cos (17 * y)
                                                           * sin (13 * z)) : 0;
          }
    vs_volume_set_affine (volume, affine, NULL);
    layer = vs_layer_new (volume);
    vs_layer_set_display_range (layer, 0, 255);
    vs_raycast_options_init (&options);
    vs_orbit_camera_init (&camera, 800, 800);
    vs_volume_get_world_bounds (volume, lo, hi);
    vs_orbit_camera_fit (&camera, lo, hi);
    for (int pass = 1; pass < 3; pass++)
      {
        VsOrbitCamera c = camera;
        options.step = pass == 1 ? 2.0 : 0.5;
        if (pass == 1)
          c.width = c.height = 800 / 3;
        vs_offscreen_begin (offscreen, c.width, c.height, NULL);
        for (int i = -2; i < (pass == 1 ? frames : 7); i++)
          {
            gint64 start = g_get_monotonic_time ();
            vs_orbit_camera_orbit (&c, 12, 0);
            vs_volume_raycaster_draw (raycaster, layer, 0, &c, &options, NULL);
            glFinish ();
            if (i >= 0)
              times[pass][i] = (g_get_monotonic_time () - start) / 1000.0;
          }
      }
  }
  qsort (times[0], frames, sizeof (double), compare);
  qsort (times[1], frames, sizeof (double), compare);
  qsort (times[2], 7, sizeof (double), compare);
  printf ("%.1f %.1f %.1f\n", times[0][frames / 2], times[1][frames / 2], times[2][3]);
  return 0;
}
