/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <glib/gstdio.h>
#include <lapacke.h>
#include <math.h>

#include "vs-nifti-reader.h"
#include "vs-nifti-writer.h"
#include "vs-selectivity.h"
#include "vs-volume-loader.h"
#include "vs-test-fixtures.h"

/* Three categories, 40 presentations each, 300 voxels: 100 prefer faces, 100 places, 100 are
 * noise.  Stated SNR: an effect of 1.5 over unit Gaussian noise per presentation (d′ = 1.5; the
 * expected t of the preferred contrast is about 7.7, against the map's threshold of 4). */

#define NV 300
#define PER 40
#define K 3
#define N (K * PER)

static const char *names[K] = { "faces", "places", "objects" };

static char *
write_table (const char *dir)
{
  g_autoptr(GString) tsv = g_string_new ("stimulus_id\timage\tcategory\tsplit\trepeat\n");
  char *path = g_build_filename (dir, "stimuli.tsv", NULL);

  for (int i = 0; i < N; i++)
    g_string_append_printf (tsv, "s%d\ts%d.png\t%s\ttrain\t0\n", i, i, names[i % K]);
  g_assert_true (g_file_set_contents (path, tsv->str, -1, NULL));
  return path;
}

static VsVolume *
make_responses (GRand *rand)
{
  const gint64 dims[4] = { 10, 10, 3, N };
  VsVolume *volume = vs_volume_new (VS_DATATYPE_FLOAT32, dims, NULL);
  float *d = vs_volume_get_data_mutable (volume);

  for (int i = 0; i < N; i++)
    for (int v = 0; v < NV; v++)
      {
        int category = i % K;
        double effect = (v < 100 && category == 0) || (v >= 100 && v < 200 && category == 1) ? 1.5
                                                                                            : 0.0;
        /* Box–Muller: unit Gaussian noise. */
        double u1 = g_rand_double_range (rand, 1e-12, 1), u2 = g_rand_double (rand);
        d[v + i * NV] = (float) (5 + effect + sqrt (-2 * log (u1)) * cos (2 * G_PI * u2));
      }
  return volume;
}

/* t by an explicit GLM: design X (n × K one-hot), β = (XᵀX)⁻¹Xᵀy, σ² = |y − Xβ|² / (n − K),
 * t = cᵀβ / √(σ² cᵀ(XᵀX)⁻¹c), all with LAPACK on full matrices. */
static double
direct_t (const float *y, int voxel, int c)
{
  double xtx[K * K] = { 0 }, inv[K * K], xty[K] = { 0 }, beta[K], contrast[K], sse = 0, num = 0,
         quad = 0;
  lapack_int ipiv[K];

  for (int i = 0; i < N; i++)
    {
      xtx[(i % K) * K + i % K] += 1;
      xty[i % K] += y[voxel + i * NV];
    }
  memcpy (inv, xtx, sizeof inv);
  g_assert_cmpint (LAPACKE_dgetrf (LAPACK_ROW_MAJOR, K, K, inv, K, ipiv), ==, 0);
  g_assert_cmpint (LAPACKE_dgetri (LAPACK_ROW_MAJOR, K, inv, K, ipiv), ==, 0);
  for (int a = 0; a < K; a++)
    {
      beta[a] = 0;
      for (int b = 0; b < K; b++)
        beta[a] += inv[a * K + b] * xty[b];
      contrast[a] = a == c ? 1.0 : -1.0 / (K - 1);
    }
  for (int i = 0; i < N; i++)
    sse += (y[voxel + i * NV] - beta[i % K]) * (y[voxel + i * NV] - beta[i % K]);
  for (int a = 0; a < K; a++)
    {
      num += contrast[a] * beta[a];
      for (int b = 0; b < K; b++)
        quad += contrast[a] * inv[a * K + b] * contrast[b];
    }
  return num / sqrt (sse / (N - K) * quad);
}

static void
test_planted_and_direct_glm (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (99);
  g_autofree char *dir = vs_test_make_tmpdir ();
  g_autofree char *table_path = write_table (dir);
  g_autoptr(VsSelectivityInput) input = g_new0 (VsSelectivityInput, 1);
  g_autoptr(VsSelectivityResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const float *y;
  const guint16 *preferred;
  int right = 0;

  input->responses = make_responses (rand);
  input->stimuli = vs_stimulus_table_read (table_path, &error);
  g_assert_no_error (error);
  result = vs_selectivity_compute (input, NULL, NULL, &error);
  g_assert_no_error (error);
  y = vs_volume_get_data (input->responses);
  preferred = vs_volume_get_data (result->preferred);

  for (int v = 0; v < 200; v++)
    right += preferred[v] == (v < 100 ? 1 : 2);
  g_test_message ("preferred right for %d of 200 planted voxels", right);
  g_assert_cmpint (right, >=, 190);  /* ≥ 95 % */
  g_assert_cmpstr (vs_label_table_lookup (vs_volume_get_label_table (result->preferred), 2)->name,
                   ==, "places");
  for (int v = 0; v < NV; v += 37)
    for (int c = 0; c < K; c++)
      g_assert_cmpfloat_with_epsilon (
        ((const float *) vs_volume_get_data (g_ptr_array_index (result->t_maps, c)))[v],
        direct_t (y, v, c), 1e-4 * fabs (direct_t (y, v, c)) + 1e-4);
  /* Selective voxels have positive SI and d′ near the planted 1.5. */
  {
    double dprime = 0;
    for (int v = 0; v < 100; v++)
      dprime += ((const float *) vs_volume_get_data (result->dprime))[v] / 100;
    g_assert_cmpfloat_with_epsilon (dprime, 1.5, 0.3);
    g_assert_cmpfloat (((const float *) vs_volume_get_data (result->si))[0], >, 0);
  }
  g_unlink (table_path);
  g_rmdir (dir);
}

static void
test_command (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  g_autofree char *dir = vs_test_make_tmpdir ();
  g_autofree char *table_path = write_table (dir);
  g_autofree char *responses = g_build_filename (dir, "responses.nii.gz", NULL);
  g_autofree char *out_dir = g_build_filename (dir, "out", NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(VsVolume) volume = make_responses (rand);
  g_autoptr(VsVolume) preferred = NULL;
  g_autoptr(GError) error = NULL;
  const char *args[] = { "analyze", "selectivity", "--responses", responses, "--stimuli",
                         table_path, "--out-dir", out_dir, NULL };
  static const char *files[] = { "t_faces.nii.gz", "t_places.nii.gz", "t_objects.nii.gz",
                                 "preferred.nii.gz", "preferred.tsv", "si.nii.gz", "dprime.nii.gz",
                                 "summary.json" };

  g_assert_true (vs_nifti_write (volume, responses, &error));
  g_assert_cmpint (vs_test_run_voxelscope (args, &out, &err), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (out_dir, files[i], NULL);
      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
    }
  /* The label map opens with its names, as any viewer would show it. */
  {
    g_autofree char *path = g_build_filename (out_dir, "preferred.nii.gz", NULL);
    g_autoptr(VsVolume) labels = NULL;
    labels = vs_volume_load (path, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (vs_volume_get_intent (labels), ==, VS_VOLUME_INTENT_LABEL);
    g_assert_cmpstr (vs_label_table_lookup (vs_volume_get_label_table (labels), 1)->name, ==,
                     "faces");
  }
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (out_dir, files[i], NULL);
      g_unlink (path);
    }
  g_rmdir (out_dir);
  g_unlink (responses);
  g_unlink (table_path);
  g_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/selectivity/planted-and-direct-glm", test_planted_and_direct_glm);
  g_test_add_func ("/selectivity/command", test_command);

  return g_test_run ();
}
