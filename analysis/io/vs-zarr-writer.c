/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-zarr-writer"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <zlib.h>

#include "vs-datatype.h"
#include "vs-file-saver.h"
#include "vs-zarr-writer.h"

/* A volume as a Zarr v2 array folder (what FISBe and napari read): shape (C,) Z, Y, X in C order,
 * 64³ chunks compressed with zlib, little-endian, fill value 0; .zattrs has the voxel size as
 * "resolution" (Z, Y, X) and, for labels, "intent": "labels" so they open as labels again.  The
 * folder is written beside under a temporary name and renamed into place, so an existing array
 * at @path is replaced whole or not at all. */

#define CHUNK 64

static gboolean
write_file (const char *dir, const char *name, const void *data, gsize size, GError **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  return g_file_set_contents (path, data, (gssize) size, error);
}

/* The names and colours of the labels, as "label_table": [{"id", "name", "rgb"}, …]. */
static void
append_label_table (GString *zattrs, VsLabelTable *table)
{
  if (table == NULL || vs_label_table_get_n_labels (table) == 0)
    return;
  g_string_append (zattrs, ",\n  \"label_table\": [");
  for (guint i = 0; i < vs_label_table_get_n_labels (table); i++)
    {
      const VsLabel *l = vs_label_table_get_nth (table, i);
      g_autoptr(JsonNode) name = json_node_init_string (json_node_alloc (), l->name);
      g_autofree char *quoted = json_to_string (name, FALSE);
      g_string_append_printf (zattrs, "%s\n    {\"id\": %u, \"name\": %s, \"rgb\": [%u, %u, %u]}",
                              i > 0 ? "," : "", l->id, quoted, l->rgba[0], l->rgba[1], l->rgba[2]);
    }
  g_string_append (zattrs, "\n  ]");
}

/* The chunks of frame @c (or of the whole 3D volume when @channels is FALSE). */
static gboolean
write_chunks (VsVolume *volume, const char *dir, gboolean channels, GError **error)
{
  gint64 dims[4];
  gsize size = vs_datatype_get_size (vs_volume_get_datatype (volume));
  g_autofree guint8 *chunk = g_malloc ((gsize) CHUNK * CHUNK * CHUNK * size);
  g_autofree guint8 *packed = g_malloc (compressBound ((uLong) CHUNK * CHUNK * CHUNK * size));

  vs_volume_get_dims (volume, dims);
  for (gint64 c = 0; c < dims[3]; c++)
    {
      const guint8 *frame = vs_volume_get_frame_data (volume, c);
      for (gint64 cz = 0; cz * CHUNK < dims[2]; cz++)
        for (gint64 cy = 0; cy * CHUNK < dims[1]; cy++)
          for (gint64 cx = 0; cx * CHUNK < dims[0]; cx++)
            {
              g_autofree char *name = channels
                ? g_strdup_printf ("%" G_GINT64_FORMAT ".%" G_GINT64_FORMAT ".%" G_GINT64_FORMAT
                                   ".%" G_GINT64_FORMAT, c, cz, cy, cx)
                : g_strdup_printf ("%" G_GINT64_FORMAT ".%" G_GINT64_FORMAT ".%" G_GINT64_FORMAT,
                                   cz, cy, cx);
              uLongf packed_size = compressBound ((uLong) CHUNK * CHUNK * CHUNK * size);
              gboolean empty = TRUE;

              /* Whole chunks, the parts beyond the volume's edge filled with 0. */
              memset (chunk, 0, (gsize) CHUNK * CHUNK * CHUNK * size);
              for (gint64 z = 0; z < CHUNK && cz * CHUNK + z < dims[2]; z++)
                for (gint64 y = 0; y < CHUNK && cy * CHUNK + y < dims[1]; y++)
                  {
                    gint64 x0 = cx * CHUNK, n = MIN (CHUNK, dims[0] - x0);
                    const guint8 *from = frame + (gsize) (((cz * CHUNK + z) * dims[1] +
                                                          cy * CHUNK + y) * dims[0] + x0) * size;
                    guint8 *to = chunk + (gsize) ((z * CHUNK + y) * CHUNK) * size;
                    memcpy (to, from, (gsize) n * size);
                    for (gsize b = 0; b < (gsize) n * size && empty; b++)
                      empty = from[b] == 0;
                  }
              if (empty)
                continue;   /* a missing chunk reads as the fill value */
              if (compress2 (packed, &packed_size, chunk, (uLong) CHUNK * CHUNK * CHUNK * size,
                             1) != Z_OK)
                {
                  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                                       "zlib could not compress a chunk");
                  return FALSE;
                }
              if (!write_file (dir, name, packed, packed_size, error))
                return FALSE;
            }
    }
  return TRUE;
}

gboolean
vs_zarr_write (VsVolume    *volume,
               const char  *path,
               GError     **error)
{
  const char *dtype = vs_datatype_get_numpy_descr (vs_volume_get_datatype (volume));
  g_autofree char *parent = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *template = g_strconcat (base, ".tmp-XXXXXX", NULL);
  g_autofree char *tmp = g_build_filename (parent, template, NULL);
  g_autofree char *old = NULL;
  g_autoptr(GString) zarray = g_string_new (NULL);
  g_autoptr(GString) zattrs = g_string_new (NULL);
  g_autoptr(GError) local = NULL;
  gint64 dims[4];
  double size[3];
  gboolean channels;

  vs_volume_get_dims (volume, dims);
  vs_volume_get_voxel_size (volume, size);
  channels = dims[3] > 1;
  if (dtype == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("%s: Zarr holds numbers; save colour images as NIfTI"), path);
      return FALSE;
    }
  if (g_mkdtemp (tmp) == NULL)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not save %s: %s"), path, g_strerror (saved));
      return FALSE;
    }
  g_string_append (zarray, "{\n  \"zarr_format\": 2,\n  \"shape\": [");
  if (channels)
    g_string_append_printf (zarray, "%" G_GINT64_FORMAT ", ", dims[3]);
  g_string_append_printf (zarray, "%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT
                          "],\n  \"chunks\": [%s%d, %d, %d],\n", dims[2], dims[1], dims[0],
                          channels ? "1, " : "", CHUNK, CHUNK, CHUNK);
  g_string_append_printf (zarray, "  \"dtype\": \"%s\",\n  \"compressor\": {\"id\": \"zlib\", "
                          "\"level\": 1},\n  \"fill_value\": 0,\n  \"order\": \"C\",\n"
                          "  \"filters\": null\n}\n", dtype);
  g_string_append_printf (zattrs, "{\n  \"resolution\": [%.17g, %.17g, %.17g]", size[2], size[1],
                          size[0]);
  {
    const char *unit = g_str_equal (vs_volume_get_spatial_unit (volume), "µm")
                       ? "um" : vs_volume_get_spatial_unit (volume);
    g_string_append_printf (zattrs, ",\n  \"units\": [\"%s\", \"%s\", \"%s\"]", unit, unit, unit);
  }
  if (vs_volume_get_intent (volume) == VS_VOLUME_INTENT_LABEL)
    g_string_append (zattrs, ",\n  \"intent\": \"labels\"");
  append_label_table (zattrs, vs_volume_get_label_table (volume));
  g_string_append (zattrs, "\n}\n");
  if (!write_file (tmp, ".zarray", zarray->str, zarray->len, &local) ||
      !write_file (tmp, ".zattrs", zattrs->str, zattrs->len, &local) ||
      !write_chunks (volume, tmp, channels, &local))
    {
      vs_file_remove_tree (tmp);
      g_set_error (error, local->domain, local->code, _("Could not save %s: %s"), path,
                   local->message);
      return FALSE;
    }
  /* Into place: what was there moves aside first and goes only once the new one is in. */
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      old = g_strconcat (tmp, ".old", NULL);
      if (g_rename (path, old) != 0)
        {
          int saved = errno;
          vs_file_remove_tree (tmp);
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       _("Could not save %s: %s"), path, g_strerror (saved));
          return FALSE;
        }
    }
  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;
      if (old != NULL)
        g_rename (old, path);
      vs_file_remove_tree (tmp);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not save %s: %s"), path, g_strerror (saved));
      return FALSE;
    }
  if (old != NULL)
    vs_file_remove_tree (old);
  return TRUE;
}
