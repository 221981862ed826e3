/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-slice-view"

#include "config.h"

#include <epoxy/gl.h>
#include <glib/gi18n.h>

#include "vs-gl-readback.h"
#include "vs-midline-overlay.h"
#include "vs-orientation-letters.h"
#include "vs-slice-renderer.h"
#include "vs-slice-figure.h"
#include "vs-slice-view.h"

/* One slice view: a GtkGLArea drawing the scene through the shared slice renderer.  Click sets
 * the linked cursor; drag pans; scroll zooms about the pointer; Page Up/Down and the arrow keys
 * step through slices.  The camera refits whenever the scene's extent changes. */

#define DRAG_THRESHOLD 4.0
/* Changes closer together than this count as one interaction: drawn at reduced resolution, then
 * refined once they stop. */
#define INTERACTION_GAP_US (250 * 1000)

struct _VsSliceView
{
  GtkGLArea        parent_instance;
  VsScene         *scene;
  gboolean         tool_active;     /* the primary button edits (emits "tool") */
  gboolean         tool_drag;
  VsSliceAxis      axis;
  VsSliceCamera    camera;
  gboolean         needs_fit;
  double           fitted_bounds[6];
  gboolean         has_saved_view;  /* a scene's view, applied after the next fit */
  VsSliceCamera    saved_view;
  VsSliceRenderer *renderer;
  guint            frames_drawn;
  double           pointer_x;
  double           pointer_y;
  double           drag_start_x;
  double           drag_start_y;
  double           drag_last_x;
  double           drag_last_y;
  gboolean         dragging;
  gint64           last_change;
  gboolean         editing;         /* dragging a midline's end */
  gboolean         editing_plane;   /* dragging a handle of the midplane */
  VsMidlinePlaneDrag plane_drag;
  VsMidlineAxis    edit_axis;
  gint64           edit_index;
  guint            edit_end;
  gboolean         low_resolution;
  guint            refine_source;
};

G_DEFINE_FINAL_TYPE (VsSliceView, vs_slice_view, GTK_TYPE_GL_AREA)

enum { PROP_0, PROP_SCENE, PROP_AXIS, PROP_FRAMES_DRAWN, N_PROPS };
enum { TOOL, N_SIGNALS };
static guint signals[N_SIGNALS];
static GParamSpec *properties[N_PROPS];

static gboolean
refine (gpointer data)
{
  VsSliceView *self = data;

  self->refine_source = 0;
  self->low_resolution = FALSE;
  gtk_gl_area_queue_render (GTK_GL_AREA (self));
  return G_SOURCE_REMOVE;
}

/* Every change redraws; a change that follows another quickly is part of an interaction (a drag,
 * a scroll, held keys, a cursor moved from another view) and is drawn at reduced resolution. */
static void
note_change (VsSliceView *self)
{
  gint64 now = g_get_monotonic_time ();

  self->low_resolution = now - self->last_change < INTERACTION_GAP_US;
  self->last_change = now;
  g_clear_handle_id (&self->refine_source, g_source_remove);
  if (self->low_resolution)
    self->refine_source = g_timeout_add (INTERACTION_GAP_US / 1000, refine, self);
  gtk_gl_area_queue_render (GTK_GL_AREA (self));
}

static void
on_scene_changed (VsScene     *scene,
                  VsSliceView *self)
{
  note_change (self);
}

static void
vs_slice_view_realize (GtkWidget *widget)
{
  VsSliceView *self = VS_SLICE_VIEW (widget);
  g_autoptr(GError) error = NULL;

  GTK_WIDGET_CLASS (vs_slice_view_parent_class)->realize (widget);
  gtk_gl_area_make_current (GTK_GL_AREA (self));
  if (gtk_gl_area_get_error (GTK_GL_AREA (self)) != NULL)
    return;
  self->renderer = vs_slice_renderer_new (&error);
  if (self->renderer == NULL)
    gtk_gl_area_set_error (GTK_GL_AREA (self), error);
}

static void
vs_slice_view_unrealize (GtkWidget *widget)
{
  VsSliceView *self = VS_SLICE_VIEW (widget);

  gtk_gl_area_make_current (GTK_GL_AREA (self));
  if (gtk_gl_area_get_error (GTK_GL_AREA (self)) == NULL)
    g_clear_pointer (&self->renderer, vs_slice_renderer_free);
  GTK_WIDGET_CLASS (vs_slice_view_parent_class)->unrealize (widget);
}

static void
update_camera (VsSliceView *self,
               int          width,
               int          height)
{
  double lo[3], hi[3], cursor[3];
  gboolean have_bounds = vs_scene_get_world_bounds (self->scene, lo, hi);

  vs_scene_get_cursor (self->scene, cursor);
  self->camera.axis = self->axis;
  self->camera.radiological = vs_scene_get_radiological (self->scene);

  if (have_bounds)
    {
      double b[6] = { lo[0], lo[1], lo[2], hi[0], hi[1], hi[2] };
      if (memcmp (b, self->fitted_bounds, sizeof b) != 0)
        {
          memcpy (self->fitted_bounds, b, sizeof b);
          self->needs_fit = TRUE;
        }
    }
  if (self->camera.width != width || self->camera.height != height)
    {
      /* Keep the zoom relative to the view size when the window is resized. */
      if (self->camera.width > 0 && !self->needs_fit)
        self->camera.mm_per_pixel *= (double) MAX (self->camera.width, 1) / MAX (width, 1);
      self->camera.width = width;
      self->camera.height = height;
    }
  if (self->needs_fit && have_bounds)
    {
      vs_slice_camera_fit (&self->camera, lo, hi, cursor);
      self->needs_fit = FALSE;
    }
  if (self->has_saved_view && have_bounds && width > 0)
    {
      memcpy (self->camera.center, self->saved_view.center, sizeof self->camera.center);
      self->camera.mm_per_pixel = self->saved_view.mm_per_pixel *
                                  MAX (self->saved_view.width, 1) / MAX (width, 1);
      self->has_saved_view = FALSE;
    }
  vs_slice_camera_set_slice (&self->camera, cursor);
}

static gboolean
vs_slice_view_render (GtkGLArea    *area,
                      GdkGLContext *context)
{
  VsSliceView *self = VS_SLICE_VIEW (area);
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  int width = gtk_widget_get_width (GTK_WIDGET (self)) * scale;
  int height = gtk_widget_get_height (GTK_WIDGET (self)) * scale;

  if (self->renderer == NULL || width <= 0 || height <= 0)
    return TRUE;

  update_camera (self, width, height);
  vs_slice_renderer_draw_scaled (self->renderer, self->scene, &self->camera, TRUE,
                                 self->low_resolution ?
                                 vs_slice_renderer_get_interactive_scale (self->renderer) : 1.0);
  self->frames_drawn++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRAMES_DRAWN]);
  return TRUE;
}

/* The camera in widget (logical) pixels, as pointer events and cairo overlays use them. */
static void
logical_camera (VsSliceView *self, VsSliceCamera *logical)
{
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));

  *logical = self->camera;
  logical->mm_per_pixel *= scale;
  logical->width = self->camera.width / scale;
  logical->height = self->camera.height / scale;
}

static void
vs_slice_view_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  VsSliceView *self = VS_SLICE_VIEW (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  cairo_t *cr;

  GTK_WIDGET_CLASS (vs_slice_view_parent_class)->snapshot (widget, snapshot);
  if (vs_scene_get_n_layers (self->scene) == 0 || self->camera.width == 0)
    return;

  /* Letters and midlines in widget coordinates: the camera is in device pixels. */
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  {
    VsSliceCamera logical;
    logical_camera (self, &logical);
    vs_orientation_letters_draw (cr, &logical, 1.0);
    if (vs_scene_get_midlines (self->scene) != NULL)
      {
        double cursor[3];
        vs_scene_get_cursor (self->scene, cursor);
        vs_midline_overlay_draw (cr, vs_scene_get_midlines (self->scene), &logical, cursor);
      }
  }
  cairo_destroy (cr);
}

static void
set_cursor_at (VsSliceView *self,
               double       x,
               double       y)
{
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  double xyz[3];

  if (self->camera.width == 0 || vs_scene_get_n_layers (self->scene) == 0)
    return;
  vs_slice_camera_pixel_to_world (&self->camera, x * scale, y * scale, xyz);
  vs_scene_set_cursor (self->scene, xyz);
}

static void
emit_tool (VsSliceView *self, int phase, double x, double y)
{
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  double xyz[3];

  vs_slice_camera_pixel_to_world (&self->camera, x * scale, y * scale, xyz);
  g_signal_emit (self, signals[TOOL], 0, phase, xyz[0], xyz[1], xyz[2]);
}

static void
on_drag_begin (GtkGestureDrag *gesture,
               double          x,
               double          y,
               VsSliceView    *self)
{
  VsMidlineEditor *midlines = vs_scene_get_midlines (self->scene);

  self->drag_start_x = self->drag_last_x = x;
  self->drag_start_y = self->drag_last_y = y;
  self->dragging = FALSE;
  self->editing = self->editing_plane = FALSE;
  self->tool_drag = FALSE;
  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (self->tool_active && self->camera.width > 0 &&
      gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture)) == GDK_BUTTON_PRIMARY)
    {
      self->editing = self->tool_drag = TRUE;
      emit_tool (self, 0, x, y);
      return;
    }
  if (midlines != NULL && self->camera.width > 0 &&
      gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture)) == GDK_BUTTON_PRIMARY)
    {
      VsSliceCamera logical;
      double cursor[3];
      logical_camera (self, &logical);
      vs_scene_get_cursor (self->scene, cursor);
      if (vs_midline_overlay_hit (midlines, &logical, cursor, x, y, &self->edit_axis,
                                  &self->edit_index, &self->edit_end))
        {
          /* The whole drag is one undo step. */
          self->editing = TRUE;
          vs_midline_editor_begin_change (midlines);
        }
      else if (vs_midline_overlay_hit_plane (midlines, &logical, cursor, x, y, &self->plane_drag))
        {
          self->editing = self->editing_plane = TRUE;
          vs_midline_editor_begin_change (midlines);
        }
    }
}

static void
on_drag_update (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                VsSliceView    *self)
{
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  double x = self->drag_start_x + dx, y = self->drag_start_y + dy;

  if (self->tool_drag)
    {
      emit_tool (self, 1, x, y);
      return;
    }
  if (self->editing)
    {
      VsSliceCamera logical;
      logical_camera (self, &logical);
      self->dragging = TRUE;
      if (self->editing_plane)
        vs_midline_overlay_drag_plane (vs_scene_get_midlines (self->scene), &logical,
                                       &self->plane_drag, x, y);
      else
        vs_midline_overlay_drag_to (vs_scene_get_midlines (self->scene), &logical,
                                    self->edit_axis, self->edit_index, self->edit_end, x, y);
      return;
    }
  if (!self->dragging && hypot (dx, dy) < DRAG_THRESHOLD)
    return;
  self->dragging = TRUE;
  vs_slice_camera_pan (&self->camera, (x - self->drag_last_x) * scale,
                       (y - self->drag_last_y) * scale);
  self->drag_last_x = x;
  self->drag_last_y = y;
  note_change (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_drag_end (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             VsSliceView    *self)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));

  if (self->tool_drag)
    emit_tool (self, 2, self->drag_start_x + dx, self->drag_start_y + dy);
  else if (!self->dragging && !self->editing && button == GDK_BUTTON_PRIMARY)
    set_cursor_at (self, self->drag_start_x, self->drag_start_y);
  self->tool_drag = FALSE;
  self->dragging = FALSE;
  self->editing = self->editing_plane = FALSE;
}

static void
on_motion (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           VsSliceView              *self)
{
  self->pointer_x = x;
  self->pointer_y = y;
}

static gboolean
on_scroll (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           VsSliceView              *self)
{
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));

  if (dy == 0 || self->camera.width == 0)
    return FALSE;
  vs_slice_camera_zoom_about (&self->camera, self->pointer_x * scale, self->pointer_y * scale,
                              pow (1.15, -dy));
  note_change (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

static int
normal_axis_index (VsSliceAxis axis)
{
  return axis == VS_SLICE_AXIS_AXIAL ? 2 : axis == VS_SLICE_AXIS_CORONAL ? 1 : 0;
}

/* Moves the cursor to the next (@direction 1) or previous (−1) slice of this view's axis whose
 * midline is not confirmed yet. */
static gboolean
go_to_unconfirmed (VsSliceView *self, int direction)
{
  VsMidlineEditor *midlines = vs_scene_get_midlines (self->scene);
  const VsMidlineAnnotations *annotations;
  VsMidlineAxis axis;
  gint64 index, best = -1;
  double cursor[3];

  vs_scene_get_cursor (self->scene, cursor);
  if (!vs_midline_overlay_current (midlines, self->axis, cursor, &axis, &index))
    return FALSE;
  annotations = vs_midline_editor_get_annotations (midlines);
  for (guint i = 0; i < annotations->entries->len; i++)
    {
      const VsMidlineEntry *e = &g_array_index (annotations->entries, VsMidlineEntry, i);
      if (e->image != NULL || e->axis != axis || e->status == VS_MIDLINE_CONFIRMED)
        continue;
      if ((direction > 0 && e->index > index && (best < 0 || e->index < best)) ||
          (direction < 0 && e->index < index && (best < 0 || e->index > best)))
        best = e->index;
    }
  if (best < 0)
    return TRUE;
  {
    double ijk[3], xyz[3];
    VsVolume *source = vs_midline_editor_get_source (midlines);
    vs_volume_world_to_voxel (source, cursor, ijk);
    ijk[axis] = (double) best;
    vs_volume_voxel_to_world (source, ijk, xyz);
    vs_scene_set_cursor (self->scene, xyz);
  }
  return TRUE;
}

/* Enter: confirms this slice's midline and goes on to the next unconfirmed one. */
static gboolean
confirm_midline (VsSliceView *self)
{
  VsMidlineEditor *midlines = vs_scene_get_midlines (self->scene);
  VsMidlineAxis axis;
  gint64 index;
  double cursor[3];

  vs_scene_get_cursor (self->scene, cursor);
  if (!vs_midline_overlay_current (midlines, self->axis, cursor, &axis, &index))
    return FALSE;
  vs_midline_editor_confirm (midlines, axis, index);
  go_to_unconfirmed (self, 1);
  return TRUE;
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                VsSliceView           *self)
{
  int steps;

  switch (keyval)
    {
    case GDK_KEY_Page_Up:
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      steps = 1;
      break;
    case GDK_KEY_Page_Down:
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      steps = -1;
      break;
    case GDK_KEY_Home:
      vs_slice_view_reset_camera (self);
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
      return confirm_midline (self);
    case GDK_KEY_bracketright:   /* while editing labels, the brush size (the window's) */
      return !self->tool_active && go_to_unconfirmed (self, 1);
    case GDK_KEY_bracketleft:
      return !self->tool_active && go_to_unconfirmed (self, -1);
    default:
      return FALSE;
    }
  if (state & GDK_SHIFT_MASK)
    steps *= 10;
  vs_scene_step_slice (self->scene, normal_axis_index (self->axis), steps);
  return TRUE;
}

static void
on_radiological_changed (VsScene     *scene,
                         GParamSpec  *pspec,
                         VsSliceView *self)
{
  self->needs_fit = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
vs_slice_view_constructed (GObject *object)
{
  VsSliceView *self = VS_SLICE_VIEW (object);

  G_OBJECT_CLASS (vs_slice_view_parent_class)->constructed (object);
  g_assert (self->scene != NULL);
  g_signal_connect_object (self->scene, "changed", G_CALLBACK (on_scene_changed), self, 0);
  g_signal_connect_object (self->scene, "changed", G_CALLBACK (gtk_widget_queue_draw), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->scene, "notify::radiological",
                           G_CALLBACK (on_radiological_changed), self, 0);
}

static void
vs_slice_view_dispose (GObject *object)
{
  VsSliceView *self = VS_SLICE_VIEW (object);

  g_clear_handle_id (&self->refine_source, g_source_remove);
  g_clear_object (&self->scene);
  G_OBJECT_CLASS (vs_slice_view_parent_class)->dispose (object);
}

static void
vs_slice_view_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  VsSliceView *self = VS_SLICE_VIEW (object);

  switch (prop_id)
    {
    case PROP_SCENE: g_value_set_object (value, self->scene); break;
    case PROP_AXIS: g_value_set_int (value, self->axis); break;
    case PROP_FRAMES_DRAWN: g_value_set_uint (value, self->frames_drawn); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vs_slice_view_set_property (GObject *object, guint prop_id, const GValue *value,
                            GParamSpec *pspec)
{
  VsSliceView *self = VS_SLICE_VIEW (object);

  switch (prop_id)
    {
    case PROP_SCENE: self->scene = g_value_dup_object (value); break;
    case PROP_AXIS: vs_slice_view_set_axis (self, g_value_get_int (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vs_slice_view_class_init (VsSliceViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkGLAreaClass *area_class = GTK_GL_AREA_CLASS (klass);

  object_class->constructed = vs_slice_view_constructed;
  object_class->dispose = vs_slice_view_dispose;
  object_class->get_property = vs_slice_view_get_property;
  object_class->set_property = vs_slice_view_set_property;
  widget_class->realize = vs_slice_view_realize;
  widget_class->unrealize = vs_slice_view_unrealize;
  widget_class->snapshot = vs_slice_view_snapshot;
  area_class->render = vs_slice_view_render;

  properties[PROP_SCENE] =
    g_param_spec_object ("scene", NULL, NULL, VS_TYPE_SCENE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AXIS] =
    g_param_spec_int ("axis", NULL, NULL, VS_SLICE_AXIS_AXIAL, VS_SLICE_AXIS_SAGITTAL,
                      VS_SLICE_AXIS_AXIAL,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FRAMES_DRAWN] =
    g_param_spec_uint ("frames-drawn", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  /* With a tool active, the primary button's press, drag and release: (phase: 0 press, 1 drag,
   * 2 release; x, y, z in world mm). */
  signals[TOOL] = g_signal_new ("tool", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                NULL, NULL, G_TYPE_NONE, 4, G_TYPE_INT, G_TYPE_DOUBLE,
                                G_TYPE_DOUBLE, G_TYPE_DOUBLE);
  gtk_widget_class_set_css_name (widget_class, "slice-view");
}

static void
vs_slice_view_init (VsSliceView *self)
{
  GtkGesture *drag;
  GtkEventController *controller;

  self->needs_fit = TRUE;
  gtk_gl_area_set_required_version (GTK_GL_AREA (self), 3, 3);
  gtk_gl_area_set_auto_render (GTK_GL_AREA (self), FALSE);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_size_request (GTK_WIDGET (self), 120, 120);

  drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), 0);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (on_motion), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL |
                                                GTK_EVENT_CONTROLLER_SCROLL_DISCRETE);
  g_signal_connect (controller, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

GtkWidget *
vs_slice_view_new (VsScene     *scene,
                   VsSliceAxis  axis)
{
  return g_object_new (VS_TYPE_SLICE_VIEW, "scene", scene, "axis", axis, NULL);
}

VsSliceAxis
vs_slice_view_get_axis (VsSliceView *self)
{
  g_return_val_if_fail (VS_IS_SLICE_VIEW (self), VS_SLICE_AXIS_AXIAL);
  return self->axis;
}

void
vs_slice_view_set_axis (VsSliceView *self,
                        VsSliceAxis  axis)
{
  g_return_if_fail (VS_IS_SLICE_VIEW (self));
  if (self->axis == axis)
    return;
  self->axis = axis;
  self->needs_fit = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AXIS]);
  gtk_gl_area_queue_render (GTK_GL_AREA (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const VsSliceCamera *
vs_slice_view_get_camera (VsSliceView *self)
{
  g_return_val_if_fail (VS_IS_SLICE_VIEW (self), NULL);
  return &self->camera;
}

/* Shows what @view showed (its centre, and its zoom rescaled to this view's size), e.g. from a
 * scene; applied when the view next draws, after the scene's new layers have been fitted. */
void
vs_slice_view_set_camera (VsSliceView         *self,
                          const VsSliceCamera *view)
{
  g_return_if_fail (VS_IS_SLICE_VIEW (self));
  self->saved_view = *view;
  self->has_saved_view = TRUE;
  gtk_gl_area_queue_render (GTK_GL_AREA (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
vs_slice_view_reset_camera (VsSliceView *self)
{
  g_return_if_fail (VS_IS_SLICE_VIEW (self));
  self->needs_fit = TRUE;
  gtk_gl_area_queue_render (GTK_GL_AREA (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
vs_slice_view_get_frames_drawn (VsSliceView *self)
{
  g_return_val_if_fail (VS_IS_SLICE_VIEW (self), 0);
  return self->frames_drawn;
}

static void
draw_for_capture (gpointer data)
{
  VsSliceView *self = data;
  vs_slice_renderer_draw (self->renderer, self->scene, &self->camera, TRUE);
}

/* The view as shown (device pixels, with the orientation letters), for Export PNG. */
cairo_surface_t *
vs_slice_view_capture (VsSliceView  *self,
                       GError      **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;

  g_return_val_if_fail (VS_IS_SLICE_VIEW (self), NULL);

  if (self->renderer == NULL || self->camera.width == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                           _("The view has not been drawn yet"));
      return NULL;
    }
  gtk_gl_area_make_current (GTK_GL_AREA (self));
  surface = vs_gl_readback_capture (self->camera.width, self->camera.height, draw_for_capture,
                                    self, error);
  if (surface == NULL)
    return NULL;
  cr = cairo_create (surface);
  vs_orientation_letters_draw (cr, &self->camera, gtk_widget_get_scale_factor (GTK_WIDGET (self)));
  cairo_destroy (cr);
  return surface;
}

typedef struct {
  VsSliceView        *view;
  const VsFigurePane *panes;
  int                 n_panes;
  int                 tx, ty, tw, th;
  gboolean            show_cursor;
  gboolean            transparent;
} TileDraw;

static void
draw_tile (gpointer data)
{
  TileDraw *d = data;

  vs_slice_figure_draw_tile (d->view->renderer, d->view->scene, d->panes, d->n_panes, d->tx,
                             d->ty, d->tw, d->th, d->show_cursor, d->transparent);
}

/* Renders @panes (any axes, in any places, @width × @height pixels in all) with this view's GL
 * context and renderer, for a figure at a size other than the view's own — in tiles when it is
 * larger than the GL draws at once.  No letters: the figure writer draws them. */
cairo_surface_t *
vs_slice_view_render_panes (VsSliceView         *self,
                            const VsFigurePane  *panes,
                            int                  n_panes,
                            int                  width,
                            int                  height,
                            gboolean             show_cursor,
                            gboolean             transparent,
                            GError             **error)
{
  cairo_surface_t *figure;
  cairo_t *cr;
  int tile;

  g_return_val_if_fail (VS_IS_SLICE_VIEW (self), NULL);
  if (self->renderer == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                           _("The views have not been drawn yet"));
      return NULL;
    }
  gtk_gl_area_make_current (GTK_GL_AREA (self));
  tile = vs_slice_figure_tile_size ();
  figure = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (figure);
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  for (int ty = 0; ty < height; ty += tile)
    for (int tx = 0; tx < width; tx += tile)
      {
        TileDraw draw = { self, panes, n_panes, tx, ty, MIN (tile, width - tx),
                          MIN (tile, height - ty), show_cursor, transparent };
        cairo_surface_t *piece = vs_gl_readback_capture (draw.tw, draw.th, draw_tile, &draw,
                                                         error);
        if (piece == NULL)
          {
            cairo_destroy (cr);
            cairo_surface_destroy (figure);
            return NULL;
          }
        cairo_set_source_surface (cr, piece, tx, ty);
        cairo_rectangle (cr, tx, ty, draw.tw, draw.th);
        cairo_fill (cr);
        cairo_surface_destroy (piece);
      }
  cairo_destroy (cr);
  return figure;
}

/* While @active, the primary button does not move the cursor or pan: it emits "tool" (editing
 * labels); the other buttons and the wheel work as ever. */
void
vs_slice_view_set_tool_active (VsSliceView *self,
                               gboolean     active)
{
  g_return_if_fail (VS_IS_SLICE_VIEW (self));
  self->tool_active = active;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), active ? "crosshair" : NULL);
}
