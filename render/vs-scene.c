/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-scene"

#include "config.h"

#include <math.h>
#include <string.h>

#include "vs-scene.h"

/* What is shown: the layers (position 0 is the top, drawn last), the linked cursor, the frame of
 * 4D volumes and the left-right convention.  "changed" fires for anything that needs a redraw. */

struct _VsScene
{
  GObject     parent_instance;
  GListStore *layers;
  GListStore *surfaces;
  double      gap;
  double      cursor[3];
  gboolean    radiological;
  gint64      frame;
  VsMidlineEditor *midlines;
  VsColormap  base_colormap;     /* of the first volume layer */
  VsColormap  overlay_colormap;  /* of volumes over it */
  gboolean    interpolate;       /* of new layers */
};

G_DEFINE_FINAL_TYPE (VsScene, vs_scene, G_TYPE_OBJECT)

enum { PROP_0, PROP_RADIOLOGICAL, PROP_FRAME, PROP_MIDLINES, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { CHANGED, CURSOR_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
vs_scene_emit_changed (VsScene *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_layer_notify (VsLayer    *layer,
                 GParamSpec *pspec,
                 VsScene    *self)
{
  vs_scene_emit_changed (self);
}

static void
on_layers_changed (GListModel *model,
                   guint       position,
                   guint       removed,
                   guint       added,
                   VsScene    *self)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(VsLayer) layer = g_list_model_get_item (model, i);
      g_signal_handlers_disconnect_by_func (layer, on_layer_notify, self);
      g_signal_connect_object (layer, "notify", G_CALLBACK (on_layer_notify), self, 0);
    }
  vs_scene_emit_changed (self);
}

static void
on_surfaces_changed (GListModel *model, guint position, guint removed, guint added,
                     VsScene *self)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(VsSurfaceLayer) layer = g_list_model_get_item (model, i);
      g_signal_handlers_disconnect_by_func (layer, vs_scene_emit_changed, self);
      g_signal_connect_object (layer, "changed", G_CALLBACK (vs_scene_emit_changed), self,
                               G_CONNECT_SWAPPED);
    }
  vs_scene_emit_changed (self);
}

static void
vs_scene_dispose (GObject *object)
{
  VsScene *self = VS_SCENE (object);

  g_clear_object (&self->layers);
  g_clear_object (&self->surfaces);
  if (self->midlines != NULL)
    g_signal_handlers_disconnect_by_func (self->midlines, vs_scene_emit_changed, self);
  g_clear_object (&self->midlines);
  G_OBJECT_CLASS (vs_scene_parent_class)->dispose (object);
}

static void
vs_scene_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  VsScene *self = VS_SCENE (object);

  switch (prop_id)
    {
    case PROP_RADIOLOGICAL: g_value_set_boolean (value, self->radiological); break;
    case PROP_FRAME: g_value_set_int64 (value, self->frame); break;
    case PROP_MIDLINES: g_value_set_object (value, self->midlines); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vs_scene_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  VsScene *self = VS_SCENE (object);

  switch (prop_id)
    {
    case PROP_RADIOLOGICAL: vs_scene_set_radiological (self, g_value_get_boolean (value)); break;
    case PROP_FRAME: vs_scene_set_frame (self, g_value_get_int64 (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vs_scene_class_init (VsSceneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = vs_scene_dispose;
  object_class->get_property = vs_scene_get_property;
  object_class->set_property = vs_scene_set_property;

  properties[PROP_RADIOLOGICAL] = g_param_spec_boolean ("radiological", NULL, NULL, FALSE, rw);
  properties[PROP_FRAME] = g_param_spec_int64 ("frame", NULL, NULL, 0, G_MAXINT64, 0, rw);
  properties[PROP_MIDLINES] =
    g_param_spec_object ("midlines", NULL, NULL, VS_TYPE_MIDLINE_EDITOR,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[CURSOR_CHANGED] = g_signal_new ("cursor-changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);
}

static void
vs_scene_init (VsScene *self)
{
  self->base_colormap = VS_COLORMAP_GREY;
  self->overlay_colormap = VS_COLORMAP_HOT;
  self->interpolate = TRUE;
  self->layers = g_list_store_new (VS_TYPE_LAYER);
  g_signal_connect (self->layers, "items-changed", G_CALLBACK (on_layers_changed), self);
  self->surfaces = g_list_store_new (VS_TYPE_SURFACE_LAYER);
  g_signal_connect (self->surfaces, "items-changed", G_CALLBACK (on_surfaces_changed), self);
}

VsScene *
vs_scene_new (void)
{
  return g_object_new (VS_TYPE_SCENE, NULL);
}

GListModel *
vs_scene_get_layers (VsScene *self)
{
  g_return_val_if_fail (VS_IS_SCENE (self), NULL);
  return G_LIST_MODEL (self->layers);
}

guint
vs_scene_get_n_layers (VsScene *self)
{
  g_return_val_if_fail (VS_IS_SCENE (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->layers));
}

/* Borrowed reference. */
VsLayer *
vs_scene_get_layer (VsScene *self,
                    guint    position)
{
  g_autoptr(VsLayer) layer = NULL;

  g_return_val_if_fail (VS_IS_SCENE (self), NULL);
  layer = g_list_model_get_item (G_LIST_MODEL (self->layers), position);
  return layer;  /* the store keeps it alive */
}

/* How volumes opened from now on are shown (the preferences): the first one's colormap, the
 * colormap of those over it, and whether they are interpolated.  Label maps keep theirs. */
void
vs_scene_set_layer_defaults (VsScene    *self,
                             VsColormap  base,
                             VsColormap  overlay,
                             gboolean    interpolate)
{
  g_return_if_fail (VS_IS_SCENE (self));
  self->base_colormap = base;
  self->overlay_colormap = overlay;
  self->interpolate = interpolate;
}

/* New layers go on top.  The first volume centres the cursor. */
VsLayer *
vs_scene_add_volume (VsScene  *self,
                     VsVolume *volume)
{
  g_autoptr(VsLayer) layer = NULL;
  gboolean first;

  g_return_val_if_fail (VS_IS_SCENE (self), NULL);
  g_return_val_if_fail (VS_IS_VOLUME (volume), NULL);

  first = vs_scene_get_n_layers (self) == 0;
  layer = vs_layer_new (volume);
  if (!vs_layer_is_label (layer) && vs_volume_get_intent (volume) != VS_VOLUME_INTENT_RGB)
    {
      vs_layer_set_colormap (layer, first ? self->base_colormap : self->overlay_colormap);
      vs_layer_set_interpolate (layer, self->interpolate);
    }
  g_list_store_insert (self->layers, 0, layer);

  if (first)
    {
      gint64 dims[4];
      double ijk[3], xyz[3];
      vs_volume_get_dims (volume, dims);
      for (int a = 0; a < 3; a++)
        ijk[a] = (double) (dims[a] / 2);
      vs_volume_voxel_to_world (volume, ijk, xyz);
      vs_scene_set_cursor (self, xyz);
    }
  return layer;
}

void
vs_scene_remove_layer (VsScene *self,
                       VsLayer *layer)
{
  guint position;

  g_return_if_fail (VS_IS_SCENE (self));
  if (g_list_store_find (self->layers, layer, &position))
    g_list_store_remove (self->layers, position);
}

void
vs_scene_move_layer (VsScene *self,
                     VsLayer *layer,
                     guint    new_position)
{
  g_autoptr(VsLayer) keep = NULL;
  guint position;

  g_return_if_fail (VS_IS_SCENE (self));
  if (!g_list_store_find (self->layers, layer, &position) || position == new_position)
    return;
  keep = g_object_ref (layer);
  g_list_store_remove (self->layers, position);
  new_position = MIN (new_position, vs_scene_get_n_layers (self));
  g_list_store_insert (self->layers, new_position, keep);
}

void
vs_scene_get_cursor (VsScene *self,
                     double   xyz[3])
{
  g_return_if_fail (VS_IS_SCENE (self));
  memcpy (xyz, self->cursor, sizeof self->cursor);
}

void
vs_scene_set_cursor (VsScene      *self,
                     const double  xyz[3])
{
  g_return_if_fail (VS_IS_SCENE (self));
  if (memcmp (xyz, self->cursor, sizeof self->cursor) == 0)
    return;
  memcpy (self->cursor, xyz, sizeof self->cursor);
  g_signal_emit (self, signals[CURSOR_CHANGED], 0);
  vs_scene_emit_changed (self);
}

gboolean
vs_scene_get_radiological (VsScene *self)
{
  g_return_val_if_fail (VS_IS_SCENE (self), FALSE);
  return self->radiological;
}

void
vs_scene_set_radiological (VsScene  *self,
                           gboolean  radiological)
{
  g_return_if_fail (VS_IS_SCENE (self));
  radiological = !!radiological;
  if (self->radiological == radiological)
    return;
  self->radiological = radiological;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RADIOLOGICAL]);
  vs_scene_emit_changed (self);
}

gint64
vs_scene_get_frame (VsScene *self)
{
  g_return_val_if_fail (VS_IS_SCENE (self), 0);
  return self->frame;
}

void
vs_scene_set_frame (VsScene *self,
                    gint64   frame)
{
  g_return_if_fail (VS_IS_SCENE (self));
  frame = CLAMP (frame, 0, MAX (vs_scene_get_n_frames (self) - 1, 0));
  if (self->frame == frame)
    return;
  self->frame = frame;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRAME]);
  vs_scene_emit_changed (self);
}

/* The longest series among the layers (the frames of a layer shown as a channel composite are
 * its channels, not a series). */
gint64
vs_scene_get_n_frames (VsScene *self)
{
  gint64 n = 1;

  g_return_val_if_fail (VS_IS_SCENE (self), 1);
  for (guint i = 0; i < vs_scene_get_n_layers (self); i++)
    {
      VsLayer *layer = vs_scene_get_layer (self, i);
      if (!vs_layer_get_composite (layer))
        n = MAX (n, vs_volume_get_n_frames (vs_layer_get_volume (layer)));
    }
  return n;
}

/* The topmost label layer that is shown (visible, not fully transparent), or NULL. */
VsLayer *
vs_scene_get_top_label_layer (VsScene *self)
{
  g_return_val_if_fail (VS_IS_SCENE (self), NULL);
  for (guint i = 0; i < vs_scene_get_n_layers (self); i++)
    {
      VsLayer *layer = vs_scene_get_layer (self, i);
      if (vs_layer_is_label (layer) && vs_layer_get_visible (layer) &&
          vs_layer_get_opacity (layer) > 0)
        return layer;
    }
  return NULL;
}

/* The unit of world coordinates: the bottom layer's ("mm" for MRI, often "µm" for microscopy). */
const char *
vs_scene_get_spatial_unit (VsScene *self)
{
  guint n;

  g_return_val_if_fail (VS_IS_SCENE (self), "mm");
  n = vs_scene_get_n_layers (self);
  return n > 0 ? vs_volume_get_spatial_unit (vs_layer_get_volume (vs_scene_get_layer (self, n - 1)))
               : "mm";
}

gboolean
vs_scene_get_world_bounds (VsScene *self,
                           double   lo[3],
                           double   hi[3])
{
  guint n;

  g_return_val_if_fail (VS_IS_SCENE (self), FALSE);
  n = vs_scene_get_n_layers (self);
  for (int a = 0; a < 3; a++)
    {
      lo[a] = G_MAXDOUBLE;
      hi[a] = -G_MAXDOUBLE;
    }
  for (guint i = 0; i < n; i++)
    {
      double l[3], h[3];
      vs_volume_get_world_bounds (vs_layer_get_volume (vs_scene_get_layer (self, i)), l, h);
      for (int a = 0; a < 3; a++)
        {
          lo[a] = MIN (lo[a], l[a]);
          hi[a] = MAX (hi[a], h[a]);
        }
    }
  return n > 0;
}

/* Moves the cursor by whole voxels of the bottom layer along world axis @axis_index. */
void
vs_scene_step_slice (VsScene *self,
                     int      axis_index,
                     int      steps)
{
  double cursor[3], size[3], lo[3], hi[3];
  VsLayer *base;

  g_return_if_fail (VS_IS_SCENE (self));
  g_return_if_fail (axis_index >= 0 && axis_index < 3);
  if (vs_scene_get_n_layers (self) == 0)
    return;

  base = vs_scene_get_layer (self, vs_scene_get_n_layers (self) - 1);
  vs_volume_get_voxel_size (vs_layer_get_volume (base), size);
  vs_scene_get_world_bounds (self, lo, hi);
  vs_scene_get_cursor (self, cursor);
  cursor[axis_index] = CLAMP (cursor[axis_index] + steps * size[axis_index],
                              lo[axis_index], hi[axis_index]);
  vs_scene_set_cursor (self, cursor);
}

GListModel *
vs_scene_get_surfaces (VsScene *self)
{
  g_return_val_if_fail (VS_IS_SCENE (self), NULL);
  return G_LIST_MODEL (self->surfaces);
}

static gboolean
same_topology (VsSurface *a, VsSurface *b)
{
  return vs_surface_get_n_vertices (a) == vs_surface_get_n_vertices (b) &&
         vs_surface_get_n_triangles (a) == vs_surface_get_n_triangles (b) &&
         g_strcmp0 (vs_surface_get_structure (a), vs_surface_get_structure (b)) == 0 &&
         memcmp (vs_surface_get_triangles (a), vs_surface_get_triangles (b),
                 (gsize) vs_surface_get_n_triangles (a) * 3 * sizeof (guint32)) == 0;
}

/* lh.white then lh.pial: the second becomes another geometry of the first, shown at once, so
 * its overlays stay. */
VsSurfaceLayer *
vs_scene_add_surface (VsScene   *self,
                      VsSurface *surface)
{
  g_autoptr(VsSurfaceLayer) layer = NULL;
  guint n;

  g_return_val_if_fail (VS_IS_SCENE (self), NULL);
  g_return_val_if_fail (VS_IS_SURFACE (surface), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->surfaces));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VsSurfaceLayer) existing = g_list_model_get_item (G_LIST_MODEL (self->surfaces), i);
      VsSurface *target = vs_surface_layer_get_surface (existing);
      if (target != surface && same_topology (target, surface))
        {
          for (guint g = 0; g < vs_surface_get_n_geometries (surface); g++)
            vs_surface_add_geometry (target, vs_surface_get_geometry_name (surface, g),
                                     vs_surface_get_positions (surface, g), NULL);
          vs_surface_layer_set_geometry (existing, vs_surface_get_n_geometries (target) - 1);
          return existing;
        }
    }
  layer = vs_surface_layer_new (surface);
  g_list_store_append (self->surfaces, layer);
  return layer;
}

void
vs_scene_remove_surface (VsScene        *self,
                         VsSurfaceLayer *layer)
{
  guint position;

  g_return_if_fail (VS_IS_SCENE (self));
  if (g_list_store_find (self->surfaces, layer, &position))
    g_list_store_remove (self->surfaces, position);
}

/* The newest surface with @n_vertices, for data opened after its surface. Borrowed. */
VsSurfaceLayer *
vs_scene_find_surface_for_data (VsScene *self,
                                guint    n_vertices)
{
  guint n;

  g_return_val_if_fail (VS_IS_SCENE (self), NULL);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->surfaces));
  for (guint i = n; i-- > 0;)
    {
      g_autoptr(VsSurfaceLayer) layer = g_list_model_get_item (G_LIST_MODEL (self->surfaces), i);
      if (vs_surface_get_n_vertices (vs_surface_layer_get_surface (layer)) == n_vertices)
        return layer;
    }
  return NULL;
}

double
vs_scene_get_hemisphere_gap (VsScene *self)
{
  g_return_val_if_fail (VS_IS_SCENE (self), 0);
  return self->gap;
}

void
vs_scene_set_hemisphere_gap (VsScene *self,
                             double   gap)
{
  g_return_if_fail (VS_IS_SCENE (self));
  gap = MAX (gap, 0);
  if (self->gap == gap)
    return;
  self->gap = gap;
  vs_scene_emit_changed (self);
}

/* The midlines being annotated (drawn on the slices, edited there), or NULL. */
void
vs_scene_set_midlines (VsScene         *self,
                       VsMidlineEditor *editor)
{
  g_return_if_fail (VS_IS_SCENE (self));

  if (self->midlines != NULL)
    g_signal_handlers_disconnect_by_func (self->midlines, vs_scene_emit_changed, self);
  g_set_object (&self->midlines, editor);
  if (editor != NULL)
    g_signal_connect_swapped (editor, "changed", G_CALLBACK (vs_scene_emit_changed), self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MIDLINES]);
  vs_scene_emit_changed (self);
}

VsMidlineEditor *
vs_scene_get_midlines (VsScene *self)
{
  g_return_val_if_fail (VS_IS_SCENE (self), NULL);
  return self->midlines;
}
