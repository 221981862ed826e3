/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-instance-set"

#include "config.h"

#include <string.h>

#include "vs-instance-set.h"
#include "vs-skeleton.h"

/* The instances of a segmentation as sorted voxel lists (memory follows the neurons, not the
 * volume): the labels of a label volume, or the frames of a volume holding one mask per neuron
 * (which may overlap, as FISBe's ground truth does), with their skeletons when asked. */

static void
instance_clear (gpointer data)
{
  VsInstance *inst = data;

  g_free (inst->voxels);
  g_free (inst->skeleton);
}

/* Where @voxel is in @sorted (n voxel indices in increasing order), or @n when absent. */
gsize
vs_instance_find (const gsize *sorted,
                  gsize        n,
                  gsize        voxel)
{
  gsize lo = 0, hi = n;

  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;
      if (sorted[mid] < voxel)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo < n && sorted[lo] == voxel ? lo : n;
}

gboolean
vs_instance_contains (const gsize *sorted,
                      gsize        n,
                      gsize        voxel)
{
  return vs_instance_find (sorted, n, voxel) < n;
}

/* The skeleton of one instance, computed on its bounding box. */
static void
skeletonize_instance (VsInstance *inst, const gint64 dims[3])
{
  gint64 lo[3] = { G_MAXINT64, G_MAXINT64, G_MAXINT64 }, hi[3] = { -1, -1, -1 }, box[3];
  g_autofree guint8 *mask = NULL, *skeleton = NULL;
  gsize count = 0, k = 0;

  for (gsize i = 0; i < inst->n; i++)
    {
      gint64 c[3] = { (gint64) (inst->voxels[i] % (gsize) dims[0]),
                      (gint64) (inst->voxels[i] / (gsize) dims[0] % (gsize) dims[1]),
                      (gint64) (inst->voxels[i] / ((gsize) dims[0] * (gsize) dims[1])) };
      for (int a = 0; a < 3; a++)
        {
          lo[a] = MIN (lo[a], c[a]);
          hi[a] = MAX (hi[a], c[a]);
        }
    }
  if (inst->n == 0)
    return;
  for (int a = 0; a < 3; a++)
    box[a] = hi[a] - lo[a] + 1;
  mask = g_malloc0 ((gsize) (box[0] * box[1] * box[2]));
  for (gsize i = 0; i < inst->n; i++)
    {
      gint64 x = (gint64) (inst->voxels[i] % (gsize) dims[0]) - lo[0];
      gint64 y = (gint64) (inst->voxels[i] / (gsize) dims[0] % (gsize) dims[1]) - lo[1];
      gint64 z = (gint64) (inst->voxels[i] / ((gsize) dims[0] * (gsize) dims[1])) - lo[2];
      mask[x + box[0] * (y + box[1] * z)] = 1;
    }
  skeleton = vs_skeletonize (mask, box, &count);
  inst->skeleton = g_new (gsize, MAX (count, 1));
  /* Scan order of the box is scan order of the volume: the list comes out sorted. */
  for (gint64 z = 0; z < box[2]; z++)
    for (gint64 y = 0; y < box[1]; y++)
      for (gint64 x = 0; x < box[0]; x++)
        if (skeleton[x + box[0] * (y + box[1] * z)])
          inst->skeleton[k++] = (gsize) ((x + lo[0]) + dims[0] * ((y + lo[1]) + dims[1] * (z + lo[2])));
  inst->n_skeleton = k;
}

static gint
compare_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

/* Instances of @volume: its labels in increasing order, or its frames when it has several;
 * with @skeletons, each one's skeleton too. */
gboolean
vs_instance_set_init (VsVolume *volume, VsInstanceSet *set, gboolean skeletons, GCancellable *cancellable,
              GError **error)
{
  gint64 dims[4];
  gsize n;
  VsDatatype type = vs_volume_get_datatype (volume);

  vs_volume_get_dims (volume, dims);
  n = vs_volume_get_frame_voxels (volume);
  set->items = g_array_new (FALSE, TRUE, sizeof (VsInstance));
  g_array_set_clear_func (set->items, instance_clear);
  set->overlap = FALSE;

  if (dims[3] > 1)
    {
      /* One mask per frame. */
      g_autofree guint8 *seen = g_malloc0 (n);
      for (gint64 f = 0; f < dims[3]; f++)
        {
          gconstpointer frame = vs_volume_get_frame_data (volume, f);
          VsInstance inst = { (double) f + 1, 0, NULL, 0, NULL };
          for (gsize i = 0; i < n; i++)
            inst.n += vs_datatype_read (type, frame, i) != 0;
          inst.voxels = g_new (gsize, MAX (inst.n, 1));
          inst.n = 0;
          for (gsize i = 0; i < n; i++)
            if (vs_datatype_read (type, frame, i) != 0)
              {
                inst.voxels[inst.n++] = i;
                set->overlap |= seen[i];
                seen[i] = 1;
              }
          g_array_append_val (set->items, inst);
        }
    }
  else
    {
      /* The distinct labels, numbered in increasing order. */
      gconstpointer data = vs_volume_get_data (volume);
      g_autoptr(GHashTable) rank = g_hash_table_new_full (g_double_hash, g_double_equal, g_free,
                                                          NULL);
      g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
      g_autofree gsize *filled = NULL;

      for (gsize i = 0; i < n; i++)
        {
          double v = vs_datatype_read (type, data, i);
          if (v != 0 && !g_hash_table_contains (rank, &v))
            {
              g_hash_table_insert (rank, g_memdup2 (&v, sizeof v), NULL);
              g_array_append_val (values, v);
            }
        }
      g_array_sort (values, compare_double);
      for (guint k = 0; k < values->len; k++)
        g_hash_table_insert (rank, g_memdup2 (&g_array_index (values, double, k), sizeof (double)),
                             GUINT_TO_POINTER (k + 1));
      g_array_set_size (set->items, values->len);
      for (gsize i = 0; i < n; i++)
        {
          double v = vs_datatype_read (type, data, i);
          if (v != 0)
            g_array_index (set->items, VsInstance,
                           GPOINTER_TO_UINT (g_hash_table_lookup (rank, &v)) - 1).n++;
        }
      filled = g_new0 (gsize, MAX (values->len, 1));
      for (guint k = 0; k < values->len; k++)
        {
          VsInstance *inst = &g_array_index (set->items, VsInstance, k);
          inst->label = g_array_index (values, double, k);
          inst->voxels = g_new (gsize, MAX (inst->n, 1));
        }
      for (gsize i = 0; i < n; i++)
        {
          double v = vs_datatype_read (type, data, i);
          if (v != 0)
            {
              guint k = GPOINTER_TO_UINT (g_hash_table_lookup (rank, &v)) - 1;
              g_array_index (set->items, VsInstance, k).voxels[filled[k]++] = i;
            }
        }
    }
  for (guint k = 0; k < set->items->len && skeletons; k++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      skeletonize_instance (&g_array_index (set->items, VsInstance, k), dims);
    }
  return TRUE;
}

void
vs_instance_set_clear (VsInstanceSet *set)
{
  g_clear_pointer (&set->items, g_array_unref);
}
