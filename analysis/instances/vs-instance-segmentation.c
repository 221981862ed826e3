/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-instance-segmentation"

#include "config.h"

#include <math.h>
#include <string.h>

#include "vs-analysis-error.h"
#include "vs-color-split.h"
#include "vs-connected-components.h"
#include "vs-distance-watershed.h"
#include "vs-instance-colors.h"
#include "vs-instance-segmentation.h"
#include "vs-label-table.h"
#include "vs-otsu.h"

/* The segmentation baseline for neuron instances in multichannel light microscopy (FISBe's
 * FlyLight MCFO volumes: channels as frames): foreground where the maximum over the chosen
 * channels exceeds a threshold (Otsu's by default), 26-connected components of it, components of
 * at most min_size voxels dropped (speckle).  Then, if asked, touching neurons are split: by
 * colour (vs-color-split.c), and by a watershed on the distance transform from the maxima that
 * rise split_depth voxels above the neck to a higher one (vs-distance-watershed.c) — within each
 * instance, so the two splits add up.  The result, numbered 1…n by first voxel, is a uint32 label
 * volume on the input's grid, with a label table. */

/* "0,1,2" → the channel numbers (frames, from 0) appended to @out (guint); FALSE for text that is
 * not such a list. */
gboolean
vs_instance_parse_channels (const char *text,
                            GArray     *out)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *end = NULL;
      guint64 c = g_ascii_strtoull (g_strstrip (parts[i]), &end, 10);
      guint channel = (guint) c;
      if (end == parts[i] || *end != '\0' || c > 1024)
        return FALSE;
      g_array_append_val (out, channel);
    }
  return out->len > 0;
}

void
vs_instance_options_init (VsInstanceOptions *options)
{
  *options = (VsInstanceOptions) { NULL, 0, TRUE, 0, 800, FALSE, 0.2, 0 };
}

VsVolume *
vs_instance_segment (VsVolume                *volume,
                     const VsInstanceOptions *options,
                     VsInstanceReport        *report,
                     VsProgress              *progress,
                     GCancellable            *cancellable,
                     GError                 **error)
{
  g_autofree float *maximum = NULL;
  g_autofree guint8 *mask = NULL;
  g_autofree guint64 *sizes = NULL;
  g_autofree guint32 *renumber = NULL;
  g_autoptr(VsVolume) labels = NULL;
  g_autoptr(VsLabelTable) table = NULL;
  g_autofree guint8 *colors = NULL;
  guint32 n_colors = 0;
  VsInstanceReport r = { 0 };
  gint64 dims[4];
  gsize n;
  guint32 *out;

  vs_volume_get_dims (volume, dims);
  n = vs_volume_get_frame_voxels (volume);
  for (guint c = 0; c < options->n_channels; c++)
    if (options->channels[c] >= (guint) dims[3])
      {
        g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_INVALID_ARGUMENT,
                     "channel %u does not exist: the volume has %" G_GINT64_FORMAT
                     " (0 to %" G_GINT64_FORMAT ")", options->channels[c], dims[3], dims[3] - 1);
        return NULL;
      }
  labels = vs_volume_new_like (volume, VS_DATATYPE_UINT32, 1, error);
  if (labels == NULL)
    return NULL;
  maximum = g_try_new (float, n);
  mask = g_try_new (guint8, n);
  if (maximum == NULL || mask == NULL)
    {
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_TOO_LARGE,
                   "not enough memory for the channel maximum of %" G_GSIZE_FORMAT " voxels", n);
      return NULL;
    }

  /* The brightest of the chosen channels at every voxel. */
  for (gsize i = 0; i < n; i++)
    maximum[i] = -INFINITY;
  for (guint c = 0; c < (options->n_channels > 0 ? options->n_channels : (guint) dims[3]); c++)
    {
      guint channel = options->n_channels > 0 ? options->channels[c] : c;
      gconstpointer frame = vs_volume_get_frame_data (volume, channel);
      VsDatatype type = vs_volume_get_datatype (volume);
      for (gsize i = 0; i < n; i++)
        {
          float v = (float) vs_datatype_read (type, frame, i);
          if (v > maximum[i])
            maximum[i] = v;
        }
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
    }
  vs_progress_update (progress, 0.2);
  r.threshold = options->otsu ? vs_otsu_threshold (maximum, n) : options->threshold;
  for (gsize i = 0; i < n; i++)
    {
      mask[i] = maximum[i] > r.threshold;
      r.n_foreground += mask[i];
    }
  g_clear_pointer (&maximum, g_free);
  vs_progress_update (progress, 0.3);

  out = vs_volume_get_data_mutable (labels);
  r.n_components = vs_connected_components (mask, dims, out, &sizes, 0, cancellable, error);
  if (r.n_components == 0 && error != NULL && *error != NULL)
    return NULL;
  vs_progress_update (progress, 0.8);

  /* Drop speckle, number what stays 1…n in the components' own order. */
  renumber = g_new0 (guint32, (gsize) r.n_components + 1);
  for (guint32 l = 1; l <= r.n_components; l++)
    if (sizes[l] > options->min_size)
      renumber[l] = ++r.n_instances;
  for (gsize i = 0; i < n; i++)
    out[i] = renumber[out[i]];
  r.n_kept = r.n_instances;
  vs_progress_update (progress, 0.85);

  if (options->split_color)
    {
      guint all[4] = { 0, 1, 2, 3 };
      guint n_channels = options->n_channels > 0 ? options->n_channels : (guint) dims[3];
      r.n_instances = vs_color_split (volume, options->n_channels > 0 ? options->channels : all,
                                      n_channels, out, r.n_instances, options->min_size,
                                      options->color_distance, cancellable, error);
      if (r.n_instances == 0 && error != NULL && *error != NULL)
        return NULL;
    }
  if (options->split_depth > 0 && r.n_instances > 0)
    {
      g_autofree guint32 *distance = vs_chamfer_distance (out, dims, cancellable, error);
      g_autofree guint32 *basins = distance != NULL ? g_try_new (guint32, n) : NULL;
      if (basins == NULL)
        {
          if (distance != NULL)
            g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_TOO_LARGE,
                         "not enough memory for the watershed of %" G_GSIZE_FORMAT " voxels", n);
          return NULL;
        }
      r.n_instances = vs_watershed_by_dynamics (distance, out, dims,
                                                (guint32) lround (options->split_depth *
                                                                  VS_CHAMFER_UNIT),
                                                basins, cancellable, error);
      if (r.n_instances == 0)
        return NULL;
      memcpy (out, basins, n * sizeof (guint32));
    }

  /* Named, and coloured so that touching instances differ. */
  colors = vs_instance_colors_compute (labels, 0, &n_colors, cancellable, error);
  if (colors == NULL)
    return NULL;
  table = vs_label_table_new ();
  for (guint32 l = 1; l <= r.n_instances; l++)
    {
      g_autofree char *name = g_strdup_printf ("instance %u", l);
      vs_label_table_add (table, l, name, l < n_colors ? colors + 4 * l : NULL);
    }
  vs_label_table_fill_missing_colors (table);
  vs_volume_set_label_table (labels, table);
  vs_volume_set_intent (labels, VS_VOLUME_INTENT_LABEL);
  vs_progress_update (progress, 1.0);
  if (report != NULL)
    *report = r;
  return g_steal_pointer (&labels);
}
