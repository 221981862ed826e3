/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-npy-writer"

#include "config.h"

#include <string.h>

#include "vs-analysis-error.h"
#include "vs-file-saver.h"
#include "vs-npy-writer.h"

/* Maps of vertex data go out as NumPy arrays: voxels [first, first + count) of every frame, shape
 * (count,) for one frame and (frames, count) otherwise — weights come out as n_features ×
 * n_vertices, like himalaya's coef_.  NPY format 1.0, little-endian, C order, written through a
 * temporary file that replaces the target only when complete. */

gboolean
vs_npy_write_voxels (VsVolume    *map,
                     gsize        first,
                     gsize        count,
                     const char  *path,
                     GError     **error)
{
  g_autofree char *display = g_path_get_basename (path);
  g_autoptr(VsFileSaver) saver = NULL;
  g_autoptr(GError) local = NULL;
  GOutputStream *stream;
  g_autoptr(GString) header = g_string_new (NULL);
  VsDatatype type = vs_volume_get_datatype (map);
  gsize size = vs_datatype_get_size (type), voxels = vs_volume_get_frame_voxels (map);
  gint64 frames = vs_volume_get_n_frames (map);
  const guint8 *data = vs_volume_get_data (map);
  guint8 magic[8] = { 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0 };
  guint16 header_len;

  g_return_val_if_fail (first + count <= voxels, FALSE);
  if (vs_datatype_get_numpy_descr (type) == NULL || G_BYTE_ORDER != G_LITTLE_ENDIAN)
    {
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_NOT_SUPPORTED,
                   "%s: this map's data type cannot be written as .npy", display);
      return FALSE;
    }
  if (frames == 1)
    g_string_printf (header, "{'descr': '%s', 'fortran_order': False, 'shape': (%" G_GSIZE_FORMAT
                     ",), }", vs_datatype_get_numpy_descr (type), count);
  else
    g_string_printf (header, "{'descr': '%s', 'fortran_order': False, 'shape': (%" G_GINT64_FORMAT
                     ", %" G_GSIZE_FORMAT "), }", vs_datatype_get_numpy_descr (type), frames, count);
  /* Padded with spaces and a newline so the data start at a multiple of 64 bytes. */
  while ((10 + header->len + 1) % 64 != 0)
    g_string_append_c (header, ' ');
  g_string_append_c (header, '\n');
  header_len = GUINT16_TO_LE ((guint16) header->len);

  saver = vs_file_saver_begin (path, error);
  if (saver == NULL)
    return FALSE;
  stream = vs_file_saver_get_stream (saver);
  if (!g_output_stream_write_all (stream, magic, 8, NULL, NULL, &local) ||
      !g_output_stream_write_all (stream, &header_len, 2, NULL, NULL, &local) ||
      !g_output_stream_write_all (stream, header->str, header->len, NULL, NULL, &local))
    {
      vs_file_saver_fail (g_steal_pointer (&saver), error, local);
      return FALSE;
    }
  for (gint64 f = 0; f < frames; f++)
    if (!g_output_stream_write_all (stream, data + ((gsize) f * voxels + first) * size,
                                    count * size, NULL, NULL, &local))
      {
        vs_file_saver_fail (g_steal_pointer (&saver), error, local);
        return FALSE;
      }
  return vs_file_saver_commit (g_steal_pointer (&saver), error);
}
