/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <math.h>

#include "vs-analysis-error.h"
#include "vs-job.h"
#include "vs-volume-stats.h"

static void
test_orientation_codes (void)
{
  const gint64 dims[4] = { 2, 2, 2, 1 };
  struct { double affine[16]; const char *code; } cases[] = {
    { { 1, 0, 0, 0,  0, 1, 0, 0,  0, 0, 1, 0,  0, 0, 0, 1 }, "RAS" },
    { { -1, 0, 0, 0,  0, 1, 0, 0,  0, 0, 1, 0,  0, 0, 0, 1 }, "LAS" },
    { { 0, 0, -1, 0,  -1, 0, 0, 0,  0, 1, 0, 0,  0, 0, 0, 1 }, "PSL" },
    { { 0.9, 0.3, 0, 0,  -0.3, 0.9, 0, 0,  0, 0, -2, 0,  0, 0, 0, 1 }, "RAI" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(VsVolume) volume = vs_volume_new (VS_DATATYPE_UINT8, dims, NULL);
      char code[4];

      g_assert_true (vs_volume_set_affine (volume, cases[c].affine, NULL));
      vs_volume_get_orientation (volume, code);
      g_assert_cmpstr (code, ==, cases[c].code);
    }
}

static void
test_world_voxel_roundtrip (void)
{
  const gint64 dims[4] = { 10, 12, 14, 1 };
  const double affine[16] = { 0, -2, 0.1, 30,  1.5, 0, 0, -20,  0, 0.2, 3, 7,  0, 0, 0, 1 };
  g_autoptr(VsVolume) volume = vs_volume_new (VS_DATATYPE_FLOAT32, dims, NULL);
  const double ijk[3] = { 3.25, 7, 11.5 };
  double xyz[3], back[3];

  g_assert_true (vs_volume_set_affine (volume, affine, NULL));
  vs_volume_voxel_to_world (volume, ijk, xyz);
  g_assert_cmpfloat_with_epsilon (xyz[0], -2 * 7 + 0.1 * 11.5 + 30, 1e-12);
  vs_volume_world_to_voxel (volume, xyz, back);
  for (int a = 0; a < 3; a++)
    g_assert_cmpfloat_with_epsilon (back[a], ijk[a], 1e-9);
}

static void
test_singular_affine (void)
{
  const gint64 dims[4] = { 2, 2, 2, 1 };
  const double flat[16] = { 1, 0, 0, 0,  0, 1, 0, 0,  0, 0, 0, 0,  0, 0, 0, 1 };
  const double nan_affine[16] = { NAN, 0, 0, 0,  0, 1, 0, 0,  0, 0, 1, 0,  0, 0, 0, 1 };
  g_autoptr(VsVolume) volume = vs_volume_new (VS_DATATYPE_UINT8, dims, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (vs_volume_set_affine (volume, flat, &error));
  g_assert_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_CORRUPT);
  g_clear_error (&error);
  g_assert_false (vs_volume_set_affine (volume, nan_affine, &error));
  g_assert_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_CORRUPT);
}

static void
test_stats_robust_range (void)
{
  /* 1000 voxels: 500 zeros (background, ignored for the robust range), then 1..500. */
  const gint64 dims[4] = { 10, 10, 10, 1 };
  g_autoptr(VsVolume) volume = vs_volume_new (VS_DATATYPE_INT16, dims, NULL);
  gint16 *data = vs_volume_get_data_mutable (volume);
  g_autoptr(VsVolumeStats) stats = NULL;
  g_autoptr(GError) error = NULL;
  guint64 total = 0;

  for (int i = 0; i < 500; i++)
    data[500 + i] = (gint16) (i + 1);
  stats = vs_volume_stats_compute (volume, 0, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (stats->min, ==, 0);
  g_assert_cmpfloat (stats->max, ==, 500);
  g_assert_cmpuint (stats->n_nonzero, ==, 500);
  /* 2 % and 98 % of 1..500 are 10 and 490; bins are 500/4096 wide. */
  g_assert_cmpfloat_with_epsilon (stats->robust_min, 10, 1.5);
  g_assert_cmpfloat_with_epsilon (stats->robust_max, 490, 1.5);
  for (int b = 0; b < VS_VOLUME_STATS_BINS; b++)
    total += stats->histogram[b];
  g_assert_cmpuint (total, ==, 1000);
}

static void
test_stats_nan_and_scaling (void)
{
  const gint64 dims[4] = { 4, 1, 1, 2 };
  g_autoptr(VsVolume) volume = vs_volume_new (VS_DATATYPE_FLOAT32, dims, NULL);
  float *data = vs_volume_get_data_mutable (volume);
  g_autoptr(VsVolumeStats) stats = NULL;

  data[0] = NAN; data[1] = 1; data[2] = INFINITY; data[3] = 3;
  data[4] = 100; data[5] = 200; data[6] = 300; data[7] = 400;
  vs_volume_set_scaling (volume, 2, 1);
  stats = vs_volume_stats_compute (volume, 0, NULL, NULL, NULL);
  g_assert_cmpuint (stats->n_finite, ==, 2);
  g_assert_cmpfloat (stats->min, ==, 3);
  g_assert_cmpfloat (stats->max, ==, 7);
  g_clear_pointer (&stats, vs_volume_stats_free);
  stats = vs_volume_stats_compute (volume, 1, NULL, NULL, NULL);
  g_assert_cmpfloat (stats->max, ==, 801);
}

/* The exact integer path and the general histogram path agree. */
static void
test_stats_paths_agree (void)
{
  const gint64 dims[4] = { 40, 30, 20, 1 };
  g_autoptr(VsVolume) ints = vs_volume_new (VS_DATATYPE_INT16, dims, NULL);
  g_autoptr(VsVolume) floats = vs_volume_new (VS_DATATYPE_FLOAT32, dims, NULL);
  gint16 *a = vs_volume_get_data_mutable (ints);
  float *b = vs_volume_get_data_mutable (floats);
  g_autoptr(VsVolumeStats) sa = NULL;
  g_autoptr(VsVolumeStats) sb = NULL;

  for (int i = 0; i < 40 * 30 * 20; i++)
    a[i] = (gint16) (i % 7 == 0 ? 0 : (i * 7919) % 3001 - 1000);
  for (int i = 0; i < 40 * 30 * 20; i++)
    b[i] = a[i] * 0.5f - 3.0f;
  vs_volume_set_scaling (ints, 0.5, -3.0);
  sa = vs_volume_stats_compute (ints, 0, NULL, NULL, NULL);
  sb = vs_volume_stats_compute (floats, 0, NULL, NULL, NULL);
  g_assert_cmpfloat (sa->min, ==, sb->min);
  g_assert_cmpfloat (sa->max, ==, sb->max);
  g_assert_cmpuint (sa->n_nonzero, ==, sb->n_nonzero);
  g_assert_cmpfloat_with_epsilon (sa->robust_min, sb->robust_min, 1.5 * 1500 / 4096.0 + 0.5);
  g_assert_cmpfloat_with_epsilon (sa->robust_max, sb->robust_max, 1.5 * 1500 / 4096.0 + 0.5);
  for (int bin = 0; bin < VS_VOLUME_STATS_BINS; bin++)
    g_assert_cmpuint (sa->histogram[bin], ==, sb->histogram[bin]);
}

/* Jobs */

static gpointer
count_job (gpointer input, VsProgress *progress, GCancellable *cancellable, GError **error)
{
  guint n = GPOINTER_TO_UINT (input);
  guint64 *sum = g_new0 (guint64, 1);

  for (guint i = 1; i <= n; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          g_free (sum);
          return NULL;
        }
      *sum += i;
      vs_progress_update (progress, (double) i / n);
      g_usleep (50);
    }
  return sum;
}

static void
on_fraction (GObject *object, GParamSpec *pspec, gpointer data)
{
  guint *notifications = data;
  (*notifications)++;
}

static void
on_job_done (GObject *source, GAsyncResult *result, gpointer data)
{
  gpointer *out = data;
  GError *error = NULL;

  out[0] = vs_job_run_finish (VS_JOB (source), result, &error);
  out[1] = error;
  out[2] = GINT_TO_POINTER (1);
}

static void
test_job_result_and_progress (void)
{
  g_autoptr(VsJob) job = vs_job_new ("count", count_job, GUINT_TO_POINTER (20000), NULL, g_free);
  gpointer out[3] = { NULL, NULL, NULL };
  guint notifications = 0;

  g_signal_connect (vs_job_get_progress (job), "notify::fraction", G_CALLBACK (on_fraction),
                    &notifications);
  vs_job_run_async (job, on_job_done, out);
  g_assert_true (vs_job_get_running (job));
  while (out[2] == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_null (out[1]);
  g_assert_cmpuint (*(guint64 *) out[0], ==, (guint64) 20000 * 20001 / 2);
  g_free (out[0]);
  g_assert_false (vs_job_get_running (job));
  g_assert_cmpfloat (vs_progress_get_fraction (vs_job_get_progress (job)), ==, 1.0);
  /* 20000 updates throttled: at most one per 0.5 % step, and at least a few. */
  g_assert_cmpuint (notifications, <=, 201);
  g_assert_cmpuint (notifications, >=, 1);
}

static void
test_job_cancel (void)
{
  g_autoptr(VsJob) job = vs_job_new ("count", count_job, GUINT_TO_POINTER (10000000), NULL, g_free);
  gpointer out[3] = { NULL, NULL, NULL };

  vs_job_run_async (job, on_job_done, out);
  vs_job_cancel (job);
  while (out[2] == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (out[0]);
  g_assert_error ((GError *) out[1], G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_error_free (out[1]);
}

/* Publishes each of 5 partial sums as a GObject carrying the value. */
static gpointer
partial_job (gpointer input, VsProgress *progress, GCancellable *cancellable, GError **error)
{
  for (guint i = 1; i <= 5; i++)
    {
      g_autoptr(GObject) partial = g_object_new (G_TYPE_OBJECT, NULL);
      g_object_set_data (partial, "value", GUINT_TO_POINTER (i));
      vs_progress_publish (progress, partial);
    }
  return g_new0 (guint64, 1);
}

static void
on_partial (VsProgress *progress, GObject *partial, gpointer data)
{
  GArray *seen = data;
  guint value = GPOINTER_TO_UINT (g_object_get_data (partial, "value"));

  /* Delivered in the owner's thread, the main one here. */
  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  g_array_append_val (seen, value);
}

static void
test_job_partial_results (void)
{
  g_autoptr(VsJob) job = vs_job_new ("partial", partial_job, NULL, NULL, g_free);
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (guint));
  gpointer out[3] = { NULL, NULL, NULL };

  g_signal_connect (vs_job_get_progress (job), "partial", G_CALLBACK (on_partial), seen);
  vs_job_run_async (job, on_job_done, out);
  while (out[2] == NULL || seen->len < 5)
    g_main_context_iteration (NULL, TRUE);
  g_free (out[0]);
  /* Every partial result, in the order published. */
  g_assert_cmpuint (seen->len, ==, 5);
  for (guint i = 0; i < 5; i++)
    g_assert_cmpuint (g_array_index (seen, guint, i), ==, i + 1);
}

static gpointer
failing_job (gpointer input, VsProgress *progress, GCancellable *cancellable, GError **error)
{
  g_set_error_literal (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_CORRUPT, "bad.nii: broken");
  return NULL;
}

static void
test_job_error (void)
{
  g_autoptr(VsJob) job = vs_job_new ("fail", failing_job, NULL, NULL, NULL);
  g_autoptr(VsJob) sync_job = vs_job_new ("fail", failing_job, NULL, NULL, NULL);
  gpointer out[3] = { NULL, NULL, NULL };
  g_autoptr(GError) error = NULL;

  vs_job_run_async (job, on_job_done, out);
  while (out[2] == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error ((GError *) out[1], VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_CORRUPT);
  g_error_free (out[1]);

  g_assert_null (vs_job_run_sync (sync_job, &error));
  g_assert_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_CORRUPT);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/volume/orientation-codes", test_orientation_codes);
  g_test_add_func ("/volume/world-voxel-roundtrip", test_world_voxel_roundtrip);
  g_test_add_func ("/volume/singular-affine", test_singular_affine);
  g_test_add_func ("/volume/stats/robust-range", test_stats_robust_range);
  g_test_add_func ("/volume/stats/nan-and-scaling", test_stats_nan_and_scaling);
  g_test_add_func ("/volume/stats/paths-agree", test_stats_paths_agree);
  g_test_add_func ("/job/result-and-progress", test_job_result_and_progress);
  g_test_add_func ("/job/cancel", test_job_cancel);
  g_test_add_func ("/job/partial-results", test_job_partial_results);
  g_test_add_func ("/job/error", test_job_error);

  return g_test_run ();
}
