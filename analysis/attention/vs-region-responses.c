/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-region-responses"

#include "config.h"

#include <math.h>

#include "vs-analysis-error.h"
#include "vs-datatype.h"
#include "vs-region-responses.h"

/* The mean response of every atlas region to every presentation: response voxels are assigned
 * to the label at their centre (sampled in world space, so the atlas may have any grid); voxels
 * with a non-finite value anywhere are left out.  Returns n × R values, with the labels (guint32,
 * ascending) and each region's voxel count; regions with no voxel are not included. */
static int
compare_labels (gconstpointer a, gconstpointer b)
{
  guint32 x = *(const guint32 *) a, z = *(const guint32 *) b;
  return (x > z) - (x < z);
}

double *
vs_region_responses (VsVolume  *responses,
                     VsVolume  *atlas,
                     GArray   **labels,
                     GArray   **voxel_counts,
                     GError   **error)
{
  gint64 dims[4];
  gsize frame = vs_volume_get_frame_voxels (responses), n;
  g_autoptr(GHashTable) column_of = g_hash_table_new (NULL, NULL);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) counts = g_array_new (FALSE, TRUE, sizeof (guint));
  g_autofree gint32 *label_of = g_new (gint32, frame);
  double slope, intercept, *y;
  VsDatatype type = vs_volume_get_datatype (responses);
  gconstpointer data = vs_volume_get_data (responses);

  vs_volume_get_dims (responses, dims);
  vs_volume_get_scaling (responses, &slope, &intercept);
  n = (gsize) dims[3];
  /* Which label each response voxel belongs to. */
  for (gsize v = 0; v < frame; v++)
    {
      double ijk[3] = { (double) (v % dims[0]), (double) ((v / dims[0]) % dims[1]),
                        (double) (v / (dims[0] * dims[1])) }, xyz[3], value;
      gboolean finite = TRUE;
      label_of[v] = -1;
      vs_volume_voxel_to_world (responses, ijk, xyz);
      if (!vs_volume_sample_world (atlas, xyz, 0, &value, NULL) || value <= 0)
        continue;
      for (gsize s = 0; s < n && finite; s++)
        finite = isfinite (vs_datatype_read (type, data, v + s * frame));
      if (finite)
        label_of[v] = (gint32) value;
    }
  for (gsize v = 0; v < frame; v++)
    if (label_of[v] > 0 && !g_hash_table_contains (column_of, GINT_TO_POINTER (label_of[v])))
      {
        guint32 id = (guint32) label_of[v];
        g_hash_table_insert (column_of, GINT_TO_POINTER (label_of[v]), NULL);
        g_array_append_val (ids, id);
      }
  if (ids->len == 0)
    {
      g_set_error_literal (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_INVALID_ARGUMENT,
                           "no response voxel lies in a labelled region of the atlas (do they "
                           "share a space?)");
      return NULL;
    }
  g_array_sort (ids, compare_labels);
  for (guint c = 0; c < ids->len; c++)
    g_hash_table_insert (column_of, GINT_TO_POINTER (g_array_index (ids, guint32, c)),
                         GUINT_TO_POINTER (c));
  g_array_set_size (counts, ids->len);
  y = g_new0 (double, n * ids->len);
  for (gsize v = 0; v < frame; v++)
    {
      guint c;
      if (label_of[v] <= 0)
        continue;
      c = GPOINTER_TO_UINT (g_hash_table_lookup (column_of, GINT_TO_POINTER (label_of[v])));
      g_array_index (counts, guint, c)++;
      for (gsize s = 0; s < n; s++)
        y[s * ids->len + c] += vs_datatype_read (type, data, v + s * frame) * slope + intercept;
    }
  for (gsize s = 0; s < n; s++)
    for (guint c = 0; c < ids->len; c++)
      y[s * ids->len + c] /= g_array_index (counts, guint, c);
  *labels = g_steal_pointer (&ids);
  *voxel_counts = g_steal_pointer (&counts);
  return y;
}
