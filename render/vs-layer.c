/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-layer"

#include "config.h"

#include <string.h>

#include <math.h>

#include "vs-layer-private.h"

/* How one volume is drawn.  The volume is shared and never changed here; every display setting is
 * a property so the layer list binds to it and the views redraw on notify. */

G_DEFINE_FINAL_TYPE (VsLayer, vs_layer, G_TYPE_OBJECT)

GParamSpec *_vs_layer_properties[N_PROPS];
#define properties _vs_layer_properties

static void
vs_layer_dispose (GObject *object)
{
  VsLayer *self = VS_LAYER (object);

  g_clear_object (&self->volume);
  G_OBJECT_CLASS (vs_layer_parent_class)->dispose (object);
}

static void
vs_layer_finalize (GObject *object)
{
  VsLayer *self = VS_LAYER (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->stats, vs_volume_stats_free);
  g_clear_pointer (&self->label_colors, g_free);
  g_clear_pointer (&self->hidden_labels, g_hash_table_unref);
  g_clear_pointer (&self->edits, g_array_unref);
  G_OBJECT_CLASS (vs_layer_parent_class)->finalize (object);
}

static void
vs_layer_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  VsLayer *self = VS_LAYER (object);

  switch (prop_id)
    {
    case PROP_VOLUME: g_value_set_object (value, self->volume); break;
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_VISIBLE: g_value_set_boolean (value, self->visible); break;
    case PROP_OPACITY: g_value_set_double (value, self->opacity); break;
    case PROP_COLORMAP: g_value_set_uint (value, self->colormap); break;
    case PROP_DISPLAY_MIN: g_value_set_double (value, self->display_min); break;
    case PROP_DISPLAY_MAX: g_value_set_double (value, self->display_max); break;
    case PROP_THRESHOLD: g_value_set_double (value, self->threshold); break;
    case PROP_INTERPOLATE: g_value_set_boolean (value, self->interpolate); break;
    case PROP_LABEL_OUTLINE: g_value_set_boolean (value, self->label_outline); break;
    case PROP_HAS_STATS: g_value_set_boolean (value, self->stats != NULL); break;
    case PROP_IS_LABEL: g_value_set_boolean (value, vs_layer_is_label (self)); break;
    case PROP_DATA_MIN:
      g_value_set_double (value, self->stats != NULL ? self->stats->min : self->display_min);
      break;
    case PROP_DATA_MAX:
      g_value_set_double (value, self->stats != NULL ? self->stats->max : self->display_max);
      break;
    case PROP_GENERATION: g_value_set_uint (value, self->generation); break;
    case PROP_LABEL_SERIAL: g_value_set_uint (value, self->label_serial); break;
    case PROP_CHANNEL_SERIAL: g_value_set_uint (value, self->channel_serial); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vs_layer_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  VsLayer *self = VS_LAYER (object);

  switch (prop_id)
    {
    case PROP_VOLUME: self->volume = g_value_dup_object (value); break;
    case PROP_NAME: vs_layer_set_name (self, g_value_get_string (value)); break;
    case PROP_VISIBLE: vs_layer_set_visible (self, g_value_get_boolean (value)); break;
    case PROP_OPACITY: vs_layer_set_opacity (self, g_value_get_double (value)); break;
    case PROP_COLORMAP: vs_layer_set_colormap (self, g_value_get_uint (value)); break;
    case PROP_DISPLAY_MIN:
      vs_layer_set_display_range (self, g_value_get_double (value), self->display_max);
      break;
    case PROP_DISPLAY_MAX:
      vs_layer_set_display_range (self, self->display_min, g_value_get_double (value));
      break;
    case PROP_THRESHOLD: vs_layer_set_threshold (self, g_value_get_double (value)); break;
    case PROP_INTERPOLATE: vs_layer_set_interpolate (self, g_value_get_boolean (value)); break;
    case PROP_LABEL_OUTLINE: vs_layer_set_label_outline (self, g_value_get_boolean (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vs_layer_constructed (GObject *object)
{
  VsLayer *self = VS_LAYER (object);
  VsDatatype type;

  G_OBJECT_CLASS (vs_layer_parent_class)->constructed (object);
  g_assert (self->volume != NULL);

  if (self->name == NULL)
    self->name = vs_volume_dup_display_name (self->volume);
  type = vs_volume_get_datatype (self->volume);
  if (vs_layer_is_label (self))
    {
      self->colormap = VS_COLORMAP_LABELS;
      self->interpolate = FALSE;
    }
  /* A first guess from the type until the histogram job gives the robust range. */
  self->display_min = 0;
  self->display_max = type == VS_DATATYPE_UINT8 || type == VS_DATATYPE_RGB24 ? 255 : 1;
  /* Two to four frames of unsigned 8- or 16-bit data: channels of a microscope, shown together. */
  if ((type == VS_DATATYPE_UINT8 || type == VS_DATATYPE_UINT16) &&
      vs_layer_get_n_channels (self) > 0)
    vs_layer_set_composite (self, TRUE);
}

static void
vs_layer_class_init (VsLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = vs_layer_dispose;
  object_class->finalize = vs_layer_finalize;
  object_class->get_property = vs_layer_get_property;
  object_class->set_property = vs_layer_set_property;
  object_class->constructed = vs_layer_constructed;

  properties[PROP_VOLUME] =
    g_param_spec_object ("volume", NULL, NULL, VS_TYPE_VOLUME,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, rw);
  properties[PROP_VISIBLE] = g_param_spec_boolean ("visible", NULL, NULL, TRUE, rw);
  properties[PROP_OPACITY] = g_param_spec_double ("opacity", NULL, NULL, 0, 1, 1, rw);
  properties[PROP_COLORMAP] =
    g_param_spec_uint ("colormap", NULL, NULL, 0, VS_N_COLORMAPS - 1, 0, rw);
  properties[PROP_DISPLAY_MIN] =
    g_param_spec_double ("display-min", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, rw);
  properties[PROP_DISPLAY_MAX] =
    g_param_spec_double ("display-max", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 1, rw);
  properties[PROP_THRESHOLD] =
    g_param_spec_double ("threshold", NULL, NULL, 0, G_MAXDOUBLE, 0, rw);
  properties[PROP_INTERPOLATE] = g_param_spec_boolean ("interpolate", NULL, NULL, TRUE, rw);
  properties[PROP_LABEL_OUTLINE] = g_param_spec_boolean ("label-outline", NULL, NULL, FALSE, rw);
  properties[PROP_HAS_STATS] =
    g_param_spec_boolean ("has-stats", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_IS_LABEL] =
    g_param_spec_boolean ("is-label", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DATA_MIN] =
    g_param_spec_double ("data-min", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DATA_MAX] =
    g_param_spec_double ("data-max", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 1,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_GENERATION] =
    g_param_spec_uint ("generation", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHANNEL_SERIAL] =
    g_param_spec_uint ("channel-serial", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LABEL_SERIAL] =
    g_param_spec_uint ("label-serial", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
vs_layer_init (VsLayer *self)
{
  self->visible = TRUE;
  self->opacity = 1.0;
  self->colormap = VS_COLORMAP_GREY;
  self->range_is_auto = TRUE;
  self->interpolate = TRUE;
}

VsLayer *
vs_layer_new (VsVolume *volume)
{
  g_return_val_if_fail (VS_IS_VOLUME (volume), NULL);
  return g_object_new (VS_TYPE_LAYER, "volume", volume, NULL);
}

VsVolume *
vs_layer_get_volume (VsLayer *self)
{
  g_return_val_if_fail (VS_IS_LAYER (self), NULL);
  return self->volume;
}

const char *
vs_layer_get_name (VsLayer *self)
{
  g_return_val_if_fail (VS_IS_LAYER (self), NULL);
  return self->name;
}

void
vs_layer_set_name (VsLayer    *self,
                   const char *name)
{
  g_return_if_fail (VS_IS_LAYER (self));
  if (g_strcmp0 (self->name, name) == 0)
    return;
  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

gboolean
vs_layer_get_visible (VsLayer *self)
{
  g_return_val_if_fail (VS_IS_LAYER (self), FALSE);
  return self->visible;
}

void
vs_layer_set_visible (VsLayer  *self,
                      gboolean  visible)
{
  g_return_if_fail (VS_IS_LAYER (self));
  visible = !!visible;
  if (self->visible == visible)
    return;
  self->visible = visible;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VISIBLE]);
}

double
vs_layer_get_opacity (VsLayer *self)
{
  g_return_val_if_fail (VS_IS_LAYER (self), 1.0);
  return self->opacity;
}

void
vs_layer_set_opacity (VsLayer *self,
                      double   opacity)
{
  g_return_if_fail (VS_IS_LAYER (self));
  opacity = CLAMP (opacity, 0.0, 1.0);
  if (self->opacity == opacity)
    return;
  self->opacity = opacity;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPACITY]);
}

VsColormap
vs_layer_get_colormap (VsLayer *self)
{
  g_return_val_if_fail (VS_IS_LAYER (self), VS_COLORMAP_GREY);
  return self->colormap;
}

void
vs_layer_set_colormap (VsLayer    *self,
                       VsColormap  colormap)
{
  g_return_if_fail (VS_IS_LAYER (self));
  g_return_if_fail (colormap < VS_N_COLORMAPS);
  if (self->colormap == colormap)
    return;
  self->colormap = colormap;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLORMAP]);
}

double
vs_layer_get_display_min (VsLayer *self)
{
  g_return_val_if_fail (VS_IS_LAYER (self), 0);
  return self->display_min;
}

double
vs_layer_get_display_max (VsLayer *self)
{
  g_return_val_if_fail (VS_IS_LAYER (self), 1);
  return self->display_max;
}

static void
vs_layer_apply_range (VsLayer *self,
                      double   min,
                      double   max)
{
  if (!isfinite (min) || !isfinite (max))
    return;
  if (self->display_min != min)
    {
      self->display_min = min;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISPLAY_MIN]);
    }
  if (self->display_max != max)
    {
      self->display_max = max;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISPLAY_MAX]);
    }
}

/* A range the user chose is kept when the statistics arrive later. */
void
vs_layer_set_display_range (VsLayer *self,
                            double   min,
                            double   max)
{
  g_return_if_fail (VS_IS_LAYER (self));
  self->range_is_auto = FALSE;
  vs_layer_apply_range (self, min, max);
}

double
vs_layer_get_threshold (VsLayer *self)
{
  g_return_val_if_fail (VS_IS_LAYER (self), 0);
  return self->threshold;
}

void
vs_layer_set_threshold (VsLayer *self,
                        double   threshold)
{
  g_return_if_fail (VS_IS_LAYER (self));
  threshold = MAX (threshold, 0.0);
  if (self->threshold == threshold)
    return;
  self->threshold = threshold;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THRESHOLD]);
}

gboolean
vs_layer_get_interpolate (VsLayer *self)
{
  g_return_val_if_fail (VS_IS_LAYER (self), FALSE);
  return self->interpolate;
}

void
vs_layer_set_interpolate (VsLayer  *self,
                          gboolean  interpolate)
{
  g_return_if_fail (VS_IS_LAYER (self));
  interpolate = !!interpolate && !vs_layer_is_label (self);
  if (self->interpolate == interpolate)
    return;
  self->interpolate = interpolate;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERPOLATE]);
}

gboolean
vs_layer_get_label_outline (VsLayer *self)
{
  g_return_val_if_fail (VS_IS_LAYER (self), FALSE);
  return self->label_outline;
}

void
vs_layer_set_label_outline (VsLayer  *self,
                            gboolean  outline)
{
  g_return_if_fail (VS_IS_LAYER (self));
  outline = !!outline;
  if (self->label_outline == outline)
    return;
  self->label_outline = outline;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL_OUTLINE]);
}

gboolean
vs_layer_is_label (VsLayer *self)
{
  g_return_val_if_fail (VS_IS_LAYER (self), FALSE);
  return vs_volume_get_intent (self->volume) == VS_VOLUME_INTENT_LABEL;
}

const VsVolumeStats *
vs_layer_get_stats (VsLayer *self)
{
  g_return_val_if_fail (VS_IS_LAYER (self), NULL);
  return self->stats;
}

/* Takes @stats.  Sets the robust 2–98 % range unless the user already chose one. */
void
vs_layer_set_stats (VsLayer       *self,
                    VsVolumeStats *stats)
{
  g_return_if_fail (VS_IS_LAYER (self));
  g_return_if_fail (stats != NULL);

  g_clear_pointer (&self->stats, vs_volume_stats_free);
  self->stats = stats;
  if (self->range_is_auto)
    {
      if (vs_layer_is_label (self))
        vs_layer_apply_range (self, stats->min, stats->max);
      else
        vs_layer_apply_range (self, stats->robust_min, stats->robust_max);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATA_MIN]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATA_MAX]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_STATS]);
}

/* Replaces the voxels of the layer's volume by those of @source (same grid and type), e.g. a map
 * that fills in while an analysis runs; the views upload it again. */
void
vs_layer_replace_data (VsLayer  *self,
                       VsVolume *source)
{
  gint64 a[4], b[4];
  gsize bytes = 0;

  g_return_if_fail (VS_IS_LAYER (self));
  g_return_if_fail (VS_IS_VOLUME (source));
  vs_volume_get_dims (self->volume, a);
  vs_volume_get_dims (source, b);
  g_return_if_fail (memcmp (a, b, sizeof a) == 0 &&
                    vs_volume_get_datatype (self->volume) == vs_volume_get_datatype (source));

  vs_volume_check_size (vs_volume_get_datatype (source), b, &bytes, NULL);
  memcpy (vs_volume_get_data_mutable (self->volume), vs_volume_get_data (source), bytes);
  self->generation++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GENERATION]);
}

guint
vs_layer_get_generation (VsLayer *self)
{
  g_return_val_if_fail (VS_IS_LAYER (self), 0);
  return self->generation;
}

static void
channels_changed (VsLayer *self)
{
  self->channel_serial++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHANNEL_SERIAL]);
}

/* How many channels a composite of this layer shows: its frames, up to VS_LAYER_MAX_CHANNELS;
 * 0 when it cannot be one (one frame, labels, colour images). */
guint
vs_layer_get_n_channels (VsLayer *self)
{
  gint64 frames;

  g_return_val_if_fail (VS_IS_LAYER (self), 0);
  frames = vs_volume_get_n_frames (self->volume);
  if (frames < 2 || vs_layer_is_label (self) ||
      vs_volume_get_intent (self->volume) == VS_VOLUME_INTENT_RGB)
    return 0;
  return (guint) MIN (frames, VS_LAYER_MAX_CHANNELS);
}

/* Whether the channels show together (each in its colour, added) instead of one frame. */
gboolean
vs_layer_get_composite (VsLayer *self)
{
  g_return_val_if_fail (VS_IS_LAYER (self), FALSE);
  return self->composite && vs_layer_get_n_channels (self) > 0;
}

void
vs_layer_set_composite (VsLayer  *self,
                        gboolean  composite)
{
  g_return_if_fail (VS_IS_LAYER (self));
  composite = !!composite && vs_layer_get_n_channels (self) > 0;
  if (self->composite == composite)
    return;
  if (composite && self->channel_rgb[0][0] + self->channel_rgb[0][1] + self->channel_rgb[0][2] == 0)
    {
      /* Microscopy's usual: two channels green and magenta, three red, green and blue. */
      static const double two[2][3] = { { 0, 1, 0 }, { 1, 0, 1 } };
      static const double more[VS_LAYER_MAX_CHANNELS][3] = { { 1, 0, 0 }, { 0, 1, 0 },
                                                              { 0, 0.4, 1 }, { 1, 1, 1 } };
      guint n = vs_layer_get_n_channels (self);
      for (guint c = 0; c < VS_LAYER_MAX_CHANNELS; c++)
        memcpy (self->channel_rgb[c], n == 2 && c < 2 ? two[c] : more[c], sizeof (double[3]));
    }
  self->composite = composite;
  channels_changed (self);
}

void
vs_layer_get_channel_color (VsLayer *self,
                            guint    channel,
                            double   rgb[3])
{
  g_return_if_fail (VS_IS_LAYER (self) && channel < VS_LAYER_MAX_CHANNELS);
  memcpy (rgb, self->channel_rgb[channel], sizeof (double[3]));
}

void
vs_layer_set_channel_color (VsLayer      *self,
                            guint         channel,
                            const double  rgb[3])
{
  g_return_if_fail (VS_IS_LAYER (self) && channel < VS_LAYER_MAX_CHANNELS);
  memcpy (self->channel_rgb[channel], rgb, sizeof (double[3]));
  channels_changed (self);
}

/* A channel's display range: its own once set, else from its histogram once known, else the
 * layer's. */
void
vs_layer_get_channel_range (VsLayer *self,
                            guint    channel,
                            double  *min,
                            double  *max)
{
  g_return_if_fail (VS_IS_LAYER (self) && channel < VS_LAYER_MAX_CHANNELS);
  if (self->channel_range_set[channel])
    *min = self->channel_range[channel][0], *max = self->channel_range[channel][1];
  else if (self->channel_auto_set[channel])
    *min = self->channel_auto[channel][0], *max = self->channel_auto[channel][1];
  else
    *min = self->display_min, *max = self->display_max;
}

/* Whether @volume is shown as channels (2–4 frames of unsigned 8- or 16-bit values, not labels):
 * what deserves a histogram per channel. */
gboolean
vs_layer_volume_has_channels (VsVolume *volume)
{
  VsDatatype type = vs_volume_get_datatype (volume);
  gint64 frames = vs_volume_get_n_frames (volume);

  return (type == VS_DATATYPE_UINT8 || type == VS_DATATYPE_UINT16) && frames >= 2 &&
         frames <= VS_LAYER_MAX_CHANNELS &&
         vs_volume_get_intent (volume) != VS_VOLUME_INTENT_LABEL &&
         vs_volume_get_intent (volume) != VS_VOLUME_INTENT_RGB;
}

/* Whether the layer holds one mask per instance as frames (FISBe's gt_instances: 0 or 1 in
 * every voxel of every frame, by its first frame's histogram): ground truth, not an image. */
gboolean
vs_layer_is_mask_stack (VsLayer *self)
{
  g_return_val_if_fail (VS_IS_LAYER (self), FALSE);
  return vs_volume_get_n_frames (self->volume) >= 2 && !vs_layer_is_label (self) &&
         vs_datatype_is_integer (vs_volume_get_datatype (self->volume)) && self->stats != NULL &&
         self->stats->min >= 0 && self->stats->max <= 1;
}

/* The histograms of a multichannel volume's channels (NULL for any other volume). */
GPtrArray *
vs_layer_compute_channel_stats (VsVolume      *volume,
                                GCancellable  *cancellable,
                                GError       **error)
{
  g_autoptr(GPtrArray) all = NULL;

  if (!vs_layer_volume_has_channels (volume))
    return NULL;
  all = g_ptr_array_new_with_free_func ((GDestroyNotify) vs_volume_stats_free);
  for (gint64 c = 0; c < vs_volume_get_n_frames (volume); c++)
    {
      VsVolumeStats *stats = vs_volume_stats_compute (volume, c, NULL, cancellable, error);
      if (stats == NULL)
        return NULL;
      g_ptr_array_add (all, stats);
    }
  return g_steal_pointer (&all);
}

/* Each channel's default range from its histogram (@stats from vs_layer_compute_channel_stats):
 * from the median, the background of sparse fluorescence, to the 99.9th percentile, so the few
 * percent of bright structure fill the range instead of the noise. */
void
vs_layer_set_channel_stats (VsLayer   *self,
                            GPtrArray *stats)
{
  g_return_if_fail (VS_IS_LAYER (self));
  for (guint c = 0; stats != NULL && c < MIN (stats->len, VS_LAYER_MAX_CHANNELS); c++)
    {
      const VsVolumeStats *st = g_ptr_array_index (stats, c);
      self->channel_auto[c][0] = st->median;
      self->channel_auto[c][1] = st->bright > st->median ? st->bright : st->max;
      self->channel_auto_set[c] = TRUE;
    }
  channels_changed (self);
}

void
vs_layer_set_channel_range (VsLayer *self,
                            guint    channel,
                            double   min,
                            double   max)
{
  g_return_if_fail (VS_IS_LAYER (self) && channel < VS_LAYER_MAX_CHANNELS);
  self->channel_range[channel][0] = min;
  self->channel_range[channel][1] = max;
  self->channel_range_set[channel] = TRUE;
  channels_changed (self);
}

guint
vs_layer_get_channel_serial (VsLayer *self)
{
  g_return_val_if_fail (VS_IS_LAYER (self), 0);
  return self->channel_serial;
}
