/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-command-instances"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>

#include "vs-command-error.h"
#include "vs-command-instances.h"
#include "vs-file-saver.h"
#include "vs-fisbe-metrics.h"
#include "vs-instance-segmentation.h"
#include "vs-nifti-writer.h"
#include "vs-volume-loader.h"
#include "vs-volume-saver.h"

/* voxelscope analyze instances: the segmentation baseline for neuron instances in (multichannel)
 * light microscopy, written as a label volume. */

#define fail(message) vs_command_fail ("analyze instances", message)
#define fail_error(error) vs_command_fail_error ("analyze instances", error)

int
vs_command_instances_run (int argc, char **argv)
{
  g_autofree char *out = NULL, *channels = NULL, *threshold = NULL;
  g_auto(GStrv) rest = NULL;
  gint64 min_size = 800;
  gboolean split_color = FALSE;
  double split_depth = 0, color_distance = 0.2;
  GOptionEntry entries[] = {
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out,
      N_("Where to write the instance labels, uint32: NIfTI (.nii.gz, .nii) or Zarr (.zarr)"), N_("LABELS.nii.gz") },
    { "channels", 0, 0, G_OPTION_ARG_STRING, &channels,
      N_("Channels (frames) whose maximum is thresholded, from 0 (default: all)"), N_("0,1,2") },
    { "threshold", 0, 0, G_OPTION_ARG_STRING, &threshold,
      N_("Foreground above this value of the channel maximum, or otsu (default)"),
      N_("otsu|VALUE") },
    { "min-size", 0, 0, G_OPTION_ARG_INT64, &min_size,
      N_("Components of at most this many voxels are dropped (default 800)"), N_("VOXELS") },
    { "split-depth", 0, 0, G_OPTION_ARG_DOUBLE, &split_depth,
      N_("Split touching neurons by a watershed on the distance transform, where a component "
         "narrows by at least this many voxels (default: no split)"), N_("VOXELS") },
    { "split-color", 0, 0, G_OPTION_ARG_NONE, &split_color,
      N_("Split components by the colour of the channels (2 to 4 channels)"), NULL },
    { "color-distance", 0, 0, G_OPTION_ARG_DOUBLE, &color_distance,
      N_("Colours whose channel shares differ by less than this are one (default 0.2)"),
      N_("SHARE") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &rest, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("IN — neuron instances by threshold, connected components and splits"));
  g_autoptr(GArray) chosen = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GError) error = NULL;
  g_autoptr(VsVolume) volume = NULL, labels = NULL;
  VsInstanceOptions options;
  VsInstanceReport report;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
    _("The segmentation baseline for neuron instances in light microscopy (NIfTI with channels\n"
      "as the 4th dimension, or a Zarr array such as FISBe's volumes/raw): foreground where the\n"
      "maximum over the channels exceeds the threshold, its 26-connected components, those of\n"
      "at most --min-size voxels dropped; then, if asked, touching neurons split by colour\n"
      "(--split-color) and where they narrow (--split-depth); numbered 1…n in scan order."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return fail (error->message);
  if (out == NULL || rest == NULL || rest[0] == NULL)
    return fail (_("instances needs an input and --out LABELS.nii.gz (see --help)"));
  if (rest[1] != NULL)
    return fail (_("one input at a time"));
  vs_instance_options_init (&options);
  if (!(split_depth >= 0 && split_depth <= 1000))
    return fail (_("--split-depth takes a number of voxels from 0 to 1000"));
  if (!(color_distance > 0 && color_distance <= 1))
    return fail (_("--color-distance takes a share above 0 and at most 1"));
  options.split_depth = split_depth;
  options.split_color = split_color;
  options.color_distance = color_distance;
  if (channels != NULL)
    {
      if (!vs_instance_parse_channels (channels, chosen))
        return fail (_("--channels takes channel numbers from 0, e.g. 0,1,2"));
      options.channels = (const guint *) chosen->data;
      options.n_channels = chosen->len;
    }
  if (threshold != NULL && !g_str_equal (threshold, "otsu"))
    {
      char *end = NULL;
      options.otsu = FALSE;
      options.threshold = g_ascii_strtod (threshold, &end);
      if (end == threshold || *end != '\0' || !isfinite (options.threshold))
        return fail (_("--threshold takes otsu or a number"));
    }
  if (min_size < 0)
    return fail (_("--min-size takes a number of voxels ≥ 0"));
  options.min_size = (guint64) min_size;

  if (!vs_volume_save_accepts (out, &error))   /* before the work, not after it */
    return fail_error (error);
  volume = vs_volume_load (rest[0], NULL, NULL, NULL, &error);
  if (volume == NULL)
    return fail_error (error);
  labels = vs_instance_segment (volume, &options, &report, NULL, NULL, &error);
  if (labels == NULL)
    {
      g_prefix_error (&error, "%s: ", rest[0]);
      return fail_error (error);
    }
  if (!vs_volume_save (labels, out, &error))
    return fail_error (error);
  g_print ("threshold   %g%s\n", report.threshold, options.otsu ? " (Otsu)" : "");
  g_print ("foreground  %" G_GUINT64_FORMAT " voxels\n", report.n_foreground);
  g_print ("components  %u (%u of more than %" G_GUINT64_FORMAT " voxels kept)\n",
           report.n_components, report.n_kept, options.min_size);
  g_print ("instances   %u → %s\n", report.n_instances, out);
  return 0;
}

#undef fail
#undef fail_error
#define fail(message) vs_command_fail ("analyze evaluate", message)
#define fail_error(error) vs_command_fail_error ("analyze evaluate", error)

/* voxelscope analyze evaluate: the FISBe benchmark's metrics of a prediction. */
int
vs_command_evaluate_run (int argc, char **argv)
{
  g_autofree char *gt_path = NULL, *pred_path = NULL, *json_path = NULL, *colour_path = NULL;
  gboolean partly = FALSE;
  GOptionEntry entries[] = {
    { "gt", 0, 0, G_OPTION_ARG_FILENAME, &gt_path,
      N_("Ground truth: a label volume, or one mask per neuron as frames (FISBe's "
         "volumes/gt_instances)"), N_("GT") },
    { "pred", 0, 0, G_OPTION_ARG_FILENAME, &pred_path,
      N_("The prediction: a label volume (or masks as frames) on the same grid"), N_("PRED") },
    { "partly", 0, 0, G_OPTION_ARG_NONE, &partly,
      N_("Partly labelled ground truth: predictions that lie best in unlabelled parts are not "
         "false positives"), NULL },
    { "json", 0, 0, G_OPTION_ARG_FILENAME, &json_path,
      N_("Also write the metrics as JSON, with the benchmark's names"), N_("METRICS.json") },
    { "colour", 0, 0, G_OPTION_ARG_FILENAME, &colour_path,
      N_("Also a label volume of the errors: matched, false positive, missed (at clDice 0.5)"),
      N_("ERRORS.nii.gz") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("— the FISBe benchmark's metrics of an instance segmentation"));
  g_autoptr(GError) error = NULL;
  g_autoptr(VsVolume) gt = NULL, pred = NULL;
  g_autoptr(VsFisbeMetrics) m = NULL;
  g_autofree char *json = NULL, *scores = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
    _("Centerline metrics as the FISBe benchmark computes them: clPrecision, clRecall and clDice\n"
      "on skeletons (Lee 1994); F1 at clDice thresholds 0.1…0.9 by greedy one-to-one matching\n"
      "and their mean avF1; coverage C; S = ½avF1 + ½C; tp and clDiceTP at 0.5; false splits\n"
      "and merges by many-to-many matching with consumption."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return fail (error->message);
  if (gt_path == NULL || pred_path == NULL)
    return fail (_("evaluate needs --gt and --pred (see --help)"));
  gt = vs_volume_load (gt_path, NULL, NULL, NULL, &error);
  if (gt != NULL)
    pred = vs_volume_load (pred_path, NULL, NULL, NULL, &error);
  if (pred == NULL)
    return fail_error (error);
  m = vs_fisbe_evaluate (gt, pred, partly, NULL, &error);
  if (m == NULL)
    return fail_error (error);
  json = vs_fisbe_metrics_to_json (m);
  if (json_path != NULL && !vs_file_save_contents (json_path, json, -1, &error))
    return fail_error (error);
  if (colour_path != NULL)
    {
      g_autoptr(VsVolume) colour = vs_fisbe_colour (gt, pred, m, &error);
      if (colour == NULL || !vs_nifti_write (colour, colour_path, &error))
        return fail_error (error);
    }
  scores = vs_fisbe_metrics_format_scores (m);
  g_print ("%s", scores);
  g_print ("instances  %u ground truth, %u predicted\n", m->n_gt, m->n_pred);
  return 0;
}
