/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <cblas.h>
#include <glib/gstdio.h>
#include <lapacke.h>
#include <math.h>

#include "vs-analysis-error.h"
#include "vs-npy-reader.h"
#include "vs-ridge.h"
#include "vs-test-fixtures.h"

static const VsRidgeTargets *
targets_of (const VsMatrix *y)
{
  static VsRidgeTargets targets[4];
  static guint next;
  VsRidgeTargets *t = &targets[next++ % 4];
  vs_ridge_targets_for_matrix (t, y);
  return t;
}

static VsMatrix *
random_matrix (GRand *rand, gsize rows, gsize cols)
{
  VsMatrix *m = vs_matrix_new (rows, cols, NULL);
  for (gsize i = 0; i < rows * cols; i++)
    m->data[i] = g_rand_double_range (rand, -1, 1);
  return m;
}

/* y = X w + noise, with noise growing across voxels so different α win. */
static VsMatrix *
make_targets (GRand *rand, const VsMatrix *x, gsize v)
{
  VsMatrix *y = vs_matrix_new (x->rows, v, NULL);
  g_autofree double *w = g_new (double, x->cols * v);

  for (gsize i = 0; i < x->cols * v; i++)
    w[i] = g_rand_double_range (rand, -1, 1);
  for (gsize i = 0; i < x->rows; i++)
    for (gsize j = 0; j < v; j++)
      {
        double s = 3.0 + 0.5 * j;
        for (gsize k = 0; k < x->cols; k++)
          s += vs_matrix_row (x, i)[k] * w[k * v + j];
        s += g_rand_double_range (rand, -1, 1) * (0.05 + 0.4 * j);
        vs_matrix_row (y, i)[j] = s;
      }
  return y;
}

/* (XcᵀXc + αI)⁻¹ Xcᵀ yc, and the intercept, on the rows given. */
static void
closed_form (const VsMatrix *x, const VsMatrix *y, gsize column, const gsize *rows, gsize n_rows,
             double alpha, double *w, double *intercept)
{
  gsize p = x->cols;
  g_autofree double *a = g_new0 (double, p * p);
  g_autofree double *xm = g_new0 (double, p);
  double ym = 0;

  for (gsize i = 0; i < n_rows; i++)
    {
      for (gsize k = 0; k < p; k++)
        xm[k] += vs_matrix_row (x, rows[i])[k] / n_rows;
      ym += vs_matrix_row (y, rows[i])[column] / n_rows;
    }
  memset (w, 0, p * sizeof (double));
  for (gsize i = 0; i < n_rows; i++)
    {
      const double *row = vs_matrix_row (x, rows[i]);
      double yc = vs_matrix_row (y, rows[i])[column] - ym;
      for (gsize k = 0; k < p; k++)
        {
          w[k] += (row[k] - xm[k]) * yc;
          for (gsize l = 0; l < p; l++)
            a[k * p + l] += (row[k] - xm[k]) * (row[l] - xm[l]);
        }
    }
  for (gsize k = 0; k < p; k++)
    a[k * p + k] += alpha;
  g_assert_cmpint (LAPACKE_dposv (LAPACK_ROW_MAJOR, 'U', (lapack_int) p, 1, a, (lapack_int) p, w,
                                  1), ==, 0);
  *intercept = ym;
  for (gsize k = 0; k < p; k++)
    *intercept -= xm[k] * w[k];
}

static void
test_closed_form (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(VsMatrix) x = random_matrix (rand, 40, 6);
  g_autoptr(VsMatrix) y = make_targets (rand, x, 3);
  const double alpha = 2.5;
  VsRidgeOptions options = { &alpha, 1, 4, 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(VsRidgeFit) fit = vs_ridge_fit (x, targets_of (y), &options, NULL, NULL, &error);
  g_autofree gsize *rows = g_new (gsize, 40);

  g_assert_no_error (error);
  for (gsize i = 0; i < 40; i++)
    rows[i] = i;
  for (gsize j = 0; j < 3; j++)
    {
      double w[6], b, norm = 0, diff = 0;
      closed_form (x, y, j, rows, 40, alpha, w, &b);
      for (gsize k = 0; k < 6; k++)
        {
          norm += w[k] * w[k];
          diff += (w[k] - vs_matrix_row (fit->weights, k)[j]) *
                  (w[k] - vs_matrix_row (fit->weights, k)[j]);
        }
      g_assert_cmpfloat (sqrt (diff / norm), <=, 1e-6);
      g_assert_cmpfloat_with_epsilon (fit->intercepts[j], b, 1e-6 * fabs (b) + 1e-9);
    }
}

/* Cross-validation picks, for every voxel, the α that a plain loop over folds and α in float64
 * picks. */
static void
check_alpha_brute_force (gsize n, gsize p, gsize v, guint32 seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(VsMatrix) x = random_matrix (rand, n, p);
  g_autoptr(VsMatrix) y = make_targets (rand, x, v);
  const double alphas[7] = { 1e-3, 1e-2, 1e-1, 1, 10, 100, 1000 };
  VsRidgeOptions options = { alphas, 7, 5, 0 };
  g_autoptr(VsRidgeFit) fit = vs_ridge_fit (x, targets_of (y), &options, NULL, NULL, NULL);
  guint distinct = 0;
  double previous = -1;

  for (gsize j = 0; j < v; j++)
    {
      double best_sse = INFINITY, best_alpha = 0;
      for (guint a = 0; a < 7; a++)
        {
          double sse = 0;
          for (guint f = 0; f < 5; f++)
            {
              gsize start = n * f / 5, end = n * (f + 1) / 5, t = 0;
              g_autofree gsize *train = g_new (gsize, n);
              g_autofree double *w = g_new (double, p);
              double b;
              for (gsize i = 0; i < n; i++)
                if (i < start || i >= end)
                  train[t++] = i;
              closed_form (x, y, j, train, t, alphas[a], w, &b);
              /* Validation error with the training mean as intercept, as the fit centres. */
              for (gsize i = start; i < end; i++)
                {
                  double pred = b;
                  for (gsize k = 0; k < p; k++)
                    pred += vs_matrix_row (x, i)[k] * w[k];
                  sse += (vs_matrix_row (y, i)[j] - pred) * (vs_matrix_row (y, i)[j] - pred);
                }
            }
          if (sse < best_sse)
            {
              best_sse = sse;
              best_alpha = alphas[a];
            }
        }
      g_assert_cmpfloat (fit->alphas[j], ==, best_alpha);
      distinct += fit->alphas[j] != previous;
      previous = fit->alphas[j];
    }
  /* The noise levels make different α win. */
  g_assert_cmpuint (distinct, >=, 2);
}

static void
test_alpha_equals_brute_force (void)
{
  /* More validation rows than features: errors through the QR of X_val V. */
  check_alpha_brute_force (60, 8, 12, 11);
  /* Fewer: errors from the predictions themselves. */
  check_alpha_brute_force (40, 12, 12, 11);
}

static void
test_threads_identical (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  g_autoptr(VsMatrix) x = random_matrix (rand, 300, 40);
  g_autoptr(VsMatrix) y = make_targets (rand, x, 3000);
  const double alphas[5] = { 0.1, 1, 10, 100, 1000 };
  VsRidgeOptions options = { alphas, 5, 5, 1 };
  g_autoptr(VsRidgeFit) one = NULL, two = NULL;

  one = vs_ridge_fit (x, targets_of (y), &options, NULL, NULL, NULL);
  options.n_threads = 2;
  two = vs_ridge_fit (x, targets_of (y), &options, NULL, NULL, NULL);
  g_assert_cmpmem (one->weights->data, 40 * 3000 * sizeof (double), two->weights->data,
                   40 * 3000 * sizeof (double));
  g_assert_cmpmem (one->alphas, 3000 * sizeof (double), two->alphas, 3000 * sizeof (double));
}

static void
test_errors (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  g_autoptr(VsMatrix) x = random_matrix (rand, 20, 3);
  g_autoptr(VsMatrix) y = random_matrix (rand, 19, 2);
  g_autoptr(VsMatrix) y_ok = random_matrix (rand, 20, 2);
  const double alphas[2] = { 1, -1 };
  VsRidgeOptions options = { alphas, 1, 5, 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) parsed = NULL;

  g_assert_null (vs_ridge_fit (x, targets_of (y), &options, NULL, NULL, &error));
  g_assert_nonnull (strstr (error->message, "20 rows but the responses 19"));
  g_clear_error (&error);
  options.n_alphas = 2;
  g_assert_null (vs_ridge_fit (x, targets_of (y_ok), &options, NULL, NULL, &error));
  g_assert_nonnull (strstr (error->message, "α must be positive"));
  g_clear_error (&error);
  options.n_alphas = 1;
  options.n_folds = 1;
  g_assert_null (vs_ridge_fit (x, targets_of (y_ok), &options, NULL, NULL, &error));
  g_assert_nonnull (strstr (error->message, "folds"));
  g_clear_error (&error);
  options.n_folds = 5;
  x->data[7] = NAN;
  g_assert_null (vs_ridge_fit (x, targets_of (y_ok), &options, NULL, NULL, &error));
  g_assert_nonnull (strstr (error->message, "NaN"));
  g_clear_error (&error);

  g_assert_true (vs_ridge_parse_alphas ("1e-2:1e6:20", &parsed, &error));
  g_assert_cmpuint (parsed->len, ==, 20);
  g_assert_cmpfloat_with_epsilon (g_array_index (parsed, double, 0), 1e-2, 1e-12);
  g_assert_cmpfloat_with_epsilon (g_array_index (parsed, double, 19), 1e6, 1e-3);
  g_clear_pointer (&parsed, g_array_unref);
  g_assert_true (vs_ridge_parse_alphas ("0.5,2", &parsed, &error));
  g_assert_cmpuint (parsed->len, ==, 2);
  g_assert_false (vs_ridge_parse_alphas ("1:0:3", &parsed, &error));
  g_assert_nonnull (strstr (error->message, "LOW:HIGH:COUNT"));
}

static void
test_npy (void)
{
  g_autofree char *dir = vs_test_make_tmpdir ();
  const float f32[6] = { 1, 2, 3, 4, 5, 6 };         /* 2 × 3, C order */
  const double f64[6] = { 1, 4, 2, 5, 3, 6 };        /* 2 × 3, Fortran order */
  const gint16 i16[8] = { 0, 1, 2, 3, 4, 5, 6, 7 };  /* 2 × 2 × 2 */
  guint8 be[16];
  g_autoptr(GError) error = NULL;
  gsize shape[3];
  guint dims;
  const double big[2] = { 1.5, -2.25 };

  for (int i = 0; i < 2; i++)
    {
      guint64 bits;
      memcpy (&bits, &big[i], 8);
      bits = GUINT64_TO_BE (bits);
      memcpy (be + 8 * i, &bits, 8);
    }
  {
    g_autofree char *a = vs_test_write_npy (dir, "a.npy", "<f4", FALSE, "(2, 3)", f32, sizeof f32, 0);
    g_autofree char *b = vs_test_write_npy (dir, "b.npy", "<f8", TRUE, "(2, 3)", f64, sizeof f64, 0);
    g_autofree char *c = vs_test_write_npy (dir, "c.npy", "<i2", FALSE, "(2, 2, 2)", i16, sizeof i16, 0);
    g_autofree char *d = vs_test_write_npy (dir, "d.npy", ">f8", FALSE, "(2,)", be, sizeof be, 0);
    g_autoptr(VsMatrix) ma = vs_npy_read (a, shape, &dims, &error);
    g_autoptr(VsMatrix) mb = NULL, mc = NULL, md = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (ma->rows, ==, 2);
    g_assert_cmpuint (ma->cols, ==, 3);
    g_assert_cmpfloat (vs_matrix_row (ma, 1)[0], ==, 4);
    mb = vs_npy_read (b, shape, &dims, &error);
    g_assert_no_error (error);
    for (int i = 0; i < 6; i++)
      g_assert_cmpfloat (mb->data[i], ==, f32[i]);
    mc = vs_npy_read (c, shape, &dims, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (dims, ==, 3);
    g_assert_cmpuint (mc->cols, ==, 4);
    g_assert_cmpfloat (vs_matrix_row (mc, 1)[3], ==, 7);
    md = vs_npy_read (d, shape, &dims, &error);
    g_assert_no_error (error);
    g_assert_cmpfloat (md->data[1], ==, -2.25);
    g_unlink (a); g_unlink (b); g_unlink (c); g_unlink (d);
  }
  {
    struct { const char *name, *descr, *shape, *fragment; gsize truncate; } bad[] = {
      { "complex.npy", "<c16", "(2, 3)", "data type '<c16' is not supported", 0 },
      { "short.npy", "<f4", "(2, 3)", "needs 6 values but the file holds 5", 4 },
      { "scalar.npy", "<f4", "()", "single number", 0 },
      { "many.npy", "<f4", "(1, 1, 2, 3)", "more than 3 dimensions", 0 },
    };
    g_autofree char *junk = g_build_filename (dir, "junk.npy", NULL);
    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autofree char *path = vs_test_write_npy (dir, bad[i].name, bad[i].descr, FALSE, bad[i].shape,
                                           f32, sizeof f32, bad[i].truncate);
        g_autoptr(VsMatrix) m = vs_npy_read (path, NULL, NULL, &error);
        g_assert_null (m);
        g_test_message ("%s", error->message);
        g_assert_nonnull (strstr (error->message, bad[i].name));
        g_assert_nonnull (strstr (error->message, bad[i].fragment));
        g_clear_error (&error);
        g_unlink (path);
      }
    g_assert_true (g_file_set_contents (junk, "PK\x03\x04 zip", -1, NULL));
    g_assert_null (vs_npy_read (junk, NULL, NULL, &error));
    g_assert_nonnull (strstr (error->message, "junk.npy: not a NumPy .npy file"));
    g_unlink (junk);
  }
  g_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ridge/closed-form", test_closed_form);
  g_test_add_func ("/ridge/alpha-equals-brute-force-cv", test_alpha_equals_brute_force);
  g_test_add_func ("/ridge/identical-for-1-and-2-threads", test_threads_identical);
  g_test_add_func ("/ridge/errors", test_errors);
  g_test_add_func ("/npy/reader", test_npy);

  return g_test_run ();
}
