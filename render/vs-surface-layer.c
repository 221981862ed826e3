/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-surface-layer"

#include "config.h"

#include "vs-surface-layer.h"

struct _VsSurfaceLayer
{
  GObject       parent_instance;
  VsSurface    *surface;
  char         *name;
  gboolean      visible;
  guint         geometry;
  VsVertexData *curvature;
  GListStore   *overlays;
};

G_DEFINE_FINAL_TYPE (VsSurfaceLayer, vs_surface_layer, G_TYPE_OBJECT)

enum { PROP_0, PROP_NAME, PROP_VISIBLE, PROP_GEOMETRY, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
emit_changed (VsSurfaceLayer *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_overlay_notify (GObject *overlay, GParamSpec *pspec, VsSurfaceLayer *self)
{
  emit_changed (self);
}

static void
on_overlays_changed (GListModel *model, guint position, guint removed, guint added,
                     VsSurfaceLayer *self)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(GObject) overlay = g_list_model_get_item (model, i);
      g_signal_handlers_disconnect_by_func (overlay, on_overlay_notify, self);
      g_signal_connect_object (overlay, "notify", G_CALLBACK (on_overlay_notify), self, 0);
    }
  emit_changed (self);
}

static void
vs_surface_layer_dispose (GObject *object)
{
  VsSurfaceLayer *self = VS_SURFACE_LAYER (object);

  g_clear_object (&self->overlays);
  g_clear_object (&self->curvature);
  g_clear_object (&self->surface);
  G_OBJECT_CLASS (vs_surface_layer_parent_class)->dispose (object);
}

static void
vs_surface_layer_finalize (GObject *object)
{
  g_free (VS_SURFACE_LAYER (object)->name);
  G_OBJECT_CLASS (vs_surface_layer_parent_class)->finalize (object);
}

static void
vs_surface_layer_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  VsSurfaceLayer *self = VS_SURFACE_LAYER (object);

  switch (prop_id)
    {
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_VISIBLE: g_value_set_boolean (value, self->visible); break;
    case PROP_GEOMETRY: g_value_set_uint (value, self->geometry); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vs_surface_layer_set_property (GObject *object, guint prop_id, const GValue *value,
                               GParamSpec *pspec)
{
  VsSurfaceLayer *self = VS_SURFACE_LAYER (object);

  switch (prop_id)
    {
    case PROP_VISIBLE:
      if (self->visible != g_value_get_boolean (value))
        {
          self->visible = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
          emit_changed (self);
        }
      break;
    case PROP_GEOMETRY:
      vs_surface_layer_set_geometry (self, g_value_get_uint (value));
      break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vs_surface_layer_class_init (VsSurfaceLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = vs_surface_layer_dispose;
  object_class->finalize = vs_surface_layer_finalize;
  object_class->get_property = vs_surface_layer_get_property;
  object_class->set_property = vs_surface_layer_set_property;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_VISIBLE] = g_param_spec_boolean ("visible", NULL, NULL, TRUE, rw);
  properties[PROP_GEOMETRY] = g_param_spec_uint ("geometry", NULL, NULL, 0, G_MAXUINT, 0, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
vs_surface_layer_init (VsSurfaceLayer *self)
{
  self->visible = TRUE;
  self->overlays = g_list_store_new (VS_TYPE_VERTEX_LAYER);
  g_signal_connect (self->overlays, "items-changed", G_CALLBACK (on_overlays_changed), self);
}

VsSurfaceLayer *
vs_surface_layer_new (VsSurface *surface)
{
  VsSurfaceLayer *self;
  const char *path;

  g_return_val_if_fail (VS_IS_SURFACE (surface), NULL);
  self = g_object_new (VS_TYPE_SURFACE_LAYER, NULL);
  self->surface = g_object_ref (surface);
  path = vs_surface_get_path (surface);
  self->name = path != NULL ? g_path_get_basename (path) : g_strdup ("surface");
  return self;
}

VsSurface *
vs_surface_layer_get_surface (VsSurfaceLayer *self)
{
  g_return_val_if_fail (VS_IS_SURFACE_LAYER (self), NULL);
  return self->surface;
}

const char *
vs_surface_layer_get_name (VsSurfaceLayer *self)
{
  g_return_val_if_fail (VS_IS_SURFACE_LAYER (self), NULL);
  return self->name;
}

gboolean
vs_surface_layer_get_visible (VsSurfaceLayer *self)
{
  g_return_val_if_fail (VS_IS_SURFACE_LAYER (self), FALSE);
  return self->visible;
}

guint
vs_surface_layer_get_geometry (VsSurfaceLayer *self)
{
  g_return_val_if_fail (VS_IS_SURFACE_LAYER (self), 0);
  return self->geometry;
}

void
vs_surface_layer_set_geometry (VsSurfaceLayer *self,
                               guint           geometry)
{
  g_return_if_fail (VS_IS_SURFACE_LAYER (self));
  geometry = MIN (geometry, vs_surface_get_n_geometries (self->surface) - 1);
  if (self->geometry == geometry)
    return;
  self->geometry = geometry;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GEOMETRY]);
  emit_changed (self);
}

VsVertexData *
vs_surface_layer_get_curvature (VsSurfaceLayer *self)
{
  g_return_val_if_fail (VS_IS_SURFACE_LAYER (self), NULL);
  return self->curvature;
}

void
vs_surface_layer_set_curvature (VsSurfaceLayer *self,
                                VsVertexData   *curvature)
{
  g_return_if_fail (VS_IS_SURFACE_LAYER (self));
  if (g_set_object (&self->curvature, curvature))
    emit_changed (self);
}

GListModel *
vs_surface_layer_get_overlays (VsSurfaceLayer *self)
{
  g_return_val_if_fail (VS_IS_SURFACE_LAYER (self), NULL);
  return G_LIST_MODEL (self->overlays);
}

VsVertexLayer *
vs_surface_layer_add_overlay (VsSurfaceLayer *self,
                              VsVertexData   *data)
{
  g_autoptr(VsVertexLayer) overlay = NULL;

  g_return_val_if_fail (VS_IS_SURFACE_LAYER (self), NULL);
  g_return_val_if_fail (vs_vertex_data_get_n_vertices (data) ==
                        vs_surface_get_n_vertices (self->surface), NULL);
  overlay = vs_vertex_layer_new (data);
  g_list_store_append (self->overlays, overlay);
  return overlay;
}

void
vs_surface_layer_remove_overlay (VsSurfaceLayer *self,
                                 VsVertexLayer  *overlay)
{
  guint position;

  g_return_if_fail (VS_IS_SURFACE_LAYER (self));
  if (g_list_store_find (self->overlays, overlay, &position))
    g_list_store_remove (self->overlays, position);
}

/* RGBA per vertex for what the layer shows now. */
guint8 *
vs_surface_layer_compute_colors (VsSurfaceLayer *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->overlays)), used = 0;
  g_autofree VsSurfaceOverlay *overlays = g_new0 (VsSurfaceOverlay, MAX (n, 1));
  guint8 *rgba = g_malloc ((gsize) vs_surface_get_n_vertices (self->surface) * 4);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VsVertexLayer) layer = g_list_model_get_item (G_LIST_MODEL (self->overlays), i);
      if (vs_vertex_layer_get_visible (layer))
        vs_vertex_layer_to_overlay (layer, &overlays[used++]);
    }
  vs_surface_colors_compute (self->surface, self->curvature, overlays, used, rgba);
  return rgba;
}
