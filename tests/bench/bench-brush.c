/* SPDX-License-Identifier: MIT */
/* Issue 7's editing benchmark: brush strokes on a 700 × 700 × 400 label volume (uint32) shown in
 * three slice views at 1280 × 800 through the window's renderer, offscreen on EGL.  A stroke is
 * ten dabs of a disk of radius 5 along a line in an axial slice; its time is the edit, the upload
 * of the changed box and the redraw of the three views (glFinish: on screen).  For comparison the
 * same redraw after uploading the whole volume, as without box uploads.  Then the history's
 * memory after 1000 strokes against the bytes of the voxels they changed.
 * Prints: median and 95th percentile ms per stroke at the interactive scale (as the window draws
 * while the brush moves), ms of the redraw alone, median ms at full resolution, ms with a whole
 * upload, history / changed bytes, the interactive scale. */
#include "config.h"

#include <epoxy/gl.h>
#include <stdio.h>
#include <stdlib.h>

#include "vs-label-editor.h"
#include "vs-offscreen.h"
#include "vs-resources.h"
#include "vs-slice-figure.h"
#include "vs-slice-renderer.h"
#include "vs-volume-stats.h"

#define N_STROKES 1000

static int
compare (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static void
draw_views (VsSliceRenderer *renderer, VsScene *scene, int width, int height, double scale)
{
  VsSliceAxis axes[3] = { VS_SLICE_AXIS_SAGITTAL, VS_SLICE_AXIS_CORONAL, VS_SLICE_AXIS_AXIAL };

  glEnable (GL_SCISSOR_TEST);
  for (int p = 0; p < 3; p++)
    {
      VsSliceCamera camera;
      int w = width / 3;
      vs_slice_figure_pane_camera (scene, axes[p], w, height, &camera);
      glViewport (p * w, 0, w, height);
      glScissor (p * w, 0, w, height);
      vs_slice_renderer_draw_scaled (renderer, scene, &camera, TRUE, scale);
    }
  glDisable (GL_SCISSOR_TEST);
  glFinish ();
}

int
main (int argc, char *argv[])
{
  const gint64 dims[4] = { 700, 700, 400, 1 };
  const int width = 1280, height = 800;
  g_autoptr(GError) error = NULL;
  g_autoptr(VsScene) scene = vs_scene_new ();
  g_autoptr(VsOffscreen) offscreen = NULL;
  g_autoptr(VsSliceRenderer) renderer = NULL;
  g_autoptr(VsVolume) labels = vs_volume_new (VS_DATATYPE_UINT32, dims, &error);
  g_autoptr(VsLabelEditor) editor = NULL;
  g_autofree double *times = g_new (double, N_STROKES);
  double full_res[N_STROKES / 10], redraw[20], full = 0, interactive;
  int n_times = 0;
  VsLayer *layer;
  guint32 *data;

  vs_register_resource ();
  if (labels == NULL)
    {
      g_printerr ("bench-brush: %s\n", error->message);
      return 1;
    }
  vs_volume_set_intent (labels, VS_VOLUME_INTENT_LABEL);
  data = vs_volume_get_data_mutable (labels);
  /* A few instances to edit among: slabs of labels 1–8. */
  for (gsize i = 0; i < (gsize) (700 * 700 * 400); i += 97)
    data[i] = 1 + (guint32) ((i / 700 / 700) % 8);
  layer = vs_scene_add_volume (scene, labels);
  vs_layer_set_stats (layer, vs_volume_stats_compute (labels, 0, NULL, NULL, NULL));
  editor = vs_label_editor_new (labels, &error);
  offscreen = vs_offscreen_new (&error);
  if (offscreen != NULL)
    renderer = vs_slice_renderer_new (&error);
  if (renderer == NULL || editor == NULL ||
      !vs_offscreen_begin (offscreen, width, height, &error))
    {
      g_printerr ("bench-brush: %s\n", error->message);
      return 1;
    }
  g_printerr ("renderer: %s\n", vs_offscreen_get_renderer_name (offscreen));
  {
    double cursor[3] = { 0, 0, 0 };
    vs_scene_set_cursor (scene, cursor);
  }
  draw_views (renderer, scene, width, height, 1.0);   /* the whole volume uploaded once */
  interactive = vs_slice_renderer_get_interactive_scale (renderer);
  for (int k = 0; k < 20; k++)
    {
      gint64 start = g_get_monotonic_time ();
      draw_views (renderer, scene, width, height, interactive);
      redraw[k] = (g_get_monotonic_time () - start) / 1000.0;
    }

  for (int s = 0; s < N_STROKES; s++)
    {
      int z = 200, y = 50 + (s * 37) % 600, x = 50 + (s * 53) % 550;
      gint64 start = g_get_monotonic_time ();
      VsLabelChange change;
      gint64 lo[3] = { G_MAXINT64, G_MAXINT64, G_MAXINT64 }, hi[3] = { -1, -1, -1 };

      vs_label_editor_begin_step (editor);
      for (int d = 0; d < 10; d++)
        {
          const double at[3] = { x + 5 * d, y + d, z };
          vs_label_editor_paint (editor, at, 5, 2, 9 + (guint32) (s % 5), &change);
          for (int a = 0; a < 3; a++)
            if (change.n_changed > 0)
              {
                lo[a] = MIN (lo[a], change.lo[a]);
                hi[a] = MAX (hi[a], change.hi[a]);
              }
        }
      vs_label_editor_end_step (editor);
      if (hi[0] >= 0)
        vs_layer_mark_edited (layer, lo, hi);
      /* While the brush moves the views draw at the interactive scale, as the window's do;
       * every tenth stroke at full resolution, as when it stops. */
      draw_views (renderer, scene, width, height, s % 10 == 9 ? 1.0 : interactive);
      if (s % 10 == 9)
        full_res[s / 10] = (g_get_monotonic_time () - start) / 1000.0;
      else
        times[n_times++] = (g_get_monotonic_time () - start) / 1000.0;
    }

  /* The same redraw after a whole upload: what a stroke costs without box uploads. */
  for (int k = 0; k < 3; k++)
    {
      const gint64 all_lo[3] = { 0, 0, 0 }, all_hi[3] = { 699, 699, 399 };
      gint64 start = g_get_monotonic_time ();
      vs_layer_mark_edited (layer, all_lo, all_hi);
      draw_views (renderer, scene, width, height, interactive);
      full += (g_get_monotonic_time () - start) / 1000.0 / 3;
    }

  qsort (times, n_times, sizeof times[0], compare);
  qsort (full_res, N_STROKES / 10, sizeof full_res[0], compare);
  qsort (redraw, 20, sizeof redraw[0], compare);
  printf ("%.2f %.2f %.2f %.2f %.1f %.2f %.2f\n", times[n_times / 2], times[n_times * 95 / 100],
          redraw[10], full_res[N_STROKES / 20], full,
          (double) vs_label_editor_get_history_bytes (editor) /
          (vs_label_editor_get_voxels_changed (editor) * 4.0), interactive);
  return 0;
}
