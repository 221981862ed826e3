/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-layer"

#include "config.h"

#include <string.h>

#include <math.h>

#include "vs-instance-colors.h"
#include "vs-layer.h"

/* How one volume is drawn.  The volume is shared and never changed here; every display setting is
 * a property so the layer list binds to it and the views redraw on notify. */

struct _VsLayer
{
  GObject        parent_instance;
  VsVolume      *volume;
  char          *name;
  gboolean       visible;
  double         opacity;
  VsColormap     colormap;
  double         display_min;
  double         display_max;
  gboolean       range_is_auto;   /* replaced by the robust range when the stats arrive */
  double         threshold;
  gboolean       interpolate;
  gboolean       label_outline;
  VsVolumeStats *stats;
  guint          generation;      /* bumped when the voxel data changes (edits, streamed results) */
  /* Instances of a label layer: colours of their own (ids 0…n_label_colors−1), the hidden ones,
   * the selected one, and whether only that one shows; label_serial counts their changes. */
  guint8        *label_colors;
  guint32        n_label_colors;
  GHashTable    *hidden_labels;
  guint32        selected_label;
  gboolean       only_selected;
  guint          label_serial;
  /* The boxes (voxels, inclusive) of the last edits, by generation, so views upload only them. */
  GArray        *edits;
};

typedef struct {
  guint  generation;
  gint64 lo[3], hi[3];
} EditBox;

#define MAX_EDIT_BOXES 64

G_DEFINE_FINAL_TYPE (VsLayer, vs_layer, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_VOLUME,
  PROP_NAME,
  PROP_VISIBLE,
  PROP_OPACITY,
  PROP_COLORMAP,
  PROP_DISPLAY_MIN,
  PROP_DISPLAY_MAX,
  PROP_THRESHOLD,
  PROP_INTERPOLATE,
  PROP_LABEL_OUTLINE,
  PROP_HAS_STATS,
  PROP_IS_LABEL,
  PROP_DATA_MIN,
  PROP_DATA_MAX,
  PROP_GENERATION,
  PROP_LABEL_SERIAL,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

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
label_display_changed (VsLayer *self)
{
  self->label_serial++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL_SERIAL]);
}

/* Takes @rgba: a colour per id 0…@n_ids−1 (touching instances apart), over the palette's. */
void
vs_layer_set_label_colors (VsLayer *self,
                           guint8  *rgba,
                           guint32  n_ids)
{
  g_return_if_fail (VS_IS_LAYER (self));
  g_free (self->label_colors);
  self->label_colors = rgba;
  self->n_label_colors = rgba != NULL ? n_ids : 0;
  label_display_changed (self);
}

const guint8 *
vs_layer_get_label_colors (VsLayer *self,
                           guint32 *n_ids)
{
  g_return_val_if_fail (VS_IS_LAYER (self), NULL);
  *n_ids = self->n_label_colors;
  return self->label_colors;
}

void
vs_layer_set_label_hidden (VsLayer *self,
                           guint32  id,
                           gboolean hidden)
{
  g_return_if_fail (VS_IS_LAYER (self));
  if (vs_layer_get_label_hidden (self, id) == !!hidden)
    return;
  if (self->hidden_labels == NULL)
    self->hidden_labels = g_hash_table_new (g_direct_hash, g_direct_equal);
  if (hidden)
    g_hash_table_add (self->hidden_labels, GUINT_TO_POINTER (id));
  else
    g_hash_table_remove (self->hidden_labels, GUINT_TO_POINTER (id));
  label_display_changed (self);
}

gboolean
vs_layer_get_label_hidden (VsLayer *self,
                           guint32  id)
{
  g_return_val_if_fail (VS_IS_LAYER (self), FALSE);
  return self->hidden_labels != NULL &&
         g_hash_table_contains (self->hidden_labels, GUINT_TO_POINTER (id));
}

/* The hidden ids, ascending (for scenes). */
GArray *
vs_layer_dup_hidden_labels (VsLayer *self)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (guint32));
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (VS_IS_LAYER (self), ids);
  if (self->hidden_labels != NULL)
    {
      g_hash_table_iter_init (&iter, self->hidden_labels);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          guint32 id = GPOINTER_TO_UINT (key);
          g_array_append_val (ids, id);
        }
    }
  g_array_sort (ids, (GCompareFunc) vs_layer_compare_ids);
  return ids;
}

int
vs_layer_compare_ids (const guint32 *a,
                      const guint32 *b)
{
  return *a < *b ? -1 : *a > *b;
}

void
vs_layer_set_selected_label (VsLayer *self,
                             guint32  id)
{
  g_return_if_fail (VS_IS_LAYER (self));
  if (self->selected_label == id)
    return;
  self->selected_label = id;
  label_display_changed (self);
}

guint32
vs_layer_get_selected_label (VsLayer *self)
{
  g_return_val_if_fail (VS_IS_LAYER (self), 0);
  return self->selected_label;
}

void
vs_layer_set_only_selected (VsLayer *self,
                            gboolean only)
{
  g_return_if_fail (VS_IS_LAYER (self));
  if (self->only_selected == !!only)
    return;
  self->only_selected = !!only;
  label_display_changed (self);
}

gboolean
vs_layer_get_only_selected (VsLayer *self)
{
  g_return_val_if_fail (VS_IS_LAYER (self), FALSE);
  return self->only_selected;
}

/* Whether instance @id is drawn: not hidden, and the selected one when only that one shows. */
gboolean
vs_layer_label_is_shown (VsLayer *self,
                         guint32  id)
{
  g_return_val_if_fail (VS_IS_LAYER (self), FALSE);
  if (self->only_selected && id != self->selected_label)
    return FALSE;
  return !vs_layer_get_label_hidden (self, id);
}

guint
vs_layer_get_label_serial (VsLayer *self)
{
  g_return_val_if_fail (VS_IS_LAYER (self), 0);
  return self->label_serial;
}

/* A label layer without a table of colours: its instances want colours of their own. */
gboolean
vs_layer_wants_instance_colors (VsLayer *self)
{
  g_return_val_if_fail (VS_IS_LAYER (self), FALSE);
  return vs_layer_is_label (self) && vs_volume_get_label_table (self->volume) == NULL;
}

/* Computes them now, when wanted (the command line; the window does it in a job). */
void
vs_layer_color_instances (VsLayer *self)
{
  guint32 n_ids = 0;
  guint8 *rgba;

  g_return_if_fail (VS_IS_LAYER (self));
  if (!vs_layer_wants_instance_colors (self))
    return;
  rgba = vs_instance_colors_compute (self->volume, 0, &n_ids, NULL, NULL);
  if (rgba != NULL)
    vs_layer_set_label_colors (self, rgba, n_ids);
}

/* The colour instance @id is drawn in: the label table's, else the layer's own, else the
 * palette's (alpha as the table gives it; visibility aside). */
void
vs_layer_get_label_color (VsLayer *self,
                          guint32  id,
                          guint8   rgba[4])
{
  VsLabelTable *table;
  const VsLabel *label;

  g_return_if_fail (VS_IS_LAYER (self));
  table = vs_volume_get_label_table (self->volume);
  label = table != NULL ? vs_label_table_lookup (table, id) : NULL;
  if (label != NULL)
    memcpy (rgba, label->rgba, 4);
  else if (id < self->n_label_colors)
    memcpy (rgba, self->label_colors + 4 * id, 4);
  else
    vs_label_palette_color (id, rgba);
}

/* The voxels in the box @lo…@hi (inclusive) of the volume were changed in place (an edit):
 * the views upload that box again. */
void
vs_layer_mark_edited (VsLayer      *self,
                      const gint64  lo[3],
                      const gint64  hi[3])
{
  EditBox box;

  g_return_if_fail (VS_IS_LAYER (self));
  if (self->edits == NULL)
    self->edits = g_array_new (FALSE, FALSE, sizeof (EditBox));
  if (self->edits->len == MAX_EDIT_BOXES)
    g_array_remove_index (self->edits, 0);
  box.generation = ++self->generation;
  memcpy (box.lo, lo, sizeof box.lo);
  memcpy (box.hi, hi, sizeof box.hi);
  g_array_append_val (self->edits, box);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GENERATION]);
}

/* Whether everything that changed since @generation lies in edit boxes still known; their
 * union in @lo…@hi. */
gboolean
vs_layer_get_edits_since (VsLayer *self,
                          guint    generation,
                          gint64   lo[3],
                          gint64   hi[3])
{
  guint first;

  g_return_val_if_fail (VS_IS_LAYER (self), FALSE);
  if (self->edits == NULL || self->edits->len == 0 || generation >= self->generation)
    return FALSE;
  /* Every generation after @generation must be an edit on the list. */
  first = self->edits->len - (self->generation - generation);
  if (self->generation - generation > self->edits->len ||
      g_array_index (self->edits, EditBox, first).generation != generation + 1)
    return FALSE;
  for (int a = 0; a < 3; a++)
    {
      lo[a] = G_MAXINT64;
      hi[a] = G_MININT64;
    }
  for (guint i = first; i < self->edits->len; i++)
    {
      const EditBox *box = &g_array_index (self->edits, EditBox, i);
      for (int a = 0; a < 3; a++)
        {
          lo[a] = MIN (lo[a], box->lo[a]);
          hi[a] = MAX (hi[a], box->hi[a]);
        }
    }
  return TRUE;
}
