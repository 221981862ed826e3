/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-attention-study"

#include "config.h"

#include "vs-analysis-error.h"
#include "vs-attention-study.h"
#include "vs-label-table.h"
#include "vs-npy-reader.h"
#include "vs-region-responses.h"

/* The attention analysis from its inputs: patch features (.npy, presentations × patches ×
 * channels), the stimulus table (split), the responses and an atlas; every mismatch named. */

void
vs_attention_study_free (VsAttentionStudy *study)
{
  if (study == NULL)
    return;
  g_free (study->patches);
  g_free (study->responses);
  g_clear_pointer (&study->labels, g_array_unref);
  g_clear_pointer (&study->voxel_counts, g_array_unref);
  g_clear_pointer (&study->names, g_ptr_array_unref);
  g_clear_pointer (&study->stimuli, vs_stimulus_table_free);
  g_clear_pointer (&study->fit, vs_readout_fit_free);
  g_clear_object (&study->atlas);
  g_free (study->imported);
  g_free (study);
}

/* Takes @stimuli. */
VsAttentionStudy *
vs_attention_study_run (const char       *patch_path,
                        const char       *grid,
                        VsStimulusTable  *stimuli,
                        VsVolume         *responses,
                        VsVolume         *atlas,
                        const double     *alphas,
                        guint             n_alphas,
                        guint             iterations,
                        VsProgress       *progress,
                        GCancellable     *cancellable,
                        GError          **error)
{
  g_autoptr(VsAttentionStudy) study = g_new0 (VsAttentionStudy, 1);
  g_autofree char *display = g_path_get_basename (patch_path);
  g_autofree gboolean *is_test = NULL;
  VsReadoutOptions options = { alphas, n_alphas, iterations, 0 };
  gsize shape[3];
  guint n_dims = 0, grid_h, grid_w;

  study->stimuli = stimuli;
  study->atlas = g_object_ref (atlas);
  study->patches = vs_npy_read_float32 (patch_path, shape, &n_dims, error);
  if (study->patches == NULL)
    return NULL;
  if (n_dims != 3)
    {
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_INVALID_ARGUMENT,
                   "%s must be 3-D (presentations × patches × channels), not %u-D", display,
                   n_dims);
      return NULL;
    }
  if (!vs_patch_grid_parse (grid, shape[1], &grid_h, &grid_w, error))
    return NULL;
  if (shape[0] != stimuli->rows->len || vs_volume_get_n_frames (responses) != (gint64) shape[0])
    {
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_INVALID_ARGUMENT,
                   "the stimulus table has %u rows, %s %" G_GSIZE_FORMAT " and the responses %"
                   G_GINT64_FORMAT "; they must be equal", stimuli->rows->len, display, shape[0],
                   vs_volume_get_n_frames (responses));
      return NULL;
    }
  study->features = (VsPatchFeatures) { study->patches, shape[0], shape[1], shape[2], grid_h,
                                        grid_w };
  study->responses = vs_region_responses (responses, atlas, &study->labels, &study->voxel_counts,
                                          error);
  if (study->responses == NULL)
    return NULL;
  study->names = g_ptr_array_new_with_free_func (g_free);
  for (guint r = 0; r < study->labels->len; r++)
    {
      guint32 id = g_array_index (study->labels, guint32, r);
      VsLabelTable *table = vs_volume_get_label_table (atlas);
      const VsLabel *label = table != NULL ? vs_label_table_lookup (table, id) : NULL;
      g_ptr_array_add (study->names, label != NULL ? g_strdup (label->name)
                                                   : g_strdup_printf ("label %u", id));
    }
  is_test = g_new (gboolean, shape[0]);
  for (gsize i = 0; i < shape[0]; i++)
    is_test[i] = g_array_index (stimuli->rows, VsStimulus, i).is_test;
  study->fit = vs_readout_fit (&study->features, study->responses, study->labels->len, is_test,
                               &options, progress, cancellable, error);
  if (study->fit == NULL)
    return NULL;
  return g_steal_pointer (&study);
}

/* The readout's prediction of a region's response to presentation @image:
 * Σ_j s_j (wᵀ f_j) + b. */
double
vs_attention_study_predict (const VsAttentionStudy *study,
                            guint                   region,
                            gsize                   image)
{
  const VsPatchFeatures *f = &study->features;
  const double *s = study->fit->s + region * f->k, *w = study->fit->w + region * f->p;
  double value = study->fit->b[region];

  for (gsize j = 0; j < f->k; j++)
    {
      const float *x = f->data + (image * f->k + j) * f->p;
      double dot = 0;
      for (gsize c = 0; c < f->p; c++)
        dot += x[c] * w[c];
      value += s[j] * dot;
    }
  return value;
}

/* The presentations of the @count stimuli a region responds to most (measured, or predicted by
 * its readout; one presentation per stimulus), best first; returns how many there are. */
guint
vs_attention_study_top_images (const VsAttentionStudy *study,
                               guint                   region,
                               gboolean                predicted,
                               guint                   count,
                               gsize                  *out)
{
  gsize n = study->features.n, R = study->labels->len;
  g_autofree gsize *order = g_new (gsize, n);
  g_autofree double *value = g_new (double, n);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint found = 0;

  for (gsize i = 0; i < n; i++)
    {
      order[i] = i;
      value[i] = predicted ? vs_attention_study_predict (study, region, i)
                           : study->responses[i * R + region];
    }
  for (gsize i = 1; i < n; i++)
    for (gsize j = i; j > 0 && value[order[j - 1]] < value[order[j]]; j--)
      {
        gsize t = order[j];
        order[j] = order[j - 1];
        order[j - 1] = t;
      }
  for (gsize i = 0; i < n && found < count; i++)
    {
      VsStimulus *s = &g_array_index (study->stimuli->rows, VsStimulus, order[i]);
      if (g_hash_table_contains (seen, s->stimulus_id))
        continue;
      g_hash_table_add (seen, s->stimulus_id);
      out[found++] = order[i];
    }
  return found;
}

/* Region names: the "name" column of a TSV with a header, or one name per line. */
GPtrArray *
vs_attention_names_read (const char  *path,
                         GError     **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *display = g_path_get_basename (path);
  g_autoptr(GError) local = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GPtrArray) names = NULL;
  int column = -1;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, &local))
    {
      g_set_error (error, local->domain, local->code, "%s: %s", display,
                   g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT) ? "no such file"
                                                                               : local->message);
      return NULL;
    }
  if (!g_utf8_validate_len (contents, length, NULL))
    {
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_CORRUPT,
                   "%s: not a text file of region names (not UTF-8)", display);
      return NULL;
    }
  names = g_ptr_array_new_with_free_func (g_free);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (g_strchomp (lines[i]), "\t", -1);
      if (fields[0] == NULL || fields[0][0] == '\0')
        continue;
      if (i == 0)
        {
          for (int c = 0; fields[c] != NULL; c++)
            if (g_str_equal (fields[c], "name"))
              column = c;
          if (column >= 0)
            continue;
        }
      g_ptr_array_add (names, g_strdup (column >= 0 && (int) g_strv_length (fields) > column
                                        ? fields[column] : fields[0]));
    }
  if (names->len == 0)
    {
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_CORRUPT,
                   "%s: holds no region names", display);
      return NULL;
    }
  return g_steal_pointer (&names);
}

/* Attention maps computed elsewhere (e.g. a transformer brain encoder's region queries):
 * images × regions × patches, one row of @stimuli per image, names from @names_path.  Takes
 * @stimuli. */
VsAttentionStudy *
vs_attention_study_import (const char       *maps_path,
                           const char       *names_path,
                           const char       *grid,
                           VsStimulusTable  *stimuli,
                           GError          **error)
{
  g_autoptr(VsAttentionStudy) study = g_new0 (VsAttentionStudy, 1);
  g_autofree char *display = g_path_get_basename (maps_path);
  gsize shape[3];
  guint n_dims = 0, grid_h, grid_w;

  study->stimuli = stimuli;
  study->imported = vs_npy_read_float32 (maps_path, shape, &n_dims, error);
  if (study->imported == NULL)
    return NULL;
  if (n_dims != 3 || shape[0] != stimuli->rows->len)
    {
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_INVALID_ARGUMENT,
                   "%s must be images × regions × patches with one image per row of the stimulus "
                   "table (%u)", display, stimuli->rows->len);
      return NULL;
    }
  if (!vs_patch_grid_parse (grid, shape[2], &grid_h, &grid_w, error))
    return NULL;
  study->names = vs_attention_names_read (names_path, error);
  if (study->names == NULL)
    return NULL;
  if (study->names->len != shape[1])
    {
      g_autofree char *names_display = g_path_get_basename (names_path);
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_INVALID_ARGUMENT,
                   "%s names %u regions but %s holds %" G_GSIZE_FORMAT, names_display,
                   study->names->len, display, shape[1]);
      return NULL;
    }
  study->features = (VsPatchFeatures) { NULL, shape[0], shape[2], 0, grid_h, grid_w };
  study->labels = g_array_new (FALSE, FALSE, sizeof (guint32));
  for (guint32 r = 1; r <= shape[1]; r++)
    g_array_append_val (study->labels, r);
  return g_steal_pointer (&study);
}
