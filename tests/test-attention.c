/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "vs-attention-readout.h"

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

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/attention/planted-fields", test_planted_fields);
  g_test_add_func ("/attention/grid", test_grid);
  return g_test_run ();
}
