/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-voxel-top-stimuli"

#include "config.h"

#include <stdlib.h>

#include "vs-voxel-top-stimuli.h"

/* The top-k stimuli of each voxel by any per-stimulus value (predicted or measured response):
 * k frames of stimulus indices, and optionally k frames of the values themselves. */

typedef struct {
  double value;
  gsize  index;
} Ranked;

static int
compare_ranked (const void *a, const void *b)
{
  const Ranked *x = a, *y = b;
  if (x->value != y->value)
    return x->value > y->value ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

/* k frames of stimulus indices on @grid, −1 where nothing is ranked (voxels not fitted). */
VsVolume *
vs_voxel_top_stimuli_new (VsVolume *grid,
                          guint     k)
{
  VsVolume *out = vs_volume_new_like (grid, VS_DATATYPE_INT32, MAX (k, 1), NULL);
  gint32 *data = vs_volume_get_data_mutable (out);
  gsize n = vs_volume_get_frame_voxels (grid) * MAX (k, 1);

  for (gsize i = 0; i < n; i++)
    data[i] = -1;
  return out;
}

/* @values: stimuli × some voxels (@voxel_index gives their place in the grid); the k best
 * stimuli of each, best first, ties to the lower index, into @top, and their values into
 * @top_values (float32, as many frames) when not NULL. */
void
vs_voxel_top_stimuli_fill (VsVolume       *top,
                           VsVolume       *top_values,
                           const VsMatrix *values,
                           const gsize    *voxel_index)
{
  gsize n = values->rows, voxels = vs_volume_get_frame_voxels (top);
  guint k = (guint) MIN ((gsize) vs_volume_get_n_frames (top), n);
  g_autofree Ranked *ranked = g_new (Ranked, MAX (n, 1));
  gint32 *data = vs_volume_get_data_mutable (top);
  float *best = top_values != NULL ? vs_volume_get_data_mutable (top_values) : NULL;

  for (gsize j = 0; j < values->cols; j++)
    {
      for (gsize i = 0; i < n; i++)
        {
          ranked[i].value = vs_matrix_row (values, i)[j];
          ranked[i].index = i;
        }
      qsort (ranked, n, sizeof (Ranked), compare_ranked);
      for (guint r = 0; r < k; r++)
        {
          data[voxel_index[j] + r * voxels] = (gint32) ranked[r].index;
          if (best != NULL)
            best[voxel_index[j] + r * voxels] = (float) ranked[r].value;
        }
    }
}
