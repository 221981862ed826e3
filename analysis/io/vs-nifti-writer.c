/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-nifti-writer"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "vs-file-saver.h"
#include "vs-analysis-error.h"
#include "vs-file-saver.h"
#include "vs-label-table.h"
#include "vs-nifti-writer.h"

#include <nifti1.h>

/* NIfTI-1 (.nii or .nii.gz) in the volume's own datatype with its affine as sform and qform
 * code 0.  Written to a temporary file beside the target and renamed, so a reader never sees half
 * a file and a failed write keeps the previous one.  A label volume also gets a sidecar TSV
 * (index name r g b) that any viewer can read. */

static int
nifti_code (VsDatatype type)
{
  static const int codes[] = { 2, 256, 512, 4, 768, 8, 1280, 1024, 16, 64, 128 };
  return codes[type];
}

/* The label names beside a map: "labels.nii.gz" or "labels.npy" → "labels.tsv". */
gboolean
vs_label_sidecar_write (VsLabelTable *table, const char *path, GError **error)
{
  g_autoptr(GString) text = g_string_new ("index\tname\tr\tg\tb\n");
  g_autofree char *stem = g_strdup (path);
  g_autofree char *sidecar = NULL;

  if (g_str_has_suffix (stem, ".gz"))
    stem[strlen (stem) - 3] = '\0';
  if (g_str_has_suffix (stem, ".nii") || g_str_has_suffix (stem, ".npy"))
    stem[strlen (stem) - 4] = '\0';
  sidecar = g_strconcat (stem, ".tsv", NULL);
  for (guint i = 0; i < vs_label_table_get_n_labels (table); i++)
    {
      const VsLabel *l = vs_label_table_get_nth (table, i);
      g_string_append_printf (text, "%u\t%s\t%u\t%u\t%u\n", l->id, l->name, l->rgba[0], l->rgba[1],
                              l->rgba[2]);
    }
  return vs_file_save_contents (sidecar, text->str, (gssize) text->len, error);
}

gboolean
vs_nifti_write (VsVolume    *volume,
                const char  *path,
                GError     **error)
{
  g_autofree char *display = g_path_get_basename (path);
  g_autoptr(VsFileSaver) saver = NULL;
  g_autoptr(GOutputStream) stream = NULL;
  g_autoptr(GError) local = NULL;
  nifti_1_header h;
  gint64 dims[4];
  double size[3], affine[16], slope, intercept;
  const char *unit;
  VsDatatype type = vs_volume_get_datatype (volume);
  gsize bytes = vs_volume_get_frame_voxels (volume) * vs_volume_get_n_frames (volume) *
                vs_datatype_get_size (type);
  gboolean gz = g_str_has_suffix (path, ".gz");
  guint8 extension[4] = { 0, 0, 0, 0 };

  vs_volume_get_dims (volume, dims);
  for (int a = 0; a < 4; a++)
    if (dims[a] > G_MAXINT16)
      {
        g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_NOT_SUPPORTED,
                     "%s: dimension %d is %" G_GINT64_FORMAT ", more than NIfTI-1 holds", display,
                     a + 1, dims[a]);
        return FALSE;
      }
  vs_volume_get_voxel_size (volume, size);
  vs_volume_get_affine (volume, affine);
  vs_volume_get_scaling (volume, &slope, &intercept);
  /* NIfTI knows metres, millimetres and micrometres: nanometres go as micrometres. */
  unit = vs_volume_get_spatial_unit (volume);
  if (g_str_equal (unit, "nm"))
    {
      for (int a = 0; a < 3; a++)
        size[a] /= 1000;
      for (int r = 0; r < 3; r++)
        for (int c = 0; c < 4; c++)
          affine[r * 4 + c] /= 1000;
      unit = "µm";
    }

  memset (&h, 0, sizeof h);
  h.sizeof_hdr = 348;
  h.dim[0] = dims[3] > 1 ? 4 : 3;
  for (int a = 0; a < 4; a++)
    h.dim[a + 1] = (short) dims[a];
  for (int a = 5; a < 8; a++)
    h.dim[a] = 1;
  h.pixdim[0] = 1;
  for (int a = 0; a < 3; a++)
    h.pixdim[a + 1] = (float) size[a];
  h.pixdim[4] = 1;
  h.datatype = (short) nifti_code (type);
  h.bitpix = (short) (vs_datatype_get_size (type) * 8);
  h.vox_offset = 352;
  h.scl_slope = (float) slope;
  h.scl_inter = (float) intercept;
  h.sform_code = NIFTI_XFORM_SCANNER_ANAT;
  for (int c = 0; c < 4; c++)
    {
      h.srow_x[c] = (float) affine[c];
      h.srow_y[c] = (float) affine[4 + c];
      h.srow_z[c] = (float) affine[8 + c];
    }
  h.xyzt_units = g_str_equal (unit, "µm") ? NIFTI_UNITS_MICRON :
                 g_str_equal (unit, "m") ? NIFTI_UNITS_METER : NIFTI_UNITS_MM;
  if (vs_volume_get_intent (volume) == VS_VOLUME_INTENT_LABEL)
    h.intent_code = NIFTI_INTENT_LABEL;
  memcpy (h.magic, "n+1", 4);
  g_strlcpy (h.descrip, "voxelscope", sizeof h.descrip);

  saver = vs_file_saver_begin (path, error);
  if (saver == NULL)
    return FALSE;
  stream = g_object_ref (vs_file_saver_get_stream (saver));
  if (gz)
    {
      g_autoptr(GZlibCompressor) gzip = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 6);
      g_autoptr(GOutputStream) plain = stream;
      stream = g_converter_output_stream_new (plain, G_CONVERTER (gzip));
      g_filter_output_stream_set_close_base_stream (G_FILTER_OUTPUT_STREAM (stream), FALSE);
    }
  if (!g_output_stream_write_all (stream, &h, sizeof h, NULL, NULL, &local) ||
      !g_output_stream_write_all (stream, extension, 4, NULL, NULL, &local))
    goto write_failed;
  for (gsize done = 0; done < bytes;)
    {
      gsize chunk = MIN (bytes - done, 64u << 20);
      if (!g_output_stream_write_all (stream, (const guint8 *) vs_volume_get_data (volume) + done,
                                      chunk, NULL, NULL, &local))
        goto write_failed;
      done += chunk;
    }
  /* Closing the gzip stream writes its last block and trailer (not the file: the saver's). */
  if (gz && !g_output_stream_close (stream, NULL, &local))
    goto write_failed;
  if (!vs_file_saver_commit (g_steal_pointer (&saver), error))
    return FALSE;
  if (vs_volume_get_label_table (volume) != NULL &&
      !vs_label_sidecar_write (vs_volume_get_label_table (volume), path, error))
    return FALSE;
  return TRUE;

write_failed:
  vs_file_saver_fail (g_steal_pointer (&saver), error, local);
  return FALSE;
}
