/* SPDX-License-Identifier: MIT */
#pragma once

#include <gio/gio.h>

#include "vs-matrix.h"
#include "vs-progress.h"

G_BEGIN_DECLS

typedef struct _VsRidgeFit VsRidgeFit;

/* Called from a fitting thread as soon as the columns [c0, c0 + nc) of @fit are final (weights,
 * intercepts, α, CV R²); several chunks may arrive at once from different threads. */
typedef void (*VsRidgeChunkFunc) (const VsRidgeFit *fit,
                                  gsize             c0,
                                  gsize             nc,
                                  gpointer          user_data);

typedef struct {
  const double    *alphas;
  guint            n_alphas;
  guint            n_folds;      /* contiguous blocks of rows */
  guint            n_threads;    /* 0: one per processor */
  VsRidgeChunkFunc chunk_done;   /* or NULL */
  gpointer         chunk_data;
} VsRidgeOptions;

/* The targets Y (n × v), read in blocks so they need not be held in float64: @read fills
 * @out (n_rows × nc, row-major) with rows @rows and columns [c0, c0 + nc).  Called from several
 * threads at once. */
typedef void (*VsRidgeReadFunc) (gpointer     data,
                                 const gsize *rows,
                                 gsize        n_rows,
                                 gsize        c0,
                                 gsize        nc,
                                 double      *out);

typedef struct {
  gsize           n_rows;
  gsize           n_cols;
  VsRidgeReadFunc read;
  gpointer        data;
} VsRidgeTargets;

void vs_ridge_targets_for_matrix (VsRidgeTargets *targets,
                                  const VsMatrix *y);

/* Ridge regression of every column of Y on X with its own α. */
struct _VsRidgeFit {
  VsMatrix *weights;      /* p × v */
  double   *intercepts;   /* v */
  double   *alphas;       /* v: the α chosen by cross-validation */
  double   *cv_r2;        /* v: cross-validated R² at that α */
  gsize     n_targets;
};

VsRidgeFit *vs_ridge_fit     (const VsMatrix       *x,
                              const VsRidgeTargets *y,
                              const VsRidgeOptions *options,
                              VsProgress           *progress,
                              GCancellable         *cancellable,
                              GError              **error);
VsMatrix   *vs_ridge_predict (const VsRidgeFit     *fit,
                              const VsMatrix       *x);
void        vs_ridge_fit_free (VsRidgeFit          *fit);
gboolean    vs_ridge_parse_alphas (const char      *text,
                              GArray              **alphas,
                              GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VsRidgeFit, vs_ridge_fit_free)

G_END_DECLS
