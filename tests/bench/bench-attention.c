/* SPDX-License-Identifier: MIT */
/* Issue 5 benchmark: the factorised readout of 50 regions on n = 3000 images with 256 patches ×
 * 768 channels (random features, planted readouts), and the per-image attention of all regions
 * on 1000 images; each with the time the same arithmetic takes at the machine's measured sgemm
 * rate (the "GEMM-bound estimate").  Sizes can be shrunk: bench-attention N K P R. */
#include "config.h"

#include <cblas.h>
#include <math.h>
#include <stdlib.h>

#include "vs-attention-readout.h"

static double
now (void)
{
  return g_get_monotonic_time () / 1e6;
}

static double
sgemm_rate (void)
{
  const int m = 2048;
  g_autofree float *a = g_new (float, m * m), *b = g_new (float, m * m), *c = g_new (float, m * m);
  double start;

  for (int i = 0; i < m * m; i++)
    a[i] = b[i] = (float) (i % 7) / 7;
  cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans, m, m, m, 1, a, m, b, m, 0, c, m);
  start = now ();
  for (int r = 0; r < 3; r++)
    cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans, m, m, m, 1, a, m, b, m, 0, c, m);
  return 3 * 2.0 * m * m * (double) m / (now () - start);
}

int
main (int argc, char *argv[])
{
  gsize n = argc > 1 ? strtoul (argv[1], NULL, 10) : 3000;
  gsize k = argc > 2 ? strtoul (argv[2], NULL, 10) : 256;
  gsize p = argc > 3 ? strtoul (argv[3], NULL, 10) : 768;
  gsize R = argc > 4 ? strtoul (argv[4], NULL, 10) : 50;
  gsize n_attention = MIN (n, 1000);
  g_autofree float *f = g_new (float, n * k * p);
  g_autofree double *y = g_new0 (double, n * R), *maps = NULL;
  g_autofree gboolean *is_test = g_new (gboolean, n);
  const double alphas[7] = { 0.1, 1, 10, 100, 1e3, 1e4, 1e5 };
  VsReadoutOptions options = { alphas, 7, 0, 0 };
  VsPatchFeatures features = { f, n, k, p, 16, 16 };
  g_autoptr(VsReadoutFit) fit = NULL;
  g_autoptr(GError) error = NULL;
  guint32 state = 12345;
  double rate, start, t_fit, t_attention, flops_fit, flops_attention;
  gsize n_train = n - n / 10, rounds = 8;

  /* Features: a cheap generator, uniform in [−1, 1]; responses: each region reads one patch. */
  for (gsize i = 0; i < n * k * p; i++)
    {
      state = state * 1664525u + 1013904223u;
      f[i] = (float) ((state >> 8) * (2.0 / 16777216.0) - 1.0);
    }
  for (gsize i = 0; i < n; i++)
    {
      is_test[i] = i >= n_train;
      for (gsize r = 0; r < R; r++)
        for (gsize c = 0; c < 8 && c < p; c++)
          y[i * R + r] += f[(i * k + (r * 37) % k) * p + (r + c) % p];
    }
  rate = sgemm_rate ();
  start = now ();
  fit = vs_readout_fit (&features, y, R, is_test, &options, NULL, NULL, &error);
  t_fit = now () - start;
  if (fit == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  maps = g_new (double, n_attention * R * k);
  start = now ();
  vs_attention_maps (&features, 0, n_attention, fit->w, R, 1.0, maps);
  t_attention = now () - start;

  /* The GEMM work: per round F·W and S·F_i (2 n k p R each), the CG and softmax steps (matrix-
   * vector products: 40 × 4 n_train p and 60 × 4 n_train k per region), plus the SVD for α. */
  flops_fit = rounds * (4.0 * n * k * p * R + R * (40 * 4.0 * n_train * p + 60 * 4.0 * n_train * k))
              + 4.0 * n_train * p * p;
  flops_attention = 2.0 * n_attention * k * p * R;
  g_print ("sgemm            %.1f GFLOP/s\n", rate / 1e9);
  g_print ("readout fit      %zu regions, n %zu, %zu patches × %zu channels: %.2f s, %.3f s per "
           "region; GEMM-bound estimate %.2f s (%.0f %% of it)\n", R, n, k, p, t_fit, t_fit / R,
           flops_fit / rate, 100 * flops_fit / rate / t_fit);
  g_print ("attention        %zu regions × %zu images: %.2f s; GEMM-bound estimate %.2f s\n", R,
           n_attention, t_attention, flops_attention / rate);
  g_print ("held-out r       median of the first regions: %.3f\n", fit->r_test[R / 2]);
  return 0;
}
