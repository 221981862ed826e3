/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-layer"

#include "config.h"

#include <string.h>

#include "vs-instance-colors.h"
#include "vs-layer-private.h"

/* The instances of a label layer: colours of their own, hidden ones, the selected one; and the
 * boxes of edits made in place, so views upload only those. */

#define properties _vs_layer_properties

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


/* The colours of ids 0 … rows × 256 − 1 as RGBA rows of 256 for a texture: the table's colour,
 * else the layer's own (instances), else the palette's; alpha 0 for the instances not shown. */
guint8 *
vs_layer_build_label_color_rows (VsLayer *self,
                                 int     *rows_out)
{
  VsLabelTable *table = vs_volume_get_label_table (self->volume);
  guint32 max_id = table != NULL ? vs_label_table_get_max_id (table) : 0;
  guint8 *rgba;
  int rows;

  if (self->stats != NULL && self->stats->max > 0)
    max_id = MAX (max_id, (guint32) MIN (self->stats->max, 65535.0));
  rows = CLAMP ((int) (max_id / 256) + 1, 1, VS_LAYER_MAX_LABEL_ROWS);
  rgba = g_malloc0 ((gsize) rows * 256 * 4);
  for (guint32 id = 1; id < (guint32) rows * 256; id++)
    {
      vs_layer_get_label_color (self, id, rgba + id * 4);
      if (!vs_layer_label_is_shown (self, id))
        rgba[id * 4 + 3] = 0;
    }
  *rows_out = rows;
  return rgba;
}
