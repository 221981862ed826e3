/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-ridge"

#include "config.h"

#include <cblas.h>
#include <lapacke.h>
#include <math.h>
#include <string.h>

#include "vs-analysis-error.h"
#include "vs-ridge.h"
#include "vs-thread-handoff.h"

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

#define CHUNK 1024

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

static float *
to_float (const double *a, gsize n)
{
  float *out = g_new (float, MAX (n, 1));

  for (gsize i = 0; i < n; i++)
    out[i] = (float) a[i];
  return out;
}

/* A = Q R for an m × r matrix with m > r: Q (m × r, orthonormal columns) and the upper triangular
 * R (r × r), both in float32. */
static gboolean
qr_factor (const double *a, gsize m, gsize r, float **q, float **rt, GError **error)
{
  g_autofree double *work = g_memdup2 (a, m * r * sizeof (double));
  g_autofree double *tau = g_new (double, r);
  lapack_int info;

  info = LAPACKE_dgeqrf (LAPACK_ROW_MAJOR, (lapack_int) m, (lapack_int) r, work, (lapack_int) r,
                         tau);
  if (info == 0)
    {
      *rt = g_new0 (float, r * r);
      for (gsize i = 0; i < r; i++)
        for (gsize k = i; k < r; k++)
          (*rt)[i * r + k] = (float) work[i * r + k];
      info = LAPACKE_dorgqr (LAPACK_ROW_MAJOR, (lapack_int) m, (lapack_int) r, (lapack_int) r,
                             work, (lapack_int) r, tau);
    }
  if (info != 0)
    {
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_INVALID_ARGUMENT,
                   "the QR decomposition of the validation features failed (LAPACK info %d)",
                   (int) info);
      return FALSE;
    }
  *q = to_float (work, m * r);
  return TRUE;
}

/* D_α Uᵀ Y for one α: the shrunk projections of a chunk's training targets. */
static void
shrink (const Svd *svd, double alpha, const float *uty, gsize nc, float *scaled)
{
  for (gsize k = 0; k < svd->r; k++)
    {
      float d = (float) (svd->s[k] / (svd->s[k] * svd->s[k] + alpha));
      for (gsize j = 0; j < nc; j++)
        scaled[k * nc + j] = uty[k * nc + j] * d;
    }
}

/* Σ_i (a[i, j] − b[i, j])² for every column j of two rows × nc blocks, in float64. */
static void
column_sse (const float *a, const float *b, gsize rows, gsize nc, double *out)
{
  for (gsize j = 0; j < nc; j++)
    out[j] = 0;
  for (gsize i = 0; i < rows; i++)
    for (gsize j = 0; j < nc; j++)
      {
        double d = (double) a[i * nc + j] - (b != NULL ? b[i * nc + j] : 0.0f);
        out[j] += d * d;
      }
}

/* One cross-validation fold, decomposed once before any voxel is fitted. */
typedef struct {
  gsize *train;
  gsize  n_train;
  gsize *val;
  gsize  n_val;
  Svd    svd;   /* of the centred training features (svd.u only in float32, below) */
  float *u;     /* U, n_train × r */
  float *xvv;   /* X_val V, n_val × r */
  float *q;     /* X_val V = Q R when n_val > r: Q n_val × r, or NULL */
  float *rt;    /* R, r × r upper triangular */
} Fold;

static void
fold_clear (Fold *f)
{
  g_free (f->train);
  g_free (f->val);
  svd_clear (&f->svd);
  g_free (f->u);
  g_free (f->xvv);
  g_free (f->q);
  g_free (f->rt);
}

static gboolean
fold_prepare (Fold *f, const VsMatrix *x, gsize start, gsize end, GError **error)
{
  gsize n = x->rows, p = x->cols, t = 0;
  g_autofree double *xm = g_new (double, p), *xv = NULL, *xvv = NULL;
  g_autoptr(VsMatrix) xt = g_new0 (VsMatrix, 1);

  f->n_val = end - start;
  f->n_train = n - f->n_val;
  f->train = g_new (gsize, f->n_train);
  f->val = g_new (gsize, MAX (f->n_val, 1));
  for (gsize i = 0; i < n; i++)
    if (i < start || i >= end)
      f->train[t++] = i;
  for (gsize i = 0; i < f->n_val; i++)
    f->val[i] = start + i;
  column_means (x, f->train, f->n_train, xm);
  xt->rows = f->n_train;
  xt->cols = p;
  xt->data = centred_block (x, f->train, f->n_train, xm, 0, p);
  xv = centred_block (x, f->val, f->n_val, xm, 0, p);
  if (!svd_compute (xt, &f->svd, error))
    return FALSE;
  xvv = g_new (double, MAX (f->n_val * f->svd.r, 1));
  cblas_dgemm (CblasRowMajor, CblasNoTrans, CblasTrans, (int) f->n_val, (int) f->svd.r, (int) p,
               1.0, xv, (int) p, f->svd.vt, (int) p, 0.0, xvv, (int) f->svd.r);
  f->u = to_float (f->svd.u, f->svd.m * f->svd.r);
  g_clear_pointer (&f->svd.u, g_free);
  f->xvv = to_float (xvv, f->n_val * f->svd.r);
  return f->n_val <= f->svd.r || qr_factor (xvv, f->n_val, f->svd.r, &f->q, &f->rt, error);
}

/* Rows @rows of a chunk's n × nc targets minus their mean over those rows (written to @means
 * when not NULL), in float32. */
static float *
centred_rows_f (const double *y, gsize nc, const gsize *rows, gsize n_rows, const double *means)
{
  float *out = g_new (float, MAX (n_rows * nc, 1));

  for (gsize i = 0; i < n_rows; i++)
    for (gsize j = 0; j < nc; j++)
      out[i * nc + j] = (float) (y[rows[i] * nc + j] - means[j]);
  return out;
}

static void
row_means (const double *y, gsize nc, const gsize *rows, gsize n_rows, double *means)
{
  memset (means, 0, nc * sizeof (double));
  for (gsize i = 0; i < n_rows; i++)
    for (gsize j = 0; j < nc; j++)
      means[j] += y[(rows != NULL ? rows[i] : i) * nc + j];
  for (gsize j = 0; j < nc; j++)
    means[j] /= MAX (n_rows, 1);
}

/* Validation errors of every α (@sse, α × nc) and the validation sum of squares (@sst) of a
 * chunk's targets @y (n × nc) in one fold, added to what is there.  With more validation rows
 * than components, X_val V = Q R and ‖y_v − Q R D b‖² = ‖y_v‖² − ‖Qᵀy_v‖² + ‖Qᵀy_v − R D b‖²: one
 * triangular multiply per α instead of a GEMM with n_val rows, about 2 n_val / r times less
 * work. */
static void
fold_errors (const Fold *f, const VsRidgeOptions *options, const double *y, gsize nc, double *sse,
             double *sst)
{
  gsize r = f->svd.r;
  g_autofree double *ym = g_new (double, nc);
  g_autofree float *yt = NULL, *yv = NULL, *qty = NULL, *pred = NULL;
  g_autofree float *uty = g_new (float, r * nc), *scaled = g_new (float, r * nc);
  g_autofree double *outside = g_new0 (double, nc), *e = g_new (double, nc);

  row_means (y, nc, f->train, f->n_train, ym);
  yt = centred_rows_f (y, nc, f->train, f->n_train, ym);
  yv = centred_rows_f (y, nc, f->val, f->n_val, ym);
  cblas_sgemm (CblasRowMajor, CblasTrans, CblasNoTrans, (int) r, (int) nc, (int) f->n_train, 1.0f,
               f->u, (int) r, yt, (int) nc, 0.0f, uty, (int) nc);
  column_sse (yv, NULL, f->n_val, nc, e);
  for (gsize j = 0; j < nc; j++)
    sst[j] += e[j];
  if (f->q != NULL)
    {
      qty = g_new (float, r * nc);
      cblas_sgemm (CblasRowMajor, CblasTrans, CblasNoTrans, (int) r, (int) nc, (int) f->n_val,
                   1.0f, f->q, (int) r, yv, (int) nc, 0.0f, qty, (int) nc);
      column_sse (qty, NULL, r, nc, outside);
      for (gsize j = 0; j < nc; j++)
        outside[j] = MAX (e[j] - outside[j], 0.0);
    }
  else
    pred = g_new (float, MAX (f->n_val * nc, 1));
  for (guint a = 0; a < options->n_alphas; a++)
    {
      shrink (&f->svd, options->alphas[a], uty, nc, scaled);
      if (f->q != NULL)
        {
          cblas_strmm (CblasRowMajor, CblasLeft, CblasUpper, CblasNoTrans, CblasNonUnit, (int) r,
                       (int) nc, 1.0f, f->rt, (int) r, scaled, (int) nc);
          column_sse (qty, scaled, r, nc, e);
        }
      else
        {
          cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans, (int) f->n_val, (int) nc,
                       (int) r, 1.0f, f->xvv, (int) r, scaled, (int) nc, 0.0f, pred, (int) nc);
          column_sse (yv, pred, f->n_val, nc, e);
        }
      for (gsize j = 0; j < nc; j++)
        sse[(gsize) a * nc + j] += outside[j] + e[j];
    }
}

/* Everything the chunks share; only fit's columns [c0, c0 + nc) are written by a chunk. */
typedef struct {
  const VsRidgeTargets *y;
  const VsRidgeOptions *options;
  Fold                 *folds;
  Svd                   all;      /* of all centred rows, for the refit */
  gsize                *all_rows;
  double               *x_means;
  VsRidgeFit           *fit;
} Plan;

/* Final weights and intercepts of the voxels [c0, c0 + nc), each with its α, from all rows. */
static void
refit (const Plan *plan, const double *y, gsize c0, gsize nc)
{
  const Svd *svd = &plan->all;
  gsize p = svd->p, n = svd->m;
  VsRidgeFit *fit = plan->fit;
  g_autofree double *ym = g_new (double, nc), *yc = g_new (double, n * nc);
  g_autofree double *uty = g_new (double, svd->r * nc), *w = g_new (double, p * nc);

  row_means (y, nc, NULL, n, ym);
  for (gsize i = 0; i < n; i++)
    for (gsize j = 0; j < nc; j++)
      yc[i * nc + j] = y[i * nc + j] - ym[j];
  cblas_dgemm (CblasRowMajor, CblasTrans, CblasNoTrans, (int) svd->r, (int) nc, (int) n, 1.0,
               svd->u, (int) svd->r, yc, (int) nc, 0.0, uty, (int) nc);
  weights_for_chunk (svd, uty, nc, fit->alphas + c0, w);
  for (gsize k = 0; k < p; k++)
    memcpy (vs_matrix_row (fit->weights, k) + c0, w + k * nc, nc * sizeof (double));
  for (gsize j = 0; j < nc; j++)
    {
      double b = ym[j];
      for (gsize k = 0; k < p; k++)
        b -= plan->x_means[k] * w[k * nc + j];
      fit->intercepts[c0 + j] = b;
    }
}

/* The whole fit of the voxels [c0, c0 + nc): every fold's errors, each voxel's α, the refit; then
 * the chunk is handed to the caller. */
static void
fit_chunk (gpointer data, gsize c0, gsize nc)
{
  const Plan *plan = data;
  const VsRidgeOptions *options = plan->options;
  VsRidgeFit *fit = plan->fit;
  gsize n = plan->y->n_rows;
  guint na = options->n_alphas;
  g_autofree double *y = g_new (double, MAX (n * nc, 1));
  g_autofree double *sse = g_new0 (double, (gsize) na * nc), *sst = g_new0 (double, nc);

  plan->y->read (plan->y->data, plan->all_rows, n, c0, nc, y);
  for (guint f = 0; f < options->n_folds; f++)
    fold_errors (&plan->folds[f], options, y, nc, sse, sst);
  for (gsize j = 0; j < nc; j++)
    {
      guint best = 0;
      for (guint a = 1; a < na; a++)
        if (sse[(gsize) a * nc + j] < sse[(gsize) best * nc + j])
          best = a;
      fit->alphas[c0 + j] = options->alphas[best];
      fit->cv_r2[c0 + j] = sst[j] > 0 ? 1.0 - sse[(gsize) best * nc + j] / sst[j] : 0.0;
    }
  refit (plan, y, c0, nc);
  if (options->chunk_done != NULL)
    options->chunk_done (fit, c0, nc, options->chunk_data);
}

typedef void (*ChunkFunc) (gpointer data, gsize c0, gsize nc);

typedef struct {
  ChunkFunc     func;
  gpointer      data;
  gsize         v;
  gint          next;        /* atomic: next chunk index */
  gint          done;        /* atomic */
  GCancellable *cancellable;
  VsProgress   *progress;
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
      vs_progress_update (c->progress,
                          0.1 + 0.9 * (g_atomic_int_add (&c->done, 1) + 1) / (double) n_chunks);
    }
  return NULL;
}

/* Runs @func over all chunks of @v voxels on @n_threads threads; a chunk's result does not
 * depend on which thread ran it. */
static gboolean
run_chunks (gsize v, guint n_threads, ChunkFunc func, gpointer data, VsProgress *progress,
            GCancellable *cancellable, GError **error)
{
  Chunks c = { func, data, v, 0, 0, cancellable, progress };
  gsize n_chunks = (v + CHUNK - 1) / CHUNK;
  g_autoptr(GPtrArray) threads = g_ptr_array_new ();

  for (guint t = 1; t < MIN (n_threads, n_chunks); t++)
    g_ptr_array_add (threads, g_thread_new ("vs-ridge", chunk_worker, &c));
  chunk_worker (&c);
  for (guint t = 0; t < threads->len; t++)
    g_thread_join (g_ptr_array_index (threads, t));
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

static gboolean
check_inputs (const VsMatrix *x, const VsRidgeTargets *y, const VsRidgeOptions *options,
              GError **error)
{
  gsize n = x->rows, p = x->cols;

  if (y->n_rows != n)
    {
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_INVALID_ARGUMENT,
                   "the features have %" G_GSIZE_FORMAT " rows but the responses %" G_GSIZE_FORMAT,
                   n, y->n_rows);
      return FALSE;
    }
  if (options->n_alphas == 0 || options->n_folds < 2 || options->n_folds > n)
    {
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_INVALID_ARGUMENT,
                   "ridge needs at least one α and 2 to %" G_GSIZE_FORMAT " folds (got %u α, %u "
                   "folds)", n, options->n_alphas, options->n_folds);
      return FALSE;
    }
  for (guint a = 0; a < options->n_alphas; a++)
    if (!(options->alphas[a] > 0) || !isfinite (options->alphas[a]))
      {
        g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_INVALID_ARGUMENT,
                     "α must be positive and finite (got %g)", options->alphas[a]);
        return FALSE;
      }
  for (gsize i = 0; i < n * p; i++)
    if (!isfinite (x->data[i]))
      {
        g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_INVALID_ARGUMENT,
                     "the features hold a NaN or infinite value (row %" G_GSIZE_FORMAT ")", i / p);
        return FALSE;
      }
  return TRUE;
}

static void
plan_clear (Plan *plan)
{
  if (plan->folds != NULL)
    for (guint f = 0; f < plan->options->n_folds; f++)
      fold_clear (&plan->folds[f]);
  g_free (plan->folds);
  svd_clear (&plan->all);
  g_free (plan->all_rows);
  g_free (plan->x_means);
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
  gsize n = x->rows, p = x->cols, v = y->n_cols;
  guint folds = options->n_folds;
  guint n_threads = options->n_threads > 0 ? options->n_threads : g_get_num_processors ();
  Plan plan = { y, options, NULL, { 0 }, NULL, NULL, NULL };
  gboolean ok;

  g_return_val_if_fail (x != NULL && y != NULL && options != NULL, NULL);

  if (!check_inputs (x, y, options, error))
    return NULL;
  /* Our threads, single-threaded BLAS: the same bits for any thread count. */
  openblas_set_num_threads (1);

  /* Every fold's decomposition and the one of all rows, before any voxel. */
  plan.folds = g_new0 (Fold, folds);
  ok = TRUE;
  for (guint f = 0; f < folds && ok; f++)
    {
      ok = fold_prepare (&plan.folds[f], x, n * f / folds, n * (f + 1) / folds, error);
      vs_progress_update (progress, 0.1 * (f + 1) / (folds + 1));
    }
  plan.all_rows = g_new (gsize, n);
  for (gsize i = 0; i < n; i++)
    plan.all_rows[i] = i;
  plan.x_means = g_new (double, p);
  column_means (x, plan.all_rows, n, plan.x_means);
  if (ok)
    {
      g_autoptr(VsMatrix) xc = g_new0 (VsMatrix, 1);
      xc->rows = n;
      xc->cols = p;
      xc->data = centred_block (x, plan.all_rows, n, plan.x_means, 0, p);
      ok = svd_compute (xc, &plan.all, error);
    }
  if (ok)
    {
      fit = g_new0 (VsRidgeFit, 1);
      fit->n_targets = v;
      fit->alphas = g_new (double, v);
      fit->cv_r2 = g_new (double, v);
      fit->intercepts = g_new (double, v);
      fit->weights = vs_matrix_new (p, v, error);
      ok = fit->weights != NULL;
    }
  if (ok)
    {
      plan.fit = fit;
      ok = run_chunks (v, n_threads, fit_chunk, &plan, progress, cancellable, error);
    }
  plan_clear (&plan);
  if (!ok)
    return NULL;
  vs_progress_update (progress, 1.0);
  return g_steal_pointer (&fit);
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
