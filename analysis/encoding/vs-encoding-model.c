/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-encoding-model"

#include "config.h"

#include <cblas.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "vs-analysis-error.h"
#include "vs-encoding-model.h"
#include "vs-voxel-top-stimuli.h"
#include "vs-response-data.h"
#include "vs-ridge.h"
#include "vs-voxel-concepts.h"
#include "vs-thread-handoff.h"

/* A voxel-wise encoding model: ridge regression from stimulus features to every voxel's
 * responses, α chosen per voxel by cross-validation on the training split, then judged on the
 * held-out test stimuli (responses averaged over repeats).  Voxels that are constant or hold a
 * NaN in the training data are excluded and counted, never silently fitted. */

void
vs_encoding_input_free (VsEncodingInput *input)
{
  if (input == NULL)
    return;
  vs_matrix_free (input->features);
  g_clear_object (&input->responses);
  vs_matrix_free (input->response_matrix);
  g_clear_object (&input->mask);
  vs_stimulus_table_free (input->stimuli);
  g_free (input->alphas);
  g_free (input);
}

void
vs_encoding_result_free (VsEncodingResult *result)
{
  if (result == NULL)
    return;
  g_clear_object (&result->r);
  g_clear_object (&result->r2);
  g_clear_object (&result->alpha);
  g_clear_object (&result->cv_r2);
  g_clear_object (&result->weights);
  g_clear_object (&result->noise_ceiling);
  g_clear_object (&result->top_predicted);
  g_clear_object (&result->top_predicted_response);
  g_clear_object (&result->top_measured);
  g_clear_pointer (&result->stimulus_order, g_ptr_array_unref);
  g_free (result);
}

static double
pearson (const double *a, const double *b, gsize n, gsize stride_a, gsize stride_b)
{
  double ma = 0, mb = 0, sab = 0, saa = 0, sbb = 0;

  for (gsize i = 0; i < n; i++)
    {
      ma += a[i * stride_a];
      mb += b[i * stride_b];
    }
  ma /= n;
  mb /= n;
  for (gsize i = 0; i < n; i++)
    {
      double da = a[i * stride_a] - ma, db = b[i * stride_b] - mb;
      sab += da * db;
      saa += da * da;
      sbb += db * db;
    }
  return saa > 0 && sbb > 0 ? sab / sqrt (saa * sbb) : 0.0;
}

#define PREDICTION_CHUNK 1024

/* Which candidates can be fitted: finite in every presentation and not constant over the
 * training rows.  Read in blocks of columns, row by row. */
static gboolean *
usable_columns (const VsResponseData *data, const gsize *train_rows, gsize n_train)
{
  const gsize block = 256;
  gboolean *usable = g_new (gboolean, MAX (data->n_candidates, 1));
  g_autofree double *values = g_new (double, data->n_rows * block);
  g_autofree gsize *columns = g_new (gsize, block);

  for (gsize c0 = 0; c0 < data->n_candidates; c0 += block)
    {
      gsize nc = MIN (block, data->n_candidates - c0);
      for (gsize c = 0; c < nc; c++)
        {
          columns[c] = c0 + c;
          usable[c0 + c] = TRUE;
        }
      vs_response_data_read_block (data, NULL, data->n_rows, columns, nc, values);
      for (gsize i = 0; i < data->n_rows; i++)
        for (gsize c = 0; c < nc; c++)
          usable[c0 + c] = usable[c0 + c] && isfinite (values[i * nc + c]);
      for (gsize c = 0; c < nc; c++)
        {
          gboolean varies = FALSE;
          for (gsize t = 1; t < n_train && !varies; t++)
            varies = values[train_rows[t] * nc + c] != values[train_rows[0] * nc + c];
          usable[c0 + c] = usable[c0 + c] && varies;
        }
    }
  return usable;
}

/* The measured test responses of @nc kept voxels: the mean over each test stimulus's
 * presentations, and with repeats the means of its even and odd presentations. */
static void
test_responses (VsResponseData *data, const gsize *columns, gsize nc, GHashTable *test_groups,
                GPtrArray *test_ids, VsMatrix *y_test, VsMatrix *y_half0, VsMatrix *y_half1)
{
  g_autofree double *block = g_new (double, data->n_rows * nc);

  vs_response_data_read_block (data, NULL, data->n_rows, columns, nc, block);
  for (gsize c = 0; c < nc; c++)
    {
      for (gsize s = 0; s < test_ids->len; s++)
        {
          GArray *group = g_hash_table_lookup (test_groups, g_ptr_array_index (test_ids, s));
          double sum = 0, even = 0, odd = 0;
          guint n_even = 0, n_odd = 0;
          for (guint k = 0; k < group->len; k++)
            {
              double value = block[g_array_index (group, gsize, k) * nc + c];
              sum += value;
              if (k % 2 == 0)
                even += value, n_even++;
              else
                odd += value, n_odd++;
            }
          vs_matrix_row (y_test, s)[c] = sum / group->len;
          if (y_half0 != NULL)
            {
              vs_matrix_row (y_half0, s)[c] = even / MAX (n_even, 1);
              vs_matrix_row (y_half1, s)[c] = n_odd > 0 ? odd / n_odd : even / MAX (n_even, 1);
            }
        }
    }
}

/* Held-out evaluation of each chunk of voxels as soon as the ridge has finished it, so the maps
 * fill in while the fit runs. */
typedef struct {
  VsResponseData   *data;
  const gsize      *columns;       /* kept voxel → candidate */
  const gsize      *voxel_index;   /* kept voxel → grid index */
  gsize             v;
  GHashTable       *test_groups;
  GPtrArray        *test_ids;
  gboolean          have_repeats;
  const VsMatrix   *x_test;
  VsEncodingResult *result;
  double           *sorted_r;
  VsProgress       *progress;
  GMutex            mutex;          /* guards the maps and what follows */
  gsize             done;
  gint64            last_publish;
} HeldOut;

#define PUBLISH_INTERVAL_US (G_USEC_PER_SEC / 4)

static void
held_out_chunk (const VsRidgeFit *fit, gsize j0, gsize nc, gpointer user_data)
{
  HeldOut *h = user_data;
  VsEncodingResult *result = h->result;
  gsize n_test = h->test_ids->len, p = h->x_test->cols, v = h->v;
  gsize total_voxels = h->data->frame_voxels;
  g_autoptr(VsMatrix) y_test = vs_matrix_new (n_test, nc, NULL);
  g_autoptr(VsMatrix) predicted = vs_matrix_new (n_test, nc, NULL);
  g_autoptr(VsMatrix) y_half0 = h->have_repeats ? vs_matrix_new (n_test, nc, NULL) : NULL;
  g_autoptr(VsMatrix) y_half1 = h->have_repeats ? vs_matrix_new (n_test, nc, NULL) : NULL;
  g_autofree double *r = g_new (double, nc), *r2 = g_new (double, nc);
  g_autofree double *ceiling = g_new0 (double, nc);
  g_autoptr(VsVolume) snapshot = NULL;
  gint64 now;

  g_assert (y_test != NULL && predicted != NULL);
  test_responses (h->data, h->columns + j0, nc, h->test_groups, h->test_ids, y_test, y_half0,
                  y_half1);
  for (gsize t = 0; t < n_test; t++)
    memcpy (vs_matrix_row (predicted, t), fit->intercepts + j0, nc * sizeof (double));
  cblas_dgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans, (int) n_test, (int) nc, (int) p, 1.0,
               h->x_test->data, (int) p, fit->weights->data + j0, (int) v, 1.0, predicted->data,
               (int) nc);
  for (gsize c = 0; c < nc; c++)
    {
      const double *y_j = &vs_matrix_row (y_test, 0)[c], *pred_j = &vs_matrix_row (predicted, 0)[c];
      double sse = 0, sst = 0, mean = 0;

      r[c] = pearson (y_j, pred_j, n_test, nc, nc);
      for (gsize s = 0; s < n_test; s++)
        mean += y_j[s * nc] / n_test;
      for (gsize s = 0; s < n_test; s++)
        {
          double e = y_j[s * nc] - pred_j[s * nc];
          double d = y_j[s * nc] - mean;
          sse += e * e;
          sst += d * d;
        }
      r2[c] = sst > 0 ? 1 - sse / sst : 0;
      if (h->have_repeats)
        {
          /* Split-half reliability of the mean, Spearman–Brown corrected. */
          double half = pearson (&vs_matrix_row (y_half0, 0)[c], &vs_matrix_row (y_half1, 0)[c],
                                 n_test, nc, nc);
          ceiling[c] = half > -1 ? 2 * half / (1 + half) : 0;
        }
    }

  vs_mutex_lock (&h->mutex);
  for (gsize c = 0; c < nc; c++)
    {
      gsize j = j0 + c, index = h->voxel_index[j];
      ((float *) vs_volume_get_data_mutable (result->r))[index] = (float) r[c];
      ((float *) vs_volume_get_data_mutable (result->r2))[index] = (float) r2[c];
      ((float *) vs_volume_get_data_mutable (result->alpha))[index] = (float) fit->alphas[j];
      ((float *) vs_volume_get_data_mutable (result->cv_r2))[index] = (float) fit->cv_r2[j];
      for (gsize k = 0; k < p; k++)
        ((float *) vs_volume_get_data_mutable (result->weights))[index + k * total_voxels] =
          (float) vs_matrix_row (fit->weights, k)[j];
      if (h->have_repeats)
        ((float *) vs_volume_get_data_mutable (result->noise_ceiling))[index] = (float) ceiling[c];
      h->sorted_r[j] = r[c];
    }
  h->done += nc;
  now = g_get_monotonic_time ();
  /* The r map so far, for a watcher, a few times a second. */
  if (h->progress != NULL && h->done < v && now - h->last_publish >= PUBLISH_INTERVAL_US)
    {
      snapshot = vs_volume_copy (result->r);
      h->last_publish = now;
    }
  vs_progress_update (h->progress, 0.05 + 0.85 * (double) h->done / v);
  vs_mutex_unlock (&h->mutex);
  if (snapshot != NULL)
    vs_progress_publish (h->progress, G_OBJECT (snapshot));
}

/* Ridge targets read from the responses: columns are the kept voxels, rows the training
 * presentations, so no float64 copy of the training data is made. */
typedef struct {
  const VsResponseData *data;
  const gsize          *columns;   /* candidate index of each kept voxel */
  const gsize          *rows;      /* presentation of each training row */
} TrainingTargets;

static void
read_training (gpointer user_data, const gsize *rows, gsize n_rows, gsize c0, gsize nc,
               double *out)
{
  const TrainingTargets *t = user_data;
  g_autofree gsize *source_rows = g_new (gsize, MAX (n_rows, 1));

  for (gsize i = 0; i < n_rows; i++)
    source_rows[i] = t->rows[rows[i]];
  vs_response_data_read_block (t->data, source_rows, n_rows, t->columns + c0, nc, out);
}

static int
compare_doubles (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

/* Top-k stimuli of every fitted voxel, by predicted and by measured (mean over presentations)
 * response, over all distinct stimuli; voxels in chunks so memory stays n_stimuli × chunk. */
static gboolean
rank_stimuli (VsEncodingInput      *input,
              const VsResponseData *data,
              const VsRidgeFit     *fit,
              const gsize          *voxel_index,
              gsize                 v,
              VsEncodingResult     *result,
              GCancellable         *cancellable,
              GError              **error)
{
  GArray *rows = input->stimuli->rows;
  gsize n = rows->len, p = input->features->cols, n_stimuli;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree gsize *stimulus_of_row = g_new (gsize, n);
  g_autofree gsize *first_row = g_new (gsize, n);
  g_autofree gsize *presentations = NULL;
  g_autofree gsize *candidate_of = NULL;
  const gsize chunk = 1024;
  g_autofree double *block = g_new (double, n * chunk);
  g_autoptr(VsMatrix) x_stimuli = NULL;

  result->stimulus_order = g_ptr_array_new ();
  for (gsize i = 0; i < n; i++)
    {
      VsStimulus *s = &g_array_index (rows, VsStimulus, i);
      gpointer known = g_hash_table_lookup (seen, s->stimulus_id);
      if (known == NULL)
        {
          first_row[result->stimulus_order->len] = i;
          g_ptr_array_add (result->stimulus_order, s);
          known = GSIZE_TO_POINTER (result->stimulus_order->len);
          g_hash_table_insert (seen, s->stimulus_id, known);
        }
      stimulus_of_row[i] = GPOINTER_TO_SIZE (known) - 1;
    }
  n_stimuli = result->stimulus_order->len;
  presentations = g_new0 (gsize, n_stimuli);
  for (gsize i = 0; i < n; i++)
    presentations[stimulus_of_row[i]]++;
  x_stimuli = vs_matrix_take_rows (input->features, first_row, n_stimuli);
  result->top_predicted = vs_voxel_top_stimuli_new (data->grid, input->top_k);
  result->top_predicted_response = vs_volume_new_like (data->grid, VS_DATATYPE_FLOAT32,
                                                       input->top_k, error);
  if (result->top_predicted_response == NULL)
    return FALSE;
  result->top_measured = vs_voxel_top_stimuli_new (data->grid, input->top_k);

  /* Which candidate column each fitted voxel came from. */
  candidate_of = g_new (gsize, v);
  for (gsize j = 0, c = 0; j < v; j++)
    {
      while (data->candidates[c] != voxel_index[j])
        c++;
      candidate_of[j] = c;
    }

  for (gsize j0 = 0; j0 < v; j0 += chunk)
    {
      gsize nc = MIN (chunk, v - j0);
      g_autoptr(VsMatrix) predicted = vs_matrix_new (n_stimuli, nc, error);
      g_autoptr(VsMatrix) measured = vs_matrix_new (n_stimuli, nc, error);

      if (predicted == NULL || measured == NULL ||
          g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      for (gsize s = 0; s < n_stimuli; s++)
        memcpy (vs_matrix_row (predicted, s), fit->intercepts + j0, nc * sizeof (double));
      cblas_dgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans, (int) n_stimuli, (int) nc, (int) p,
                   1.0, x_stimuli->data, (int) p, fit->weights->data + j0, (int) v, 1.0,
                   predicted->data, (int) nc);
      vs_response_data_read_block (data, NULL, n, candidate_of + j0, nc, block);
      for (gsize i = 0; i < n; i++)
        for (gsize j = 0; j < nc; j++)
          vs_matrix_row (measured, stimulus_of_row[i])[j] +=
            block[i * nc + j] / presentations[stimulus_of_row[i]];
      vs_voxel_top_stimuli_fill (result->top_predicted, result->top_predicted_response, predicted,
                                 voxel_index + j0);
      vs_voxel_top_stimuli_fill (result->top_measured, NULL, measured, voxel_index + j0);
    }
  return TRUE;
}

VsEncodingResult *
vs_encoding_model_fit (VsEncodingInput  *input,
                       VsProgress       *progress,
                       GCancellable     *cancellable,
                       GError          **error)
{
  g_autoptr(VsEncodingResult) result = g_new0 (VsEncodingResult, 1);
  GArray *rows = input->stimuli->rows;
  gsize n = rows->len, p = input->features->cols, n_train = 0;
  g_auto(VsResponseData) data = { 0 };
  const gsize *candidates;
  g_autofree gsize *voxel_index = NULL;   /* fitted voxel → grid index */
  g_autofree gsize *train_rows = NULL;
  g_autoptr(GPtrArray) test_ids = g_ptr_array_new ();
  g_autoptr(GHashTable) test_groups = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                             (GDestroyNotify) g_array_unref);
  g_autoptr(VsMatrix) x_train = NULL, x_test = NULL;
  g_autoptr(GArray) kept_columns = NULL;
  VsRidgeTargets targets;
  TrainingTargets training;
  g_autoptr(VsRidgeFit) fit = NULL;
  g_autofree double *sorted_r = NULL;
  gsize n_candidates = 0, v = 0, n_test;
  gboolean have_repeats = FALSE;
  VsRidgeOptions options = { 0 };
  HeldOut held_out;

  if (!vs_response_data_init (&data, input->responses, input->response_matrix, input->mask, n,
                              error))
    return NULL;
  if (input->features->rows != n || data.n_rows != n)
    {
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_INVALID_ARGUMENT,
                   "the stimulus table has %" G_GSIZE_FORMAT " rows, the features %" G_GSIZE_FORMAT
                   " and the responses %" G_GSIZE_FORMAT "; they must be equal (one row per "
                   "presentation)", n, input->features->rows, data.n_rows);
      return NULL;
    }
  n_candidates = data.n_candidates;
  candidates = data.candidates;

  /* Rows: training presentations; test presentations grouped by stimulus. */
  train_rows = g_new (gsize, n);
  for (gsize i = 0; i < n; i++)
    {
      VsStimulus *s = &g_array_index (rows, VsStimulus, i);
      if (!s->is_test)
        train_rows[n_train++] = i;
      else
        {
          GArray *group = g_hash_table_lookup (test_groups, s->stimulus_id);
          if (group == NULL)
            {
              group = g_array_new (FALSE, FALSE, sizeof (gsize));
              g_hash_table_insert (test_groups, s->stimulus_id, group);
              g_ptr_array_add (test_ids, s->stimulus_id);
            }
          g_array_append_val (group, i);
          have_repeats = have_repeats || group->len > 1;
        }
    }
  n_test = test_ids->len;
  if (n_train < MAX (input->n_folds, 2) || n_test < 3)
    {
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_INVALID_ARGUMENT,
                   "%" G_GSIZE_FORMAT " training presentations and %" G_GSIZE_FORMAT " test "
                   "stimuli are too few (need at least %u and 3)", n_train, n_test,
                   MAX (input->n_folds, 2));
      return NULL;
    }

  /* Responses of the usable voxels on the training rows. */
  voxel_index = g_new (gsize, n_candidates);
  {
    g_autofree gboolean *usable = NULL;
    g_autoptr(GArray) kept = g_array_new (FALSE, FALSE, sizeof (gsize));
    g_autoptr(GArray) kept_column = g_array_new (FALSE, FALSE, sizeof (gsize));

    usable = usable_columns (&data, train_rows, n_train);
    for (gsize c = 0; c < n_candidates; c++)
      {
        if (!usable[c])
          {
            result->n_excluded++;
            continue;
          }
        g_array_append_val (kept, candidates[c]);
        g_array_append_val (kept_column, c);
      }
    v = kept->len;
    kept_columns = g_array_ref (kept_column);
    if (v == 0)
      {
        g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_INVALID_ARGUMENT,
                     "all %" G_GSIZE_FORMAT " voxels are constant or hold NaN/Inf; nothing to fit",
                     n_candidates);
        return NULL;
      }
    memcpy (voxel_index, kept->data, v * sizeof (gsize));

    x_train = vs_matrix_take_rows (input->features, train_rows, n_train);
    x_test = vs_matrix_new (n_test, p, error);
    if (x_train == NULL || x_test == NULL)
      return NULL;
    for (gsize s = 0; s < n_test; s++)
      {
        GArray *group = g_hash_table_lookup (test_groups, g_ptr_array_index (test_ids, s));
        memcpy (vs_matrix_row (x_test, s),
                vs_matrix_row (input->features, g_array_index (group, gsize, 0)),
                p * sizeof (double));
      }
  }
  vs_progress_update (progress, 0.05);

  /* Maps, filled chunk by chunk while the ridge runs. */
  result->r = vs_response_data_new_map (&data, 1, error);
  result->r2 = vs_response_data_new_map (&data, 1, error);
  result->alpha = vs_response_data_new_map (&data, 1, error);
  result->cv_r2 = vs_response_data_new_map (&data, 1, error);
  result->weights = vs_response_data_new_map (&data, (gint64) p, error);
  if (have_repeats)
    result->noise_ceiling = vs_response_data_new_map (&data, 1, error);
  if (result->r == NULL || result->r2 == NULL || result->alpha == NULL || result->cv_r2 == NULL ||
      result->weights == NULL || (have_repeats && result->noise_ceiling == NULL))
    return NULL;
  sorted_r = g_new (double, v);
  held_out = (HeldOut) { &data, (const gsize *) kept_columns->data, voxel_index, v, test_groups,
                         test_ids, have_repeats, x_test, result, sorted_r, progress };
  g_mutex_init (&held_out.mutex);

  options.alphas = input->alphas;
  options.n_alphas = input->n_alphas;
  options.n_folds = input->n_folds;
  options.n_threads = input->n_threads;
  options.chunk_done = held_out_chunk;
  options.chunk_data = &held_out;
  training.data = &data;
  training.columns = (const gsize *) kept_columns->data;
  training.rows = train_rows;
  targets.n_rows = n_train;
  targets.n_cols = v;
  targets.read = read_training;
  targets.data = &training;
  fit = vs_ridge_fit (x_train, &targets, &options, NULL, cancellable, error);
  g_mutex_clear (&held_out.mutex);
  if (fit == NULL)
    return NULL;
  vs_progress_update (progress, 0.9);
  if (input->top_k > 0 &&
      !rank_stimuli (input, &data, fit, voxel_index, v, result, cancellable, error))
    return NULL;
  qsort (sorted_r, v, sizeof (double), compare_doubles);
  result->median_r = sorted_r[v / 2];
  result->n_voxels = v;
  result->n_train = n_train;
  result->n_test_stimuli = n_test;
  vs_progress_update (progress, 1.0);
  return g_steal_pointer (&result);
}
