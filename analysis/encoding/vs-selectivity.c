/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-selectivity"

#include "config.h"

#include <math.h>

#include "vs-analysis-error.h"
#include "vs-response-data.h"
#include "vs-selectivity.h"

/* Category selectivity, as a localiser analysis computes it: a GLM with one regressor per
 * category (so each β is that category's mean response), and for each category the t-contrast
 * of its β against the mean of the other βs, t = cᵀβ / √(σ² cᵀ(XᵀX)⁻¹c) with σ² the residual
 * variance on n − K degrees of freedom.  The preferred category is the one with the largest t,
 * labelled where that t reaches VS_SELECTIVITY_T_THRESHOLD (as a localiser map is thresholded);
 * its selectivity index and d′ compare its presentations with all the others. */

void
vs_selectivity_input_free (VsSelectivityInput *input)
{
  if (input == NULL)
    return;
  g_clear_object (&input->responses);
  vs_matrix_free (input->response_matrix);
  g_clear_object (&input->mask);
  vs_stimulus_table_free (input->stimuli);
  g_free (input);
}

void
vs_selectivity_result_free (VsSelectivityResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->t_maps, g_ptr_array_unref);
  g_clear_object (&result->preferred);
  g_clear_object (&result->si);
  g_clear_object (&result->dprime);
  g_free (result);
}

VsSelectivityResult *
vs_selectivity_compute (VsSelectivityInput  *input,
                        VsProgress          *progress,
                        GCancellable        *cancellable,
                        GError             **error)
{
  g_autoptr(VsSelectivityResult) result = g_new0 (VsSelectivityResult, 1);
  g_auto(VsResponseData) data = { 0 };
  GArray *rows = input->stimuli->rows;
  guint k = input->stimuli->categories->len;
  gsize n = rows->len;
  g_autofree guint *category = g_new (guint, n);
  g_autofree gsize *count = g_new0 (gsize, k);
  g_autofree double *column = g_new (double, n);
  g_autofree double *mean = g_new (double, k);
  g_autoptr(VsLabelTable) labels = vs_label_table_new ();
  gint64 dims[4];

  if (!vs_response_data_init (&data, input->responses, input->response_matrix, input->mask, n,
                              error))
    return NULL;
  if (data.n_rows != n)
    {
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_INVALID_ARGUMENT,
                   "the stimulus table has %" G_GSIZE_FORMAT " rows but the responses %"
                   G_GSIZE_FORMAT "; they must be equal (one row per presentation)",
                   n, data.n_rows);
      return NULL;
    }
  if (k < 2 || n <= k)
    {
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_INVALID_ARGUMENT,
                   "selectivity needs at least 2 categories and more presentations than "
                   "categories (got %u categories, %" G_GSIZE_FORMAT " presentations)", k, n);
      return NULL;
    }
  for (gsize i = 0; i < n; i++)
    {
      category[i] = vs_stimulus_table_category_index (input->stimuli,
                                                      g_array_index (rows, VsStimulus, i).category);
      count[category[i]]++;
    }
  for (guint c = 0; c < k; c++)
    {
      guint8 rgba[4];
      vs_label_palette_color (c + 1, rgba);
      vs_label_table_add (labels, c + 1, g_ptr_array_index (input->stimuli->categories, c), rgba);
    }

  result->t_maps = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint c = 0; c < k; c++)
    {
      VsVolume *map = vs_response_data_new_map (&data, 1, error);
      if (map == NULL)
        return NULL;
      g_ptr_array_add (result->t_maps, map);
    }
  result->si = vs_response_data_new_map (&data, 1, error);
  result->dprime = vs_response_data_new_map (&data, 1, error);
  vs_volume_get_dims (data.grid, dims);
  dims[3] = 1;
  result->preferred = vs_volume_new (VS_DATATYPE_UINT16, dims, error);
  if (result->si == NULL || result->dprime == NULL || result->preferred == NULL)
    return NULL;
  {
    double affine[16], size[3];
    vs_volume_get_affine (data.grid, affine);
    vs_volume_set_affine (result->preferred, affine, NULL);
    vs_volume_get_voxel_size (data.grid, size);
    vs_volume_set_voxel_size (result->preferred, size);
    vs_volume_set_label_table (result->preferred, labels);
  }

  for (gsize v = 0; v < data.n_candidates; v++)
    {
      gsize index = data.candidates[v];
      double sse = 0, sigma2, best_t = -INFINITY;
      guint best = 0;
      gboolean varies = FALSE;

      if ((v & 1023) == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return NULL;
          vs_progress_update (progress, (double) v / data.n_candidates);
        }
      if (!vs_response_data_read (&data, v, column))
        {
          result->n_excluded++;
          continue;
        }
      for (gsize i = 1; i < n && !varies; i++)
        varies = column[i] != column[0];
      if (!varies)
        {
          result->n_excluded++;
          continue;
        }
      /* β = category means; residuals about them. */
      for (guint c = 0; c < k; c++)
        mean[c] = 0;
      for (gsize i = 0; i < n; i++)
        mean[category[i]] += column[i] / count[category[i]];
      for (gsize i = 0; i < n; i++)
        sse += (column[i] - mean[category[i]]) * (column[i] - mean[category[i]]);
      sigma2 = sse / (double) (n - k);
      for (guint c = 0; c < k; c++)
        {
          /* c = e_c − (1/(K−1)) Σ_{j≠c} e_j; (XᵀX)⁻¹ = diag (1/n_j). */
          double effect = mean[c], variance = 1.0 / count[c], t;
          for (guint j = 0; j < k; j++)
            if (j != c)
              {
                effect -= mean[j] / (k - 1);
                variance += 1.0 / ((double) (k - 1) * (k - 1) * count[j]);
              }
          t = sigma2 > 0 ? effect / sqrt (sigma2 * variance) : 0.0;
          ((float *) vs_volume_get_data_mutable (g_ptr_array_index (result->t_maps, c)))[index] =
            (float) t;
          if (t > best_t)
            {
              best_t = t;
              best = c;
            }
        }
      if (best_t >= VS_SELECTIVITY_T_THRESHOLD)
        ((guint16 *) vs_volume_get_data_mutable (result->preferred))[index] = (guint16) (best + 1);
      {
        double pref = 0, rest = 0, var_pref = 0, var_rest = 0;
        gsize n_rest = n - count[best];
        for (gsize i = 0; i < n; i++)
          if (category[i] == best)
            pref += column[i] / count[best];
          else
            rest += column[i] / n_rest;
        for (gsize i = 0; i < n; i++)
          if (category[i] == best)
            var_pref += (column[i] - pref) * (column[i] - pref) / MAX (count[best] - 1, 1);
          else
            var_rest += (column[i] - rest) * (column[i] - rest) / MAX (n_rest - 1, 1);
        ((float *) vs_volume_get_data_mutable (result->si))[index] =
          (float) (fabs (pref) + fabs (rest) > 0 ? (pref - rest) / (fabs (pref) + fabs (rest)) : 0);
        ((float *) vs_volume_get_data_mutable (result->dprime))[index] =
          (float) (var_pref + var_rest > 0 ? (pref - rest) / sqrt ((var_pref + var_rest) / 2) : 0);
      }
      result->n_voxels++;
    }
  vs_progress_update (progress, 1.0);
  return g_steal_pointer (&result);
}
