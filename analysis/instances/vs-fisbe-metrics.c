/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-fisbe-metrics"

#include "config.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "vs-analysis-error.h"
#include "vs-fisbe-metrics.h"
#include "vs-instance-set.h"
#include "vs-label-table.h"

/* The FISBe benchmark's evaluation (Mais et al. 2024; the reference is the benchmark's
 * evalinstseg, `--app flylight`), recomputed here:
 *
 * - instances: the distinct labels of a label volume, or — for ground truth shipped as one mask
 *   per neuron (FISBe's gt_instances) — each frame of a multi-frame volume, so they may overlap;
 * - localisation by centerlines: each instance's skeleton (Lee 1994, as scikit-image);
 *   clPrecision(g, p) = share of p's skeleton inside g, clRecall(g, p) = share of g's skeleton
 *   inside p, clDice = their harmonic mean; row / column 0 count what lies in no instance;
 * - TP/FP/FN at each threshold 0.1…0.9 by greedy one-to-one matching on clDice > t (highest
 *   first, ties by GT then prediction index), F1 = 2TP / (2TP + FP + FN), avF1 their mean; in
 *   the partly-labelled mode an unmatched prediction is a false positive only when its best
 *   clPrecision is with a labelled neuron, not with the background;
 * - coverage C: each prediction is assigned to the GT instance (or background) with its highest
 *   clPrecision; a GT instance's coverage is the clRecall of the predictions assigned to it
 *   (summed, or of their union when both sides overlap); C is the mean over GT; S = ½avF1 + ½C;
 * - tp = TP at 0.5 / number of GT, clDiceTP the mean clDice of those pairs;
 * - FS and FM by greedy many-to-many matching with consumption on clRecall (thresholds 0.05 and
 *   0.1): a matched prediction's voxels are taken out of the GT skeleton still to be covered,
 *   the GT's voxels out of the prediction; FS = Σ_GT (matches − 1)⁺, FM = Σ_pred (matches − 1)⁺.
 *
 * Instances are kept as sorted voxel indices, so memory grows with the neurons, not the volume. */

/* counts[j] for j = 1…n of @others: how many of @skeleton's voxels lie in instance j;
 * counts[0]: how many lie in none. */
static void
skeleton_overlap (const VsInstance *inst, const VsInstanceSet *others, double *counts)
{
  guint n = others->items->len;

  memset (counts, 0, sizeof (double) * (n + 1));
  for (gsize s = 0; s < inst->n_skeleton; s++)
    {
      gboolean any = FALSE;
      for (guint j = 0; j < n; j++)
        {
          const VsInstance *o = &g_array_index (others->items, VsInstance, j);
          if (vs_instance_contains (o->voxels, o->n, inst->skeleton[s]))
            {
              counts[j + 1]++;
              any = TRUE;
            }
        }
      if (!any)
        counts[0]++;
    }
}

/* Greedy one-to-one matching on clDice > @t: *tp, and each side's partner (1-based, 0 none). */
typedef struct {
  double loc;
  guint  g, p;
} Pair;

static gint
compare_pairs (gconstpointer a, gconstpointer b)
{
  const Pair *x = a, *y = b;

  if (x->loc != y->loc)
    return x->loc > y->loc ? -1 : 1;
  if (x->g != y->g)
    return x->g < y->g ? -1 : 1;
  return (x->p > y->p) - (x->p < y->p);
}

static guint
match_greedy (const double *loc, guint ng, guint np, double t, int *gt_match, int *pred_match)
{
  g_autoptr(GArray) pairs = g_array_new (FALSE, FALSE, sizeof (Pair));
  guint tp = 0;

  memset (gt_match, 0, sizeof (int) * ng);
  memset (pred_match, 0, sizeof (int) * np);
  for (guint g = 1; g <= ng; g++)
    for (guint p = 1; p <= np; p++)
      if (loc[g * (np + 1) + p] > t)
        {
          Pair pair = { loc[g * (np + 1) + p], g, p };
          g_array_append_val (pairs, pair);
        }
  g_array_sort (pairs, compare_pairs);
  for (guint i = 0; i < pairs->len; i++)
    {
      Pair *pair = &g_array_index (pairs, Pair, i);
      if (gt_match[pair->g - 1] == 0 && pred_match[pair->p - 1] == 0)
        {
          gt_match[pair->g - 1] = (int) pair->p;
          pred_match[pair->p - 1] = (int) pair->g;
          tp++;
        }
    }
  return tp;
}

/* |@a ∩ @b| for two sorted voxel lists, counting only the voxels of @a still alive. */
static gsize
count_shared (const gsize *a, gsize na, const guint8 *a_alive, const gsize *b, gsize nb)
{
  gsize i = 0, j = 0, n = 0;

  while (i < na && j < nb)
    {
      if (a[i] < b[j])
        i++;
      else if (a[i] > b[j])
        j++;
      else
        {
          n += a_alive == NULL || a_alive[i];
          i++;
          j++;
        }
    }
  return n;
}

/* Greedy many-to-many matching with consumption on clRecall > @t (the benchmark's way to count
 * false splits and merges): FS and FM. */
static void
match_many_to_many (const VsInstanceSet *gt, const VsInstanceSet *pred, const double *recall, double t,
                    guint *fs, guint *fm)
{
  guint ng = gt->items->len, np = pred->items->len;
  g_autofree double *priority = g_new (double, (gsize) ng * np);   /* −1: not queued */
  g_autofree guint *matches_gt = g_new0 (guint, MAX (ng, 1));
  g_autofree guint *matches_pred = g_new0 (guint, MAX (np, 1));
  g_autoptr(GPtrArray) gt_alive = g_ptr_array_new_with_free_func (g_free);     /* skeleton voxels */
  g_autoptr(GPtrArray) pred_alive = g_ptr_array_new_with_free_func (g_free);   /* mask voxels */

  for (guint g = 0; g < ng; g++)
    {
      const VsInstance *gi = &g_array_index (gt->items, VsInstance, g);
      guint8 *alive = g_malloc (MAX (gi->n_skeleton, 1));
      memset (alive, 1, MAX (gi->n_skeleton, 1));
      g_ptr_array_add (gt_alive, alive);
      for (guint p = 0; p < np; p++)
        {
          double r = recall[(g + 1) * (np + 1) + p + 1];
          priority[(gsize) g * np + p] = r > t ? r : -1;
        }
    }
  for (guint p = 0; p < np; p++)
    {
      const VsInstance *pi = &g_array_index (pred->items, VsInstance, p);
      guint8 *alive = g_malloc (MAX (pi->n, 1));
      memset (alive, 1, MAX (pi->n, 1));
      g_ptr_array_add (pred_alive, alive);
    }

  for (;;)
    {
      guint bg = 0, bp = 0;
      double best = -1;
      const VsInstance *gi, *pi;

      /* The queued pair of highest clRecall (ties: lowest GT, then lowest prediction). */
      for (guint g = 0; g < ng; g++)
        for (guint p = 0; p < np; p++)
          if (priority[(gsize) g * np + p] > best)
            {
              best = priority[(gsize) g * np + p];
              bg = g;
              bp = p;
            }
      if (best < 0)
        break;
      priority[(gsize) bg * np + bp] = -1;
      matches_gt[bg]++;
      matches_pred[bp]++;
      gi = &g_array_index (gt->items, VsInstance, bg);
      pi = &g_array_index (pred->items, VsInstance, bp);

      /* Consume: the GT skeleton covered by this prediction, the prediction's voxels in the GT. */
      {
        guint8 *alive = g_ptr_array_index (gt_alive, bg);
        for (gsize s = 0; s < gi->n_skeleton; s++)
          if (alive[s] && vs_instance_contains (pi->voxels, pi->n, gi->skeleton[s]))
            alive[s] = 0;
      }
      {
        guint8 *alive = g_ptr_array_index (pred_alive, bp);
        for (gsize v = 0; v < pi->n; v++)
          if (alive[v] && vs_instance_contains (gi->voxels, gi->n, pi->voxels[v]))
            alive[v] = 0;
      }
      /* Re-rate the other candidates of this GT (its skeleton still free against each whole
       * prediction) and of this prediction (each whole GT skeleton against what is left of it). */
      for (guint p = 0; p < np; p++)
        if (recall[(bg + 1) * (np + 1) + p + 1] > t)
          {
            const VsInstance *o = &g_array_index (pred->items, VsInstance, p);
            double r = gi->n_skeleton > 0
                       ? count_shared (gi->skeleton, gi->n_skeleton, g_ptr_array_index (gt_alive, bg),
                                       o->voxels, o->n) / (double) gi->n_skeleton : 0;
            priority[(gsize) bg * np + p] = r > t ? r : -1;
          }
      for (guint g = 0; g < ng; g++)
        if (recall[(g + 1) * (np + 1) + bp + 1] > t)
          {
            const VsInstance *o = &g_array_index (gt->items, VsInstance, g);
            const guint8 *alive = g_ptr_array_index (pred_alive, bp);
            gsize shared = 0;
            for (gsize s = 0; s < o->n_skeleton; s++)
              {
                /* The prediction's voxel at this skeleton point, if it is still free. */
                gsize at = vs_instance_find (pi->voxels, pi->n, o->skeleton[s]);
                shared += at < pi->n && alive[at];
              }
            {
              double r = o->n_skeleton > 0 ? shared / (double) o->n_skeleton : 0;
              priority[(gsize) g * np + bp] = r > t ? r : -1;
            }
          }
    }
  *fs = 0;
  *fm = 0;
  for (guint g = 0; g < ng; g++)
    *fs += matches_gt[g] > 1 ? matches_gt[g] - 1 : 0;
  for (guint p = 0; p < np; p++)
    *fm += matches_pred[p] > 1 ? matches_pred[p] - 1 : 0;
}

void
vs_fisbe_metrics_free (VsFisbeMetrics *metrics)
{
  if (metrics == NULL)
    return;
  g_free (metrics->gt_coverage);
  g_free (metrics->gt_match);
  g_free (metrics->pred_match);
  g_free (metrics->cldice);
  g_free (metrics);
}


VsFisbeMetrics *
vs_fisbe_evaluate (VsVolume      *ground_truth,
                   VsVolume      *prediction,
                   gboolean       partly,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(VsFisbeMetrics) m = g_new0 (VsFisbeMetrics, 1);
  VsInstanceSet gt = { 0 }, pred = { 0 };
  g_autofree double *precision = NULL, *recall = NULL, *counts = NULL;
  g_autofree int *gt_match = NULL, *pred_match = NULL;
  gint64 a[4], b[4];
  guint ng, np;
  double sum_f1 = 0;

  vs_volume_get_dims (ground_truth, a);
  vs_volume_get_dims (prediction, b);
  if (a[0] != b[0] || a[1] != b[1] || a[2] != b[2])
    {
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_INVALID_ARGUMENT,
                   "the ground truth is %" G_GINT64_FORMAT "×%" G_GINT64_FORMAT "×%" G_GINT64_FORMAT
                   " and the prediction %" G_GINT64_FORMAT "×%" G_GINT64_FORMAT "×%" G_GINT64_FORMAT
                   "; they must be on the same grid", a[0], a[1], a[2], b[0], b[1], b[2]);
      return NULL;
    }
  if (!vs_instance_set_init (ground_truth, &gt, TRUE, cancellable, error) ||
      !vs_instance_set_init (prediction, &pred, TRUE, cancellable, error))
    {
      vs_instance_set_clear (&gt);
      vs_instance_set_clear (&pred);
      return NULL;
    }
  ng = m->n_gt = gt.items->len;
  np = m->n_pred = pred.items->len;

  /* clPrecision (row: GT or background, column: prediction) and clRecall. */
  precision = g_new0 (double, (gsize) (ng + 1) * (np + 1));
  recall = g_new0 (double, (gsize) (ng + 1) * (np + 1));
  counts = g_new (double, MAX (ng, np) + 1);
  for (guint p = 0; p < np; p++)
    {
      const VsInstance *pi = &g_array_index (pred.items, VsInstance, p);
      skeleton_overlap (pi, &gt, counts);
      for (guint g = 0; g <= ng; g++)
        precision[g * (np + 1) + p + 1] = pi->n_skeleton > 0 ? counts[g] / pi->n_skeleton : 0;
    }
  for (guint g = 0; g < ng; g++)
    {
      const VsInstance *gi = &g_array_index (gt.items, VsInstance, g);
      skeleton_overlap (gi, &pred, counts);
      for (guint p = 0; p <= np; p++)
        recall[(g + 1) * (np + 1) + p] = gi->n_skeleton > 0 ? counts[p] / gi->n_skeleton : 0;
    }
  m->cldice = g_new0 (double, (gsize) (ng + 1) * (np + 1));
  for (gsize i = 0; i < (gsize) (ng + 1) * (np + 1); i++)
    m->cldice[i] = precision[i] + recall[i] > 0
                   ? 2 * precision[i] * recall[i] / (precision[i] + recall[i]) : 0;

  /* Detection at each threshold. */
  gt_match = g_new0 (int, MAX (ng, 1));
  pred_match = g_new0 (int, MAX (np, 1));
  for (int k = 0; k < VS_FISBE_N_THRESHOLDS; k++)
    {
      double t = (k + 1) / 10.0;
      VsFisbeCounts *c = &m->at[k];
      c->tp = match_greedy (m->cldice, ng, np, t, gt_match, pred_match);
      c->fn = ng - c->tp;
      c->fp = 0;
      for (guint p = 0; p < np; p++)
        if (pred_match[p] == 0)
          {
            /* Partly labelled: only a prediction that belongs best to a labelled neuron. */
            guint best = 0;
            for (guint g = 1; g <= ng; g++)
              if (precision[g * (np + 1) + p + 1] > precision[best * (np + 1) + p + 1])
                best = g;
            c->fp += !partly || best > 0;
          }
      c->precision = c->tp + c->fp > 0 ? (double) c->tp / (c->tp + c->fp) : 0;
      c->recall = c->tp + c->fn > 0 ? (double) c->tp / (c->tp + c->fn) : 0;
      c->f1 = 2 * c->tp + c->fp + c->fn > 0
              ? 2.0 * c->tp / (2.0 * c->tp + c->fp + c->fn) : 0;
      sum_f1 += c->f1;
      if (k == 4)
        {
          double sum = 0;
          m->gt_match = g_memdup2 (gt_match, sizeof (int) * MAX (ng, 1));
          m->pred_match = g_memdup2 (pred_match, sizeof (int) * MAX (np, 1));
          m->tp_05 = c->tp;
          for (guint g = 0; g < ng; g++)
            if (gt_match[g] > 0)
              sum += m->cldice[(g + 1) * (np + 1) + gt_match[g]];
          m->cldice_tp_05 = c->tp > 0 ? sum / c->tp : 0;
          m->tp_05_rel = ng > 0 ? (double) c->tp / ng : 0;
        }
    }
  m->av_f1 = sum_f1 / VS_FISBE_N_THRESHOLDS;

  /* Coverage: each prediction to the GT (or background) it lies in most. */
  m->gt_coverage = g_new0 (double, MAX (ng, 1));
  {
    g_autofree guint *owner = g_new0 (guint, MAX (np, 1));
    for (guint p = 0; p < np; p++)
      for (guint g = 1; g <= ng; g++)
        if (precision[g * (np + 1) + p + 1] > precision[owner[p] * (np + 1) + p + 1])
          owner[p] = g;
    for (guint g = 0; g < ng; g++)
      {
        const VsInstance *gi = &g_array_index (gt.items, VsInstance, g);
        if (gt.overlap && pred.overlap)
          {
            /* Overlapping predictions: the union's clRecall, not the sum. */
            gsize covered = 0;
            for (gsize s = 0; s < gi->n_skeleton; s++)
              for (guint p = 0; p < np; p++)
                {
                  const VsInstance *pi = &g_array_index (pred.items, VsInstance, p);
                  if (owner[p] == g + 1 && vs_instance_contains (pi->voxels, pi->n, gi->skeleton[s]))
                    {
                      covered++;
                      break;
                    }
                }
            m->gt_coverage[g] = gi->n_skeleton > 0 ? (double) covered / gi->n_skeleton : 0;
          }
        else
          for (guint p = 0; p < np; p++)
            if (owner[p] == g + 1)
              m->gt_coverage[g] += recall[(g + 1) * (np + 1) + p + 1];
        m->coverage += m->gt_coverage[g] / MAX (ng, 1);
      }
  }
  m->score = 0.5 * m->av_f1 + 0.5 * m->coverage;

  {
    guint fs_unused, fm_unused;
    match_many_to_many (&gt, &pred, recall, 0.05, &m->false_splits, &fm_unused);
    match_many_to_many (&gt, &pred, recall, 0.1, &fs_unused, &m->false_merges);
  }
  vs_instance_set_clear (&gt);
  vs_instance_set_clear (&pred);
  return g_steal_pointer (&m);
}

/* The errors to look at, as a label volume on the prediction's grid: 1 where a predicted
 * instance matched a neuron at clDice 0.5, 2 where a prediction matched none (false positive),
 * 3 where a neuron was missed (its voxels no prediction covers). */
VsVolume *
vs_fisbe_colour (VsVolume              *ground_truth,
                 VsVolume              *prediction,
                 const VsFisbeMetrics  *metrics,
                 GError               **error)
{
  VsInstanceSet gt = { 0 }, pred = { 0 };
  g_autoptr(VsVolume) colour = vs_volume_new_like (prediction, VS_DATATYPE_UINT8, 1, error);
  g_autoptr(VsLabelTable) table = vs_label_table_new ();
  static const guint8 colours[3][4] = { { 46, 194, 126, 255 }, { 224, 27, 36, 255 },
                                        { 53, 132, 228, 255 } };
  guint8 *out;

  if (colour == NULL)
    return NULL;
  if (!vs_instance_set_init (ground_truth, &gt, FALSE, NULL, error) ||
      !vs_instance_set_init (prediction, &pred, FALSE, NULL, error) ||
      gt.items->len != metrics->n_gt || pred.items->len != metrics->n_pred)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_INVALID_ARGUMENT,
                     "the metrics were computed on other volumes");
      vs_instance_set_clear (&gt);
      vs_instance_set_clear (&pred);
      return NULL;
    }
  out = vs_volume_get_data_mutable (colour);
  for (guint g = 0; g < gt.items->len; g++)
    if (metrics->gt_match[g] == 0)
      {
        const VsInstance *gi = &g_array_index (gt.items, VsInstance, g);
        for (gsize v = 0; v < gi->n; v++)
          out[gi->voxels[v]] = 3;
      }
  for (guint p = 0; p < pred.items->len; p++)
    {
      const VsInstance *pi = &g_array_index (pred.items, VsInstance, p);
      for (gsize v = 0; v < pi->n; v++)
        out[pi->voxels[v]] = metrics->pred_match[p] > 0 ? 1 : 2;
    }
  vs_label_table_add (table, 1, "matched", colours[0]);
  vs_label_table_add (table, 2, "false positive", colours[1]);
  vs_label_table_add (table, 3, "missed", colours[2]);
  vs_volume_set_label_table (colour, table);
  vs_volume_set_intent (colour, VS_VOLUME_INTENT_LABEL);
  vs_instance_set_clear (&gt);
  vs_instance_set_clear (&pred);
  return g_steal_pointer (&colour);
}

/* The metrics as JSON, with the benchmark's names (general.*, confusion_matrix.th_0_5, …). */
/* The leaderboard's scores, a line each ("S          0.9992\n" …): what the command prints and
 * the window's panel shows. */
char *
vs_fisbe_metrics_format_scores (const VsFisbeMetrics *m)
{
  return g_strdup_printf ("S          %.4f\navF1       %.4f\nC          %.4f\nclDiceTP   %.4f\n"
                          "tp         %.4f\nFS         %u\nFM         %u\n", m->score, m->av_f1,
                          m->coverage, m->cldice_tp_05, m->tp_05_rel, m->false_splits,
                          m->false_merges);
}

char *
vs_fisbe_metrics_to_json (const VsFisbeMetrics *m)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "general");
  json_builder_begin_object (b);
#define NUMBER(name, value) \
  (json_builder_set_member_name (b, name), json_builder_add_double_value (b, value))
#define INTEGER(name, value) \
  (json_builder_set_member_name (b, name), json_builder_add_int_value (b, value))
  INTEGER ("Num GT", m->n_gt);
  INTEGER ("Num Pred", m->n_pred);
  NUMBER ("aggregate_score", m->score);
  NUMBER ("avFscore19", m->av_f1);
  NUMBER ("avg_gt_skel_coverage", m->coverage);
  INTEGER ("TP_05", m->tp_05);
  NUMBER ("TP_05_rel", m->tp_05_rel);
  NUMBER ("avg_TP_05_cldice", m->cldice_tp_05);
  INTEGER ("FS", m->false_splits);
  INTEGER ("FM", m->false_merges);
  json_builder_set_member_name (b, "gt_covs");
  json_builder_begin_array (b);
  for (guint g = 0; g < m->n_gt; g++)
    json_builder_add_double_value (b, m->gt_coverage[g]);
  json_builder_end_array (b);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "confusion_matrix");
  json_builder_begin_object (b);
  for (int k = 0; k < VS_FISBE_N_THRESHOLDS; k++)
    {
      g_autofree char *name = g_strdup_printf ("th_0_%d", k + 1);
      const VsFisbeCounts *c = &m->at[k];
      json_builder_set_member_name (b, name);
      json_builder_begin_object (b);
      INTEGER ("AP_TP", c->tp);
      INTEGER ("AP_FP", c->fp);
      INTEGER ("AP_FN", c->fn);
      NUMBER ("precision", c->precision);
      NUMBER ("recall", c->recall);
      NUMBER ("fscore", c->f1);
      json_builder_end_object (b);
    }
  NUMBER ("avFscore19", m->av_f1);
  json_builder_end_object (b);
#undef NUMBER
#undef INTEGER
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}
