/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-attention-readout"

#include "config.h"

#include <cblas.h>
#include <lapacke.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vs-analysis-error.h"
#include "vs-attention-readout.h"

/* Spatial-feature factorised readout per region (Klindt et al.'s "what and where"): each region's
 * response to an image is Σ_j s[j] (wᵀ f_j) + b, s a softmax over the patch positions.  Fitted by
 * alternating least squares on the training images: with s fixed, w is a ridge regression on the
 * s-pooled features (conjugate gradients, warm-started); with w fixed, s follows the gradient of
 * the squared error through the softmax (Adam).  The ridge α of each region is chosen first, with
 * uniform pooling, on the last fifth of the training images.  All regions share the big products:
 * F·W for every patch of every image in one GEMM, and S·F_i per image. */

#define DEFAULT_ITERATIONS 8
#define DEFAULT_S_STEPS 60
#define CG_STEPS 40
#define ADAM_RATE 0.1

void
vs_readout_fit_free (VsReadoutFit *fit)
{
  if (fit == NULL)
    return;
  g_free (fit->s);
  g_free (fit->w);
  g_free (fit->b);
  g_free (fit->alpha);
  g_free (fit->r_test);
  g_free (fit->r_uniform);
  g_free (fit);
}

static double
correlation (const double *a, const double *b, gsize n)
{
  double ma = 0, mb = 0, sab = 0, saa = 0, sbb = 0;

  for (gsize i = 0; i < n; i++)
    {
      ma += a[i] / n;
      mb += b[i] / n;
    }
  for (gsize i = 0; i < n; i++)
    {
      sab += (a[i] - ma) * (b[i] - mb);
      saa += (a[i] - ma) * (a[i] - ma);
      sbb += (b[i] - mb) * (b[i] - mb);
    }
  return saa > 0 && sbb > 0 ? sab / sqrt (saa * sbb) : 0;
}

/* Ridge on centred rows by conjugate gradients: (XcᵀXc + αI) w = Xcᵀ yc, X n × p float, warm
 * start in @w; returns the intercept ȳ − x̄·w. */
static double
ridge_cg (const float *x, const double *y, gsize n, gsize p, double alpha, double *w)
{
  g_autofree double *xm = g_new0 (double, p), *r = g_new (double, p), *d = g_new (double, p);
  g_autofree double *ad = g_new (double, p), *t = g_new (double, n);
  g_autofree float *vf = g_new (float, p), *tf = g_new (float, n), *of = g_new (float, p);
  double ym = 0, rr, b;

  for (gsize i = 0; i < n; i++)
    {
      ym += y[i] / n;
      for (gsize c = 0; c < p; c++)
        xm[c] += x[i * p + c] / (double) n;
    }
  /* A v = Xcᵀ (Xc v) + α v, with Xc v = X v − x̄·v. */
#define APPLY(v, out)                                                                         \
  G_STMT_START {                                                                              \
    double shift = 0, sum = 0;                                                                \
    for (gsize c = 0; c < p; c++)                                                             \
      {                                                                                       \
        vf[c] = (float) (v)[c];                                                               \
        shift += xm[c] * (v)[c];                                                              \
      }                                                                                       \
    cblas_sgemv (CblasRowMajor, CblasNoTrans, (int) n, (int) p, 1.0f, x, (int) p, vf, 1,      \
                 0.0f, tf, 1);                                                                \
    for (gsize i = 0; i < n; i++)                                                             \
      {                                                                                       \
        t[i] = tf[i] - shift;                                                                 \
        sum += t[i];                                                                          \
        tf[i] = (float) t[i];                                                                 \
      }                                                                                       \
    cblas_sgemv (CblasRowMajor, CblasTrans, (int) n, (int) p, 1.0f, x, (int) p, tf, 1, 0.0f,  \
                 of, 1);                                                                      \
    for (gsize c = 0; c < p; c++)                                                             \
      (out)[c] = of[c] - xm[c] * sum + alpha * (v)[c];                                        \
  } G_STMT_END

  /* r = Xcᵀ yc − A w */
  for (gsize i = 0; i < n; i++)
    tf[i] = (float) (y[i] - ym);
  cblas_sgemv (CblasRowMajor, CblasTrans, (int) n, (int) p, 1.0f, x, (int) p, tf, 1, 0.0f, of, 1);
  for (gsize c = 0; c < p; c++)
    r[c] = of[c];   /* Σ_i x̄ (y − ȳ) = 0, so Xcᵀ yc = Xᵀ yc */
  APPLY (w, ad);
  rr = 0;
  for (gsize c = 0; c < p; c++)
    {
      r[c] -= ad[c];
      d[c] = r[c];
      rr += r[c] * r[c];
    }
  for (int step = 0; step < CG_STEPS && rr > 1e-20; step++)
    {
      double dad = 0, a, rr_new = 0;
      APPLY (d, ad);
      for (gsize c = 0; c < p; c++)
        dad += d[c] * ad[c];
      if (!(dad > 0))
        break;
      a = rr / dad;
      for (gsize c = 0; c < p; c++)
        {
          w[c] += a * d[c];
          r[c] -= a * ad[c];
          rr_new += r[c] * r[c];
        }
      for (gsize c = 0; c < p; c++)
        d[c] = r[c] + rr_new / rr * d[c];
      rr = rr_new;
    }
#undef APPLY
  b = ym;
  for (gsize c = 0; c < p; c++)
    b -= xm[c] * w[c];
  return b;
}

static void
softmax (const double *logits, gsize k, double *s)
{
  double top = -INFINITY, sum = 0;

  for (gsize j = 0; j < k; j++)
    top = MAX (top, logits[j]);
  for (gsize j = 0; j < k; j++)
    sum += s[j] = exp (logits[j] - top);
  for (gsize j = 0; j < k; j++)
    s[j] /= sum;
}

/* With w fixed: Adam on the logits of s for the squared error of Σ_j s_j g_ij + b (b in closed
 * form) over the training images; g is n × k. */
static void
fit_spatial (const float *g, const double *y, gsize n, gsize k, guint steps, double *logits,
             double *s)
{
  g_autofree float *sf = g_new (float, k), *pred = g_new (float, n), *ef = g_new (float, n);
  g_autofree float *gs = g_new (float, k);
  g_autofree double *m1 = g_new0 (double, k), *m2 = g_new0 (double, k);

  for (guint step = 1; step <= steps; step++)
    {
      double b = 0, dot = 0;
      softmax (logits, k, s);
      for (gsize j = 0; j < k; j++)
        sf[j] = (float) s[j];
      cblas_sgemv (CblasRowMajor, CblasNoTrans, (int) n, (int) k, 1.0f, g, (int) k, sf, 1, 0.0f,
                   pred, 1);
      for (gsize i = 0; i < n; i++)
        b += (y[i] - pred[i]) / n;
      for (gsize i = 0; i < n; i++)
        ef[i] = (float) (-2.0 * (y[i] - pred[i] - b) / n);
      /* ∂L/∂s_j, then through the softmax: ∂L/∂θ_j = s_j (∂L/∂s_j − Σ_l s_l ∂L/∂s_l). */
      cblas_sgemv (CblasRowMajor, CblasTrans, (int) n, (int) k, 1.0f, g, (int) k, ef, 1, 0.0f, gs,
                   1);
      for (gsize j = 0; j < k; j++)
        dot += s[j] * gs[j];
      for (gsize j = 0; j < k; j++)
        {
          double grad = s[j] * (gs[j] - dot);
          m1[j] = 0.9 * m1[j] + 0.1 * grad;
          m2[j] = 0.999 * m2[j] + 0.001 * grad * grad;
          logits[j] -= ADAM_RATE * (m1[j] / (1 - pow (0.9, step))) /
                       (sqrt (m2[j] / (1 - pow (0.999, step))) + 1e-12);
        }
    }
  softmax (logits, k, s);
}

/* Each region's α: uniform pooling, SVD of the fitting rows once, every α on the validation
 * rows. */
static gboolean
choose_alphas (const double *x0, gsize p, const double *y, gsize n_regions, const gsize *fit_rows,
               gsize n_fit, const gsize *val_rows, gsize n_val, const VsReadoutOptions *options,
               double *alphas, GError **error)
{
  gsize r = MIN (n_fit, p);
  g_autofree double *xc = g_new (double, n_fit * p), *xm = g_new0 (double, p);
  g_autofree double *ym = g_new0 (double, n_regions), *u = g_new (double, n_fit * r);
  g_autofree double *sv = g_new (double, r), *vt = g_new (double, r * p);
  g_autofree double *yc = g_new (double, n_fit * n_regions), *uty = g_new (double, r * n_regions);
  g_autofree double *xvv = g_new (double, MAX (n_val, 1) * r), *best = g_new (double, n_regions);
  lapack_int info;

  for (gsize i = 0; i < n_fit; i++)
    {
      for (gsize c = 0; c < p; c++)
        xm[c] += x0[fit_rows[i] * p + c] / n_fit;
      for (gsize q = 0; q < n_regions; q++)
        ym[q] += y[fit_rows[i] * n_regions + q] / n_fit;
    }
  for (gsize i = 0; i < n_fit; i++)
    {
      for (gsize c = 0; c < p; c++)
        xc[i * p + c] = x0[fit_rows[i] * p + c] - xm[c];
      for (gsize q = 0; q < n_regions; q++)
        yc[i * n_regions + q] = y[fit_rows[i] * n_regions + q] - ym[q];
    }
  info = LAPACKE_dgesdd (LAPACK_ROW_MAJOR, 'S', (lapack_int) n_fit, (lapack_int) p, xc,
                         (lapack_int) p, sv, u, (lapack_int) r, vt, (lapack_int) p);
  if (info != 0)
    {
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_INVALID_ARGUMENT,
                   "the singular value decomposition of the pooled features failed (%d)",
                   (int) info);
      return FALSE;
    }
  cblas_dgemm (CblasRowMajor, CblasTrans, CblasNoTrans, (int) r, (int) n_regions, (int) n_fit,
               1.0, u, (int) r, yc, (int) n_regions, 0.0, uty, (int) n_regions);
  /* X_val V, centred with the fitting rows' means. */
  for (gsize i = 0; i < n_val; i++)
    for (gsize q = 0; q < r; q++)
      {
        double acc = 0;
        for (gsize c = 0; c < p; c++)
          acc += (x0[val_rows[i] * p + c] - xm[c]) * vt[q * p + c];
        xvv[i * r + q] = acc;
      }
  for (gsize q = 0; q < n_regions; q++)
    best[q] = INFINITY;
  for (guint a = 0; a < options->n_alphas; a++)
    {
      double alpha = options->alphas[a];
      for (gsize q = 0; q < n_regions; q++)
        {
          double sse = 0;
          for (gsize i = 0; i < n_val; i++)
            {
              double pred = ym[q], e;
              for (gsize c = 0; c < r; c++)
                pred += xvv[i * r + c] * sv[c] / (sv[c] * sv[c] + alpha) *
                        uty[c * n_regions + q];
              e = y[val_rows[i] * n_regions + q] - pred;
              sse += e * e;
            }
          if (sse < best[q])
            {
              best[q] = sse;
              alphas[q] = alpha;
            }
        }
    }
  return TRUE;
}

VsReadoutFit *
vs_readout_fit (const VsPatchFeatures  *f,
                const double           *y,
                gsize                   n_regions,
                const gboolean         *is_test,
                const VsReadoutOptions *options,
                VsProgress             *progress,
                GCancellable           *cancellable,
                GError                **error)
{
  gsize n = f->n, k = f->k, p = f->p, R = n_regions, n_train = 0, n_test = 0, n_fit;
  guint iterations = options->iterations > 0 ? options->iterations : DEFAULT_ITERATIONS;
  guint s_steps = options->s_steps > 0 ? options->s_steps : DEFAULT_S_STEPS;
  g_autoptr(VsReadoutFit) fit = g_new0 (VsReadoutFit, 1);
  g_autofree gsize *train = g_new (gsize, n), *test = g_new (gsize, n);
  g_autofree double *x0 = NULL, *logits = NULL, *yr = NULL;
  g_autofree float *w32 = NULL, *g = NULL, *xall = NULL, *s32 = NULL, *xr = NULL, *gr = NULL;

  if (R == 0 || options->n_alphas == 0)
    {
      g_set_error_literal (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_INVALID_ARGUMENT,
                           "the readout needs at least one region and one ridge α");
      return NULL;
    }
  for (gsize i = 0; i < n; i++)
    {
      if (is_test[i])
        test[n_test++] = i;
      else
        train[n_train++] = i;
    }
  n_fit = n_train * 4 / 5;
  if (n_fit < 10 || n_train - n_fit < 3 || n_test < 3)
    {
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_INVALID_ARGUMENT,
                   "%" G_GSIZE_FORMAT " training and %" G_GSIZE_FORMAT " test images are too few "
                   "for the readout (need at least 13 and 3)", n_train, n_test);
      return NULL;
    }
  for (gsize i = 0; i < n * R; i++)
    if (!isfinite (y[i]))
      {
        g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_INVALID_ARGUMENT,
                     "region %" G_GSIZE_FORMAT "'s response to image %" G_GSIZE_FORMAT " is not "
                     "finite", i % R, i / R);
        return NULL;
      }
  fit->n_regions = R;
  fit->k = k;
  fit->p = p;
  fit->s = g_new (double, R * k);
  fit->w = g_new0 (double, R * p);
  fit->b = g_new (double, R);
  fit->alpha = g_new (double, R);
  fit->r_test = g_new (double, R);
  fit->r_uniform = g_new (double, R);

  /* Uniform pooling: the α of each region, and the readout without spatial weighting. */
  x0 = g_new0 (double, n * p);
  for (gsize i = 0; i < n; i++)
    for (gsize j = 0; j < k; j++)
      for (gsize c = 0; c < p; c++)
        x0[i * p + c] += f->data[(i * k + j) * p + c] / (double) k;
  if (!choose_alphas (x0, p, y, R, train, n_fit, train + n_fit, n_train - n_fit, options,
                      fit->alpha, error))
    return NULL;
  xr = g_new (float, n * p);
  yr = g_new (double, n);
  for (gsize q = 0; q < R; q++)
    {
      g_autofree double *pred = g_new (double, n_test), *truth = g_new (double, n_test);
      for (gsize i = 0; i < n_train; i++)
        {
          for (gsize c = 0; c < p; c++)
            xr[i * p + c] = (float) x0[train[i] * p + c];
          yr[i] = y[train[i] * R + q];
        }
      fit->b[q] = ridge_cg (xr, yr, n_train, p, fit->alpha[q], fit->w + q * p);
      for (gsize i = 0; i < n_test; i++)
        {
          pred[i] = fit->b[q];
          for (gsize c = 0; c < p; c++)
            pred[i] += x0[test[i] * p + c] * fit->w[q * p + c];
          truth[i] = y[test[i] * R + q];
        }
      fit->r_uniform[q] = correlation (pred, truth, n_test);
    }
  vs_progress_update (progress, 0.1);

  /* Alternating rounds. */
  logits = g_new0 (double, R * k);
  for (gsize i = 0; i < R * k; i++)
    fit->s[i] = 1.0 / k;
  w32 = g_new (float, p * R);
  g = g_new (float, n * k * R);
  s32 = g_new (float, R * k);
  xall = g_new (float, n * R * p);
  gr = g_new (float, n_train * k);
  for (guint it = 0; it < iterations; it++)
    {
      /* Every patch's response under every region's w: (n k × p)(p × R). */
      for (gsize c = 0; c < p; c++)
        for (gsize q = 0; q < R; q++)
          w32[c * R + q] = (float) fit->w[q * p + c];
      cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans, (int) (n * k), (int) R, (int) p,
                   1.0f, f->data, (int) p, w32, (int) R, 0.0f, g, (int) R);
      for (gsize q = 0; q < R; q++)
        {
          for (gsize i = 0; i < n_train; i++)
            {
              for (gsize j = 0; j < k; j++)
                gr[i * k + j] = g[(train[i] * k + j) * R + q];
              yr[i] = y[train[i] * R + q];
            }
          fit_spatial (gr, yr, n_train, k, s_steps, logits + q * k, fit->s + q * k);
        }
      /* Every image pooled by every region's s: S (R × k) · F_i (k × p). */
      for (gsize i = 0; i < R * k; i++)
        s32[i] = (float) fit->s[i];
      for (gsize i = 0; i < n; i++)
        cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans, (int) R, (int) p, (int) k, 1.0f,
                     s32, (int) k, f->data + i * k * p, (int) p, 0.0f, xall + i * R * p, (int) p);
      for (gsize q = 0; q < R; q++)
        {
          for (gsize i = 0; i < n_train; i++)
            {
              memcpy (xr + i * p, xall + (train[i] * R + q) * p, p * sizeof (float));
              yr[i] = y[train[i] * R + q];
            }
          fit->b[q] = ridge_cg (xr, yr, n_train, p, fit->alpha[q], fit->w + q * p);
        }
      vs_progress_update (progress, 0.1 + 0.9 * (it + 1) / iterations);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
    }

  /* Held out. */
  for (gsize q = 0; q < R; q++)
    {
      g_autofree double *pred = g_new (double, n_test), *truth = g_new (double, n_test);
      for (gsize i = 0; i < n_test; i++)
        {
          const float *x = xall + (test[i] * R + q) * p;
          pred[i] = fit->b[q];
          for (gsize c = 0; c < p; c++)
            pred[i] += x[c] * fit->w[q * p + c];
          truth[i] = y[test[i] * R + q];
        }
      fit->r_test[q] = correlation (pred, truth, n_test);
    }
  return g_steal_pointer (&fit);
}

/* a_j(I) = softmax_j (q · f_j(I) / (τ √p)) for one image. */
void
vs_attention_map (const VsPatchFeatures *f,
                  gsize                  image,
                  const double          *query,
                  double                 temperature,
                  double                *out)
{
  double scale = 1.0 / (temperature * sqrt ((double) f->p));

  for (gsize j = 0; j < f->k; j++)
    {
      const float *x = f->data + (image * f->k + j) * f->p;
      double dot = 0;
      for (gsize c = 0; c < f->p; c++)
        dot += x[c] * query[c];
      out[j] = dot * scale;
    }
  softmax (out, f->k, out);
}

/* The attention of @n_queries queries (n_queries × p) on images [first, first + count): out is
 * count × n_queries × k, each k-vector a softmax.  One GEMM for the dot products. */
void
vs_attention_maps (const VsPatchFeatures *f,
                   gsize                  first,
                   gsize                  count,
                   const double          *queries,
                   gsize                  n_queries,
                   double                 temperature,
                   double                *out)
{
  g_autofree float *q32 = g_new (float, f->p * n_queries);
  g_autofree float *logits = g_new (float, f->k * n_queries);
  float scale = (float) (1.0 / (temperature * sqrt ((double) f->p)));

  for (gsize c = 0; c < f->p; c++)
    for (gsize r = 0; r < n_queries; r++)
      q32[c * n_queries + r] = (float) queries[r * f->p + c] * scale;
  for (gsize i = 0; i < count; i++)
    {
      /* (k × p) · (p × R) → k × R, then a softmax down each column. */
      cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans, (int) f->k, (int) n_queries,
                   (int) f->p, 1.0f, f->data + (first + i) * f->k * f->p, (int) f->p, q32,
                   (int) n_queries, 0.0f, logits, (int) n_queries);
      for (gsize r = 0; r < n_queries; r++)
        {
          double *map = out + (i * n_queries + r) * f->k;
          for (gsize j = 0; j < f->k; j++)
            map[j] = logits[j * n_queries + r];
          softmax (map, f->k, map);
        }
    }
}

/* The weighted centre (row, column, in patches) of a map over the grid, and its spread (the root
 * mean square distance from the centre, in patches). */
void
vs_attention_centre (const double *map,
                     guint         grid_h,
                     guint         grid_w,
                     double        centre[2],
                     double       *spread)
{
  double total = 0, var = 0;

  centre[0] = centre[1] = 0;
  for (guint r = 0; r < grid_h; r++)
    for (guint c = 0; c < grid_w; c++)
      {
        double m = map[r * grid_w + c];
        total += m;
        centre[0] += m * r;
        centre[1] += m * c;
      }
  if (total <= 0)
    {
      *spread = 0;
      return;
    }
  centre[0] /= total;
  centre[1] /= total;
  for (guint r = 0; r < grid_h; r++)
    for (guint c = 0; c < grid_w; c++)
      var += map[r * grid_w + c] / total *
             ((r - centre[0]) * (r - centre[0]) + (c - centre[1]) * (c - centre[1]));
  *spread = sqrt (var);
}

/* "16x16", or the square root when @text is NULL and k is a square. */
gboolean
vs_patch_grid_parse (const char  *text,
                     gsize        k,
                     guint       *grid_h,
                     guint       *grid_w,
                     GError     **error)
{
  if (text == NULL)
    {
      guint side = (guint) floor (sqrt ((double) k) + 0.5);
      if ((gsize) side * side != k)
        {
          g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_INVALID_ARGUMENT,
                       "%" G_GSIZE_FORMAT " patches are not a square grid; give it with --grid "
                       "HxW", k);
          return FALSE;
        }
      *grid_h = *grid_w = side;
      return TRUE;
    }
  if (sscanf (text, "%ux%u", grid_h, grid_w) != 2 || (gsize) *grid_h * *grid_w != k)
    {
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_INVALID_ARGUMENT,
                   "the grid “%s” does not hold the %" G_GSIZE_FORMAT " patches (HxW, e.g. 16x16)",
                   text, k);
      return FALSE;
    }
  return TRUE;
}
