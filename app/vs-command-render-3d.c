/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-command-render"

#include "config.h"

#include <epoxy/gl.h>
#include <glib/gi18n.h>

#include "vs-command-render-3d.h"
#include "vs-surface-renderer.h"

/* The 3D pictures of voxelscope render: a volume ray cast from a camera, surfaces from a named
 * viewpoint over an optional ray-cast volume, the surface panel, or the 3D quarter of the grid. */

/* @layer ray cast from @camera (its size is the picture's) into @offscreen, which is made
 * current; the shown instances of @labels (a label layer, or NULL) over it, as the window's 3D
 * view draws them. */
cairo_surface_t *
vs_render_3d_volume (VsOffscreen            *offscreen,
                     VsLayer                *layer,
                     VsLayer                *labels,
                     gint64                  frame,
                     const VsOrbitCamera    *camera,
                     const VsRaycastOptions *raycast,
                     GError                **error)
{
  VsVolumeRaycaster *raycasters[VS_LAYER_MAX_CHANNELS] = { NULL };
  cairo_surface_t *image = NULL;
  GError *local = NULL;

  if (!vs_offscreen_make_current (offscreen))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           "cannot make the offscreen GL context current");
      return NULL;
    }
  if (!vs_offscreen_begin (offscreen, camera->width, camera->height, error))
    return NULL;
  glClearColor (0, 0, 0, 1);
  glClear (GL_COLOR_BUFFER_BIT);
  /* A composite layer channel by channel, as the window's 3D view draws it. */
  vs_volume_raycaster_draw_layer (raycasters, layer, frame, camera, raycast, &local);
  if (local == NULL && labels != NULL && labels != layer)
    {
      g_autoptr(VsVolumeRaycaster) label_raycaster = vs_volume_raycaster_new_for_labels (&local);
      VsRaycastOptions options = *raycast;
      options.step = MIN (options.step, 1.0);
      if (label_raycaster != NULL)
        vs_volume_raycaster_draw (label_raycaster, labels, frame, camera, &options, &local);
    }
  if (local == NULL)
    image = vs_offscreen_read (offscreen);
  else
    g_propagate_error (error, local);
  for (int c = 0; c < VS_LAYER_MAX_CHANNELS; c++)
    g_clear_pointer (&raycasters[c], vs_volume_raycaster_free);
  return image;
}

typedef struct {
  VsVolumeRaycaster      *raycaster;
  VsLayer                *layer;
  gint64                  frame;
  const VsRaycastOptions *options;
} Underlay;

static void
draw_underlay (const VsOrbitCamera *camera, gpointer data)
{
  Underlay *u = data;
  vs_volume_raycaster_draw (u->raycaster, u->layer, u->frame, camera, u->options, NULL);
}

typedef struct {
  VsOffscreen         *offscreen;
  VsSurfaceRenderer   *renderer;
  const VsSurfaceItem *items;
} PanelViews;

static cairo_surface_t *
panel_view (guint index, const char *preset, int width, int height, gpointer data,
            GError **error)
{
  PanelViews *p = data;
  return vs_surface_figure_render (p->offscreen, p->renderer, &p->items[index], 1, preset, 0,
                                   width, height, NULL, NULL, NULL, error);
}

/* @items from @camera (a preset, or "panel": each from the side and from the midline), over
 * @volume_layer ray cast when one is given. */
cairo_surface_t *
vs_render_3d_surfaces (const VsSurfaceItem    *items,
                       guint                   n_items,
                       const char             *camera,
                       double                  gap,
                       int                     width,
                       int                     height,
                       VsLayer                *volume_layer,
                       gint64                  frame,
                       const VsRaycastOptions *raycast,
                       GError                **error)
{
  g_autoptr(VsOffscreen) offscreen = vs_offscreen_new (error);
  g_autoptr(VsSurfaceRenderer) renderer = NULL;
  g_autoptr(VsVolumeRaycaster) raycaster = NULL;
  Underlay underlay = { NULL, volume_layer, frame, raycast };

  if (offscreen == NULL || (renderer = vs_surface_renderer_new (error)) == NULL)
    return NULL;
  if (volume_layer != NULL)
    {
      raycaster = vs_volume_raycaster_new (error);
      if (raycaster == NULL)
        return NULL;
      underlay.raycaster = raycaster;
    }
  if (g_str_equal (camera, "panel"))
    {
      PanelViews views = { offscreen, renderer, items };
      g_autofree VsSurface **surfaces = g_new0 (VsSurface *, MAX (n_items, 1));
      for (guint i = 0; i < n_items; i++)
        surfaces[i] = items[i].surface;
      return vs_surface_figure_panel (surfaces, n_items, width, height, panel_view, &views,
                                      error);
    }
  return vs_surface_figure_render (offscreen, renderer, items, n_items, camera, gap, width,
                                   height, volume_layer != NULL ? draw_underlay : NULL,
                                   &underlay, NULL, error);
}

/* The grid's bottom right quarter: the base volume ray cast as the window's 3D view shows it
 * (MIP unless --render says otherwise), from the scene's 3D camera or from @preset. */
gboolean
vs_render_3d_grid_quarter (VsOffscreen      *offscreen,
                           VsScene          *scene,
                           VsSceneFile      *scene_file,
                           const char       *preset,
                           VsRaycastOptions *raycast,
                           gboolean          has_iso,
                           cairo_surface_t  *slices,
                           GError          **error)
{
  VsLayer *base = vs_scene_get_layer (scene, vs_scene_get_n_layers (scene) - 1);
  int width = cairo_image_surface_get_width (slices);
  int height = cairo_image_surface_get_height (slices);
  VsOrbitCamera camera;
  cairo_surface_t *view;
  cairo_t *cr;

  if (g_list_model_get_n_items (vs_scene_get_surfaces (scene)) > 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("the scene's 3D view shows surfaces: export the grid from the "
                             "window (Export Figure…), or render them with --view 3d"));
      return FALSE;
    }
  if (scene_file != NULL && scene_file->has_camera_3d)
    camera = scene_file->camera_3d;
  else
    {
      double lo[3], hi[3];
      vs_orbit_camera_init (&camera, width - width / 2, height - height / 2);
      vs_orbit_camera_set_preset (&camera, preset, TRUE);
      if (vs_scene_get_world_bounds (scene, lo, hi))
        vs_orbit_camera_fit (&camera, lo, hi);
    }
  camera.width = width - width / 2;
  camera.height = height - height / 2;
  if (!has_iso)
    raycast->iso = 0.5 * (vs_layer_get_display_min (base) + vs_layer_get_display_max (base));
  view = vs_render_3d_volume (offscreen, base, vs_scene_get_top_label_layer (scene),
                              vs_scene_get_frame (scene), &camera, raycast, error);
  if (view == NULL)
    return FALSE;
  cr = cairo_create (slices);
  cairo_set_source_surface (cr, view, width / 2, height / 2);
  cairo_rectangle (cr, width / 2, height / 2, width - width / 2, height - height / 2);
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  cairo_fill (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (view);
  return TRUE;
}
