/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-ridge"

#include "config.h"

#include <cblas.h>
#include <lapacke.h>
#include <math.h>
#include <string.h>

#include "vs-analysis-error.h"
#include "vs-ridge.h"

/* Voxel-wise ridge regression with a per-voxel α chosen by k-fold cross-validation, as himalaya
 * does it: each training fold is centred and decomposed once (X = U S Vᵀ); for every α the
 * validation predictions are X_val V diag(s/(s²+α)) Uᵀ Y, one GEMM per α, so the cost of a grid
 * of α is nearly that of one.  The α with the smallest summed validation error wins for each
 * voxel; the final weights are refitted on all rows from one more SVD, every voxel with its own
 * α.  Validation errors only rank the α, so cross-validation runs in float32 (sgemm, twice the
 * rate of dgemm) with errors summed in float64; the SVDs and the final weights stay float64.
 * Voxels go through in chunks so memory never holds n × v × α.  Chunks are spread over our
 * own threads, each calling single-threaded BLAS: multi-threaded OpenBLAS does not return
 * bit-identical results for different thread counts, and ours must. */

#define CHUNK 2048

typedef struct {
  gsize   m, p, r;
  double *u;     /* m × r */
  double *s;     /* r */
  double *vt;    /* r × p */
} Svd;

static void
svd_clear (Svd *svd)
{
  g_free (svd->u);
  g_free (svd->s);
  g_free (svd->vt);
}

static gboolean
svd_compute (const VsMatrix *a, Svd *svd, GError **error)
{
  g_autofree double *copy = g_memdup2 (a->data, a->rows * a->cols * sizeof (double));
  lapack_int info;

  svd->m = a->rows;
  svd->p = a->cols;
  svd->r = MIN (a->rows, a->cols);
  svd->u = g_new (double, svd->m * svd->r);
  svd->s = g_new (double, svd->r);
  svd->vt = g_new (double, svd->r * svd->p);
  info = LAPACKE_dgesdd (LAPACK_ROW_MAJOR, 'S', (lapack_int) svd->m, (lapack_int) svd->p, copy,
                         (lapack_int) svd->p, svd->s, svd->u, (lapack_int) svd->r, svd->vt,
                         (lapack_int) svd->p);
  if (info != 0)
    {
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_INVALID_ARGUMENT,
                   "the singular value decomposition of the features failed (LAPACK info %d)",
                   (int) info);
      return FALSE;
    }
  return TRUE;
}

static void
column_means (const VsMatrix *m, const gsize *rows, gsize n_rows, double *means)
{
  memset (means, 0, m->cols * sizeof (double));
  for (gsize i = 0; i < n_rows; i++)
    {
      const double *row = vs_matrix_row (m, rows[i]);
      for (gsize c = 0; c < m->cols; c++)
        means[c] += row[c];
    }
  for (gsize c = 0; c < m->cols; c++)
    means[c] /= MAX (n_rows, 1);
}

static void
read_matrix (gpointer data, const gsize *rows, gsize n_rows, gsize c0, gsize nc, double *out)
{
  const VsMatrix *m = data;

  for (gsize i = 0; i < n_rows; i++)
    memcpy (out + i * nc, vs_matrix_row (m, rows[i]) + c0, nc * sizeof (double));
}

void
vs_ridge_targets_for_matrix (VsRidgeTargets *targets,
                             const VsMatrix *y)
{
  targets->n_rows = y->rows;
  targets->n_cols = y->cols;
  targets->read = read_matrix;
  targets->data = (gpointer) y;
}

/* Rows @rows of the targets minus @means, columns [c0, c0 + nc). */
static double *
centred_targets (const VsRidgeTargets *y, const gsize *rows, gsize n_rows, const double *means,
                 gsize c0, gsize nc)
{
  double *out = g_new (double, MAX (n_rows * nc, 1));

  y->read (y->data, rows, n_rows, c0, nc, out);
  for (gsize i = 0; i < n_rows; i++)
    for (gsize c = 0; c < nc; c++)
      out[i * nc + c] -= means[c0 + c];
  return out;
}

/* Column means of the targets over @rows, in blocks. */
static void
target_means (const VsRidgeTargets *y, const gsize *rows, gsize n_rows, double *means)
{
  const gsize block = 1024;
  g_autofree double *buffer = g_new (double, MAX (n_rows * block, 1));

  for (gsize c0 = 0; c0 < y->n_cols; c0 += block)
    {
      gsize nc = MIN (block, y->n_cols - c0);
      y->read (y->data, rows, n_rows, c0, nc, buffer);
      for (gsize c = 0; c < nc; c++)
        {
          double sum = 0;
          for (gsize i = 0; i < n_rows; i++)
            sum += buffer[i * nc + c];
          means[c0 + c] = sum / MAX (n_rows, 1);
        }
    }
}

/* Rows @rows of @m minus @means, columns [c0, c0 + nc). */
static double *
centred_block (const VsMatrix *m, const gsize *rows, gsize n_rows, const double *means, gsize c0,
               gsize nc)
{
  double *out = g_new (double, MAX (n_rows * nc, 1));

  for (gsize i = 0; i < n_rows; i++)
    {
      const double *row = vs_matrix_row (m, rows[i]);
      for (gsize c = 0; c < nc; c++)
        out[i * nc + c] = row[c0 + c] - means[c0 + c];
    }
  return out;
}

void
vs_ridge_fit_free (VsRidgeFit *fit)
{
  if (fit == NULL)
    return;
  vs_matrix_free (fit->weights);
  g_free (fit->intercepts);
  g_free (fit->alphas);
  g_free (fit->cv_r2);
  g_free (fit);
}

/* W = V diag(s/(s²+α_j)) (Uᵀ Y)[:, j] for a chunk of columns with their own α. */
static void
weights_for_chunk (const Svd *svd, const double *uty, gsize nc, const double *alphas,
                   double *w /* p × nc */)
{
  g_autofree double *scaled = g_new (double, svd->r * nc);

  for (gsize k = 0; k < svd->r; k++)
    for (gsize j = 0; j < nc; j++)
      scaled[k * nc + j] = uty[k * nc + j] * svd->s[k] / (svd->s[k] * svd->s[k] + alphas[j]);
  cblas_dgemm (CblasRowMajor, CblasTrans, CblasNoTrans, (int) svd->p, (int) nc, (int) svd->r, 1.0,
               svd->vt, (int) svd->p, scaled, (int) nc, 0.0, w, (int) nc);
}

typedef struct {
  const VsRidgeTargets *y;
  const gsize          *train;
  gsize                 n_train;
  const gsize          *val;
  gsize                 n_val;
  const double         *ym;
  const Svd            *svd;
  const float          *u;     /* the fold's U in float32, m × r */
  const float          *xvv;   /* X_val V in float32, n_val × r */
  const VsRidgeOptions *options;
  double               *sse;
  double               *sst;
} CvFold;

static float *
centred_targets_f (const VsRidgeTargets *y, const gsize *rows, gsize n_rows, const double *means,
                   gsize c0, gsize nc)
{
  g_autofree double *block = centred_targets (y, rows, n_rows, means, c0, nc);
  float *out = g_new (float, MAX (n_rows * nc, 1));

  for (gsize i = 0; i < n_rows * nc; i++)
    out[i] = (float) block[i];
  return out;
}

/* Validation errors of every α for the voxels [c0, c0 + nc) of one fold. */
static void
cv_chunk (gpointer data, gsize c0, gsize nc)
{
  CvFold *f = data;
  const Svd *svd = f->svd;
  gsize v = f->y->n_cols;
  g_autofree float *yt = centred_targets_f (f->y, f->train, f->n_train, f->ym, c0, nc);
  g_autofree float *yv = centred_targets_f (f->y, f->val, f->n_val, f->ym, c0, nc);
  g_autofree float *uty = g_new (float, svd->r * nc);
  g_autofree float *scaled = g_new (float, svd->r * nc);
  g_autofree float *pred = g_new (float, MAX (f->n_val * nc, 1));

  cblas_sgemm (CblasRowMajor, CblasTrans, CblasNoTrans, (int) svd->r, (int) nc,
               (int) f->n_train, 1.0f, f->u, (int) svd->r, yt, (int) nc, 0.0f, uty, (int) nc);
  for (gsize j = 0; j < nc; j++)
    for (gsize i = 0; i < f->n_val; i++)
      f->sst[c0 + j] += (double) yv[i * nc + j] * yv[i * nc + j];
  for (guint a = 0; a < f->options->n_alphas; a++)
    {
      double alpha = f->options->alphas[a];
      for (gsize k = 0; k < svd->r; k++)
        {
          float d = (float) (svd->s[k] / (svd->s[k] * svd->s[k] + alpha));
          for (gsize j = 0; j < nc; j++)
            scaled[k * nc + j] = uty[k * nc + j] * d;
        }
      cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans, (int) f->n_val, (int) nc,
                   (int) svd->r, 1.0f, f->xvv, (int) svd->r, scaled, (int) nc, 0.0f, pred,
                   (int) nc);
      for (gsize j = 0; j < nc; j++)
        {
          double e = 0;
          for (gsize i = 0; i < f->n_val; i++)
            {
              double r = (double) yv[i * nc + j] - pred[i * nc + j];
              e += r * r;
            }
          f->sse[(gsize) a * v + c0 + j] += e;
        }
    }
}

typedef struct {
  const VsRidgeTargets *y;
  const gsize    *rows;
  gsize           n;
  const double   *y_means;
  const double   *x_means;
  const Svd      *svd;
  VsRidgeFit     *fit;
} Refit;

/* Final weights and intercepts of the voxels [c0, c0 + nc), each with its α. */
static void
refit_chunk (gpointer data, gsize c0, gsize nc)
{
  Refit *r = data;
  const Svd *svd = r->svd;
  gsize p = svd->p;
  g_autofree double *yc = centred_targets (r->y, r->rows, r->n, r->y_means, c0, nc);
  g_autofree double *uty = g_new (double, svd->r * nc);
  g_autofree double *w = g_new (double, p * nc);

  cblas_dgemm (CblasRowMajor, CblasTrans, CblasNoTrans, (int) svd->r, (int) nc, (int) r->n, 1.0,
               svd->u, (int) svd->r, yc, (int) nc, 0.0, uty, (int) nc);
  weights_for_chunk (svd, uty, nc, r->fit->alphas + c0, w);
  for (gsize k = 0; k < p; k++)
    memcpy (vs_matrix_row (r->fit->weights, k) + c0, w + k * nc, nc * sizeof (double));
  for (gsize j = 0; j < nc; j++)
    {
      double b = r->y_means[c0 + j];
      for (gsize k = 0; k < p; k++)
        b -= r->x_means[k] * w[k * nc + j];
      r->fit->intercepts[c0 + j] = b;
    }
}

typedef void (*ChunkFunc) (gpointer data, gsize c0, gsize nc);

typedef struct {
  ChunkFunc     func;
  gpointer      data;
  gsize         v;
  gint          next;        /* atomic: next chunk index */
  gint          done;        /* atomic */
  GCancellable *cancellable;
} Chunks;

static gpointer
chunk_worker (gpointer data)
{
  Chunks *c = data;
  gsize n_chunks = (c->v + CHUNK - 1) / CHUNK;

  for (;;)
    {
      gsize i = (gsize) g_atomic_int_add (&c->next, 1);
      if (i >= n_chunks || g_cancellable_is_cancelled (c->cancellable))
        break;
      c->func (c->data, i * CHUNK, MIN (CHUNK, c->v - i * CHUNK));
      g_atomic_int_inc (&c->done);
    }
  return NULL;
}

/* Runs @func over all chunks of @v voxels on @n_threads threads; a chunk's result does not
 * depend on which thread ran it. */
static gboolean
run_chunks (gsize v, guint n_threads, ChunkFunc func, gpointer data, VsProgress *progress,
            GCancellable *cancellable, double *steps, double total_steps, GError **error)
{
  Chunks c = { func, data, v, 0, 0, cancellable };
  gsize n_chunks = (v + CHUNK - 1) / CHUNK;
  g_autoptr(GPtrArray) threads = g_ptr_array_new ();

  for (guint t = 1; t < MIN (n_threads, n_chunks); t++)
    g_ptr_array_add (threads, g_thread_new ("vs-ridge", chunk_worker, &c));
  chunk_worker (&c);
  for (guint t = 0; t < threads->len; t++)
    g_thread_join (g_ptr_array_index (threads, t));
  *steps += n_chunks;
  vs_progress_update (progress, *steps / total_steps);
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

VsRidgeFit *
vs_ridge_fit (const VsMatrix       *x,
              const VsRidgeTargets *y,
              const VsRidgeOptions *options,
              VsProgress           *progress,
              GCancellable         *cancellable,
              GError              **error)
{
  g_autoptr(VsRidgeFit) fit = NULL;
  g_autofree double *sse = NULL;     /* α × v */
  g_autofree double *sst = NULL;     /* v */
  g_autofree gsize *all_rows = NULL;
  g_autofree double *x_means = NULL, *y_means = NULL;
  gsize n = x->rows, p = x->cols, v = y->n_cols;
  guint folds = options->n_folds, na = options->n_alphas;
  double total_steps, steps = 0;
  guint n_threads = options->n_threads > 0 ? options->n_threads : g_get_num_processors ();
  Svd svd = { 0 };

  g_return_val_if_fail (x != NULL && y != NULL && options != NULL, NULL);

  if (y->n_rows != n)
    {
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_INVALID_ARGUMENT,
                   "the features have %" G_GSIZE_FORMAT " rows but the responses %" G_GSIZE_FORMAT,
                   n, y->n_rows);
      return NULL;
    }
  if (na == 0 || folds < 2 || folds > n)
    {
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_INVALID_ARGUMENT,
                   "ridge needs at least one α and 2 to %" G_GSIZE_FORMAT " folds (got %u α, %u "
                   "folds)", n, na, folds);
      return NULL;
    }
  for (guint a = 0; a < na; a++)
    if (!(options->alphas[a] > 0) || !isfinite (options->alphas[a]))
      {
        g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_INVALID_ARGUMENT,
                     "α must be positive and finite (got %g)", options->alphas[a]);
        return NULL;
      }
  for (gsize i = 0; i < n * p; i++)
    if (!isfinite (x->data[i]))
      {
        g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_INVALID_ARGUMENT,
                     "the features hold a NaN or infinite value (row %" G_GSIZE_FORMAT ")", i / p);
        return NULL;
      }

  /* Our threads, single-threaded BLAS: the same bits for any thread count. */
  openblas_set_num_threads (1);
  sse = g_new0 (double, (gsize) na * v);
  sst = g_new0 (double, v);
  total_steps = (double) folds * ((v + CHUNK - 1) / CHUNK) + (v + CHUNK - 1) / CHUNK + folds;

  /* Cross-validation. */
  for (guint f = 0; f < folds; f++)
    {
      gsize start = n * f / folds, end = n * (f + 1) / folds;
      gsize n_val = end - start, n_train = n - n_val;
      g_autofree gsize *train = g_new (gsize, n_train);
      g_autofree gsize *val = g_new (gsize, MAX (n_val, 1));
      g_autofree double *xm = g_new (double, p), *ym = g_new (double, v);
      g_autofree double *xt = NULL, *xv = NULL, *xvv = NULL;
      g_autoptr(VsMatrix) xt_matrix = NULL;
      gsize t = 0;

      for (gsize i = 0; i < n; i++)
        if (i < start || i >= end)
          train[t++] = i;
      for (gsize i = 0; i < n_val; i++)
        val[i] = start + i;
      column_means (x, train, n_train, xm);
      target_means (y, train, n_train, ym);
      xt = centred_block (x, train, n_train, xm, 0, p);
      xv = centred_block (x, val, n_val, xm, 0, p);
      xt_matrix = g_new0 (VsMatrix, 1);
      xt_matrix->rows = n_train;
      xt_matrix->cols = p;
      xt_matrix->data = g_steal_pointer (&xt);
      svd_clear (&svd);
      memset (&svd, 0, sizeof svd);
      if (!svd_compute (xt_matrix, &svd, error))
        goto fail;
      /* X_val V: n_val × r */
      xvv = g_new (double, MAX (n_val * svd.r, 1));
      cblas_dgemm (CblasRowMajor, CblasNoTrans, CblasTrans, (int) n_val, (int) svd.r, (int) p, 1.0,
                   xv, (int) p, svd.vt, (int) p, 0.0, xvv, (int) svd.r);
      vs_progress_update (progress, ++steps / total_steps);

      {
        g_autofree float *u32 = g_new (float, svd.m * svd.r);
        g_autofree float *xvv32 = g_new (float, MAX (n_val * svd.r, 1));
        CvFold fold = { y, train, n_train, val, n_val, ym, &svd, u32, xvv32, options, sse, sst };
        for (gsize i = 0; i < svd.m * svd.r; i++)
          u32[i] = (float) svd.u[i];
        for (gsize i = 0; i < n_val * svd.r; i++)
          xvv32[i] = (float) xvv[i];
        if (!run_chunks (v, n_threads, cv_chunk, &fold, progress, cancellable, &steps,
                         total_steps, error))
          goto fail;
      }
    }

  fit = g_new0 (VsRidgeFit, 1);
  fit->n_targets = v;
  fit->alphas = g_new (double, v);
  fit->cv_r2 = g_new (double, v);
  fit->intercepts = g_new (double, v);
  fit->weights = vs_matrix_new (p, v, error);
  if (fit->weights == NULL)
    goto fail;
  for (gsize j = 0; j < v; j++)
    {
      guint best = 0;
      for (guint a = 1; a < na; a++)
        if (sse[(gsize) a * v + j] < sse[(gsize) best * v + j])
          best = a;
      fit->alphas[j] = options->alphas[best];
      fit->cv_r2[j] = sst[j] > 0 ? 1.0 - sse[(gsize) best * v + j] / sst[j] : 0.0;
    }

  /* Refit on every row, each voxel with its α. */
  all_rows = g_new (gsize, n);
  for (gsize i = 0; i < n; i++)
    all_rows[i] = i;
  x_means = g_new (double, p);
  y_means = g_new (double, v);
  column_means (x, all_rows, n, x_means);
  target_means (y, all_rows, n, y_means);
  {
    g_autoptr(VsMatrix) xc = g_new0 (VsMatrix, 1);
    xc->rows = n;
    xc->cols = p;
    xc->data = centred_block (x, all_rows, n, x_means, 0, p);
    svd_clear (&svd);
    memset (&svd, 0, sizeof svd);
    if (!svd_compute (xc, &svd, error))
      goto fail;
  }
  {
    Refit refit = { y, all_rows, n, y_means, x_means, &svd, fit };
    if (!run_chunks (v, n_threads, refit_chunk, &refit, progress, cancellable, &steps,
                     total_steps, error))
      goto fail;
  }
  svd_clear (&svd);
  vs_progress_update (progress, 1.0);
  return g_steal_pointer (&fit);

fail:
  svd_clear (&svd);
  return NULL;
}

VsMatrix *
vs_ridge_predict (const VsRidgeFit *fit,
                  const VsMatrix   *x)
{
  VsMatrix *out = vs_matrix_new (x->rows, fit->n_targets, NULL);

  g_assert (out != NULL);
  g_assert (x->cols == fit->weights->rows);
  for (gsize i = 0; i < x->rows; i++)
    memcpy (vs_matrix_row (out, i), fit->intercepts, fit->n_targets * sizeof (double));
  cblas_dgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans, (int) x->rows, (int) fit->n_targets,
               (int) x->cols, 1.0, x->data, (int) x->cols, fit->weights->data,
               (int) fit->n_targets, 1.0, out->data, (int) fit->n_targets);
  return out;
}

/* "1e-2:1e6:20" — 20 values spaced evenly in log from 1e-2 to 1e6 — or "0.1,1,10". */
gboolean
vs_ridge_parse_alphas (const char  *text,
                       GArray     **alphas,
                       GError     **error)
{
  g_autoptr(GArray) out = g_array_new (FALSE, FALSE, sizeof (double));
  g_auto(GStrv) parts = NULL;

  if (strchr (text, ':') != NULL)
    {
      double lo, hi;
      gint64 count;
      char *end;
      parts = g_strsplit (text, ":", -1);
      if (g_strv_length (parts) != 3)
        goto bad;
      lo = g_ascii_strtod (parts[0], &end);
      if (*end != '\0')
        goto bad;
      hi = g_ascii_strtod (parts[1], &end);
      if (*end != '\0')
        goto bad;
      count = g_ascii_strtoll (parts[2], &end, 10);
      if (*end != '\0' || !(lo > 0) || !(hi >= lo) || count < 1 || count > 1000)
        goto bad;
      for (gint64 i = 0; i < count; i++)
        {
          double v = count == 1 ? lo : exp (log (lo) + (log (hi) - log (lo)) * i / (count - 1));
          g_array_append_val (out, v);
        }
    }
  else
    {
      parts = g_strsplit (text, ",", -1);
      for (guint i = 0; parts[i] != NULL; i++)
        {
          char *end;
          double v = g_ascii_strtod (parts[i], &end);
          if (*end != '\0' || end == parts[i] || !(v > 0) || !isfinite (v))
            goto bad;
          g_array_append_val (out, v);
        }
      if (out->len == 0)
        goto bad;
    }
  *alphas = g_steal_pointer (&out);
  return TRUE;

bad:
  g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_INVALID_ARGUMENT,
               "α “%s”: give LOW:HIGH:COUNT (log-spaced, e.g. 1e-2:1e6:20) or a comma list of "
               "positive numbers", text);
  return FALSE;
}
