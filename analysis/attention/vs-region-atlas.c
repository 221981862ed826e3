/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-region-atlas"

#include "config.h"

#include <stdio.h>

#include "vs-label-table.h"
#include "vs-region-atlas.h"
#include "vs-surface-loader.h"

/* Regions that are not an atlas volume, made into one so every region analysis reads them the
 * same way: single voxels of the responses, or the vertex labels of vertex-wise responses. */

/* Single voxels as regions: a label volume on the responses' grid, label v + 1 at the v-th voxel,
 * named after it. */
VsVolume *
vs_region_atlas_from_voxels (VsVolume           *responses,
                             const char *const *voxels,
                             GError            **error)
{
  g_autoptr(VsVolume) atlas = vs_volume_new_like (responses, VS_DATATYPE_INT32, 1, error);
  g_autoptr(VsLabelTable) table = vs_label_table_new ();
  gint64 dims[4];

  if (atlas == NULL)
    return NULL;
  vs_volume_get_dims (responses, dims);
  for (guint v = 0; voxels[v] != NULL; v++)
    {
      gint64 i, j, k;
      guint8 rgba[4];
      g_autofree char *name = NULL;
      if (sscanf (voxels[v], "%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT,
                  &i, &j, &k) != 3 || i < 0 || j < 0 || k < 0 || i >= dims[0] || j >= dims[1] ||
          k >= dims[2])
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       ("voxel %s is not I,J,K inside the responses' %" G_GINT64_FORMAT "×%"
                         G_GINT64_FORMAT "×%" G_GINT64_FORMAT " grid"), voxels[v], dims[0],
                       dims[1], dims[2]);
          return NULL;
        }
      ((gint32 *) vs_volume_get_data_mutable (atlas))[i + dims[0] * (j + dims[1] * k)] =
        (gint32) v + 1;
      name = g_strdup_printf ("voxel %" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT,
                              i, j, k);
      vs_label_palette_color (v + 1, rgba);
      vs_label_table_add (table, v + 1, name, rgba);
    }
  vs_volume_set_label_table (atlas, table);
  return g_steal_pointer (&atlas);
}

/* Vertex labels as an atlas over the vertex "grid" of vertex-wise responses. */
VsVolume *
vs_region_atlas_from_vertex_data (VsVertexData  *labels,
                                  guint          n_vertices,
                                  GError       **error)
{
  const gint64 dims[4] = { n_vertices, 1, 1, 1 };
  g_autoptr(VsVolume) atlas = NULL;

  if (vs_vertex_data_get_n_vertices (labels) != n_vertices)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "%s labels %u vertices but the responses have %u",
                   vs_vertex_data_get_name (labels), vs_vertex_data_get_n_vertices (labels),
                   n_vertices);
      return NULL;
    }
  atlas = vs_volume_new (VS_DATATYPE_INT32, dims, error);
  if (atlas == NULL)
    return NULL;
  for (guint v = 0; v < n_vertices; v++)
    ((gint32 *) vs_volume_get_data_mutable (atlas))[v] =
      (gint32) vs_vertex_data_get_column (labels, 0)[v];
  if (vs_vertex_data_get_label_table (labels) != NULL)
    vs_volume_set_label_table (atlas, vs_vertex_data_get_label_table (labels));
  return g_steal_pointer (&atlas);
}

/* A vertex label file (.annot, .label.gii, …) as an atlas. */
VsVolume *
vs_region_atlas_from_vertex_file (const char  *path,
                                  guint        n_vertices,
                                  GError     **error)
{
  g_autoptr(VsVertexData) labels = vs_vertex_data_load (path, n_vertices, error);

  return labels != NULL ? vs_region_atlas_from_vertex_data (labels, n_vertices, error) : NULL;
}
