/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-slice-figure"

#include "config.h"

#include <math.h>

#include <epoxy/gl.h>

#include "vs-orientation-letters.h"
#include "vs-render-error.h"
#include "vs-slice-figure.h"

/* A figure of slice views rendered offscreen: one view, or the three (sagittal, coronal, axial)
 * side by side, each fitted to the scene and cut through the cursor. */

gboolean
vs_figure_view_from_name (const char   *name,
                          VsFigureView *out)
{
  static const char *names[] = { "axial", "coronal", "sagittal", "ortho", "lightbox", "grid" };

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
 * three quarters of a 2 × 2 grid for grid, a grid of slices for a lightbox; each with its camera (fitted to the scene, or a saved view)
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
  if (options->view == VS_FIGURE_VIEW_ORTHO || options->view == VS_FIGURE_VIEW_GRID)
    {
      axes[0] = VS_SLICE_AXIS_SAGITTAL;
      axes[1] = VS_SLICE_AXIS_CORONAL;
      axes[2] = VS_SLICE_AXIS_AXIAL;
      n_panes = 3;
    }
  pane_width = options->width / n_panes;
  if (options->view == VS_FIGURE_VIEW_GRID)
    pane_width = options->width / 2;
  for (int p = 0; p < n_panes; p++)
    {
      int w = p == n_panes - 1 ? options->width - pane_width * p : pane_width;
      int h = options->height;
      VsSliceCamera *camera = &panes[p].camera;
      panes[p].x = p * pane_width;
      panes[p].y = 0;
      if (options->view == VS_FIGURE_VIEW_GRID)
        {
          /* As the window's grid: sagittal and coronal above, axial below left. */
          panes[p].x = (p % 2) * pane_width;
          panes[p].y = (p / 2) * (options->height / 2);
          w = p % 2 == 0 ? pane_width : options->width - pane_width;
          h = p / 2 == 0 ? options->height / 2 : options->height - options->height / 2;
        }
      panes[p].label[0] = '\0';
      vs_slice_figure_pane_camera (scene, axes[p], w, h, camera);
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

/* Draws the part of @panes that falls in the tile (@tx, @ty, @tw × @th, in figure pixels from
 * the top left) into the bound framebuffer of that size: each pane's camera narrowed to the
 * tile keeps the pane's scale, so tiles join without a seam. */
void
vs_slice_figure_draw_tile (VsSliceRenderer    *renderer,
                           VsScene            *scene,
                           const VsFigurePane *panes,
                           int                 n_panes,
                           int                 tx,
                           int                 ty,
                           int                 tw,
                           int                 th,
                           gboolean            show_cursor,
                           gboolean            transparent)
{
  glClearColor (0, 0, 0, transparent ? 0 : 1);
  glClear (GL_COLOR_BUFFER_BIT);
  vs_slice_renderer_set_transparent (renderer, transparent);
  glEnable (GL_SCISSOR_TEST);
  for (int p = 0; p < n_panes; p++)
    {
      const VsSliceCamera *pane = &panes[p].camera;
      int x0 = MAX (panes[p].x, tx), x1 = MIN (panes[p].x + pane->width, tx + tw);
      int y0 = MAX (panes[p].y, ty), y1 = MIN (panes[p].y + pane->height, ty + th);
      VsSliceCamera part = *pane;
      double right[3], up[3], normal[3], dx, dy;

      if (x1 <= x0 || y1 <= y0)
        continue;
      vs_slice_camera_get_axes (pane, right, up, normal);
      part.width = x1 - x0;
      part.height = y1 - y0;
      dx = ((x0 + x1) / 2.0 - panes[p].x - pane->width / 2.0) * pane->mm_per_pixel;
      dy = ((y0 + y1) / 2.0 - panes[p].y - pane->height / 2.0) * pane->mm_per_pixel;
      for (int a = 0; a < 3; a++)
        part.center[a] = pane->center[a] + dx * right[a] - dy * up[a];
      glViewport (x0 - tx, th - (y1 - ty), part.width, part.height);   /* GL counts from below */
      glScissor (x0 - tx, th - (y1 - ty), part.width, part.height);
      vs_slice_renderer_draw (renderer, scene, &part, show_cursor);
    }
  glDisable (GL_SCISSOR_TEST);
  vs_slice_renderer_set_transparent (renderer, FALSE);
}

/* The largest square the GL draws at once, or VOXELSCOPE_FIGURE_TILE pixels when set (for
 * testing the tiling). */
int
vs_slice_figure_tile_size (void)
{
  const char *forced = g_getenv ("VOXELSCOPE_FIGURE_TILE");
  GLint max_size = 0;

  if (forced != NULL && g_ascii_strtoll (forced, NULL, 10) >= 16)
    return (int) g_ascii_strtoll (forced, NULL, 10);
  glGetIntegerv (GL_MAX_RENDERBUFFER_SIZE, &max_size);
  return CLAMP (max_size, 256, 8192);
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
  int tile;
  cairo_surface_t *surface;
  cairo_t *cr;

  /* Figures larger than the GL draws at once are drawn in tiles. */
  vs_offscreen_make_current (offscreen);
  tile = vs_slice_figure_tile_size ();
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, options->width, options->height);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, VS_RENDER_ERROR, VS_RENDER_ERROR_TOO_LARGE,
                   "no memory for a figure of %d × %d pixels", options->width, options->height);
      cairo_surface_destroy (surface);
      return NULL;
    }
  cr = cairo_create (surface);
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  for (int ty = 0; ty < options->height; ty += tile)
    for (int tx = 0; tx < options->width; tx += tile)
      {
        int tw = MIN (tile, options->width - tx), th = MIN (tile, options->height - ty);
        cairo_surface_t *piece;

        if (!vs_offscreen_begin (offscreen, tw, th, error))
          {
            cairo_destroy (cr);
            cairo_surface_destroy (surface);
            return NULL;
          }
        vs_slice_figure_draw_tile (renderer, scene, panes, n_panes, tx, ty, tw, th,
                                   options->show_cursor, options->transparent);
        piece = vs_offscreen_read (offscreen);
        /* SOURCE keeps a transparent tile transparent; only the tile's rectangle is replaced. */
        cairo_set_source_surface (cr, piece, tx, ty);
        cairo_rectangle (cr, tx, ty, tw, th);
        cairo_fill (cr);
        cairo_surface_destroy (piece);
      }
  cairo_destroy (cr);

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
