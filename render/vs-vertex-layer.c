/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-vertex-layer"

#include "config.h"

#include "vs-vertex-layer.h"

struct _VsVertexLayer
{
  GObject           parent_instance;
  VsVertexData     *data;
  char             *name;
  gboolean          visible;
  VsSurfaceOverlay  overlay;   /* colormap, range, threshold, opacity, border */
  double            data_min;
  double            data_max;
};

G_DEFINE_FINAL_TYPE (VsVertexLayer, vs_vertex_layer, G_TYPE_OBJECT)

enum {
  PROP_0, PROP_NAME, PROP_VISIBLE, PROP_OPACITY, PROP_COLORMAP, PROP_DISPLAY_MIN,
  PROP_DISPLAY_MAX, PROP_THRESHOLD, PROP_LABEL_OUTLINE, PROP_IS_LABEL, PROP_DATA_MIN,
  PROP_DATA_MAX, N_PROPS
};
static GParamSpec *properties[N_PROPS];

static void
vs_vertex_layer_finalize (GObject *object)
{
  VsVertexLayer *self = VS_VERTEX_LAYER (object);

  g_clear_object (&self->data);
  g_free (self->name);
  G_OBJECT_CLASS (vs_vertex_layer_parent_class)->finalize (object);
}

static void
vs_vertex_layer_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  VsVertexLayer *self = VS_VERTEX_LAYER (object);

  switch (prop_id)
    {
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_VISIBLE: g_value_set_boolean (value, self->visible); break;
    case PROP_OPACITY: g_value_set_double (value, self->overlay.opacity); break;
    case PROP_COLORMAP: g_value_set_uint (value, self->overlay.colormap); break;
    case PROP_DISPLAY_MIN: g_value_set_double (value, self->overlay.min); break;
    case PROP_DISPLAY_MAX: g_value_set_double (value, self->overlay.max); break;
    case PROP_THRESHOLD: g_value_set_double (value, self->overlay.threshold); break;
    case PROP_LABEL_OUTLINE: g_value_set_boolean (value, self->overlay.border_only); break;
    case PROP_IS_LABEL: g_value_set_boolean (value, vs_vertex_data_is_label (self->data)); break;
    case PROP_DATA_MIN: g_value_set_double (value, self->data_min); break;
    case PROP_DATA_MAX: g_value_set_double (value, self->data_max); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define SET_FIELD(field, new_value, prop)                \
  G_STMT_START {                                         \
    if ((field) != (new_value))                          \
      {                                                  \
        (field) = (new_value);                           \
        g_object_notify_by_pspec (object, properties[prop]); \
      }                                                  \
  } G_STMT_END

static void
vs_vertex_layer_set_property (GObject *object, guint prop_id, const GValue *value,
                              GParamSpec *pspec)
{
  VsVertexLayer *self = VS_VERTEX_LAYER (object);

  switch (prop_id)
    {
    case PROP_NAME:
      if (g_strcmp0 (self->name, g_value_get_string (value)) != 0)
        {
          g_free (self->name);
          self->name = g_value_dup_string (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_VISIBLE: SET_FIELD (self->visible, g_value_get_boolean (value), prop_id); break;
    case PROP_OPACITY: SET_FIELD (self->overlay.opacity, g_value_get_double (value), prop_id); break;
    case PROP_COLORMAP:
      SET_FIELD (self->overlay.colormap, (VsColormap) g_value_get_uint (value), prop_id);
      break;
    case PROP_DISPLAY_MIN: SET_FIELD (self->overlay.min, g_value_get_double (value), prop_id); break;
    case PROP_DISPLAY_MAX: SET_FIELD (self->overlay.max, g_value_get_double (value), prop_id); break;
    case PROP_THRESHOLD:
      SET_FIELD (self->overlay.threshold, g_value_get_double (value), prop_id);
      break;
    case PROP_LABEL_OUTLINE:
      SET_FIELD (self->overlay.border_only, g_value_get_boolean (value), prop_id);
      break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vs_vertex_layer_class_init (VsVertexLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = vs_vertex_layer_finalize;
  object_class->get_property = vs_vertex_layer_get_property;
  object_class->set_property = vs_vertex_layer_set_property;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, rw);
  properties[PROP_VISIBLE] = g_param_spec_boolean ("visible", NULL, NULL, TRUE, rw);
  properties[PROP_OPACITY] = g_param_spec_double ("opacity", NULL, NULL, 0, 1, 1, rw);
  properties[PROP_COLORMAP] =
    g_param_spec_uint ("colormap", NULL, NULL, 0, VS_N_COLORMAPS - 1, 0, rw);
  properties[PROP_DISPLAY_MIN] =
    g_param_spec_double ("display-min", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, rw);
  properties[PROP_DISPLAY_MAX] =
    g_param_spec_double ("display-max", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 1, rw);
  properties[PROP_THRESHOLD] = g_param_spec_double ("threshold", NULL, NULL, 0, G_MAXDOUBLE, 0, rw);
  properties[PROP_LABEL_OUTLINE] = g_param_spec_boolean ("label-outline", NULL, NULL, FALSE, rw);
  properties[PROP_IS_LABEL] = g_param_spec_boolean ("is-label", NULL, NULL, FALSE, ro);
  properties[PROP_DATA_MIN] =
    g_param_spec_double ("data-min", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, ro);
  properties[PROP_DATA_MAX] =
    g_param_spec_double ("data-max", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 1, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
vs_vertex_layer_init (VsVertexLayer *self)
{
  self->visible = TRUE;
}

VsVertexLayer *
vs_vertex_layer_new (VsVertexData *data)
{
  VsVertexLayer *self;

  g_return_val_if_fail (VS_IS_VERTEX_DATA (data), NULL);
  self = g_object_new (VS_TYPE_VERTEX_LAYER, NULL);
  self->data = g_object_ref (data);
  self->name = g_strdup (vs_vertex_data_get_name (data));
  vs_surface_overlay_init_for (&self->overlay, data);
  vs_vertex_data_get_range (data, 0, &self->data_min, &self->data_max);
  return self;
}

VsVertexData *
vs_vertex_layer_get_data (VsVertexLayer *self)
{
  g_return_val_if_fail (VS_IS_VERTEX_LAYER (self), NULL);
  return self->data;
}

gboolean
vs_vertex_layer_get_visible (VsVertexLayer *self)
{
  g_return_val_if_fail (VS_IS_VERTEX_LAYER (self), FALSE);
  return self->visible;
}

void
vs_vertex_layer_to_overlay (VsVertexLayer    *self,
                            VsSurfaceOverlay *overlay)
{
  g_return_if_fail (VS_IS_VERTEX_LAYER (self));
  *overlay = self->overlay;
  overlay->data = self->data;
}
