/* SPDX-License-Identifier: MIT */
#pragma once

#include <gio/gio.h>

#include "vs-progress.h"

G_BEGIN_DECLS

/* Patch features: n images × k patch tokens (a grid_h × grid_w grid, row-major) × p channels,
 * float32, C order. */
typedef struct {
  const float *data;
  gsize        n;
  gsize        k;
  gsize        p;
  guint        grid_h;
  guint        grid_w;
} VsPatchFeatures;

typedef struct {
  const double *alphas;      /* ridge grid, chosen per region on the last fifth of the training
                              * rows with uniform pooling */
  guint         n_alphas;
  guint         iterations;  /* alternating rounds; 0: 8 */
  guint         s_steps;     /* gradient steps on the softmax per round; 0: 60 */
} VsReadoutOptions;

/* response_r(I) ≈ Σ_j s_r[j] · (w_rᵀ f_j(I)) + b_r, s_r = softmax(logits_r): where in the image
 * (s) and what (w) each region reads. */
typedef struct {
  gsize   n_regions;
  gsize   k;
  gsize   p;
  double *s;           /* R × k, each row sums to 1 */
  double *w;           /* R × p */
  double *b;           /* R */
  double *alpha;       /* R */
  double *r_test;      /* R: held-out Pearson r of the factorised readout */
  double *r_uniform;   /* R: held-out r of the same readout with uniform pooling */
} VsReadoutFit;

VsReadoutFit *vs_readout_fit      (const VsPatchFeatures  *features,
                                   const double           *responses,
                                   gsize                   n_regions,
                                   const gboolean         *is_test,
                                   const VsReadoutOptions *options,
                                   VsProgress             *progress,
                                   GCancellable           *cancellable,
                                   GError                **error);
void          vs_readout_fit_free (VsReadoutFit           *fit);
void          vs_attention_map    (const VsPatchFeatures  *features,
                                   gsize                   image,
                                   const double           *query,
                                   double                  temperature,
                                   double                 *out);
void          vs_attention_maps   (const VsPatchFeatures  *features,
                                   gsize                   first,
                                   gsize                   count,
                                   const double           *queries,
                                   gsize                   n_queries,
                                   double                  temperature,
                                   double                 *out);
void          vs_attention_centre (const double           *map,
                                   guint                   grid_h,
                                   guint                   grid_w,
                                   double                  centre[2],
                                   double                 *spread);
gboolean      vs_patch_grid_parse (const char             *text,
                                   gsize                   k,
                                   guint                  *grid_h,
                                   guint                  *grid_w,
                                   GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VsReadoutFit, vs_readout_fit_free)

G_END_DECLS
