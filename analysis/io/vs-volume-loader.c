/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-volume-loader"

#include "config.h"

#include "vs-analysis-error.h"
#include "vs-label-table-reader.h"
#include "vs-nifti-reader.h"
#include "vs-volume-loader.h"
#include "vs-zarr-reader.h"

/* Opening a volume as a person expects: the NIfTI data (or a Zarr array), plus the label table given or found
 * beside it (aal.nii.gz → aal.nii.txt + aal.nii.lut), which makes an integer volume a label map. */
VsVolume *
vs_volume_load (const char    *path,
                const char    *label_table_path,
                VsProgress    *progress,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(VsVolume) volume = NULL;
  g_autoptr(VsLabelTable) table = NULL;
  g_autoptr(GError) local_error = NULL;

  if (vs_zarr_is_array_or_group (path))
    volume = vs_zarr_read (path, progress, cancellable, error);
  else
    volume = vs_nifti_read (path, progress, cancellable, error);
  if (volume == NULL)
    return NULL;

  if (label_table_path != NULL)
    {
      table = vs_label_table_read (label_table_path, error);
      if (table == NULL)
        return NULL;
      if (!vs_datatype_is_integer (vs_volume_get_datatype (volume)))
        {
          g_autofree char *display = g_path_get_basename (path);
          g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_INVALID_ARGUMENT,
                       "%s: a label table needs integer data, but the volume is %s", display,
                       vs_datatype_get_name (vs_volume_get_datatype (volume)));
          return NULL;
        }
    }
  else if (vs_datatype_is_integer (vs_volume_get_datatype (volume)))
    {
      table = vs_label_table_read_for_volume (path, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }
  if (table != NULL)
    vs_volume_set_label_table (volume, table);
  return g_steal_pointer (&volume);
}
