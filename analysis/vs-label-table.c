/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-label-table"

#include "config.h"

#include <math.h>
#include <string.h>

#include "vs-label-table.h"

struct _VsLabelTable
{
  GObject     parent_instance;
  GArray     *labels;   /* VsLabel, in the order read */
  GHashTable *by_id;    /* id → position + 1 */
  guint32     max_id;
};

G_DEFINE_FINAL_TYPE (VsLabelTable, vs_label_table, G_TYPE_OBJECT)

static void
vs_label_clear (gpointer data)
{
  VsLabel *label = data;
  g_clear_pointer (&label->name, g_free);
}

static void
vs_label_table_finalize (GObject *object)
{
  VsLabelTable *self = VS_LABEL_TABLE (object);

  g_clear_pointer (&self->labels, g_array_unref);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  G_OBJECT_CLASS (vs_label_table_parent_class)->finalize (object);
}

static void
vs_label_table_class_init (VsLabelTableClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vs_label_table_finalize;
}

static void
vs_label_table_init (VsLabelTable *self)
{
  self->labels = g_array_new (FALSE, TRUE, sizeof (VsLabel));
  g_array_set_clear_func (self->labels, vs_label_clear);
  self->by_id = g_hash_table_new (NULL, NULL);
}

VsLabelTable *
vs_label_table_new (void)
{
  return g_object_new (VS_TYPE_LABEL_TABLE, NULL);
}

/* A later entry with the same id replaces the earlier one, as FreeSurfer's reader does. */
void
vs_label_table_add (VsLabelTable *self,
                    guint32       id,
                    const char   *name,
                    const guint8  rgba[4])
{
  VsLabel label = { 0 };
  gpointer existing;

  g_return_if_fail (VS_IS_LABEL_TABLE (self));
  g_return_if_fail (name != NULL);

  label.id = id;
  label.name = g_strdup (name);
  if (rgba != NULL)
    memcpy (label.rgba, rgba, 4);

  existing = g_hash_table_lookup (self->by_id, GUINT_TO_POINTER (id));
  if (existing != NULL)
    {
      VsLabel *old = &g_array_index (self->labels, VsLabel, GPOINTER_TO_UINT (existing) - 1);
      vs_label_clear (old);
      *old = label;
      return;
    }
  g_array_append_val (self->labels, label);
  g_hash_table_insert (self->by_id, GUINT_TO_POINTER (id), GUINT_TO_POINTER (self->labels->len));
  self->max_id = MAX (self->max_id, id);
}

guint
vs_label_table_get_n_labels (VsLabelTable *self)
{
  g_return_val_if_fail (VS_IS_LABEL_TABLE (self), 0);
  return self->labels->len;
}

const VsLabel *
vs_label_table_get_nth (VsLabelTable *self,
                        guint         position)
{
  g_return_val_if_fail (VS_IS_LABEL_TABLE (self), NULL);
  g_return_val_if_fail (position < self->labels->len, NULL);
  return &g_array_index (self->labels, VsLabel, position);
}

const VsLabel *
vs_label_table_lookup (VsLabelTable *self,
                       guint32       id)
{
  guint position;

  g_return_val_if_fail (VS_IS_LABEL_TABLE (self), NULL);
  position = GPOINTER_TO_UINT (g_hash_table_lookup (self->by_id, GUINT_TO_POINTER (id)));
  if (position == 0)
    return NULL;
  return &g_array_index (self->labels, VsLabel, position - 1);
}

guint32
vs_label_table_get_max_id (VsLabelTable *self)
{
  g_return_val_if_fail (VS_IS_LABEL_TABLE (self), 0);
  return self->max_id;
}

/* Distinct colours for any id: hues spaced by the golden angle, so neighbouring ids differ. */
void
vs_label_palette_color (guint32 id,
                        guint8  rgba[4])
{
  double h = fmod (id * 0.618033988749895, 1.0) * 6.0;
  double s = 0.65 + 0.35 * ((id * 7) % 3) / 2.0;
  double v = 0.95 - 0.25 * ((id * 5) % 2);
  double f = h - floor (h), p = v * (1 - s), q = v * (1 - s * f), t = v * (1 - s * (1 - f));
  double r, g, b;

  switch ((int) h % 6)
    {
    case 0: r = v; g = t; b = p; break;
    case 1: r = q; g = v; b = p; break;
    case 2: r = p; g = v; b = t; break;
    case 3: r = p; g = q; b = v; break;
    case 4: r = t; g = p; b = v; break;
    default: r = v; g = p; b = q; break;
    }
  rgba[0] = (guint8) lround (r * 255);
  rgba[1] = (guint8) lround (g * 255);
  rgba[2] = (guint8) lround (b * 255);
  rgba[3] = 255;
}

/* Labels read from formats without colours (FSL XML) get palette colours. */
void
vs_label_table_fill_missing_colors (VsLabelTable *self)
{
  g_return_if_fail (VS_IS_LABEL_TABLE (self));

  for (guint i = 0; i < self->labels->len; i++)
    {
      VsLabel *label = &g_array_index (self->labels, VsLabel, i);
      if (label->rgba[3] == 0)
        vs_label_palette_color (label->id, label->rgba);
    }
}
