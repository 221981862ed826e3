/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-surface-view"

#include "config.h"

#include <cglm/cglm.h>
#include <epoxy/gl.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "vs-gl-readback.h"
#include "vs-surface-figure.h"
#include "vs-surface-pick.h"
#include "vs-surface-renderer.h"
#include "vs-surface-view.h"
#include "vs-slice-renderer.h"
#include "vs-volume-raycaster.h"

/* The 3D view: the scene's surfaces with their overlays, or the base volume ray cast (MIP,
 * composite, isosurface).  Drag to orbit, right-drag or Shift-drag to pan, scroll to zoom, click
 * to pick a vertex (which moves the
 * linked cursor, so the slices follow, and emits "vertex-picked").  Colours are recomputed only
 * when the scene changes.  While the camera moves the ray caster takes long steps and draws at a
 * third of the resolution; 250 ms after it stops, it draws at full quality. */

#define DRAG_THRESHOLD 4.0
#define REFINE_DELAY_MS 250

struct _VsSurfaceView
{
  GtkGLArea          parent_instance;
  VsScene           *scene;
  VsSurfaceRenderer *renderer;
  VsVolumeRaycaster *raycasters[VS_LAYER_MAX_CHANNELS];  /* [0] always; more for composites */
  VsVolumeRaycaster *label_raycaster;                    /* made for the first label layer */
  VsSliceRenderer   *planes;
  gboolean           show_planes;
  int                clip_axis;     /* −1 none; 0…5: x, −x, y, −y, z, −z beyond the cursor */
  int                volume_mode;   /* −2 auto, −1 off, else VsRaycastMode */
  gboolean           moving;
  guint              refine_source;
  GLuint             low_fbo, low_color, low_depth;
  int                low_width, low_height;
  VsOrbitCamera      camera;
  char              *preset;
  gboolean           needs_fit;
  guint              fitted_count;
  gboolean           has_saved_camera;  /* a scene's camera, applied after the next fit */
  VsOrbitCamera      saved_camera;
  GPtrArray         *colors;       /* guint8 * per surface layer, NULL when stale */
  guint              color_serial;
  guint              frames_drawn;
  double             drag_start_x, drag_start_y, drag_last_x, drag_last_y;
  double             pointer_x, pointer_y;
  gboolean           dragging;
  char              *volume_error;   /* the last reason the volume could not be drawn */
};

G_DEFINE_FINAL_TYPE (VsSurfaceView, vs_surface_view, GTK_TYPE_GL_AREA)

enum { VERTEX_PICKED, VOLUME_ERROR, N_SIGNALS };
static guint signals[N_SIGNALS];

/* Colours depend only on the surfaces and their overlays, not on the cursor or volume layers. */
static void
on_surface_layer_changed (VsSurfaceView *self)
{
  g_clear_pointer (&self->colors, g_ptr_array_unref);
}

static void
on_surfaces_changed (GListModel *model, guint position, guint removed, guint added,
                     VsSurfaceView *self)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(GObject) layer = g_list_model_get_item (model, i);
      g_signal_connect_object (layer, "changed", G_CALLBACK (on_surface_layer_changed), self,
                               G_CONNECT_SWAPPED);
    }
  on_surface_layer_changed (self);
}

static void
on_scene_changed (VsScene *scene, VsSurfaceView *self)
{
  if (g_list_model_get_n_items (vs_scene_get_surfaces (scene)) != self->fitted_count)
    self->needs_fit = TRUE;
  gtk_gl_area_queue_render (GTK_GL_AREA (self));
}

static void
vs_surface_view_realize (GtkWidget *widget)
{
  VsSurfaceView *self = VS_SURFACE_VIEW (widget);
  g_autoptr(GError) error = NULL;

  GTK_WIDGET_CLASS (vs_surface_view_parent_class)->realize (widget);
  gtk_gl_area_make_current (GTK_GL_AREA (self));
  if (gtk_gl_area_get_error (GTK_GL_AREA (self)) != NULL)
    return;
  self->renderer = vs_surface_renderer_new (&error);
  if (self->renderer != NULL)
    self->raycasters[0] = vs_volume_raycaster_new (&error);
  if (self->raycasters[0] != NULL)
    self->planes = vs_slice_renderer_new (&error);
  if (self->planes == NULL)
    gtk_gl_area_set_error (GTK_GL_AREA (self), error);
}

static void
vs_surface_view_unrealize (GtkWidget *widget)
{
  VsSurfaceView *self = VS_SURFACE_VIEW (widget);

  gtk_gl_area_make_current (GTK_GL_AREA (self));
  if (gtk_gl_area_get_error (GTK_GL_AREA (self)) == NULL)
    {
      g_clear_pointer (&self->renderer, vs_surface_renderer_free);
      for (int c = 0; c < VS_LAYER_MAX_CHANNELS; c++)
        g_clear_pointer (&self->raycasters[c], vs_volume_raycaster_free);
      g_clear_pointer (&self->label_raycaster, vs_volume_raycaster_free);
      g_clear_pointer (&self->planes, vs_slice_renderer_free);
      if (self->low_fbo != 0)
        {
          glDeleteFramebuffers (1, &self->low_fbo);
          glDeleteTextures (1, &self->low_color);
          self->low_fbo = self->low_color = 0;
          self->low_width = self->low_height = 0;
        }
    }
  GTK_WIDGET_CLASS (vs_surface_view_parent_class)->unrealize (widget);
}

/* The visible surface layers as figure items, with their offsets (the hemisphere gap). */
static GArray *
collect_items (VsSurfaceView *self, GPtrArray *layers, double (**offsets)[3], double lo[3],
               double hi[3])
{
  GListModel *surfaces = vs_scene_get_surfaces (self->scene);
  GArray *items = g_array_new (FALSE, TRUE, sizeof (VsSurfaceItem));
  double l[3], h[3];

  for (guint i = 0; i < g_list_model_get_n_items (surfaces); i++)
    {
      g_autoptr(VsSurfaceLayer) layer = g_list_model_get_item (surfaces, i);
      VsSurfaceItem item = { 0 };
      if (!vs_surface_layer_get_visible (layer))
        continue;
      item.surface = vs_surface_layer_get_surface (layer);
      item.geometry = vs_surface_layer_get_geometry (layer);
      g_array_append_val (items, item);
      g_ptr_array_add (layers, g_object_ref (layer));
    }
  *offsets = g_malloc0 (sizeof (double[3]) * MAX (items->len, 1));
  vs_surface_figure_layout ((VsSurfaceItem *) items->data, items->len,
                            vs_scene_get_hemisphere_gap (self->scene), *offsets,
                            lo != NULL ? lo : l, hi != NULL ? hi : h);
  return items;
}

/* The bottom volume layer ray cast; reduced resolution and long steps while moving. */
/* Emits "volume-error" for a new reason the volume is not drawn (not on every frame). */
static void
report_volume_error (VsSurfaceView *self, GError *error)
{
  if (error == NULL || g_strcmp0 (error->message, self->volume_error) == 0)
    return;
  g_free (self->volume_error);
  self->volume_error = g_strdup (error->message);
  g_signal_emit (self, signals[VOLUME_ERROR], 0, error->message);
}

/* The top visible label layer over the volume (not when it is the volume itself): its shown
 * instances as surfaces, in their colours. */
static void
draw_labels (VsSurfaceView *self, VsLayer *base, const VsOrbitCamera *camera,
             const VsRaycastOptions *volume_options, GError **error)
{
  VsLayer *labels = vs_scene_get_top_label_layer (self->scene);
  VsRaycastOptions options = *volume_options;

  if (labels == NULL || labels == base)
    return;
  if (self->label_raycaster == NULL &&
      (self->label_raycaster = vs_volume_raycaster_new_for_labels (error)) == NULL)
    return;
  options.step = MIN (options.step, 1.0);   /* thin neurons are a few voxels across */
  options.add = FALSE;
  vs_volume_raycaster_draw (self->label_raycaster, labels, vs_scene_get_frame (self->scene),
                            camera, &options, error);
}

static void
draw_volume (VsSurfaceView *self, const VsOrbitCamera *view_camera, int width, int height,
             int mode, double step)
{
  VsLayer *base = vs_scene_get_layer (self->scene, vs_scene_get_n_layers (self->scene) - 1);
  g_autoptr(GError) error = NULL;
  VsRaycastOptions options;
  GLint target = 0, viewport[4];
  VsOrbitCamera camera = *view_camera;

  vs_raycast_options_init (&options);
  options.mode = mode;
  options.step = step;
  if (self->clip_axis >= 0)
    {
      double cursor[3], sign = self->clip_axis % 2 == 0 ? 1.0 : -1.0;
      vs_scene_get_cursor (self->scene, cursor);
      options.clip[self->clip_axis / 2] = sign;
      options.clip[3] = sign * cursor[self->clip_axis / 2];
    }
  options.iso = 0.5 * (vs_layer_get_display_min (base) + vs_layer_get_display_max (base));
  if (!self->moving)
    {
      vs_volume_raycaster_draw_layer (self->raycasters, base, vs_scene_get_frame (self->scene),
                                      &camera, &options, &error);
      if (error == NULL)
        draw_labels (self, base, &camera, &options, &error);
      report_volume_error (self, error);
      return;
    }

  camera.width = MAX (1, width / 3);
  camera.height = MAX (1, height / 3);
  glGetIntegerv (GL_FRAMEBUFFER_BINDING, &target);
  glGetIntegerv (GL_VIEWPORT, viewport);
  if (self->low_fbo == 0 || self->low_width != camera.width || self->low_height != camera.height)
    {
      if (self->low_fbo == 0)
        {
          glGenFramebuffers (1, &self->low_fbo);
          glGenTextures (1, &self->low_color);
        }
      glBindTexture (GL_TEXTURE_2D, self->low_color);
      glTexImage2D (GL_TEXTURE_2D, 0, GL_RGBA8, camera.width, camera.height, 0, GL_RGBA,
                    GL_UNSIGNED_BYTE, NULL);
      glTexParameteri (GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
      glTexParameteri (GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
      glBindFramebuffer (GL_FRAMEBUFFER, self->low_fbo);
      glFramebufferTexture2D (GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, self->low_color,
                              0);
      self->low_width = camera.width;
      self->low_height = camera.height;
    }
  glBindFramebuffer (GL_FRAMEBUFFER, self->low_fbo);
  glViewport (0, 0, camera.width, camera.height);
  glClearColor (0, 0, 0, 1);
  glClear (GL_COLOR_BUFFER_BIT);
  vs_volume_raycaster_draw_layer (self->raycasters, base, vs_scene_get_frame (self->scene),
                                  &camera, &options, &error);
  if (error == NULL)
    draw_labels (self, base, &camera, &options, &error);
  report_volume_error (self, error);
  /* Stretch it over the view. */
  glBindFramebuffer (GL_READ_FRAMEBUFFER, self->low_fbo);
  glBindFramebuffer (GL_DRAW_FRAMEBUFFER, (GLuint) target);
  glBlitFramebuffer (0, 0, camera.width, camera.height, viewport[0], viewport[1],
                     viewport[0] + viewport[2], viewport[1] + viewport[3], GL_COLOR_BUFFER_BIT,
                     GL_LINEAR);
  glBindFramebuffer (GL_FRAMEBUFFER, (GLuint) target);
  glViewport (viewport[0], viewport[1], viewport[2], viewport[3]);
}

static gboolean
refine (gpointer data)
{
  VsSurfaceView *self = data;

  self->refine_source = 0;
  self->moving = FALSE;
  gtk_gl_area_queue_render (GTK_GL_AREA (self));
  return G_SOURCE_REMOVE;
}

static void
camera_moved (VsSurfaceView *self)
{
  self->moving = TRUE;
  g_clear_handle_id (&self->refine_source, g_source_remove);
  self->refine_source = g_timeout_add (REFINE_DELAY_MS, refine, self);
  gtk_gl_area_queue_render (GTK_GL_AREA (self));
}

static void
fit_camera (VsSurfaceView *self, GArray *items, const double lo[3], const double hi[3])
{
  gboolean all_left = TRUE;
  double vlo[3], vhi[3];

  for (guint i = 0; i < items->len; i++)
    all_left = all_left && vs_surface_item_is_left (&g_array_index (items, VsSurfaceItem, i));
  if (items->len > 0)
    {
      vs_orbit_camera_set_preset (&self->camera, self->preset, all_left);
      vs_orbit_camera_fit (&self->camera, lo, hi);
    }
  else if (vs_scene_get_world_bounds (self->scene, vlo, vhi))
    {
      vs_orbit_camera_set_preset (&self->camera, self->preset, TRUE);
      vs_orbit_camera_fit (&self->camera, vlo, vhi);
    }
  else
    return;
  self->needs_fit = FALSE;
  self->fitted_count = g_list_model_get_n_items (vs_scene_get_surfaces (self->scene));
}

/* One frame from @camera: the volume (writing the depth of an isosurface), the surfaces, then the
 * cursor planes, all sharing one depth buffer; or only surface @only (≥ 0), at the origin, with
 * nothing else (a view of a surface panel). */
static void
draw_frame (VsSurfaceView *self, GPtrArray *layers, GArray *items, double (*offsets)[3],
            const VsOrbitCamera *camera, int only)
{
  g_autofree VsSurfaceDraw *draws = NULL;
  int mode;

  glClearColor (0, 0, 0, 1);
  glClearDepth (1.0);
  glClear (GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);

  /* Auto: MIP until a surface is open. */
  if (only >= 0)
    mode = -1;
  else
    mode = self->volume_mode != -2 ? self->volume_mode : items->len == 0 ? VS_RAYCAST_MIP : -1;
  if (mode >= 0 && vs_scene_get_n_layers (self->scene) > 0)
    {
      /* Alone it may draw coarse at a third of the resolution while moving; with surfaces or
       * planes it draws at full resolution so its depth matches theirs. */
      gboolean moving = self->moving;
      if (items->len > 0 || self->show_planes)
        self->moving = FALSE;
      draw_volume (self, camera, camera->width, camera->height, mode, moving ? 2.0 : 0.5);
      self->moving = moving;
    }

  if (items->len > 0)
    {
      guint first = only >= 0 ? (guint) only : 0, n = only >= 0 ? 1 : items->len;
      if (self->colors == NULL || self->colors->len != layers->len)
        {
          g_clear_pointer (&self->colors, g_ptr_array_unref);
          self->colors = g_ptr_array_new_with_free_func (g_free);
          self->color_serial++;
          for (guint i = 0; i < layers->len; i++)
            g_ptr_array_add (self->colors,
                             vs_surface_layer_compute_colors (g_ptr_array_index (layers, i)));
        }
      draws = g_new0 (VsSurfaceDraw, n);
      for (guint k = 0; k < n; k++)
        {
          VsSurfaceItem *item = &g_array_index (items, VsSurfaceItem, first + k);
          draws[k].surface = item->surface;
          draws[k].geometry = item->geometry;
          draws[k].rgba = g_ptr_array_index (self->colors, first + k);
          draws[k].color_serial = self->color_serial;
          if (only < 0)
            memcpy (draws[k].offset, offsets[first + k], sizeof offsets[first + k]);
        }
      vs_surface_renderer_draw (self->renderer, draws, n, camera, FALSE);
    }

  if (only < 0 && self->show_planes)
    {
      float view[16], projection[16];
      mat4 view_projection;
      vs_orbit_camera_get_matrices (camera, view, projection);
      glm_mat4_mul ((vec4 *) projection, (vec4 *) view, view_projection);
      vs_slice_renderer_draw_planes (self->planes, self->scene, (float *) view_projection);
    }
  if (only < 0 && vs_scene_get_midlines (self->scene) != NULL && self->planes != NULL)
    {
      float view[16], projection[16];
      mat4 view_projection;
      vs_orbit_camera_get_matrices (camera, view, projection);
      glm_mat4_mul ((vec4 *) projection, (vec4 *) view, view_projection);
      vs_slice_renderer_draw_midplane (self->planes, self->scene, (float *) view_projection);
    }
}

/* Back to front in depth terms: the volume (writing the depth of an isosurface), the surfaces,
 * then the cursor planes, all sharing one depth buffer. */
static gboolean
vs_surface_view_render (GtkGLArea    *area,
                        GdkGLContext *context)
{
  VsSurfaceView *self = VS_SURFACE_VIEW (area);
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  int width = gtk_widget_get_width (GTK_WIDGET (self)) * scale;
  int height = gtk_widget_get_height (GTK_WIDGET (self)) * scale;
  g_autoptr(GPtrArray) layers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) items = NULL;
  g_autofree double (*offsets)[3] = NULL;
  double lo[3], hi[3];

  if (self->renderer == NULL || width <= 0 || height <= 0)
    return TRUE;
  items = collect_items (self, layers, &offsets, lo, hi);
  self->camera.width = width;
  self->camera.height = height;
  if (self->needs_fit)
    fit_camera (self, items, lo, hi);
  if (self->has_saved_camera)
    {
      self->camera = self->saved_camera;
      self->camera.width = width;
      self->camera.height = height;
      self->has_saved_camera = FALSE;
    }

  draw_frame (self, layers, items, offsets, &self->camera, -1);
  self->frames_drawn++;
  return TRUE;
}

typedef struct {
  VsSurfaceView *view;
  VsOrbitCamera  camera;
  int            only;
} Capture;

static void
draw_capture (gpointer data)
{
  Capture *c = data;
  g_autoptr(GPtrArray) layers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) items = NULL;
  g_autofree double (*offsets)[3] = NULL;
  double lo[3], hi[3];
  gboolean moving = c->view->moving;

  items = collect_items (c->view, layers, &offsets, lo, hi);
  glClearColor (0, 0, 0, 1);
  glClearDepth (1.0);
  glClear (GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
  c->view->moving = FALSE;
  draw_frame (c->view, layers, items, offsets, &c->camera, c->only);
  c->view->moving = moving;
}

static gboolean
ready_to_capture (VsSurfaceView *self, GError **error)
{
  if (self->renderer == NULL || self->camera.width == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                           _("The 3D view has not been drawn yet"));
      return FALSE;
    }
  gtk_gl_area_make_current (GTK_GL_AREA (self));
  return TRUE;
}

/* The view as it is seen, at full quality, @width × @height pixels (the camera keeps its
 * viewpoint and zoom; the field of view follows the new shape). */
cairo_surface_t *
vs_surface_view_render_image (VsSurfaceView  *self,
                              int             width,
                              int             height,
                              GError        **error)
{
  Capture capture = { .view = self, .only = -1 };

  g_return_val_if_fail (VS_IS_SURFACE_VIEW (self), NULL);
  if (!ready_to_capture (self, error))
    return NULL;
  capture.camera = self->camera;
  capture.camera.width = width;
  capture.camera.height = height;
  return vs_gl_readback_capture (width, height, draw_capture, &capture, error);
}

static cairo_surface_t *
panel_view (guint index, const char *preset, int width, int height, gpointer data,
            GError **error)
{
  Capture capture = { .view = data, .only = (int) index };
  g_autoptr(GPtrArray) layers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree double (*offsets)[3] = NULL;
  g_autoptr(GArray) items = collect_items (data, layers, &offsets, NULL, NULL);
  VsSurfaceItem *item = &g_array_index (items, VsSurfaceItem, index);
  double lo[3], hi[3];

  vs_surface_get_bounds (item->surface, item->geometry, lo, hi);
  vs_orbit_camera_init (&capture.camera, width, height);
  vs_orbit_camera_set_preset (&capture.camera, preset, vs_surface_item_is_left (item));
  vs_orbit_camera_fit (&capture.camera, lo, hi);
  return vs_gl_readback_capture (width, height, draw_capture, &capture, error);
}

/* Each visible surface from the side and from the midline, one row each, labelled. */
cairo_surface_t *
vs_surface_view_render_panel (VsSurfaceView  *self,
                              int             width,
                              int             height,
                              GError        **error)
{
  g_autoptr(GPtrArray) layers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree double (*offsets)[3] = NULL;
  g_autoptr(GArray) items = NULL;
  g_autofree VsSurface **surfaces = NULL;

  g_return_val_if_fail (VS_IS_SURFACE_VIEW (self), NULL);
  if (!ready_to_capture (self, error))
    return NULL;
  items = collect_items (self, layers, &offsets, NULL, NULL);
  if (items->len == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("A surface panel needs a visible surface: open one first"));
      return NULL;
    }
  surfaces = g_new0 (VsSurface *, items->len);
  for (guint i = 0; i < items->len; i++)
    surfaces[i] = g_array_index (items, VsSurfaceItem, i).surface;
  return vs_surface_figure_panel (surfaces, items->len, width, height, panel_view, self, error);
}

/* Picks the nearest vertex of any visible surface under widget point (x, y). */
gboolean
vs_surface_view_pick (VsSurfaceView *self,
                      double         x,
                      double         y)
{
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  g_autoptr(GPtrArray) layers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) items = NULL;
  g_autofree double (*offsets)[3] = NULL;
  double lo[3], hi[3], origin[3], direction[3], best = INFINITY;
  VsSurfaceLayer *best_layer = NULL;
  guint best_vertex = 0;

  g_return_val_if_fail (VS_IS_SURFACE_VIEW (self), FALSE);
  if (self->camera.width == 0)
    return FALSE;
  items = collect_items (self, layers, &offsets, lo, hi);
  vs_orbit_camera_pixel_ray (&self->camera, x * scale, y * scale, origin, direction);
  for (guint i = 0; i < items->len; i++)
    {
      VsSurfaceItem *item = &g_array_index (items, VsSurfaceItem, i);
      double shifted[3], hit[3], distance = 0;
      guint vertex;
      for (int a = 0; a < 3; a++)
        shifted[a] = origin[a] - offsets[i][a];
      if (!vs_surface_pick (item->surface, item->geometry, shifted, direction, &vertex, hit))
        continue;
      for (int a = 0; a < 3; a++)
        distance += (hit[a] - shifted[a]) * (hit[a] - shifted[a]);
      if (distance < best)
        {
          best = distance;
          best_layer = g_ptr_array_index (layers, i);
          best_vertex = vertex;
        }
    }
  if (best_layer == NULL)
    return FALSE;
  {
    VsSurface *surface = vs_surface_layer_get_surface (best_layer);
    const float *p = vs_surface_get_positions (surface, vs_surface_layer_get_geometry (best_layer));
    double xyz[3] = { p[3 * best_vertex], p[3 * best_vertex + 1], p[3 * best_vertex + 2] };
    vs_scene_set_cursor (self->scene, xyz);
  }
  g_signal_emit (self, signals[VERTEX_PICKED], 0, best_layer, best_vertex);
  return TRUE;
}

static void
on_drag_begin (GtkGestureDrag *gesture, double x, double y, VsSurfaceView *self)
{
  self->drag_start_x = self->drag_last_x = x;
  self->drag_start_y = self->drag_last_y = y;
  self->dragging = FALSE;
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
on_drag_update (GtkGestureDrag *gesture, double dx, double dy, VsSurfaceView *self)
{
  double x = self->drag_start_x + dx, y = self->drag_start_y + dy;

  if (!self->dragging && hypot (dx, dy) < DRAG_THRESHOLD)
    return;
  self->dragging = TRUE;
  {
    int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
    guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
    GdkModifierType state = gtk_event_controller_get_current_event_state (
      GTK_EVENT_CONTROLLER (gesture));
    /* Right or middle button, or Shift: pan; otherwise orbit. */
    if (button != GDK_BUTTON_PRIMARY || (state & GDK_SHIFT_MASK))
      vs_orbit_camera_pan (&self->camera, (x - self->drag_last_x) * scale,
                           (y - self->drag_last_y) * scale);
    else
      vs_orbit_camera_orbit (&self->camera, x - self->drag_last_x, y - self->drag_last_y);
  }
  self->drag_last_x = x;
  self->drag_last_y = y;
  camera_moved (self);
}

static void
on_drag_end (GtkGestureDrag *gesture, double dx, double dy, VsSurfaceView *self)
{
  if (!self->dragging &&
      gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture)) == GDK_BUTTON_PRIMARY)
    vs_surface_view_pick (self, self->drag_start_x, self->drag_start_y);
  self->dragging = FALSE;
}

static gboolean
on_scroll (GtkEventControllerScroll *controller, double dx, double dy, VsSurfaceView *self)
{
  if (dy == 0)
    return FALSE;
  vs_orbit_camera_zoom (&self->camera, pow (1.15, -dy));
  camera_moved (self);
  return TRUE;
}

static void
vs_surface_view_dispose (GObject *object)
{
  VsSurfaceView *self = VS_SURFACE_VIEW (object);

  g_clear_handle_id (&self->refine_source, g_source_remove);
  g_clear_pointer (&self->colors, g_ptr_array_unref);
  g_clear_object (&self->scene);
  g_clear_pointer (&self->preset, g_free);
  g_clear_pointer (&self->volume_error, g_free);
  G_OBJECT_CLASS (vs_surface_view_parent_class)->dispose (object);
}

static void
vs_surface_view_class_init (VsSurfaceViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vs_surface_view_dispose;
  widget_class->realize = vs_surface_view_realize;
  widget_class->unrealize = vs_surface_view_unrealize;
  GTK_GL_AREA_CLASS (klass)->render = vs_surface_view_render;

  signals[VERTEX_PICKED] = g_signal_new ("vertex-picked", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE,
                                         2, VS_TYPE_SURFACE_LAYER, G_TYPE_UINT);
  /* The volume cannot be ray cast here (too large for this GL, no memory): said once. */
  signals[VOLUME_ERROR] = g_signal_new ("volume-error", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                        G_TYPE_STRING);
  gtk_widget_class_set_css_name (widget_class, "surface-view");
}

static void
vs_surface_view_init (VsSurfaceView *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), 0);
  GtkEventController *scroll = gtk_event_controller_scroll_new (
    GTK_EVENT_CONTROLLER_SCROLL_VERTICAL | GTK_EVENT_CONTROLLER_SCROLL_DISCRETE);

  self->preset = g_strdup ("lateral");
  self->volume_mode = -2;
  self->clip_axis = -1;
  self->needs_fit = TRUE;
  vs_orbit_camera_init (&self->camera, 1, 1);
  gtk_gl_area_set_required_version (GTK_GL_AREA (self), 3, 3);
  gtk_gl_area_set_has_depth_buffer (GTK_GL_AREA (self), TRUE);
  gtk_gl_area_set_auto_render (GTK_GL_AREA (self), FALSE);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_size_request (GTK_WIDGET (self), 120, 120);

  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
  g_signal_connect (scroll, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);
}

GtkWidget *
vs_surface_view_new (VsScene *scene)
{
  VsSurfaceView *self = g_object_new (VS_TYPE_SURFACE_VIEW, NULL);

  self->scene = g_object_ref (scene);
  g_signal_connect_object (vs_scene_get_surfaces (scene), "items-changed",
                           G_CALLBACK (on_surfaces_changed), self, 0);
  g_signal_connect_object (scene, "changed", G_CALLBACK (on_scene_changed), self, 0);
  return GTK_WIDGET (self);
}

void
vs_surface_view_set_preset (VsSurfaceView *self,
                            const char    *preset)
{
  g_return_if_fail (VS_IS_SURFACE_VIEW (self));
  g_free (self->preset);
  self->preset = g_strdup (preset);
  self->needs_fit = TRUE;
  gtk_gl_area_queue_render (GTK_GL_AREA (self));
}

/* Looks as @camera did (e.g. from a scene), once the view next draws. */
void
vs_surface_view_set_camera (VsSurfaceView       *self,
                            const VsOrbitCamera *camera)
{
  g_return_if_fail (VS_IS_SURFACE_VIEW (self));
  self->saved_camera = *camera;
  self->has_saved_camera = TRUE;
  gtk_gl_area_queue_render (GTK_GL_AREA (self));
}

/* Turns the camera to @target (world mm), keeping its direction and distance. */
void
vs_surface_view_look_at (VsSurfaceView *self,
                         const double   target[3])
{
  g_return_if_fail (VS_IS_SURFACE_VIEW (self));
  memcpy (self->camera.target, target, sizeof self->camera.target);
  memcpy (self->saved_camera.target, target, sizeof self->saved_camera.target);
  if (!self->has_saved_camera)
    {
      /* Kept over the next fit to the scene. */
      self->saved_camera = self->camera;
      self->has_saved_camera = TRUE;
    }
  gtk_gl_area_queue_render (GTK_GL_AREA (self));
}

const VsOrbitCamera *
vs_surface_view_get_camera (VsSurfaceView *self)
{
  g_return_val_if_fail (VS_IS_SURFACE_VIEW (self), NULL);
  return &self->camera;
}

/* Cuts the volume rendering at the cursor: −1 none, 0…5 for x, −x, y, −y, z, −z. */
void
vs_surface_view_set_clip (VsSurfaceView *self,
                          int            axis)
{
  g_return_if_fail (VS_IS_SURFACE_VIEW (self));
  self->clip_axis = CLAMP (axis, -1, 5);
  gtk_gl_area_queue_render (GTK_GL_AREA (self));
}

void
vs_surface_view_set_show_planes (VsSurfaceView *self,
                                 gboolean       show)
{
  g_return_if_fail (VS_IS_SURFACE_VIEW (self));
  self->show_planes = show;
  gtk_gl_area_queue_render (GTK_GL_AREA (self));
}

/* −2: automatic (MIP when no surface is open, else none); −1: none; else a VsRaycastMode. */
void
vs_surface_view_set_volume_mode (VsSurfaceView *self,
                                 int            mode)
{
  g_return_if_fail (VS_IS_SURFACE_VIEW (self));
  self->volume_mode = mode;
  gtk_gl_area_queue_render (GTK_GL_AREA (self));
}

guint
vs_surface_view_get_frames_drawn (VsSurfaceView *self)
{
  g_return_val_if_fail (VS_IS_SURFACE_VIEW (self), 0);
  return self->frames_drawn;
}
