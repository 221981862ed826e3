/* SPDX-License-Identifier: MIT */
/* Median frame time of three slice views (sagittal, coronal, axial) with three layers at
 * 1280×800 through the window's renderer, offscreen on EGL.  The cursor moves every frame so each
 * frame samples new slices, as when a person steps through a volume. */
#include "config.h"

#include <epoxy/gl.h>
#include <stdio.h>
#include <stdlib.h>

#include "vs-offscreen.h"
#include "vs-resources.h"
#include "vs-slice-figure.h"
#include "vs-slice-renderer.h"
#include "vs-volume-loader.h"

static int
compare (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VsScene) scene = vs_scene_new ();
  g_autoptr(VsOffscreen) offscreen = NULL;
  g_autoptr(VsSliceRenderer) renderer = NULL;
  const int width = 1280, height = 800, frames = 60;
  double times[2][60];
  VsLayer *layer;

  if (argc != 4)
    {
      g_printerr ("usage: bench-slices BASE.nii.gz OVERLAY.nii.gz LABELS.nii.gz\n");
      return 2;
    }
  vs_register_resource ();
  for (int f = 1; f < 4; f++)
    {
      g_autoptr(VsVolume) volume = vs_volume_load (argv[f], NULL, NULL, NULL, &error);
      if (volume == NULL)
        {
          g_printerr ("bench-slices: %s\n", error->message);
          return 1;
        }
      layer = vs_scene_add_volume (scene, volume);
      vs_layer_set_stats (layer, vs_volume_stats_compute (volume, 0, NULL, NULL, NULL));
      if (f == 2)
        vs_layer_set_opacity (layer, 0.6);
      if (f == 3)
        vs_layer_set_opacity (layer, 0.4);
      /* BENCH_LAYERS=N draws only the first N layers, to see what each costs. */
      if (g_getenv ("BENCH_LAYERS") != NULL && f > atoi (g_getenv ("BENCH_LAYERS")))
        vs_layer_set_visible (layer, FALSE);
      if (g_getenv ("BENCH_NEAREST") != NULL)
        vs_layer_set_interpolate (layer, FALSE);
    }

  offscreen = vs_offscreen_new (&error);
  if (offscreen != NULL)
    renderer = vs_slice_renderer_new (&error);
  if (renderer == NULL)
    {
      g_printerr ("bench-slices: %s\n", error->message);
      return 1;
    }
  g_printerr ("renderer: %s\n", vs_offscreen_get_renderer_name (offscreen));

  for (int pass = 0; pass < 2; pass++)
  for (int i = -3; i < frames; i++)
    {
      /* Pass 0: full quality, as drawn once the user stops; pass 1: the interactive scale the
       * views use while the user drags, scrolls or steps through slices. */
      double scale = pass == 0 ? 1.0 : vs_slice_renderer_get_interactive_scale (renderer);
      VsSliceFigureOptions options = { VS_FIGURE_VIEW_ORTHO, width, height, TRUE, FALSE };
      VsSliceAxis axes[3] = { VS_SLICE_AXIS_SAGITTAL, VS_SLICE_AXIS_CORONAL, VS_SLICE_AXIS_AXIAL };
      double cursor[3] = { -40 + i, -60 + 1.5 * i, -20 + i };
      gint64 start;

      vs_scene_set_cursor (scene, cursor);
      if (!vs_offscreen_begin (offscreen, width, height, &error))
        {
          g_printerr ("bench-slices: %s\n", error->message);
          return 1;
        }
      start = g_get_monotonic_time ();
      /* Three views side by side, as the 1×3 layout draws them (no readback: the window does
       * not read pixels back either). */
      glEnable (GL_SCISSOR_TEST);
      for (int p = 0; p < 3; p++)
        {
          VsSliceCamera camera;
          int w = width / 3;
          vs_slice_figure_pane_camera (scene, axes[p], w, height, &camera);
          glViewport (p * w, 0, w, height);
          glScissor (p * w, 0, w, height);
          vs_slice_renderer_draw_scaled (renderer, scene, &camera, options.show_cursor, scale);
        }
      glDisable (GL_SCISSOR_TEST);
      glFinish ();
      if (i >= 0)
        times[pass][i] = (g_get_monotonic_time () - start) / 1000.0;
    }
  qsort (times[0], frames, sizeof times[0][0], compare);
  qsort (times[1], frames, sizeof times[1][0], compare);
  printf ("%.2f %.2f %.2f\n", times[0][frames / 2], times[1][frames / 2],
          vs_slice_renderer_get_interactive_scale (renderer));
  return 0;
}
