/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-vertex-responses"

#include "config.h"

#include <string.h>

#include "vs-analysis-error.h"
#include "vs-gifti-reader.h"
#include "vs-vertex-responses.h"

/* Vertex-wise responses: GIFTI func files, one per hemisphere, each with one data array (column)
 * per presentation.  The hemispheres' vertices are laid side by side as a ΣV × 1 × 1 "grid" with
 * one frame per presentation, so every analysis runs on them unchanged and its maps split back
 * per hemisphere at @n_vertices. */

gboolean
vs_vertex_responses_is_path (const char *path)
{
  return g_str_has_suffix (path, ".gii");
}

VsVolume *
vs_vertex_responses_read (const char *const *paths,
                          guint              n_paths,
                          guint             *n_vertices,
                          GError           **error)
{
  g_autoptr(GPtrArray) hemispheres = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 dims[4] = { 0, 1, 1, 0 };
  VsVolume *volume;
  float *y;
  gsize offset = 0;

  for (guint h = 0; h < n_paths; h++)
    {
      VsVertexData *data = vs_gifti_read_vertex_data (paths[h], error);
      guint columns;

      if (data == NULL)
        return NULL;
      g_ptr_array_add (hemispheres, data);
      columns = vs_vertex_data_get_n_columns (data);
      if (h > 0 && (gint64) columns != dims[3])
        {
          g_autofree char *a = g_path_get_basename (paths[0]);
          g_autofree char *b = g_path_get_basename (paths[h]);
          g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_INVALID_ARGUMENT,
                       "%s has %u presentations but %s has %" G_GINT64_FORMAT "; the hemispheres "
                       "must hold the same presentations", b, columns, a, dims[3]);
          return NULL;
        }
      dims[3] = columns;
      n_vertices[h] = vs_vertex_data_get_n_vertices (data);
      dims[0] += n_vertices[h];
    }
  volume = vs_volume_new (VS_DATATYPE_FLOAT32, dims, error);
  if (volume == NULL)
    return NULL;
  y = vs_volume_get_data_mutable (volume);
  for (guint h = 0; h < n_paths; h++)
    {
      VsVertexData *data = g_ptr_array_index (hemispheres, h);
      for (gint64 s = 0; s < dims[3]; s++)
        memcpy (y + s * dims[0] + offset, vs_vertex_data_get_column (data, (guint) s),
                n_vertices[h] * sizeof (float));
      offset += n_vertices[h];
    }
  vs_volume_set_path (volume, paths[0]);
  return volume;
}
