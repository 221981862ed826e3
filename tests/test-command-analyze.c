/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "vs-nifti-reader.h"
#include "vs-nifti-writer.h"
#include "vs-npy-reader.h"
#include "vs-test-fixtures.h"

/* A planted encoding dataset: 60 voxels on a 5×4×3 grid, 150 training images and 20 test images
 * shown twice; voxels 0–29 respond to the features (y = Xw + noise), 30–58 are noise, 59 is
 * constant.  The command must find the first group, not the second, and exclude the last. */

#define NX 5
#define NY 4
#define NZ 3
#define NV (NX * NY * NZ)
#define P 8
#define N_TRAIN 150
#define N_TEST 20
#define N (N_TRAIN + 2 * N_TEST)

typedef struct {
  double w0[P];   /* the planted weights of voxel 0 */
  char *dir;
  char *features;
  char *responses;
  char *stimuli;
  char *out;
} Dataset;

static void
dataset_make (Dataset *d)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autofree double *x = g_new (double, N * P);
  g_autofree double *w = g_new (double, P * NV);
  const gint64 dims[4] = { NX, NY, NZ, N };
  const double affine[16] = { 2, 0, 0, -5, 0, 2, 0, -4, 0, 0, 2, -3, 0, 0, 0, 1 };
  g_autoptr(VsVolume) y = vs_volume_new (VS_DATATYPE_FLOAT32, dims, NULL);
  float *yd = vs_volume_get_data_mutable (y);
  g_autoptr(GString) tsv = g_string_new ("stimulus_id\timage\tcategory\tsplit\trepeat\textra\n");
  g_autoptr(GError) error = NULL;

  d->dir = vs_test_make_tmpdir ();
  for (gsize i = 0; i < P * NV; i++)
    w[i] = g_rand_double_range (rand, -1, 1);
  for (gsize k = 0; k < P; k++)
    d->w0[k] = w[k * NV];
  for (gsize i = 0; i < N; i++)
    {
      /* Test images repeat: rows 150+2s and 151+2s show the same image s. */
      gsize image = i < N_TRAIN ? i : N_TRAIN + (i - N_TRAIN) / 2;
      g_autoptr(GRand) image_rand = g_rand_new_with_seed ((guint32) (1000 + image));
      for (gsize k = 0; k < P; k++)
        x[i * P + k] = g_rand_double_range (image_rand, -1, 1);
      g_string_append_printf (tsv, "img%03zu\timages/img%03zu.png\t%s\t%s\t%zu\tz\n", image, image,
                              image % 2 ? "faces" : "places", i < N_TRAIN ? "train" : "test",
                              i < N_TRAIN ? 0 : (i - N_TRAIN) % 2);
      for (gsize v = 0; v < NV; v++)
        {
          double signal = 0;
          for (gsize k = 0; k < P; k++)
            signal += x[i * P + k] * w[k * NV + v];
          yd[v + i * NV] = (float) (v < 30 ? 10 + signal + g_rand_double_range (rand, -0.3, 0.3)
                                    : v < NV - 1 ? g_rand_double_range (rand, -1, 1) : 5.0);
        }
    }
  g_assert_true (vs_volume_set_affine (y, affine, NULL));
  d->features = vs_test_write_npy (d->dir, "features.npy", "<f8", FALSE, "(190, 8)", x,
                                   N * P * sizeof (double), 0);
  d->responses = g_build_filename (d->dir, "responses.nii.gz", NULL);
  g_assert_true (vs_nifti_write (y, d->responses, &error));
  g_assert_no_error (error);
  d->stimuli = g_build_filename (d->dir, "stimuli.tsv", NULL);
  g_assert_true (g_file_set_contents (d->stimuli, tsv->str, -1, NULL));
  d->out = g_build_filename (d->dir, "out", NULL);
}

static void
dataset_clear (Dataset *d)
{
  vs_test_remove_tree (d->dir);
  g_free (d->dir);
  g_free (d->features);
  g_free (d->responses);
  g_free (d->stimuli);
  g_free (d->out);
}

static VsVolume *
read_map (const char *out, const char *name)
{
  g_autofree char *path = g_build_filename (out, name, NULL);
  g_autoptr(GError) error = NULL;
  VsVolume *volume = vs_nifti_read (path, NULL, NULL, &error);
  g_assert_no_error (error);
  return volume;
}

static void
test_encoding_planted (void)
{
  Dataset d;
  g_autofree char *out = NULL, *err = NULL, *summary_path = NULL;
  g_autofree char *concepts_path = NULL, *concepts_names = NULL;
  g_autoptr(VsVolume) r = NULL, weights = NULL, ceiling = NULL, alpha = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *summary;
  double planted = 0, noise = 0;
  gint64 dims[4];

  dataset_make (&d);
  /* Concepts: voxel 0's own weight direction, its opposite, and an unrelated vector. */
  {
    double e[3 * P];
    for (gsize k = 0; k < P; k++)
      {
        e[k] = d.w0[k];
        e[P + k] = -d.w0[k];
        e[2 * P + k] = k == 0 ? 1.0 : 0.0;
      }
    g_free (vs_test_write_npy (d.dir, "concepts.npy", "<f8", FALSE, "(3, 8)", e, sizeof e, 0));
    g_assert_true (g_file_set_contents (concepts_names = g_build_filename (d.dir, "names.tsv",
                                                                            NULL),
                                        "name\nfurry animals\nanti-furry\nfirst feature\n",
                                        -1, NULL));
    concepts_path = g_build_filename (d.dir, "concepts.npy", NULL);
  }
  {
    const char *args[] = { "analyze", "encoding", "--features", d.features, "--responses",
                           d.responses, "--stimuli", d.stimuli, "--alphas", "1e-2:1e4:7",
                           "--folds", "5", "--concepts", concepts_path, "--concept-names",
                           concepts_names, "--out-dir", d.out, NULL };
    int status = vs_test_run_voxelscope (args, &out, &err);
    g_test_message ("%s", err);
    g_assert_cmpint (status, ==, 0);
  }
  r = read_map (d.out, "r.nii.gz");
  weights = read_map (d.out, "weights.nii.gz");
  ceiling = read_map (d.out, "noise_ceiling.nii.gz");
  alpha = read_map (d.out, "alpha.nii.gz");
  vs_volume_get_dims (weights, dims);
  g_assert_cmpint (dims[3], ==, P);
  for (gsize v = 0; v < NV - 1; v++)
    {
      double value = ((const float *) vs_volume_get_data (r))[v];
      if (v < 30)
        planted += value / 30;
      else
        noise += fabs (value) / 29;
    }
  g_test_message ("mean r: planted %.3f, noise |r| %.3f", planted, noise);
  g_assert_cmpfloat (planted, >, 0.9);
  g_assert_cmpfloat (noise, <, 0.3);
  /* The constant voxel is excluded (0 everywhere); noisy voxels prefer a large α. */
  g_assert_cmpfloat (((const float *) vs_volume_get_data (r))[NV - 1], ==, 0);
  g_assert_cmpfloat (((const float *) vs_volume_get_data (ceiling))[0], >, 0.9);
  g_assert_cmpfloat (((const float *) vs_volume_get_data (alpha))[40], >,
                     ((const float *) vs_volume_get_data (alpha))[0]);

  /* Voxel 0 is about its own weight direction. */
  {
    g_autoptr(VsVolume) concept = read_map (d.out, "concept.nii.gz");
    g_autoptr(VsVolume) score = read_map (d.out, "concept_score.nii.gz");
    g_autoptr(VsVolume) top_predicted = read_map (d.out, "top_predicted.nii.gz");
    g_autoptr(VsVolume) top_measured = read_map (d.out, "top_measured.nii.gz");
    g_autofree char *order_path = g_build_filename (d.out, "stimuli.tsv", NULL);
    g_autofree char *order = NULL;
    int agree = 0;
    g_assert_cmpuint (((const guint16 *) vs_volume_get_data (concept))[0], ==, 1);
    g_assert_cmpfloat (((const float *) vs_volume_get_data (score))[0], >, 0.95);
    /* For well-predicted voxels the best predicted stimulus is among the 5 best measured. */
    for (gsize v = 0; v < 30; v++)
      {
        gint32 best = ((const gint32 *) vs_volume_get_data (top_predicted))[v];
        for (int rank = 0; rank < 5; rank++)
          agree += ((const gint32 *) vs_volume_get_data (top_measured))[v + rank * NV] == best;
      }
    g_assert_cmpint (agree, >=, 27);
    /* The predicted responses of the top stimuli, best first. */
    {
      g_autoptr(VsVolume) response = read_map (d.out, "top_predicted_response.nii.gz");
      const float *pr = vs_volume_get_data (response);
      for (int rank = 1; rank < 5; rank++)
        g_assert_cmpfloat (pr[rank * NV], <=, pr[(rank - 1) * NV]);
      g_assert_cmpfloat (pr[0], >, 10);   /* the planted voxels sit around 10 */
    }
    g_assert_cmpint (((const gint32 *) vs_volume_get_data (top_predicted))[NV - 1], ==, -1);
    g_assert_true (g_file_get_contents (order_path, &order, NULL, NULL));
    g_assert_true (g_str_has_prefix (order, "index\tstimulus_id\timage\tcategory\n0\timg000\t"));
  }
  summary_path = g_build_filename (d.out, "summary.json", NULL);
  g_assert_true (json_parser_load_from_file (parser, summary_path, NULL));
  summary = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (summary, "n_voxels_fitted"), ==, NV - 1);
  g_assert_cmpint (json_object_get_int_member (summary,
                                               "n_voxels_excluded_constant_or_nonfinite"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (summary, "n_test_stimuli"), ==, N_TEST);
  dataset_clear (&d);
}

/* The same data as an .npy of presentations × mask voxels: the same maps come out. */
static void
test_encoding_npy_responses (void)
{
  Dataset d;
  g_autoptr(GError) error = NULL;
  g_autoptr(VsVolume) y = NULL, r = NULL;
  g_autofree char *npy = NULL, *mask_path = NULL;
  g_autofree float *rows = g_new (float, (gsize) N * NV);
  const gint64 mask_dims[4] = { NX, NY, NZ, 1 };
  const double affine[16] = { 2, 0, 0, -5, 0, 2, 0, -4, 0, 0, 2, -3, 0, 0, 0, 1 };
  g_autoptr(VsVolume) mask = vs_volume_new (VS_DATATYPE_UINT8, mask_dims, NULL);
  g_autofree char *out = NULL, *err = NULL;
  double planted = 0;

  dataset_make (&d);
  y = vs_nifti_read (d.responses, NULL, NULL, &error);
  g_assert_no_error (error);
  memcpy (rows, vs_volume_get_data (y), (gsize) N * NV * sizeof (float));
  npy = vs_test_write_npy (d.dir, "y.npy", "<f4", FALSE, "(190, 60)", rows,
                           (gsize) N * NV * sizeof (float), 0);
  memset (vs_volume_get_data_mutable (mask), 1, NV);
  g_assert_true (vs_volume_set_affine (mask, affine, NULL));
  mask_path = g_build_filename (d.dir, "mask.nii.gz", NULL);
  g_assert_true (vs_nifti_write (mask, mask_path, &error));
  {
    const char *args[] = { "analyze", "encoding", "--features", d.features, "--responses", npy,
                           "--mask", mask_path, "--stimuli", d.stimuli, "--alphas", "1e-2:1e4:7",
                           "--top-k", "0", "--out-dir", d.out, NULL };
    g_assert_cmpint (vs_test_run_voxelscope (args, &out, &err), ==, 0);
  }
  r = read_map (d.out, "r.nii.gz");
  for (gsize v = 0; v < 30; v++)
    planted += ((const float *) vs_volume_get_data (r))[v] / 30;
  g_assert_cmpfloat (planted, >, 0.9);
  dataset_clear (&d);
}

static void
test_encoding_errors (void)
{
  Dataset d;
  g_autofree char *short_features = NULL;
  const double x[8] = { 0 };

  dataset_make (&d);
  short_features = vs_test_write_npy (d.dir, "short.npy", "<f8", FALSE, "(1, 8)", x, sizeof x, 0);
  {
    const char *args[] = { "analyze", "encoding", "--features", short_features, "--responses",
                           d.responses, "--stimuli", d.stimuli, "--out-dir", d.out, NULL };
    g_autofree char *out = NULL, *err = NULL;
    g_assert_cmpint (vs_test_run_voxelscope (args, &out, &err), ==, 1);
    g_assert_nonnull (strstr (err, "the stimulus table has 190 rows, the features 1 and the "
                                   "responses 190"));
    g_assert_false (g_file_test (d.out, G_FILE_TEST_EXISTS));
  }
  {
    const char *args[] = { "analyze", "encoding", "--features", d.features, "--out-dir", d.out,
                           NULL };
    g_autofree char *out = NULL, *err = NULL;
    g_assert_cmpint (vs_test_run_voxelscope (args, &out, &err), ==, 2);
    g_assert_nonnull (strstr (err, "needs --features, --responses, --stimuli and --out-dir"));
  }
  {
    const char *args[] = { "analyze", "decoding", NULL };
    g_autofree char *out = NULL, *err = NULL;
    g_assert_cmpint (vs_test_run_voxelscope (args, &out, &err), ==, 2);
    g_assert_nonnull (strstr (err, "unknown analysis “decoding”"));
  }
  dataset_clear (&d);
}

static float *
read_npy_floats (const char *dir, const char *name, gsize expected_rows, gsize expected_cols)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  gsize shape[3] = { 0 };
  g_autoptr(VsMatrix) m = vs_npy_read (path, shape, NULL, &error);
  float *out;

  g_assert_no_error (error);
  g_assert_cmpuint (m->rows, ==, expected_rows);
  g_assert_cmpuint (m->cols, ==, expected_cols);
  out = g_new (float, m->rows * m->cols);
  for (gsize i = 0; i < m->rows * m->cols; i++)
    out[i] = (float) m->data[i];
  return out;
}

/* The same data as vertex-wise responses, two "hemispheres" of 35 and 25 vertices: the maps come
 * out as .npy per hemisphere, equal to the volume's, with weights as features × vertices. */
static void
test_encoding_gifti_responses (void)
{
  Dataset d;
  g_autoptr(GError) error = NULL;
  g_autoptr(VsVolume) y = NULL, r_volume = NULL, w_volume = NULL;
  g_autofree char *lh = NULL, *rh = NULL, *out = NULL, *err = NULL, *volume_out = NULL;
  g_autofree float *r_lh = NULL, *r_rh = NULL, *w_lh = NULL;

  dataset_make (&d);
  y = vs_nifti_read (d.responses, NULL, NULL, &error);
  g_assert_no_error (error);
  lh = vs_test_write_func_gifti (d.dir, "lh.responses.func.gii", vs_volume_get_data (y), N, NV, 0,
                                 35);
  rh = vs_test_write_func_gifti (d.dir, "rh.responses.func.gii", vs_volume_get_data (y), N, NV, 35,
                                 NV - 35);
  {
    const char *args[] = { "analyze", "encoding", "--features", d.features, "--responses", lh,
                           "--responses", rh, "--stimuli", d.stimuli, "--alphas", "1e-2:1e4:7",
                           "--threads", "1", "--out-dir", d.out, NULL };
    int status = vs_test_run_voxelscope (args, &out, &err);
    g_test_message ("%s", err);
    g_assert_cmpint (status, ==, 0);
  }
  volume_out = g_build_filename (d.dir, "volume-out", NULL);
  {
    const char *args[] = { "analyze", "encoding", "--features", d.features, "--responses",
                           d.responses, "--stimuli", d.stimuli, "--alphas", "1e-2:1e4:7",
                           "--threads", "1", "--top-k", "0", "--out-dir", volume_out, NULL };
    g_clear_pointer (&err, g_free);
    g_clear_pointer (&out, g_free);
    g_assert_cmpint (vs_test_run_voxelscope (args, &out, &err), ==, 0);
  }
  r_volume = read_map (volume_out, "r.nii.gz");
  w_volume = read_map (volume_out, "weights.nii.gz");
  r_lh = read_npy_floats (d.out, "lh.responses.r.npy", 35, 1);
  r_rh = read_npy_floats (d.out, "rh.responses.r.npy", NV - 35, 1);
  w_lh = read_npy_floats (d.out, "lh.responses.weights.npy", P, 35);
  for (gsize v = 0; v < NV; v++)
    g_assert_cmpfloat (v < 35 ? r_lh[v] : r_rh[v - 35], ==,
                       ((const float *) vs_volume_get_data (r_volume))[v]);
  for (gsize k = 0; k < P; k++)
    for (gsize v = 0; v < 35; v++)
      g_assert_cmpfloat (w_lh[k * 35 + v], ==,
                         ((const float *) vs_volume_get_data (w_volume))[v + k * NV]);

  /* Selectivity on the same hemispheres: label maps as .npy with their names beside them. */
  {
    g_autofree char *sel_out = g_build_filename (d.dir, "selectivity-out", NULL);
    g_autofree char *names_path = g_build_filename (sel_out, "rh.responses.preferred.tsv", NULL);
    g_autofree char *names = NULL;
    g_autofree float *t_lh = NULL;
    const char *args[] = { "analyze", "selectivity", "--responses", lh, "--responses", rh,
                           "--stimuli", d.stimuli, "--out-dir", sel_out, NULL };
    g_clear_pointer (&err, g_free);
    g_clear_pointer (&out, g_free);
    int status = vs_test_run_voxelscope (args, &out, &err);
    g_test_message ("%s", err);
    g_assert_cmpint (status, ==, 0);
    t_lh = read_npy_floats (sel_out, "lh.responses.t_faces.npy", 35, 1);
    g_assert_true (isfinite (t_lh[0]));
    g_assert_true (g_file_get_contents (names_path, &names, NULL, NULL));
    g_assert_nonnull (strstr (names, "faces"));
  }

  /* Two files with the same name would overwrite each other's maps; hemispheres with different
   * presentation counts are named. */
  {
    const char *args[] = { "analyze", "encoding", "--features", d.features, "--responses", lh,
                           "--responses", lh, "--stimuli", d.stimuli, "--out-dir", d.out, NULL };
    g_clear_pointer (&err, g_free);
    g_clear_pointer (&out, g_free);
    g_assert_cmpint (vs_test_run_voxelscope (args, &out, &err), !=, 0);
    g_assert_nonnull (strstr (err, "overwrite"));
  }
  {
    g_autofree char *short_rh = NULL;
    const char *args[] = { "analyze", "encoding", "--features", d.features, "--responses", lh,
                           "--responses", NULL, "--stimuli", d.stimuli, "--out-dir", d.out, NULL };
    short_rh = g_build_filename (d.dir, "rh.short.func.gii", NULL);
    {
      /* 189 data arrays instead of 190. */
      g_autofree char *text = NULL;
      char *last;
      g_assert_true (g_file_get_contents (rh, &text, NULL, NULL));
      last = g_strrstr (text, "<DataArray");
      strcpy (last, "</GIFTI>\n");
      g_assert_true (g_file_set_contents (short_rh, text, -1, NULL));
    }
    args[7] = short_rh;
    g_clear_pointer (&err, g_free);
    g_clear_pointer (&out, g_free);
    g_assert_cmpint (vs_test_run_voxelscope (args, &out, &err), !=, 0);
    g_test_message ("%s", err);
    g_assert_nonnull (strstr (err, "rh.short.func.gii has 189 presentations"));
  }
  dataset_clear (&d);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/command/analyze/encoding-planted", test_encoding_planted);
  g_test_add_func ("/command/analyze/encoding-npy-responses", test_encoding_npy_responses);
  g_test_add_func ("/command/analyze/encoding-gifti-responses", test_encoding_gifti_responses);
  g_test_add_func ("/command/analyze/encoding-errors", test_encoding_errors);

  return g_test_run ();
}
