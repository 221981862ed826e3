/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-slice-figure"

#include "config.h"

#include <math.h>

#include <epoxy/gl.h>

#include "vs-orientation-letters.h"
#include "vs-slice-figure.h"

/* A figure of slice views rendered offscreen: one view, or the three (sagittal, coronal, axial)
 * side by side, each fitted to the scene and cut through the cursor. */

gboolean
vs_figure_view_from_name (const char   *name,
                          VsFigureView *out)
{
  static const char *names[] = { "axial", "coronal", "sagittal", "ortho", "lightbox" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (name, names[i]) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

void
vs_slice_figure_pane_camera (VsScene       *scene,
                             VsSliceAxis    axis,
                             int            width,
                             int            height,
                             VsSliceCamera *camera)
{
  double lo[3], hi[3], cursor[3];

  memset (camera, 0, sizeof *camera);
  camera->axis = axis;
  camera->radiological = vs_scene_get_radiological (scene);
  camera->width = width;
  camera->height = height;
  camera->mm_per_pixel = 1.0;
  vs_scene_get_cursor (scene, cursor);
  if (vs_scene_get_world_bounds (scene, lo, hi))
    vs_slice_camera_fit (camera, lo, hi, cursor);
}

/* The panes of a figure: one for a single view, sagittal–coronal–axial side by side for ortho;
 * each with its camera (fitted to the scene, or a saved view) and its left edge. */
/* A lightbox: slices across one axis, centred on the cursor, in a grid. */
static int
lightbox_panes (VsScene *scene, const VsSliceFigureOptions *options, VsFigurePane *panes)
{
  int n = CLAMP (options->n_slices, 1, VS_FIGURE_MAX_PANES);
  int columns = options->columns > 0 ? MIN (options->columns, n) : (int) ceil (sqrt (n));
  int rows = (n + columns - 1) / columns;
  int w = options->width / columns, h = options->height / rows;
  double cursor[3], lo[3], hi[3], right[3], up[3], normal[3], spacing = options->spacing;
  const char *names = "xyz";
  int along = 0;

  vs_scene_get_cursor (scene, cursor);
  for (int p = 0; p < n; p++)
    {
      VsSliceCamera *camera = &panes[p].camera;
      double at[3];
      vs_slice_figure_pane_camera (scene, options->lightbox_axis, w, h, camera);
      if (p == 0)
        {
          vs_slice_camera_get_axes (camera, right, up, normal);
          for (int a = 1; a < 3; a++)
            if (fabs (normal[a]) > fabs (normal[along]))
              along = a;
          /* Spread over the scene's extent along the normal when no spacing is given. */
          if (spacing <= 0 && vs_scene_get_world_bounds (scene, lo, hi))
            spacing = (hi[along] - lo[along]) / (n + 1);
          if (spacing <= 0)
            spacing = 1;
        }
      for (int a = 0; a < 3; a++)
        at[a] = cursor[a] + (p - (n - 1) / 2.0) * spacing * normal[a];
      vs_slice_camera_set_slice (camera, at);
      panes[p].x = (p % columns) * w;
      panes[p].y = (p / columns) * h;
      g_snprintf (panes[p].label, sizeof panes[p].label, "%c = %.1f", names[along], at[along]);
    }
  return n;
}

/* The panes of a figure: one for a single view, sagittal–coronal–axial side by side for ortho,
 * a grid of slices for a lightbox; each with its camera (fitted to the scene, or a saved view)
 * and its place.  @panes holds VS_FIGURE_MAX_PANES. */
int
vs_slice_figure_get_panes (VsScene                    *scene,
                           const VsSliceFigureOptions *options,
                           VsFigurePane               *panes)
{
  VsSliceAxis axes[3] = { (VsSliceAxis) options->view, 0, 0 };
  int n_panes = 1, pane_width;

  memset (panes, 0, sizeof (VsFigurePane));
  if (options->view == VS_FIGURE_VIEW_LIGHTBOX)
    return lightbox_panes (scene, options, panes);
  if (options->view == VS_FIGURE_VIEW_ORTHO)
    {
      axes[0] = VS_SLICE_AXIS_SAGITTAL;
      axes[1] = VS_SLICE_AXIS_CORONAL;
      axes[2] = VS_SLICE_AXIS_AXIAL;
      n_panes = 3;
    }
  pane_width = options->width / n_panes;
  for (int p = 0; p < n_panes; p++)
    {
      int w = p == n_panes - 1 ? options->width - pane_width * p : pane_width;
      VsSliceCamera *camera = &panes[p].camera;
      panes[p].x = p * pane_width;
      panes[p].y = 0;
      panes[p].label[0] = '\0';
      vs_slice_figure_pane_camera (scene, axes[p], w, options->height, camera);
      if (options->views[axes[p]] != NULL)
        {
          const VsSliceCamera *view = options->views[axes[p]];
          double cursor[3];
          memcpy (camera->center, view->center, sizeof view->center);
          camera->mm_per_pixel = view->mm_per_pixel * MAX (view->width, 1) / MAX (w, 1);
          vs_scene_get_cursor (scene, cursor);
          vs_slice_camera_set_slice (camera, cursor);
        }
    }
  return n_panes;
}

cairo_surface_t *
vs_slice_figure_render (VsOffscreen                *offscreen,
                        VsSliceRenderer            *renderer,
                        VsScene                    *scene,
                        const VsSliceFigureOptions *options,
                        GError                    **error)
{
  VsFigurePane panes[VS_FIGURE_MAX_PANES];
  int n_panes = vs_slice_figure_get_panes (scene, options, panes);
  cairo_surface_t *surface;
  cairo_t *cr;

  if (!vs_offscreen_begin (offscreen, options->width, options->height, error))
    return NULL;
  glClearColor (0, 0, 0, options->transparent ? 0 : 1);
  glClear (GL_COLOR_BUFFER_BIT);
  vs_slice_renderer_set_transparent (renderer, options->transparent);
  glEnable (GL_SCISSOR_TEST);
  for (int p = 0; p < n_panes; p++)
    {
      int y = options->height - panes[p].y - panes[p].camera.height;   /* GL counts from below */
      glViewport (panes[p].x, y, panes[p].camera.width, panes[p].camera.height);
      glScissor (panes[p].x, y, panes[p].camera.width, panes[p].camera.height);
      vs_slice_renderer_draw (renderer, scene, &panes[p].camera, options->show_cursor);
    }
  glDisable (GL_SCISSOR_TEST);
  vs_slice_renderer_set_transparent (renderer, FALSE);

  surface = vs_offscreen_read (offscreen);
  if (options->show_letters)
    {
      cr = cairo_create (surface);
      for (int p = 0; p < n_panes; p++)
        {
          cairo_save (cr);
          cairo_translate (cr, panes[p].x, panes[p].y);
          vs_orientation_letters_draw (cr, &panes[p].camera, 1.0);
          cairo_restore (cr);
        }
      cairo_destroy (cr);
    }
  return surface;
}
