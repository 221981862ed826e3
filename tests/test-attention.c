/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <cairo.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "vs-attention-readout.h"
#include "vs-colormap.h"
#include "vs-label-table.h"
#include "vs-nifti-writer.h"
#include "vs-nifti-reader.h"
#include "vs-npy-reader.h"
#include "vs-test-fixtures.h"

/* Planted receptive fields: 3 regions on a 10×10 patch grid, each reading a Gaussian blob (σ 1.2
 * patches) at a known place through its own feature direction, with noise.  The fitted spatial
 * weights must find the blobs. */

#define GRID 10
#define K (GRID * GRID)
#define P 16
#define N 700
#define R 3

static const double centres[R][2] = { { 2.4, 3.3 }, { 6.7, 7.2 }, { 7.3, 1.6 } };

static double
gaussian (GRand *rand)
{
  double u1 = g_rand_double_range (rand, 1e-12, 1), u2 = g_rand_double (rand);
  return sqrt (-2 * log (u1)) * cos (2 * G_PI * u2);
}

static int
compare_desc (const void *a, const void *b, gpointer data)
{
  const double *v = data;
  double x = v[*(const int *) a], y = v[*(const int *) b];
  return (x < y) - (x > y);
}

/* Indices of the @top largest values. */
static void
top_set (const double *v, int top, gboolean *in)
{
  int order[K];

  for (int j = 0; j < K; j++)
    order[j] = j;
  g_qsort_with_data (order, K, sizeof (int), compare_desc, (gpointer) v);
  memset (in, 0, K * sizeof (gboolean));
  for (int t = 0; t < top; t++)
    in[order[t]] = TRUE;
}

static void
test_planted_fields (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (4);
  g_autofree float *features = g_new (float, (gsize) N * K * P);
  g_autofree double *y = g_new (double, N * R);
  g_autofree gboolean *is_test = g_new (gboolean, N);
  double planted[R][K], w[R][P];
  const double alphas[6] = { 0.01, 0.1, 1, 10, 100, 1000 };
  VsReadoutOptions options = { alphas, 6, 0, 0 };
  VsPatchFeatures f = { features, N, K, P, GRID, GRID };
  g_autoptr(VsReadoutFit) fit = NULL;
  g_autoptr(GError) error = NULL;

  for (int q = 0; q < R; q++)
    {
      double sum = 0;
      for (int j = 0; j < K; j++)
        {
          double dr = j / GRID - centres[q][0], dc = j % GRID - centres[q][1];
          sum += planted[q][j] = exp (-(dr * dr + dc * dc) / (2 * 1.2 * 1.2));
        }
      for (int j = 0; j < K; j++)
        planted[q][j] /= sum;
      for (int c = 0; c < P; c++)
        w[q][c] = gaussian (rand) / sqrt (P);
    }
  for (gsize i = 0; i < (gsize) N * K * P; i++)
    features[i] = (float) gaussian (rand);
  for (int i = 0; i < N; i++)
    {
      is_test[i] = i >= N - 100;
      for (int q = 0; q < R; q++)
        {
          double value = 0;
          for (int j = 0; j < K; j++)
            {
              double dot = 0;
              for (int c = 0; c < P; c++)
                dot += w[q][c] * features[((gsize) i * K + j) * P + c];
              value += planted[q][j] * dot;
            }
          y[i * R + q] = 5 * value + 0.15 * gaussian (rand);
        }
    }

  fit = vs_readout_fit (&f, y, R, is_test, &options, NULL, NULL, &error);
  g_assert_no_error (error);
  for (int q = 0; q < R; q++)
    {
      gboolean a[K], b[K];
      int both = 0, either = 0;
      double sum = 0, centre[2], spread;
      for (int j = 0; j < K; j++)
        sum += fit->s[q * K + j];
      g_assert_cmpfloat (fabs (sum - 1), <, 1e-9);
      top_set (fit->s + q * K, K / 10, a);
      top_set (planted[q], K / 10, b);
      for (int j = 0; j < K; j++)
        {
          both += a[j] && b[j];
          either += a[j] || b[j];
        }
      vs_attention_centre (fit->s + q * K, GRID, GRID, centre, &spread);
      g_test_message ("region %d: IoU of the top 10 %% %.2f, centre (%.2f, %.2f) vs (%.1f, %.1f), "
                      "spread %.2f; held-out r %.3f vs %.3f with uniform pooling, α %g", q,
                      (double) both / either, centre[0], centre[1], centres[q][0], centres[q][1],
                      spread, fit->r_test[q], fit->r_uniform[q], fit->alpha[q]);
      g_assert_cmpfloat ((double) both / either, >=, 0.8);
      g_assert_cmpfloat (hypot (centre[0] - centres[q][0], centre[1] - centres[q][1]), <, 0.5);
      g_assert_cmpfloat (fit->r_test[q], >, fit->r_uniform[q] + 0.1);
    }

  /* Attention for one image with a region's weights: a distribution over the patches. */
  {
    double map[K], sum = 0;
    vs_attention_map (&f, 3, fit->w, 1.0, map);
    for (int j = 0; j < K; j++)
      {
        g_assert_cmpfloat (map[j], >=, 0);
        sum += map[j];
      }
    g_assert_cmpfloat (fabs (sum - 1), <, 1e-12);
    /* The batched maps (one GEMM for all regions) are the same maps. */
    {
      double batch[2 * R * K];
      vs_attention_maps (&f, 2, 2, fit->w, R, 1.0, batch);
      for (int j = 0; j < K; j++)
        g_assert_cmpfloat (fabs (batch[(1 * R + 0) * K + j] - map[j]), <, 1e-5);
    }
  }
}

static void
test_grid (void)
{
  g_autoptr(GError) error = NULL;
  guint h = 0, w = 0;

  g_assert_true (vs_patch_grid_parse (NULL, 256, &h, &w, &error));
  g_assert_cmpuint (h, ==, 16);
  g_assert_true (vs_patch_grid_parse ("12x20", 240, &h, &w, &error));
  g_assert_cmpuint (w, ==, 20);
  g_assert_false (vs_patch_grid_parse (NULL, 240, &h, &w, &error));
  g_assert_nonnull (strstr (error->message, "--grid"));
  g_clear_error (&error);
  g_assert_false (vs_patch_grid_parse ("16x16", 240, &h, &w, &error));
  g_assert_nonnull (strstr (error->message, "16x16"));
}

/* The command on a small planted experiment (vs_test_write_attention_dataset): two regions of
 * an atlas (4 voxels each) reading blobs at (1.2, 1.4) and (4.3, 3.8) of a 6×6 grid. */
static void
test_command (void)
{
  enum { KK = 36 };
  const double where[2][2] = { { 1.2, 1.4 }, { 4.3, 3.8 } };
  g_autofree char *dir = vs_test_make_tmpdir ();
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *out_dir = g_build_filename (dir, "out", NULL);
  VsTestAttentionPaths paths;
  const char *patch_path, *stimuli, *responses, *atlas_path;

  vs_test_write_attention_dataset (dir, &paths);
  patch_path = paths.patches;
  stimuli = paths.stimuli;
  responses = paths.responses;
  atlas_path = paths.atlas;
  {
    const char *args[] = { "analyze", "attention", "--patch-features", patch_path, "--stimuli",
                           stimuli, "--responses", responses, "--regions", atlas_path,
                           "--image-degrees", "12", "--out-dir", out_dir, NULL };
    int status = vs_test_run_voxelscope (args, &out, &err);
    g_test_message ("%s%s", out, err);
    g_assert_cmpint (status, ==, 0);
  }
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autofree char *summary = g_build_filename (out_dir, "summary.json", NULL);
    g_autofree char *maps = g_build_filename (out_dir, "receptive_fields.npy", NULL);
    g_autofree char *montage = g_build_filename (out_dir, "montage.png", NULL);
    g_autoptr(VsMatrix) fields = NULL;
    g_autoptr(GError) error = NULL;
    JsonArray *regions;
    cairo_surface_t *png;
    gsize shape[3];
    guint n_dims;

    g_assert_true (json_parser_load_from_file (parser, summary, NULL));
    regions = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                            "regions");
    g_assert_cmpuint (json_array_get_length (regions), ==, 2);
    for (guint q = 0; q < 2; q++)
      {
        JsonObject *o = json_array_get_object_element (regions, q);
        JsonArray *centre = json_object_get_array_member (o, "centre_patches");
        g_assert_cmpstr (json_object_get_string_member (o, "name"), ==, q == 0 ? "early" : "late");
        g_assert_cmpint (json_object_get_int_member (o, "voxels"), ==, 4);
        g_assert_cmpfloat (json_object_get_double_member (o, "held_out_r"), >, 0.8);
        g_assert_cmpfloat (json_object_get_double_member (o, "held_out_r"), >,
                           json_object_get_double_member (o, "held_out_r_uniform_pooling"));
        g_assert_cmpfloat (hypot (json_array_get_double_element (centre, 0) - where[q][0],
                                  json_array_get_double_element (centre, 1) - where[q][1]), <,
                           0.7);
        g_assert_true (json_object_has_member (o, "centre_degrees"));
      }
    fields = vs_npy_read (maps, shape, &n_dims, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (fields->rows, ==, 2);
    g_assert_cmpuint (fields->cols, ==, KK);
    png = cairo_image_surface_create_from_png (montage);
    g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
    g_assert_cmpint (cairo_image_surface_get_width (png), >, 300);
    cairo_surface_destroy (png);
    /* Top images × regions: 2 rows of 6 cells. */
    {
      g_autofree char *top = g_build_filename (out_dir, "top_images.png", NULL);
      png = cairo_image_surface_create_from_png (top);
      g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
      g_assert_cmpint (cairo_image_surface_get_height (png), ==, 2 * (150 + 12) + 12);
      cairo_surface_destroy (png);
    }
  }
  /* With an encoding model's weights (8 frames = channels) as the query too; 7 frames refused. */
  {
    const gint64 good[4] = { 4, 2, 1, 8 }, bad[4] = { 4, 2, 1, 7 };
    g_autoptr(VsVolume) w8 = vs_volume_new (VS_DATATYPE_FLOAT32, good, NULL);
    g_autoptr(VsVolume) w7 = vs_volume_new (VS_DATATYPE_FLOAT32, bad, NULL);
    g_autofree char *w8_path = g_build_filename (dir, "w8.nii.gz", NULL);
    g_autofree char *w7_path = g_build_filename (dir, "w7.nii.gz", NULL);
    g_autofree char *maps = g_build_filename (out_dir, "mean_attention_encoding.npy", NULL);
    g_autoptr(VsMatrix) m = NULL;
    gsize shape[3];
    guint n_dims;
    for (int i = 0; i < 64; i++)
      ((float *) vs_volume_get_data_mutable (w8))[i] = (float) ((i * 7) % 5) - 2;
    g_assert_true (vs_nifti_write (w8, w8_path, NULL));
    g_assert_true (vs_nifti_write (w7, w7_path, NULL));
    {
      const char *args[] = { "analyze", "attention", "--patch-features", patch_path, "--stimuli",
                             stimuli, "--responses", responses, "--regions", atlas_path,
                             "--encoding-weights", w8_path, "--out-dir", out_dir, NULL };
      g_clear_pointer (&out, g_free);
      g_clear_pointer (&err, g_free);
      g_assert_cmpint (vs_test_run_voxelscope (args, &out, &err), ==, 0);
    }
    m = vs_npy_read (maps, shape, &n_dims, NULL);
    g_assert_nonnull (m);
    g_assert_cmpuint (m->rows, ==, 2);
    {
      double sum = 0;
      for (gsize j = 0; j < m->cols; j++)
        sum += vs_matrix_row (m, 1)[j];
      g_assert_cmpfloat (fabs (sum - 1), <, 1e-4);
    }
    {
      const char *args[] = { "analyze", "attention", "--patch-features", patch_path, "--stimuli",
                             stimuli, "--responses", responses, "--regions", atlas_path,
                             "--encoding-weights", w7_path, "--out-dir", out_dir, NULL };
      g_clear_pointer (&out, g_free);
      g_clear_pointer (&err, g_free);
      g_assert_cmpint (vs_test_run_voxelscope (args, &out, &err), ==, 2);
      g_assert_nonnull (strstr (err, "has 7 frames but the patch features 8 channels"));
    }
  }
  /* Single voxels as regions, and vertex-wise responses with a label GIFTI: the same two
   * regions. */
  {
    g_autofree char *voxel_out = g_build_filename (dir, "voxel-out", NULL);
    g_autofree char *vertex_out = g_build_filename (dir, "vertex-out", NULL);
    g_autofree char *labels_path = g_build_filename (dir, "regions.label.gii", NULL);
    g_autofree char *func = NULL, *summary = NULL;
    g_autoptr(VsVolume) y = vs_nifti_read (responses, NULL, NULL, NULL);
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonArray *found;
    const char *voxel_args[] = { "analyze", "attention", "--patch-features", patch_path,
                                 "--stimuli", stimuli, "--responses", responses, "--voxel",
                                 "1,0,0", "--voxel", "1,1,0", "--out-dir", voxel_out, NULL };
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (vs_test_run_voxelscope (voxel_args, &out, &err), ==, 0);
    g_test_message ("%s", out);
    g_assert_nonnull (strstr (out, "voxel 1,1,0\theld-out r 0.9"));
    func = vs_test_write_func_gifti (dir, "y.func.gii", vs_volume_get_data (y), 300, 8, 0, 8);
    vs_test_write_attention_labels_gifti (labels_path);
    {
      const char *vertex_args[] = { "analyze", "attention", "--patch-features", patch_path,
                                    "--stimuli", stimuli, "--responses", func, "--regions",
                                    labels_path, "--out-dir", vertex_out, NULL };
      g_clear_pointer (&out, g_free);
      g_clear_pointer (&err, g_free);
      g_assert_cmpint (vs_test_run_voxelscope (vertex_args, &out, &err), ==, 0);
      g_test_message ("%s%s", out, err);
    }
    summary = g_build_filename (vertex_out, "summary.json", NULL);
    g_assert_true (json_parser_load_from_file (parser, summary, NULL));
    found = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                          "regions");
    g_assert_cmpuint (json_array_get_length (found), ==, 2);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (found, 1),
                                                    "name"), ==, "late");
    g_assert_cmpfloat (json_object_get_double_member (json_array_get_object_element (found, 1),
                                                      "held_out_r"), >, 0.8);
  }
  /* A 2-D patch array is named. */
  {
    const char *args[] = { "analyze", "attention", "--patch-features", responses, "--stimuli",
                           stimuli, "--responses", responses, "--regions", atlas_path,
                           "--out-dir", out_dir, NULL };
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (vs_test_run_voxelscope (args, &out, &err), !=, 0);
    g_assert_nonnull (strstr (err, "y.nii.gz"));
  }
  vs_test_attention_paths_clear (&paths);
  vs_test_remove_tree (dir);
}

/* An imported attention array (images × regions × patches) is drawn as it is: at opacity 1 with
 * nearest patches, the one hot patch of image 1, region "b" is the colormap's top colour and the
 * rest its bottom one. */
static void
test_render_imported (void)
{
  g_autofree char *dir = vs_test_make_tmpdir ();
  g_autofree char *image = vs_test_write_colin_slice_png (dir, "slice.png", 0);
  g_autofree char *names = g_build_filename (dir, "names.txt", NULL);
  g_autofree char *figure = g_build_filename (dir, "fig.png", NULL);
  g_autofree char *array = NULL, *out = NULL, *err = NULL;
  float a[2 * 2 * 16] = { 0 };
  cairo_surface_t *png;
  guint8 *data;
  int stride;

  a[(1 * 2 + 1) * 16 + 6] = 1;   /* image 1, region 1 ("b"), patch (1, 2) of a 4×4 grid */
  array = vs_test_write_npy (dir, "att.npy", "<f4", FALSE, "(2, 2, 16)", a, sizeof a, 0);
  g_assert_true (g_file_set_contents (names, "a\nb\n", -1, NULL));
  {
    const char *args[] = { "render", "--image", image, "--attention", array, "--names", names,
                           "--region", "b", "--image-index", "1", "--opacity", "1", "-o",
                           figure, NULL };
    int status = vs_test_run_voxelscope (args, &out, &err);
    g_test_message ("%s", err);
    g_assert_cmpint (status, ==, 0);
  }
  png = cairo_image_surface_create_from_png (figure);
  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
  data = cairo_image_surface_get_data (png);
  stride = cairo_image_surface_get_stride (png);
  {
    /* 290 px scaled to 512 (×1.766), 28 px of title above; a patch is 128 px. */
    guint32 hot = ((guint32 *) (data + (28 + 128 + 64) * stride))[2 * 128 + 64];
    guint32 cold = ((guint32 *) (data + (28 + 384 + 64) * stride))[64];
    double top[3], bottom[3];
    vs_colormap_eval (VS_COLORMAP_INFERNO, 1, top);
    vs_colormap_eval (VS_COLORMAP_INFERNO, 0, bottom);
    g_assert_cmpint (abs ((int) ((hot >> 16) & 0xff) - (int) lround (top[0] * 255)), <=, 2);
    g_assert_cmpint (abs ((int) ((hot >> 8) & 0xff) - (int) lround (top[1] * 255)), <=, 2);
    g_assert_cmpint (abs ((int) (hot & 0xff) - (int) lround (top[2] * 255)), <=, 2);
    g_assert_cmpint (abs ((int) ((cold >> 16) & 0xff) - (int) lround (bottom[0] * 255)), <=, 2);
    g_assert_cmpint (abs ((int) (cold & 0xff) - (int) lround (bottom[2] * 255)), <=, 2);
  }
  cairo_surface_destroy (png);
  /* Without --image-index a 3-D array is refused, naming the choice. */
  {
    const char *args[] = { "render", "--image", image, "--attention", array, "--names", names,
                           "--region", "b", "-o", figure, NULL };
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (vs_test_run_voxelscope (args, &out, &err), ==, 2);
    g_assert_nonnull (strstr (err, "--image-index 0…1"));
  }
  vs_test_remove_tree (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/attention/planted-fields", test_planted_fields);
  g_test_add_func ("/attention/grid", test_grid);
  g_test_add_func ("/attention/command", test_command);
  g_test_add_func ("/attention/render-imported", test_render_imported);
  return g_test_run ();
}
