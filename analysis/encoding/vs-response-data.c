/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-response-data"

#include "config.h"

#include <math.h>
#include <string.h>

#include "vs-analysis-error.h"
#include "vs-response-data.h"

gboolean
vs_response_data_init (VsResponseData *data,
                       VsVolume       *responses,
                       const VsMatrix *matrix,
                       VsVolume       *mask,
                       gsize           n_rows,
                       GError        **error)
{
  gsize n_responses;

  memset (data, 0, sizeof *data);
  data->responses = responses;
  data->matrix = matrix;
  /* An .npy of presentations × voxels reads as a v × 1 × 1 volume: its columns are the mask's
   * voxels, and the maps go on the mask's grid. */
  data->packed = responses != NULL && mask != NULL &&
                 vs_volume_get_frame_voxels (responses) != vs_volume_get_frame_voxels (mask);
  data->grid = responses != NULL && !data->packed ? responses : mask;
  data->slope = 1;
  if (data->grid == NULL)
    {
      g_set_error_literal (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_INVALID_ARGUMENT,
                           "responses given as a matrix need a mask saying which voxel each column "
                           "is");
      return FALSE;
    }
  if (responses != NULL)
    vs_volume_get_scaling (responses, &data->slope, &data->intercept);
  n_responses = responses != NULL ? (gsize) vs_volume_get_n_frames (responses) : matrix->rows;
  data->n_rows = n_responses;
  data->frame_voxels = vs_volume_get_frame_voxels (data->grid);
  data->source_frame = responses != NULL ? vs_volume_get_frame_voxels (responses) : 0;
  data->candidates = g_new (gsize, data->frame_voxels);
  for (gsize i = 0; i < data->frame_voxels; i++)
    if (mask == NULL ||
        vs_datatype_read (vs_volume_get_datatype (mask), vs_volume_get_data (mask), i) != 0)
      data->candidates[data->n_candidates++] = i;
  if (data->packed && data->source_frame != data->n_candidates)
    {
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_INVALID_ARGUMENT,
                   "the responses hold %" G_GSIZE_FORMAT " voxels per presentation but the mask %"
                   G_GSIZE_FORMAT "; a volume must share the mask's grid, a matrix have one "
                   "column per mask voxel", data->source_frame, data->n_candidates);
      return FALSE;
    }
  if (matrix != NULL && matrix->cols != data->n_candidates)
    {
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_INVALID_ARGUMENT,
                   "the response matrix has %" G_GSIZE_FORMAT " columns but the mask %"
                   G_GSIZE_FORMAT " voxels", matrix->cols, data->n_candidates);
      return FALSE;
    }
  if (data->n_candidates == 0)
    {
      g_set_error_literal (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_INVALID_ARGUMENT,
                           "the mask is empty");
      return FALSE;
    }
  (void) n_rows;
  return TRUE;
}

void
vs_response_data_clear (VsResponseData *data)
{
  g_clear_pointer (&data->candidates, g_free);
}

double
vs_response_data_value (const VsResponseData *data,
                        gsize                 candidate,
                        gsize                 row)
{
  gsize source;

  if (data->responses == NULL)
    return vs_matrix_row (data->matrix, row)[candidate];
  source = data->packed ? candidate : data->candidates[candidate];
  return vs_datatype_read (vs_volume_get_datatype (data->responses),
                           vs_volume_get_data (data->responses),
                           source + row * data->source_frame) * data->slope + data->intercept;
}

/* The candidate's value for every presentation; FALSE when one is NaN or infinite. */
gboolean
vs_response_data_read (const VsResponseData *data,
                       gsize                 candidate,
                       double               *column)
{
  gboolean finite = TRUE;

  for (gsize i = 0; i < data->n_rows; i++)
    {
      column[i] = vs_response_data_value (data, candidate, i);
      finite = finite && isfinite (column[i]);
    }
  return finite;
}

/* Rows @rows (all rows when NULL) of the candidates @candidates, as an n_rows × nc block, read
 * row by row so a row-major source is walked in order. */
void
vs_response_data_read_block (const VsResponseData *data,
                             const gsize          *rows,
                             gsize                 n_rows,
                             const gsize          *candidates,
                             gsize                 nc,
                             double               *out)
{
  /* float32 responses without scaling, the usual case: read the floats directly. */
  if (data->responses != NULL && vs_volume_get_datatype (data->responses) == VS_DATATYPE_FLOAT32 &&
      data->slope == 1.0 && data->intercept == 0.0)
    {
      const float *base = vs_volume_get_data (data->responses);
      g_autofree gsize *source = g_new (gsize, MAX (nc, 1));
      for (gsize c = 0; c < nc; c++)
        source[c] = data->packed ? candidates[c] : data->candidates[candidates[c]];
      for (gsize i = 0; i < n_rows; i++)
        {
          const float *row = base + (rows != NULL ? rows[i] : i) * data->source_frame;
          for (gsize c = 0; c < nc; c++)
            out[i * nc + c] = row[source[c]];
        }
      return;
    }
  for (gsize i = 0; i < n_rows; i++)
    for (gsize c = 0; c < nc; c++)
      out[i * nc + c] = vs_response_data_value (data, candidates[c], rows != NULL ? rows[i] : i);
}

/* A float32 map on the responses' grid with @frames frames, zero everywhere. */
VsVolume *
vs_response_data_new_map (const VsResponseData *data,
                          gint64                frames,
                          GError              **error)
{
  VsVolume *map = vs_volume_new_like (data->grid, VS_DATATYPE_FLOAT32, frames, error);

  if (map != NULL)
    vs_volume_set_intent (map, VS_VOLUME_INTENT_STATISTIC);
  return map;
}
