/* SPDX-License-Identifier: MIT */
#pragma once

#include <gio/gio.h>

#include "vs-volume.h"

G_BEGIN_DECLS

#define VS_FISBE_N_THRESHOLDS 9   /* 0.1, 0.2, …, 0.9 */

typedef struct {
  guint   tp, fp, fn;
  double  precision, recall, f1;
} VsFisbeCounts;

/* The FISBe benchmark's metrics of a predicted instance segmentation against ground truth. */
typedef struct {
  guint          n_gt, n_pred;
  VsFisbeCounts  at[VS_FISBE_N_THRESHOLDS];  /* greedy one-to-one matching by clDice > t */
  double         av_f1;          /* avF1: mean F1 over the thresholds */
  double         coverage;       /* C: mean clRecall of each GT by the predictions assigned to it */
  double         score;          /* S = 0.5 avF1 + 0.5 C */
  guint          tp_05;
  double         tp_05_rel;      /* tp: TP at 0.5 / number of GT */
  double         cldice_tp_05;   /* clDiceTP: mean clDice of the TP pairs at 0.5 */
  guint          false_splits;   /* FS (many-to-many with consumption at 0.05) */
  guint          false_merges;   /* FM (the same at 0.1) */
  double        *gt_coverage;    /* n_gt */
  int           *gt_match;       /* n_gt: the predicted instance (1…) matched at 0.5, or 0 */
  int           *pred_match;     /* n_pred: the GT instance matched at 0.5, or 0 */
  double        *cldice;         /* (n_gt + 1) × (n_pred + 1), row 0 / column 0 background */
} VsFisbeMetrics;

VsFisbeMetrics *vs_fisbe_evaluate      (VsVolume        *ground_truth,
                                        VsVolume        *prediction,
                                        gboolean         partly,
                                        GCancellable    *cancellable,
                                        GError         **error);
void            vs_fisbe_metrics_free  (VsFisbeMetrics  *metrics);
char           *vs_fisbe_metrics_to_json (const VsFisbeMetrics *metrics);
char           *vs_fisbe_metrics_format_scores (const VsFisbeMetrics *metrics);
VsVolume       *vs_fisbe_colour        (VsVolume              *ground_truth,
                                        VsVolume              *prediction,
                                        const VsFisbeMetrics  *metrics,
                                        GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VsFisbeMetrics, vs_fisbe_metrics_free)

G_END_DECLS
