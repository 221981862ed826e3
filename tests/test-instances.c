/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "vs-connected-components.h"
#include "vs-fisbe-metrics.h"
#include "vs-instance-colors.h"
#include "vs-instance-segmentation.h"
#include "vs-instance-stats.h"
#include "vs-npy-reader.h"
#include "vs-nifti-writer.h"
#include "vs-skeleton.h"
#include "vs-test-fixtures.h"
#include "vs-volume-loader.h"
#include "vs-test-neurons.h"

/* Neuron instances, the analyses: 26-connected components against a plain flood fill on random
 * masks (any thread count gives the same labels), and on shapes worked out by hand. */

/* The reference: breadth-first flood fill over the 26 neighbours, numbering components by their
 * first voxel in scan order (x fastest). */
static guint32
flood_fill (const guint8 *mask, const gint64 d[3], guint32 *labels)
{
  gsize n = (gsize) (d[0] * d[1] * d[2]);
  g_autofree gsize *queue = g_new (gsize, n);
  guint32 count = 0;

  memset (labels, 0, n * sizeof (guint32));
  for (gsize start = 0; start < n; start++)
    {
      gsize head = 0, tail = 0;
      if (!mask[start] || labels[start])
        continue;
      labels[start] = ++count;
      queue[tail++] = start;
      while (head < tail)
        {
          gsize v = queue[head++];
          gint64 x = v % d[0], y = (v / d[0]) % d[1], z = v / (d[0] * d[1]);
          for (int dz = -1; dz <= 1; dz++)
            for (int dy = -1; dy <= 1; dy++)
              for (int dx = -1; dx <= 1; dx++)
                {
                  gint64 xx = x + dx, yy = y + dy, zz = z + dz;
                  gsize w;
                  if (xx < 0 || yy < 0 || zz < 0 || xx >= d[0] || yy >= d[1] || zz >= d[2])
                    continue;
                  w = (gsize) (xx + d[0] * (yy + d[1] * zz));
                  if (mask[w] && !labels[w])
                    {
                      labels[w] = count;
                      queue[tail++] = w;
                    }
                }
        }
    }
  return count;
}

static void
test_random_masks (void)
{
  const gint64 shapes[][3] = { { 1, 1, 1 }, { 7, 5, 3 }, { 33, 17, 9 }, { 64, 40, 24 },
                               { 9, 80, 31 }, { 130, 3, 5 } };
  const double densities[] = { 0.05, 0.2, 0.35, 0.5, 0.8 };

  for (guint s = 0; s < G_N_ELEMENTS (shapes); s++)
    for (guint k = 0; k < G_N_ELEMENTS (densities); k++)
      {
        const gint64 *d = shapes[s];
        gsize n = (gsize) (d[0] * d[1] * d[2]);
        g_autofree guint8 *mask = g_new (guint8, n);
        g_autofree guint32 *expected = g_new (guint32, n);
        guint32 n_expected;

        for (gsize i = 0; i < n; i++)
          mask[i] = g_test_rand_double () < densities[k] ? (guint8) (1 + g_test_rand_int_range (0, 200)) : 0;
        n_expected = flood_fill (mask, d, expected);
        for (guint threads = 1; threads <= 4; threads++)
          {
            g_autofree guint32 *labels = g_new (guint32, n);
            g_autofree guint64 *sizes = NULL;
            guint32 got = vs_connected_components (mask, d, labels, &sizes, threads, NULL, NULL);
            g_autofree guint64 *counted = g_new0 (guint64, got + 1);
            g_assert_cmpuint (got, ==, n_expected);
            g_assert_cmpint (memcmp (labels, expected, n * sizeof (guint32)), ==, 0);
            for (gsize i = 0; i < n; i++)
              counted[labels[i]]++;
            for (guint32 l = 1; l <= got; l++)
              g_assert_cmpuint (sizes[l], ==, counted[l]);
          }
      }
}

/* By hand: two voxels touching only at a corner are one component (26-connectivity); a gap of
 * one voxel keeps them apart. */
static void
test_by_hand (void)
{
  const gint64 d[3] = { 4, 4, 4 };
  guint8 mask[64] = { 0 };
  guint32 labels[64];

  mask[0] = 1;                                /* (0, 0, 0) */
  mask[1 + 4 * (1 + 4 * 1)] = 1;              /* (1, 1, 1): corner neighbour */
  mask[3 + 4 * (3 + 4 * 3)] = 1;              /* (3, 3, 3): two steps away */
  g_assert_cmpuint (vs_connected_components (mask, d, labels, NULL, 1, NULL, NULL), ==, 2);
  g_assert_cmpuint (labels[0], ==, 1);
  g_assert_cmpuint (labels[1 + 4 * (1 + 4 * 1)], ==, 1);
  g_assert_cmpuint (labels[3 + 4 * (3 + 4 * 3)], ==, 2);
  memset (mask, 0, sizeof mask);
  g_assert_cmpuint (vs_connected_components (mask, d, labels, NULL, 2, NULL, NULL), ==, 0);
  memset (mask, 1, sizeof mask);
  g_assert_cmpuint (vs_connected_components (mask, d, labels, NULL, 3, NULL, NULL), ==, 1);
}

/* Well-separated synthetic neurons: the baseline finds each one as one instance covering most
 * of it (IoU with its ground truth ≥ 0.7) and nothing else; speckle below min-size is gone. */
/* Every planted neuron has an instance that overlaps it with IoU ≥ @min_iou. */
static void
assert_neurons_found (VsVolume *truth, VsVolume *labels, guint32 n_neurons, guint32 n_instances,
                      double min_iou)
{
  const guint32 *t = vs_volume_get_data (truth), *l = vs_volume_get_data (labels);
  gsize n = vs_volume_get_frame_voxels (truth);

  for (guint32 k = 1; k <= n_neurons; k++)
    {
      /* The instance most of neuron k falls in, and their overlap. */
      g_autofree guint64 *hits = g_new0 (guint64, n_instances + 1);
      guint64 in_truth = 0, in_label = 0, both;
      guint32 best = 0;
      for (gsize i = 0; i < n; i++)
        if (t[i] == k)
          hits[l[i]]++, in_truth++;
      for (guint32 j = 1; j <= n_instances; j++)
        if (hits[j] > hits[best])
          best = j;
      g_assert_cmpuint (best, !=, 0);
      both = hits[best];
      for (gsize i = 0; i < n; i++)
        in_label += l[i] == best;
      g_test_message ("neuron %u: %" G_GUINT64_FORMAT " voxels, IoU %.3f with instance %u", k,
                      in_truth, (double) both / (in_truth + in_label - both), best);
      g_assert_cmpfloat ((double) both / (in_truth + in_label - both), >=, min_iou);
    }
}

static void
test_baseline_separated (void)
{
  VsTestNeuronSpec spec;
  g_autoptr(VsVolume) truth = NULL;
  g_autoptr(VsVolume) image = NULL;
  g_autoptr(VsVolume) labels = NULL;
  g_autoptr(GError) error = NULL;
  VsInstanceOptions options;
  VsInstanceReport report;

  vs_test_neuron_spec_init (&spec);
  spec.n_neurons = 4;
  image = vs_test_make_neurons (&spec, &truth);
  vs_instance_options_init (&options);
  options.min_size = 50;
  labels = vs_instance_segment (image, &options, &report, NULL, NULL, &error);
  g_assert_no_error (error);
  g_test_message ("threshold %.1f, %u components, %u instances", report.threshold,
                  report.n_components, report.n_instances);
  g_assert_cmpuint (report.n_instances, ==, spec.n_neurons);
  g_assert_cmpint (vs_volume_get_datatype (labels), ==, VS_DATATYPE_UINT32);
  g_assert_nonnull (vs_volume_get_label_table (labels));

  assert_neurons_found (truth, labels, spec.n_neurons, report.n_instances, 0.7);

  /* A channel that does not exist is named. */
  {
    guint bad = 7;
    g_autoptr(VsVolume) none = NULL;
    g_autoptr(GError) local = NULL;
    options.channels = &bad;
    options.n_channels = 1;
    none = vs_instance_segment (image, &options, NULL, NULL, NULL, &local);
    g_assert_null (none);
    g_assert_nonnull (strstr (local->message, "channel 7 does not exist"));
  }
}

/* Skeletons as scikit-image computes them (skeletonize, Lee 1994 — what the FISBe metrics use):
 * tests/instances/NAME.mask.npy and NAME.skeleton.npy were written by Debian's python3-skimage
 * 0.19 from blobs, thick tubes and a 2D image; ours must be the same voxel for voxel. */
static void
test_skeleton_matches_skimage (gconstpointer data)
{
  const char *name = data;
  g_autofree char *shape_path = g_strdup_printf ("%s/%s.shape", INSTANCES_TEST_DIR, name);
  g_autofree char *mask_path = g_strdup_printf ("%s/%s.mask.npy", INSTANCES_TEST_DIR, name);
  g_autofree char *skel_path = g_strdup_printf ("%s/%s.skeleton.npy", INSTANCES_TEST_DIR, name);
  g_autofree char *shape_text = NULL;
  g_autoptr(VsMatrix) mask = NULL, expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *bytes = NULL, *skeleton = NULL;
  gint64 dims[3];
  gsize n, count = 0, differ = 0, expected_count = 0;

  g_assert_true (g_file_get_contents (shape_path, &shape_text, NULL, NULL));
  g_assert_cmpint (sscanf (shape_text, "%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT,
                           &dims[0], &dims[1], &dims[2]), ==, 3);
  mask = vs_npy_read (mask_path, NULL, NULL, &error);
  g_assert_no_error (error);
  expected = vs_npy_read (skel_path, NULL, NULL, &error);
  g_assert_no_error (error);
  n = (gsize) (dims[0] * dims[1] * dims[2]);
  g_assert_cmpuint (mask->rows * mask->cols, ==, n);
  bytes = g_new (guint8, n);
  for (gsize i = 0; i < n; i++)
    bytes[i] = mask->data[i] != 0;
  skeleton = vs_skeletonize (bytes, dims, &count);
  for (gsize i = 0; i < n; i++)
    {
      differ += skeleton[i] != (expected->data[i] != 0);
      expected_count += expected->data[i] != 0;
    }
  g_test_message ("%s: %" G_GSIZE_FORMAT " skeleton voxels (scikit-image %" G_GSIZE_FORMAT
                  "), %" G_GSIZE_FORMAT " differ", name, count, expected_count, differ);
  g_assert_cmpuint (differ, ==, 0);
}

/* Simple shapes: a thick straight bar thins to a line on its axis, not much shorter than the bar
 * (30 of 34 voxels, as scikit-image gives); a small solid ball to a 3-voxel stub through its
 * centre (scikit-image: the same 3 voxels); a one-voxel line stays itself. */
static void
test_skeleton_simple_shapes (void)
{
  const gint64 dims[3] = { 40, 9, 9 };
  guint8 bar[40 * 9 * 9] = { 0 }, ball[40 * 9 * 9] = { 0 }, line[40 * 9 * 9] = { 0 };
  g_autofree guint8 *a = NULL, *b = NULL, *c = NULL;
  gsize n = 0;

  for (int z = 2; z <= 6; z++)
    for (int y = 2; y <= 6; y++)
      for (int x = 3; x <= 36; x++)
        bar[x + 40 * (y + 9 * z)] = 1;
  for (int z = 0; z < 9; z++)
    for (int y = 0; y < 9; y++)
      for (int x = 0; x < 40; x++)
        ball[x + 40 * (y + 9 * z)] = (x - 20) * (x - 20) + (y - 4) * (y - 4) + (z - 4) * (z - 4) <= 12;
  for (int x = 5; x <= 30; x++)
    line[x + 40 * (4 + 9 * 4)] = 1;

  a = vs_skeletonize (bar, dims, &n);
  for (int z = 0; z < 9; z++)
    for (int y = 0; y < 9; y++)
      for (int x = 0; x < 40; x++)
        if (a[x + 40 * (y + 9 * z)])
          {
            g_assert_cmpint (y, ==, 4);
            g_assert_cmpint (z, ==, 4);
          }
  g_assert_cmpuint (n, ==, 30);
  b = vs_skeletonize (ball, dims, &n);
  g_assert_cmpuint (n, ==, 3);
  for (int z = 3; z <= 5; z++)
    g_assert_cmpuint (b[20 + 40 * (4 + 9 * z)], ==, 1);
  c = vs_skeletonize (line, dims, &n);
  g_assert_cmpuint (n, ==, 26);
  g_assert_cmpint (memcmp (c, line, sizeof line), ==, 0);
}

static VsVolume *
label_volume (const gint64 dims[3], gint64 frames)
{
  const gint64 d[4] = { dims[0], dims[1], dims[2], frames };
  return vs_volume_new (VS_DATATYPE_UINT32, d, NULL);
}

/* A line of voxels along x at (y, z), from x0 to x1 inclusive, labelled @label in @frame. */
static void
draw_line (VsVolume *v, int x0, int x1, int y, int z, guint32 label, gint64 frame)
{
  gint64 d[4];
  guint32 *data = vs_volume_get_data_mutable (v);

  vs_volume_get_dims (v, d);
  for (int x = x0; x <= x1; x++)
    data[frame * d[0] * d[1] * d[2] + x + d[0] * (y + d[1] * z)] = label;
}

/* The metrics on cases worked out by hand (one-voxel lines are their own skeletons). */
static void
test_metrics_by_hand (void)
{
  const gint64 dims[3] = { 40, 12, 6 };
  g_autoptr(GError) error = NULL;

  /* A perfect prediction. */
  {
    g_autoptr(VsVolume) gt = label_volume (dims, 1);
    g_autoptr(VsFisbeMetrics) m = NULL;
    draw_line (gt, 2, 30, 2, 2, 1, 0);
    draw_line (gt, 5, 35, 8, 3, 2, 0);
    m = vs_fisbe_evaluate (gt, gt, FALSE, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (m->n_gt, ==, 2);
    g_assert_cmpfloat (m->av_f1, ==, 1.0);
    g_assert_cmpfloat (m->coverage, ==, 1.0);
    g_assert_cmpfloat (m->score, ==, 1.0);
    g_assert_cmpfloat (m->tp_05_rel, ==, 1.0);
    g_assert_cmpfloat (m->cldice_tp_05, ==, 1.0);
    g_assert_cmpuint (m->false_splits, ==, 0);
    g_assert_cmpuint (m->false_merges, ==, 0);
  }
  /* A prediction with 11 of its 20 voxels on a 20-voxel GT line (and 11 of the GT's 20 in it):
   * clPrecision = clRecall = clDice = 0.55 → TP at 0.1…0.5, not above: avF1 = 5/9; it lies
   * mostly in the GT, so C = 0.55; S = 0.5·5/9 + 0.5·0.55; tp = 1, clDiceTP = 0.55. */
  {
    g_autoptr(VsVolume) gt = label_volume (dims, 1);
    g_autoptr(VsVolume) pred = label_volume (dims, 1);
    g_autoptr(VsFisbeMetrics) m = NULL;
    draw_line (gt, 10, 29, 5, 2, 7, 0);
    draw_line (pred, 19, 29, 5, 2, 3, 0);   /* 11 on the GT */
    draw_line (pred, 30, 38, 5, 2, 3, 0);   /* 9 beyond it */
    m = vs_fisbe_evaluate (gt, pred, FALSE, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpfloat_with_epsilon (m->cldice[1 * 2 + 1], 0.55, 1e-12);
    for (int k = 0; k < VS_FISBE_N_THRESHOLDS; k++)
      g_assert_cmpuint (m->at[k].tp, ==, k < 5 ? 1 : 0);
    g_assert_cmpfloat_with_epsilon (m->av_f1, 5.0 / 9, 1e-12);
    g_assert_cmpfloat_with_epsilon (m->coverage, 0.55, 1e-12);
    g_assert_cmpfloat_with_epsilon (m->score, 0.5 * 5.0 / 9 + 0.5 * 0.55, 1e-12);
    g_assert_cmpfloat (m->tp_05_rel, ==, 1.0);
    g_assert_cmpfloat_with_epsilon (m->cldice_tp_05, 0.55, 1e-12);
    g_assert_cmpint (m->gt_match[0], ==, 1);
  }
  /* A GT line split in two halves: one false split, no merge; the two halves each miss the
   * 0.5 clDice bar (clDice 2·1·0.5/1.5 = 2/3 each, but only one can match): 1 TP, 1 FP. */
  {
    g_autoptr(VsVolume) gt = label_volume (dims, 1);
    g_autoptr(VsVolume) pred = label_volume (dims, 1);
    g_autoptr(VsFisbeMetrics) m = NULL;
    draw_line (gt, 4, 35, 6, 3, 1, 0);
    draw_line (pred, 4, 19, 6, 3, 1, 0);
    draw_line (pred, 20, 35, 6, 3, 2, 0);
    m = vs_fisbe_evaluate (gt, pred, FALSE, NULL, &error);
    g_assert_cmpuint (m->false_splits, ==, 1);
    g_assert_cmpuint (m->false_merges, ==, 0);
    g_assert_cmpuint (m->at[4].tp, ==, 1);
    g_assert_cmpuint (m->at[4].fp, ==, 1);
    g_assert_cmpfloat_with_epsilon (m->coverage, 1.0, 1e-12);   /* both halves cover it */
  }
  /* Two GT lines merged into one predicted instance: one false merge, no split. */
  {
    g_autoptr(VsVolume) gt = label_volume (dims, 1);
    g_autoptr(VsVolume) pred = label_volume (dims, 1);
    g_autoptr(VsFisbeMetrics) m = NULL;
    draw_line (gt, 2, 30, 2, 2, 1, 0);
    draw_line (gt, 5, 35, 8, 3, 2, 0);
    draw_line (pred, 2, 30, 2, 2, 5, 0);
    draw_line (pred, 5, 35, 8, 3, 5, 0);
    m = vs_fisbe_evaluate (gt, pred, FALSE, NULL, &error);
    g_assert_cmpuint (m->false_merges, ==, 1);
    g_assert_cmpuint (m->false_splits, ==, 0);
    /* clDice with the longer line 2·(31/60)/(1 + 31/60) ≈ 0.68 > 0.5: one TP, one GT missed. */
    g_assert_cmpuint (m->at[4].tp, ==, 1);
    g_assert_cmpuint (m->at[4].fn, ==, 1);
    g_assert_cmpint (m->gt_match[1], ==, 1);
    g_assert_cmpuint (m->at[6].tp, ==, 0);
  }
  /* Partly labelled: a prediction far from every labelled neuron is not a false positive. */
  {
    g_autoptr(VsVolume) gt = label_volume (dims, 1);
    g_autoptr(VsVolume) pred = label_volume (dims, 1);
    g_autoptr(VsFisbeMetrics) full = NULL, partly = NULL;
    draw_line (gt, 2, 30, 2, 2, 1, 0);
    draw_line (pred, 2, 30, 2, 2, 1, 0);
    draw_line (pred, 5, 35, 10, 5, 2, 0);   /* an unlabelled neuron, found */
    full = vs_fisbe_evaluate (gt, pred, FALSE, NULL, &error);
    partly = vs_fisbe_evaluate (gt, pred, TRUE, NULL, &error);
    g_assert_cmpuint (full->at[4].fp, ==, 1);
    g_assert_cmpuint (partly->at[4].fp, ==, 0);
    g_assert_cmpfloat (partly->av_f1, ==, 1.0);
  }
  /* Ground truth as one mask per neuron (FISBe's gt_instances), overlapping where two cross. */
  {
    g_autoptr(VsVolume) gt = label_volume (dims, 2);
    g_autoptr(VsVolume) pred = label_volume (dims, 1);
    g_autoptr(VsFisbeMetrics) m = NULL;
    draw_line (gt, 2, 30, 4, 2, 1, 0);
    draw_line (gt, 10, 20, 4, 2, 1, 1);   /* shares voxels with the first */
    draw_line (gt, 21, 38, 9, 2, 1, 1);
    draw_line (pred, 2, 30, 4, 2, 1, 0);
    draw_line (pred, 21, 38, 9, 2, 2, 0);
    m = vs_fisbe_evaluate (gt, pred, FALSE, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (m->n_gt, ==, 2);
    g_assert_cmpuint (m->n_pred, ==, 2);
    g_assert_cmpuint (m->at[0].tp, ==, 2);
  }
}

/* Synthetic neurons against themselves, and the baseline against them. */
static void
test_metrics_synthetic (void)
{
  VsTestNeuronSpec spec;
  g_autoptr(VsVolume) truth = NULL, image = NULL, labels = NULL;
  g_autoptr(VsFisbeMetrics) same = NULL, baseline = NULL;
  g_autoptr(GError) error = NULL;
  VsInstanceOptions options;
  g_autofree char *json = NULL;

  vs_test_neuron_spec_init (&spec);
  image = vs_test_make_neurons (&spec, &truth);
  same = vs_fisbe_evaluate (truth, truth, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (same->score, ==, 1.0);
  vs_instance_options_init (&options);
  options.min_size = 50;
  labels = vs_instance_segment (image, &options, NULL, NULL, NULL, &error);
  baseline = vs_fisbe_evaluate (truth, labels, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_test_message ("baseline on separated neurons: S %.3f avF1 %.3f C %.3f", baseline->score,
                  baseline->av_f1, baseline->coverage);
  g_assert_cmpfloat (baseline->score, >, 0.9);
  json = vs_fisbe_metrics_to_json (baseline);
  g_assert_nonnull (strstr (json, "\"avFscore19\""));
  g_assert_nonnull (strstr (json, "\"th_0_5\""));
}

/* Instance statistics: a straight line of 26 voxels at 0.44 µm is 25 × 0.44 long; a diagonal of
 * 10 voxels 9·√3 × 0.44; voxel counts, boxes, and a centre on the skeleton. */
static void
test_instance_stats (void)
{
  const gint64 dims[3] = { 40, 12, 12 };
  g_autoptr(VsVolume) labels = label_volume (dims, 1);
  g_autoptr(GArray) stats = NULL;
  g_autoptr(GError) error = NULL;
  const double size[3] = { 0.44, 0.44, 0.44 };
  guint32 *data = vs_volume_get_data_mutable (labels);
  const VsInstanceStats *a, *b;

  vs_volume_set_voxel_size (labels, size);
  {
    double affine[16] = { 0.44, 0, 0, 0, 0, 0.44, 0, 0, 0, 0, 0.44, 0, 0, 0, 0, 1 };
    vs_volume_set_affine (labels, affine, NULL);
  }
  draw_line (labels, 5, 30, 3, 3, 4, 0);
  for (int k = 0; k < 10; k++)
    data[(1 + k) + 40 * ((1 + k) + 12 * (1 + k))] = 9;
  stats = vs_instance_stats_compute (labels, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stats->len, ==, 2);
  a = &g_array_index (stats, VsInstanceStats, 0);
  b = &g_array_index (stats, VsInstanceStats, 1);
  g_assert_cmpfloat (a->label, ==, 4);
  g_assert_cmpuint (a->n_voxels, ==, 26);
  g_assert_cmpfloat_with_epsilon (a->skeleton_length, 25 * 0.44, 1e-9);
  g_assert_cmpint (a->lo[0], ==, 5);
  g_assert_cmpint (a->hi[0], ==, 30);
  g_assert_cmpfloat_with_epsilon (a->centre[1], 3 * 0.44, 1e-9);
  g_assert_cmpfloat (b->label, ==, 9);
  g_assert_cmpuint (b->n_voxels, ==, 10);
  g_assert_cmpfloat_with_epsilon (b->skeleton_length, 9 * sqrt (3) * 0.44, 1e-9);

  /* An L turning a corner (19 voxels): thinning cuts the corner voxel, leaving 16 steps and one
   * diagonal — counted once each, not the triangle around the corner. */
  {
    g_autoptr(VsVolume) l = label_volume (dims, 1);
    g_autoptr(GArray) ls = NULL;
    vs_volume_set_voxel_size (l, size);
    draw_line (l, 20, 29, 2, 8, 1, 0);
    for (int y = 3; y <= 11; y++)
      ((guint32 *) vs_volume_get_data_mutable (l))[29 + 40 * (y + 12 * 8)] = 1;
    ls = vs_instance_stats_compute (l, NULL, &error);
    g_assert_cmpuint (g_array_index (ls, VsInstanceStats, 0).n_voxels, ==, 19);
    g_assert_cmpfloat_with_epsilon (g_array_index (ls, VsInstanceStats, 0).skeleton_length,
                                    (16 + sqrt (2)) * 0.44, 1e-9);
  }
}

/* Instance colours: an 8 × 8 board of touching blocks (each touches up to 8 others, corners
 * included) gets no two touching blocks alike and spreads over the palette; a real atlas (AAL's
 * 116 regions) too. */
static void
test_instance_colors (void)
{
  const gint64 dims[3] = { 32, 32, 3 };
  g_autoptr(VsVolume) board = label_volume (dims, 1);
  guint32 *data = vs_volume_get_data_mutable (board);
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *rgba = NULL;
  g_autoptr(GHashTable) distinct = g_hash_table_new (g_direct_hash, g_direct_equal);
  guint32 n_ids = 0;

  for (int z = 0; z < 3; z++)
    for (int y = 0; y < 32; y++)
      for (int x = 0; x < 32; x++)
        data[x + 32 * (y + 32 * z)] = 1 + (x / 4) + 8 * (y / 4);
  data[0] = 0;   /* a hole: id 0 */
  rgba = vs_instance_colors_compute (board, 0, &n_ids, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_ids, ==, 65);
  g_assert_cmpuint (rgba[3], ==, 0);                 /* id 0: nothing */
  g_assert_cmpuint (vs_instance_colors_count_clashes (board, 0, rgba, n_ids), ==, 0);
  for (guint32 id = 1; id < n_ids; id++)
    {
      g_assert_cmpuint (rgba[id * 4 + 3], ==, 255);
      g_hash_table_add (distinct, GUINT_TO_POINTER (rgba[id * 4] << 16 | rgba[id * 4 + 1] << 8 |
                                                    rgba[id * 4 + 2]));
    }
  g_test_message ("%u colours on the board", g_hash_table_size (distinct));
  g_assert_cmpuint (g_hash_table_size (distinct), >=, 12);
  /* A planted clash is counted. */
  memcpy (rgba + 2 * 4, rgba + 1 * 4, 3);
  g_assert_cmpuint (vs_instance_colors_count_clashes (board, 0, rgba, n_ids), >=, 1);

  {
    g_autofree char *path = g_build_filename (vs_test_mricron_dir (), "aal.nii.gz", NULL);
    g_autoptr(VsVolume) aal = vs_volume_load (path, NULL, NULL, NULL, &error);
    g_autofree guint8 *colors = NULL;
    g_assert_no_error (error);
    colors = vs_instance_colors_compute (aal, 0, &n_ids, NULL, &error);
    g_assert_no_error (error);
    g_test_message ("AAL: %u ids, %u touching pairs alike", n_ids,
                    vs_instance_colors_count_clashes (aal, 0, colors, n_ids));
    g_assert_cmpuint (vs_instance_colors_count_clashes (aal, 0, colors, n_ids), ==, 0);
  }
}

/* The command line: analyze instances then analyze evaluate against the truth; a prediction on
 * another grid is refused with both sizes. */
static void
test_commands (void)
{
  VsTestNeuronSpec spec;
  g_autofree char *dir = vs_test_make_tmpdir ();
  g_autofree char *image_path = g_build_filename (dir, "image.nii.gz", NULL);
  g_autofree char *truth_path = g_build_filename (dir, "truth.nii.gz", NULL);
  g_autofree char *pred_path = g_build_filename (dir, "pred.nii.gz", NULL);
  g_autofree char *small_path = g_build_filename (dir, "small.nii.gz", NULL);
  g_autofree char *json_path = g_build_filename (dir, "metrics.json", NULL);
  g_autofree char *json = NULL, *out = NULL, *err = NULL;
  g_autoptr(VsVolume) truth = NULL, image = NULL, small = NULL;
  const gint64 small_dims[4] = { 8, 8, 8, 1 };

  vs_test_neuron_spec_init (&spec);
  image = vs_test_make_neurons (&spec, &truth);
  g_assert_true (vs_nifti_write (image, image_path, NULL));
  g_assert_true (vs_nifti_write (truth, truth_path, NULL));
  small = vs_volume_new (VS_DATATYPE_UINT8, small_dims, NULL);
  g_assert_true (vs_nifti_write (small, small_path, NULL));
  {
    const char *args[] = { "analyze", "instances", image_path, "--min-size", "50", "--out",
                           pred_path, NULL };
    g_assert_cmpint (vs_test_run_voxelscope (args, &out, NULL), ==, 0);
    g_assert_nonnull (strstr (out, "instances   4"));
  }
  {
    /* The same labels as a Zarr array, and a name that is neither. */
    g_autofree char *zarr_path = g_build_filename (dir, "pred.zarr", NULL);
    g_autofree char *png_path = g_build_filename (dir, "pred.png", NULL);
    const char *args[] = { "analyze", "instances", image_path, "--min-size", "50", "--out",
                           zarr_path, NULL };
    const char *bad[] = { "analyze", "instances", image_path, "--out", png_path, NULL };
    g_autoptr(VsVolume) nifti = NULL, zarr = NULL;
    g_autofree char *bad_err = NULL;
    g_assert_cmpint (vs_test_run_voxelscope (args, NULL, NULL), ==, 0);
    nifti = vs_volume_load (pred_path, NULL, NULL, NULL, NULL);
    zarr = vs_volume_load (zarr_path, NULL, NULL, NULL, NULL);
    g_assert_nonnull (zarr);
    g_assert_cmpint (vs_volume_get_intent (zarr), ==, VS_VOLUME_INTENT_LABEL);
    g_assert_cmpmem (vs_volume_get_data (zarr), vs_volume_get_frame_voxels (zarr) * 4,
                     vs_volume_get_data (nifti), vs_volume_get_frame_voxels (nifti) * 4);
    /* The names and colours too. */
    {
      VsLabelTable *a = vs_volume_get_label_table (nifti), *b = vs_volume_get_label_table (zarr);
      g_assert_nonnull (b);
      g_assert_cmpuint (vs_label_table_get_n_labels (a), ==, vs_label_table_get_n_labels (b));
      for (guint i = 0; i < vs_label_table_get_n_labels (a); i++)
        {
          const VsLabel *la = vs_label_table_get_nth (a, i);
          const VsLabel *lb = vs_label_table_lookup (b, la->id);
          g_assert_nonnull (lb);
          g_assert_cmpstr (la->name, ==, lb->name);
          g_assert_cmpmem (la->rgba, 3, lb->rgba, 3);
        }
    }
    g_assert_cmpint (vs_test_run_voxelscope (bad, NULL, &bad_err), ==, 1);
    g_assert_nonnull (strstr (bad_err, "pred.png: volumes are saved as NIfTI"));
    g_assert_false (g_file_test (png_path, G_FILE_TEST_EXISTS));
  }
  {
    g_autofree char *colour_path = g_build_filename (dir, "errors.nii.gz", NULL);
    const char *args[] = { "analyze", "evaluate", "--gt", truth_path, "--pred", pred_path,
                           "--json", json_path, "--colour", colour_path, NULL };
    g_autoptr(VsVolume) colour = NULL;
    guint counts[4] = { 0 };
    g_assert_cmpint (vs_test_run_voxelscope (args, NULL, NULL), ==, 0);
    colour = vs_volume_load (colour_path, NULL, NULL, NULL, NULL);
    g_assert_nonnull (colour);
    for (gsize i = 0; i < vs_volume_get_frame_voxels (colour); i++)
      counts[MIN ((guint) vs_volume_get_value (colour, i % 96, i / 96 % 96, i / (96 * 96), 0), 3)]++;
    g_assert_cmpuint (counts[1], >, 1000);   /* every neuron matched */
    g_assert_cmpuint (counts[2], ==, 0);
    g_assert_cmpuint (counts[3], ==, 0);
    g_assert_nonnull (vs_volume_get_label_table (colour));
    g_assert_true (g_file_get_contents (json_path, &json, NULL, NULL));
    g_assert_nonnull (strstr (json, "\"avFscore19\" : 1.0"));
    g_assert_nonnull (strstr (json, "\"FS\" : 0"));
  }
  {
    const char *args[] = { "analyze", "evaluate", "--gt", truth_path, "--pred", small_path,
                           "--json", json_path, NULL };
    g_assert_cmpint (vs_test_run_voxelscope (args, NULL, &err), ==, 1);
    g_assert_nonnull (strstr (err, "96×96×48"));
    g_assert_nonnull (strstr (err, "8×8×8"));
  }
  vs_test_remove_tree (dir);
}

/* Two balls joined by a neck (radius about 5 between radii 9) and a straight tube: the watershed
 * split cuts the neck when asked to split at 2 voxels, not at 6, and never cuts the tube, whose
 * distance transform rises only by rounding along it. */
static void
test_baseline_watershed (void)
{
  const gint64 dims[4] = { 72, 40, 60, 1 };
  g_autoptr(VsVolume) image = vs_volume_new (VS_DATATYPE_UINT8, dims, NULL);
  guint8 *v = vs_volume_get_data_mutable (image);
  VsInstanceOptions options;
  VsInstanceReport report;
  const double depths[] = { 0, 2, 6 };
  const guint32 expected[] = { 2, 3, 2 };

  for (gint64 z = 0; z < dims[2]; z++)
    for (gint64 y = 0; y < dims[1]; y++)
      for (gint64 x = 0; x < dims[0]; x++)
        {
          double a = (x - 20) * (x - 20) + (y - 20) * (y - 20) + (z - 15) * (z - 15);
          double b = (x - 35) * (x - 35) + (y - 20) * (y - 20) + (z - 15) * (z - 15);
          double tube = (y - 20) * (y - 20) + (z - 45) * (z - 45);
          v[(z * dims[1] + y) * dims[0] + x] = a <= 81 || b <= 81 ||
                                               (tube <= 9 && x >= 8 && x < 64) ? 200 : 10;
        }
  vs_instance_options_init (&options);
  options.min_size = 20;
  for (guint k = 0; k < G_N_ELEMENTS (depths); k++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(VsVolume) labels = NULL;
      const guint32 *l;
      options.split_depth = depths[k];
      labels = vs_instance_segment (image, &options, &report, NULL, NULL, &error);
      g_assert_no_error (error);
      g_test_message ("depth %g: %u components kept, %u instances", depths[k], report.n_kept,
                      report.n_instances);
      g_assert_cmpuint (report.n_kept, ==, 2);
      g_assert_cmpuint (report.n_instances, ==, expected[k]);
      l = vs_volume_get_data (labels);
      if (expected[k] == 3)
        {
          /* The balls' centres apart, the cut near the middle of the neck. */
          guint32 left = l[(15 * dims[1] + 20) * dims[0] + 20];
          guint32 right = l[(15 * dims[1] + 20) * dims[0] + 35];
          g_assert_cmpuint (left, !=, 0);
          g_assert_cmpuint (right, !=, 0);
          g_assert_cmpuint (left, !=, right);
          g_assert_cmpuint (l[(15 * dims[1] + 20) * dims[0] + 26], ==, left);
          g_assert_cmpuint (l[(15 * dims[1] + 20) * dims[0] + 29], ==, right);
        }
    }
}

/* Three neurons of different colours crossing at the volume's centre are one component; split
 * by colour they are three instances again. */
static void
test_baseline_color_split (void)
{
  VsTestNeuronSpec spec;
  g_autoptr(VsVolume) truth = NULL, image = NULL, merged = NULL, split = NULL, none = NULL;
  g_autoptr(GError) error = NULL;
  VsInstanceOptions options;
  VsInstanceReport report;
  const guint one = 0;

  vs_test_neuron_spec_init (&spec);
  spec.n_neurons = 3;
  spec.separated = FALSE;
  spec.crossing = TRUE;
  image = vs_test_make_neurons (&spec, &truth);
  vs_instance_options_init (&options);
  options.min_size = 50;
  merged = vs_instance_segment (image, &options, &report, NULL, NULL, &error);
  g_assert_no_error (error);
  g_test_message ("unsplit: %u instances", report.n_instances);
  g_assert_cmpuint (report.n_instances, <, spec.n_neurons);

  options.split_color = TRUE;
  split = vs_instance_segment (image, &options, &report, NULL, NULL, &error);
  g_assert_no_error (error);
  g_test_message ("split by colour: %u instances", report.n_instances);
  g_assert_cmpuint (report.n_instances, ==, spec.n_neurons);
  assert_neurons_found (truth, split, spec.n_neurons, report.n_instances, 0.8);

  /* The same from the command line; a depth that is not a number of voxels is refused. */
  {
    g_autofree char *dir = vs_test_make_tmpdir ();
    g_autofree char *image_path = g_build_filename (dir, "crossing.nii.gz", NULL);
    g_autofree char *out_path = g_build_filename (dir, "labels.nii.gz", NULL);
    g_autofree char *out = NULL, *err = NULL;
    const char *args[] = { "analyze", "instances", image_path, "--min-size", "50",
                           "--split-color", "--out", out_path, NULL };
    const char *bad[] = { "analyze", "instances", image_path, "--split-depth", "-2", "--out",
                          out_path, NULL };
    g_assert_true (vs_nifti_write (image, image_path, NULL));
    g_assert_cmpint (vs_test_run_voxelscope (args, &out, NULL), ==, 0);
    g_test_message ("%s", out);
    g_assert_nonnull (strstr (out, "components  1 (1 of more than 50 voxels kept)"));
    g_assert_nonnull (strstr (out, "instances   3"));
    g_assert_cmpint (vs_test_run_voxelscope (bad, NULL, &err), ==, 2);
    g_assert_nonnull (strstr (err, "--split-depth takes a number of voxels"));
    vs_test_remove_tree (dir);
  }

  /* One channel has no colours to tell apart. */
  options.channels = &one;
  options.n_channels = 1;
  none = vs_instance_segment (image, &options, NULL, NULL, NULL, &error);
  g_assert_null (none);
  g_assert_nonnull (strstr (error->message, "2 to 4 channels"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/instances/components/random-masks", test_random_masks);
  g_test_add_func ("/instances/components/by-hand", test_by_hand);
  g_test_add_func ("/instances/baseline/separated", test_baseline_separated);
  g_test_add_func ("/instances/baseline/watershed", test_baseline_watershed);
  g_test_add_func ("/instances/baseline/color-split", test_baseline_color_split);
  g_test_add_func ("/instances/skeleton/simple-shapes", test_skeleton_simple_shapes);
  g_test_add_func ("/instances/metrics/by-hand", test_metrics_by_hand);
  g_test_add_func ("/instances/metrics/synthetic", test_metrics_synthetic);
  g_test_add_func ("/instances/commands", test_commands);
  g_test_add_func ("/instances/stats", test_instance_stats);
  g_test_add_func ("/instances/colors", test_instance_colors);
  g_test_add_data_func ("/instances/skeleton/blobs0", "blobs0", test_skeleton_matches_skimage);
  g_test_add_data_func ("/instances/skeleton/blobs1", "blobs1", test_skeleton_matches_skimage);
  g_test_add_data_func ("/instances/skeleton/blobs2", "blobs2", test_skeleton_matches_skimage);
  g_test_add_data_func ("/instances/skeleton/tubes", "tubes", test_skeleton_matches_skimage);
  g_test_add_data_func ("/instances/skeleton/plane", "plane", test_skeleton_matches_skimage);
  return g_test_run ();
}
