/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-volume-saver"

#include "config.h"

#include <glib/gi18n.h>

#include "vs-nifti-writer.h"
#include "vs-volume-saver.h"
#include "vs-zarr-writer.h"

static gboolean
is_zarr (const char *path)
{
  return g_str_has_suffix (path, ".zarr") || g_str_has_suffix (path, ".zarr/");
}

/* Whether @path names a format volumes are saved in (to ask before a long computation). */
gboolean
vs_volume_save_accepts (const char  *path,
                        GError     **error)
{
  if (is_zarr (path) || g_str_has_suffix (path, ".nii") || g_str_has_suffix (path, ".nii.gz"))
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
               _("%s: volumes are saved as NIfTI (.nii.gz, .nii) or Zarr (.zarr)"), path);
  return FALSE;
}

/* Saves @volume in the format its name asks for: NIfTI (.nii, .nii.gz; a label table goes beside
 * it as .tsv) or a Zarr v2 array (.zarr).  Any other name is refused before anything is written. */
gboolean
vs_volume_save (VsVolume    *volume,
                const char  *path,
                GError     **error)
{
  if (!vs_volume_save_accepts (path, error))
    return FALSE;
  if (is_zarr (path))
    return vs_zarr_write (volume, path, error);
  return vs_nifti_write (volume, path, error);
}
