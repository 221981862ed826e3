/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-region-model"

#include "config.h"

#include <math.h>

#include "vs-analysis-error.h"
#include "vs-datatype.h"
#include "vs-region-model.h"

/* A region's mean response — over the response voxels whose centres fall in the atlas label,
 * sampled in world space so the atlas may have any grid — fitted by the same encoding model as
 * single voxels: its held-out r, R², α and top stimuli are those of the region as a whole. */

void
vs_region_model_free (VsRegionModel *model)
{
  if (model == NULL)
    return;
  g_free (model->mean_response);
  g_clear_pointer (&model->fit, vs_encoding_result_free);
  g_free (model);
}

VsRegionModel *
vs_region_model_fit (VsVolume        *responses,
                     VsVolume        *atlas,
                     guint32          label,
                     const VsMatrix  *features,
                     VsStimulusTable *stimuli,
                     const double    *alphas,
                     guint            n_alphas,
                     guint            n_folds,
                     guint            top_k,
                     GCancellable    *cancellable,
                     GError         **error)
{
  g_autoptr(VsRegionModel) model = g_new0 (VsRegionModel, 1);
  g_autoptr(VsEncodingInput) input = g_new0 (VsEncodingInput, 1);
  gint64 dims[4], one[4] = { 1, 1, 1, 0 };
  gsize frame_voxels = vs_volume_get_frame_voxels (responses), n;
  double slope, intercept;
  VsDatatype type = vs_volume_get_datatype (responses);
  gconstpointer data = vs_volume_get_data (responses);
  float *y;

  vs_volume_get_dims (responses, dims);
  vs_volume_get_scaling (responses, &slope, &intercept);
  n = (gsize) dims[3];
  model->label = label;
  model->mean_response = g_new0 (double, n);
  for (gint64 k = 0; k < dims[2]; k++)
    for (gint64 j = 0; j < dims[1]; j++)
      for (gint64 i = 0; i < dims[0]; i++)
        {
          double ijk[3] = { i, j, k }, xyz[3], value;
          gsize index = (gsize) (i + dims[0] * (j + dims[1] * k));
          gboolean finite = TRUE;

          vs_volume_voxel_to_world (responses, ijk, xyz);
          if (!vs_volume_sample_world (atlas, xyz, 0, &value, NULL) || value != label)
            continue;
          for (gsize s = 0; s < n && finite; s++)
            finite = isfinite (vs_datatype_read (type, data, index + s * frame_voxels));
          if (!finite)
            continue;
          for (gsize s = 0; s < n; s++)
            model->mean_response[s] += vs_datatype_read (type, data, index + s * frame_voxels) *
                                       slope + intercept;
          model->n_voxels++;
        }
  if (model->n_voxels == 0)
    {
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_INVALID_ARGUMENT,
                   "label %u has no voxel of the responses (with finite values) inside it", label);
      return NULL;
    }
  for (gsize s = 0; s < n; s++)
    model->mean_response[s] /= model->n_voxels;

  one[3] = (gint64) n;
  input->responses = vs_volume_new (VS_DATATYPE_FLOAT32, one, error);
  if (input->responses == NULL)
    return NULL;
  y = vs_volume_get_data_mutable (input->responses);
  for (gsize s = 0; s < n; s++)
    y[s] = (float) model->mean_response[s];
  input->features = vs_matrix_copy (features);
  input->stimuli = stimuli;
  input->alphas = g_memdup2 (alphas, n_alphas * sizeof (double));
  input->n_alphas = n_alphas;
  input->n_folds = n_folds;
  input->n_threads = 1;
  input->top_k = top_k;
  model->fit = vs_encoding_model_fit (input, NULL, cancellable, error);
  input->stimuli = NULL;   /* borrowed */
  if (model->fit == NULL)
    return NULL;
  return g_steal_pointer (&model);
}
