/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-window-instances"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "vs-fisbe-metrics.h"
#include "vs-instance-colors.h"
#include "vs-instance-panel.h"
#include "vs-instance-segmentation.h"
#include "vs-instance-stats.h"
#include "vs-surface-view.h"
#include "vs-volume-stats.h"
#include "vs-window-private.h"

/* Neuron instances in the window (main menu → Neuron Instances): segment a volume with the
 * baseline (threshold on the channel maximum, 26-connected components, small ones dropped,
 * optional splits by colour and at necks) into
 * a label layer; list the instances of a label layer (voxels, skeleton length, box) in the
 * Instances panel, where choosing one centres every view on it; evaluate a segmentation against
 * ground truth with the FISBe metrics, the scores in the panel and the errors (matched, false
 * positive, missed) as a layer.  Each runs as a job with a progress row. */

/* A label layer ready to show: the volume with its histogram and instance colours. */
typedef struct {
  VsVolume      *volume;
  VsVolumeStats *stats;
  guint8        *colors;
  guint32        n_colors;
} ReadyLabels;

static void
ready_labels_clear (ReadyLabels *ready)
{
  g_clear_object (&ready->volume);
  g_clear_pointer (&ready->stats, vs_volume_stats_free);
  g_clear_pointer (&ready->colors, g_free);
}

static gboolean
ready_labels_prepare (ReadyLabels *ready, GCancellable *cancellable, GError **error)
{
  ready->stats = vs_volume_stats_compute (ready->volume, 0, NULL, cancellable, error);
  if (ready->stats == NULL)
    return FALSE;
  if (vs_volume_get_label_table (ready->volume) != NULL)
    return TRUE;   /* the segmentation's table has colours that keep touching instances apart */
  ready->colors = vs_instance_colors_compute (ready->volume, 0, &ready->n_colors, cancellable,
                                              error);
  return ready->colors != NULL;
}

static VsLayer *
ready_labels_add (ReadyLabels *ready, VsScene *scene, const char *name)
{
  VsLayer *layer = vs_scene_add_volume (scene, ready->volume);

  vs_layer_set_name (layer, name);
  vs_layer_set_stats (layer, g_steal_pointer (&ready->stats));
  if (ready->colors != NULL)
    vs_layer_set_label_colors (layer, g_steal_pointer (&ready->colors), ready->n_colors);
  return layer;
}

static void
show_panel (VsWindow *self)
{
  gtk_widget_set_visible (self->instance_panel, TRUE);
}

/* ---- List Instances ------------------------------------------------------------------------ */

typedef struct {
  JobContext *context;
  VsLayer    *layer;    /* weak */
} ListContext;

static gpointer
list_job (gpointer data, VsProgress *progress, GCancellable *cancellable, GError **error)
{
  return vs_instance_stats_compute (VS_VOLUME (data), cancellable, error);
}

static void
on_list_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  ListContext *list = user_data;
  g_autoptr(GError) error = NULL;
  GArray *stats = vs_job_run_finish (VS_JOB (source), result, &error);
  VsWindow *window = list->context->window;

  if (_vs_window_job_context_finish (list->context, error) && list->layer != NULL)
    {
      vs_instance_panel_set_stats (VS_INSTANCE_PANEL (window->instance_panel), list->layer,
                                   stats);
      show_panel (window);
    }
  else if (stats != NULL)
    g_array_unref (stats);
  g_clear_weak_pointer (&list->layer);
  g_free (list->context);
  g_free (list);
}

/* Lists the instances of @labels in the Instances panel (in a job). */
void
vs_window_list_instances (VsWindow *self,
                          VsLayer  *labels)
{
  g_autoptr(VsJob) job = NULL;
  ListContext *list = g_new0 (ListContext, 1);

  g_return_if_fail (VS_IS_WINDOW (self));
  g_return_if_fail (VS_IS_LAYER (labels));
  job = vs_job_new (_("Instances"), list_job, g_object_ref (vs_layer_get_volume (labels)),
                    g_object_unref, (GDestroyNotify) g_array_unref);
  list->context = _vs_window_job_context_new (self, NULL, job);
  g_set_weak_pointer (&list->layer, labels);
  vs_job_run_async (job, on_list_done, list);
}

static VsLayer *
top_label_layer (VsWindow *self, guint skip)
{
  for (guint i = 0; i < vs_scene_get_n_layers (self->scene); i++)
    {
      VsLayer *layer = vs_scene_get_layer (self->scene, i);
      if (vs_layer_is_label (layer) && skip-- == 0)
        return layer;
    }
  return NULL;
}

static void
list_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  VsWindow *self = VS_WINDOW (widget);
  VsLayer *labels = top_label_layer (self, 0);

  if (labels == NULL)
    {
      vs_window_show_error (self, _("No label layer to list: open a segmentation (a label volume "
                                    "or a zarr of instances) or segment a volume first"));
      return;
    }
  vs_window_list_instances (self, labels);
}

/* ---- Segment Instances --------------------------------------------------------------------- */

typedef struct {
  VsVolume          *volume;
  VsInstanceOptions  options;
  GArray            *channels;   /* owns options.channels */
} SegmentInput;

typedef struct {
  ReadyLabels        labels;
  VsInstanceReport   report;
} SegmentResult;

static void
segment_input_free (gpointer data)
{
  SegmentInput *input = data;
  g_clear_object (&input->volume);
  g_clear_pointer (&input->channels, g_array_unref);
  g_free (input);
}

static void
segment_result_free (gpointer data)
{
  SegmentResult *result = data;
  ready_labels_clear (&result->labels);
  g_free (result);
}

static gpointer
segment_job (gpointer data, VsProgress *progress, GCancellable *cancellable, GError **error)
{
  SegmentInput *input = data;
  SegmentResult *result = g_new0 (SegmentResult, 1);

  result->labels.volume = vs_instance_segment (input->volume, &input->options, &result->report,
                                               progress, cancellable, error);
  if (result->labels.volume == NULL ||
      !ready_labels_prepare (&result->labels, cancellable, error))
    {
      segment_result_free (result);
      return NULL;
    }
  return result;
}

typedef struct {
  JobContext *context;
  char       *name;
} NamedContext;

static void
on_segment_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  NamedContext *named = user_data;
  g_autoptr(GError) error = NULL;
  SegmentResult *segmented = vs_job_run_finish (VS_JOB (source), result, &error);
  VsWindow *window = named->context->window;

  if (_vs_window_job_context_finish (named->context, error))
    {
      VsLayer *layer = ready_labels_add (&segmented->labels, window->scene, named->name);
      g_autofree char *status =
        g_strdup_printf (_("%u instances (of %u components) above %g"),
                         segmented->report.n_instances, segmented->report.n_components,
                         segmented->report.threshold);
      gtk_label_set_text (GTK_LABEL (window->status_label), status);
      vs_window_list_instances (window, layer);
    }
  g_clear_pointer (&segmented, segment_result_free);
  g_free (named->name);
  g_free (named->context);
  g_free (named);
}

/* Segments @volume with the baseline into a new label layer "NAME instances", then lists it. */
void
vs_window_segment_instances (VsWindow                *self,
                             VsLayer                 *volume,
                             const VsInstanceOptions *options)
{
  g_autoptr(VsJob) job = NULL;
  SegmentInput *input = g_new0 (SegmentInput, 1);
  NamedContext *named = g_new0 (NamedContext, 1);

  g_return_if_fail (VS_IS_WINDOW (self));
  g_return_if_fail (VS_IS_LAYER (volume));
  input->volume = g_object_ref (vs_layer_get_volume (volume));
  input->options = *options;
  /* A copy of the chosen channels (none: every frame, the channels of a multichannel volume). */
  input->channels = g_array_new (FALSE, FALSE, sizeof (guint));
  if (options->n_channels > 0)
    g_array_append_vals (input->channels, options->channels, options->n_channels);
  input->options.channels = (const guint *) input->channels->data;
  input->options.n_channels = input->channels->len;
  named->name = g_strdup_printf (_("%s instances"), vs_layer_get_name (volume));
  job = vs_job_new (_("Segmenting instances"), segment_job, input, segment_input_free,
                    segment_result_free);
  named->context = _vs_window_job_context_new (self, NULL, job);
  vs_job_run_async (job, on_segment_done, named);
}

/* Which layers a drop-down offers. */
typedef enum {
  CHOOSE_IMAGES,     /* volumes that are not labels */
  CHOOSE_LABELS,
  CHOOSE_TRUTH,      /* labels, or one mask per neuron as frames (FISBe's gt_instances) */
} LayerKind;

static gboolean
layer_is_kind (VsLayer *layer, LayerKind kind)
{
  switch (kind)
    {
    case CHOOSE_IMAGES: return !vs_layer_is_label (layer);
    case CHOOSE_LABELS: return vs_layer_is_label (layer);
    default: return vs_layer_is_label (layer) || vs_layer_is_mask_stack (layer);
    }
}

static guint
count_layers (VsWindow *self, LayerKind kind)
{
  guint n = 0;

  for (guint i = 0; i < vs_scene_get_n_layers (self->scene); i++)
    n += layer_is_kind (vs_scene_get_layer (self->scene, i), kind);
  return n;
}

/* A drop-down of the layers of one kind; the layers in a list beside it. */
static GtkWidget *
layer_choice (VsWindow *self, LayerKind kind, guint preferred, GPtrArray **layers_out)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GPtrArray *layers = g_ptr_array_new ();
  GtkWidget *choice;

  for (guint i = 0; i < vs_scene_get_n_layers (self->scene); i++)
    {
      VsLayer *layer = vs_scene_get_layer (self->scene, i);
      if (!layer_is_kind (layer, kind))
        continue;
      gtk_string_list_append (names, vs_layer_get_name (layer));
      g_ptr_array_add (layers, layer);
    }
  choice = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)), NULL);
  if (preferred < layers->len)
    gtk_drop_down_set_selected (GTK_DROP_DOWN (choice), preferred);
  *layers_out = layers;
  return choice;
}

static VsLayer *
chosen_layer (GtkDialog *dialog, const char *key)
{
  GtkDropDown *choice = g_object_get_data (G_OBJECT (dialog), key);
  GPtrArray *layers = g_object_get_data (G_OBJECT (choice), "layers");
  guint selected = gtk_drop_down_get_selected (choice);

  return selected < layers->len ? g_ptr_array_index (layers, selected) : NULL;
}

static void
add_layer_choice (VsWindow *self, GtkWidget *dialog, GtkWidget *grid, int row, const char *label,
                  const char *key, LayerKind kind, guint preferred)
{
  GPtrArray *layers;
  GtkWidget *choice = layer_choice (self, kind, preferred, &layers);

  g_object_set_data_full (G_OBJECT (choice), "layers", layers,
                          (GDestroyNotify) g_ptr_array_unref);
  g_object_set_data (G_OBJECT (dialog), key, choice);
  _vs_window_grid_row (grid, row, label, choice);
}

static void
on_segment_response (GtkDialog *dialog, int response, VsWindow *self)
{
  VsInstanceOptions options;
  VsLayer *volume;
  g_autoptr(GArray) channels = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *text = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    {
      gtk_window_destroy (GTK_WINDOW (dialog));
      return;
    }
  volume = chosen_layer (dialog, "volume");
  vs_instance_options_init (&options);
  options.otsu = gtk_check_button_get_active (g_object_get_data (G_OBJECT (dialog), "otsu"));
  options.threshold = gtk_spin_button_get_value (g_object_get_data (G_OBJECT (dialog),
                                                                    "threshold"));
  options.min_size = (guint64) gtk_spin_button_get_value (g_object_get_data (G_OBJECT (dialog),
                                                                             "min-size"));
  options.split_color = gtk_check_button_get_active (g_object_get_data (G_OBJECT (dialog),
                                                                        "split-color"));
  options.split_depth = gtk_spin_button_get_value (g_object_get_data (G_OBJECT (dialog),
                                                                      "split-depth"));
  text = g_strstrip (g_strdup (gtk_editable_get_text (g_object_get_data (G_OBJECT (dialog),
                                                                         "channels"))));
  if (*text != '\0')
    {
      if (!vs_instance_parse_channels (text, channels))
        {
          vs_window_show_error (self, _("Channels: give channel numbers from 0, e.g. 0,1,2, or "
                                        "nothing for all"));
          return;
        }
      options.channels = (const guint *) channels->data;
      options.n_channels = channels->len;
    }
  if (volume != NULL)
    vs_window_segment_instances (self, volume, &options);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
segment_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  VsWindow *self = VS_WINDOW (widget);
  GtkWidget *dialog, *grid, *threshold_box, *otsu, *threshold, *min_size, *split_color;
  GtkWidget *split_depth, *channels;
  guint n_images = 0;

  for (guint i = 0; i < vs_scene_get_n_layers (self->scene); i++)
    n_images += !vs_layer_is_label (vs_scene_get_layer (self->scene, i));
  if (n_images == 0)
    {
      vs_window_show_error (self, _("Nothing to segment: open a microscopy volume (NIfTI with "
                                    "channels as frames, or zarr) first"));
      return;
    }
  dialog = _vs_window_dialog_new (self, _("Segment Instances"), _("_Segment"), &grid);
  /* The bottom image: the raw data under any overlays. */
  add_layer_choice (self, dialog, grid, 0, _("Volume"), "volume", CHOOSE_IMAGES, n_images - 1);
  threshold_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  otsu = gtk_check_button_new_with_mnemonic (_("_Otsu"));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (otsu), TRUE);
  gtk_widget_set_tooltip_text (otsu, _("Choose the threshold from the histogram of the channel "
                                       "maximum"));
  threshold = gtk_spin_button_new_with_range (-1e9, 1e9, 1);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (threshold), 2);
  /* A start for a value of one's own: the top of the bottom image's display range. */
  for (guint i = vs_scene_get_n_layers (self->scene); i > 0; i--)
    if (!vs_layer_is_label (vs_scene_get_layer (self->scene, i - 1)))
      {
        gtk_spin_button_set_value (GTK_SPIN_BUTTON (threshold),
                                   vs_layer_get_display_max (vs_scene_get_layer (self->scene,
                                                                                 i - 1)));
        break;
      }
  g_object_bind_property (otsu, "active", threshold, "sensitive", G_BINDING_INVERT_BOOLEAN |
                          G_BINDING_SYNC_CREATE);
  gtk_box_append (GTK_BOX (threshold_box), otsu);
  gtk_box_append (GTK_BOX (threshold_box), threshold);
  _vs_window_grid_row (grid, 1, _("Foreground above"), threshold_box);
  min_size = gtk_spin_button_new_with_range (0, 1e9, 100);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (min_size), 800);
  gtk_widget_set_tooltip_text (min_size, _("Components of at most this many voxels are dropped"));
  _vs_window_grid_row (grid, 2, _("Smallest instance (voxels)"), min_size);
  split_color = gtk_check_button_new_with_mnemonic (_("Split by _colour"));
  gtk_widget_set_tooltip_text (split_color, _("Touching neurons of different colours become "
                                              "separate instances (2 to 4 channels)"));
  _vs_window_grid_row (grid, 3, _("Colours"), split_color);
  split_depth = gtk_spin_button_new_with_range (0, 100, 0.5);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (split_depth), 1);
  gtk_widget_set_tooltip_text (split_depth, _("Split touching neurons by a watershed on the "
                                              "distance transform where a component narrows by "
                                              "at least this many voxels; 0 does not split"));
  _vs_window_grid_row (grid, 4, _("Split at necks (voxels)"), split_depth);
  g_object_set_data (G_OBJECT (dialog), "otsu", otsu);
  g_object_set_data (G_OBJECT (dialog), "threshold", threshold);
  g_object_set_data (G_OBJECT (dialog), "min-size", min_size);
  channels = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (channels), _("all"));
  gtk_widget_set_tooltip_text (channels, _("The channels (frames, from 0) whose maximum is "
                                           "thresholded, e.g. 0,1,2; empty for all"));
  _vs_window_grid_row (grid, 5, _("Channels"), channels);
  g_object_set_data (G_OBJECT (dialog), "channels", channels);
  g_object_set_data (G_OBJECT (dialog), "split-color", split_color);
  g_object_set_data (G_OBJECT (dialog), "split-depth", split_depth);
  g_signal_connect (dialog, "response", G_CALLBACK (on_segment_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- Evaluate ------------------------------------------------------------------------------ */

typedef struct {
  VsVolume *truth;
  VsVolume *prediction;
  gboolean  partly;
} EvaluateInput;

typedef struct {
  VsFisbeMetrics *metrics;
  ReadyLabels     errors;
} EvaluateResult;

static void
evaluate_input_free (gpointer data)
{
  EvaluateInput *input = data;
  g_clear_object (&input->truth);
  g_clear_object (&input->prediction);
  g_free (input);
}

static void
evaluate_result_free (gpointer data)
{
  EvaluateResult *result = data;
  g_clear_pointer (&result->metrics, vs_fisbe_metrics_free);
  ready_labels_clear (&result->errors);
  g_free (result);
}

static gpointer
evaluate_job (gpointer data, VsProgress *progress, GCancellable *cancellable, GError **error)
{
  EvaluateInput *input = data;
  EvaluateResult *result = g_new0 (EvaluateResult, 1);

  result->metrics = vs_fisbe_evaluate (input->truth, input->prediction, input->partly,
                                       cancellable, error);
  if (result->metrics != NULL)
    result->errors.volume = vs_fisbe_colour (input->truth, input->prediction, result->metrics,
                                             error);
  if (result->errors.volume == NULL)
    {
      evaluate_result_free (result);
      return NULL;
    }
  /* The errors have a table of their own colours: only the histogram is needed. */
  result->errors.stats = vs_volume_stats_compute (result->errors.volume, 0, NULL, cancellable,
                                                  error);
  if (result->errors.stats == NULL)
    {
      evaluate_result_free (result);
      return NULL;
    }
  return result;
}

typedef struct {
  JobContext *context;
  char       *truth;
  char       *prediction;
} EvaluateContext;

static void
on_evaluate_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  EvaluateContext *evaluation = user_data;
  g_autoptr(GError) error = NULL;
  EvaluateResult *evaluated = vs_job_run_finish (VS_JOB (source), result, &error);
  VsWindow *window = evaluation->context->window;

  if (_vs_window_job_context_finish (evaluation->context, error))
    {
      g_autofree char *name = g_strdup_printf (_("errors of %s"), evaluation->prediction);
      ready_labels_add (&evaluated->errors, window->scene, name);
      vs_instance_panel_set_evaluation (VS_INSTANCE_PANEL (window->instance_panel),
                                        evaluation->prediction, evaluation->truth,
                                        evaluated->metrics);
      show_panel (window);
    }
  g_clear_pointer (&evaluated, evaluate_result_free);
  g_free (evaluation->truth);
  g_free (evaluation->prediction);
  g_free (evaluation->context);
  g_free (evaluation);
}

/* Scores the label layer @prediction against @truth with the FISBe metrics (in a job). */
void
vs_window_evaluate_instances (VsWindow *self,
                              VsLayer  *truth,
                              VsLayer  *prediction,
                              gboolean  partly)
{
  g_autoptr(VsJob) job = NULL;
  EvaluateInput *input = g_new0 (EvaluateInput, 1);
  EvaluateContext *evaluation = g_new0 (EvaluateContext, 1);

  g_return_if_fail (VS_IS_WINDOW (self));
  input->truth = g_object_ref (vs_layer_get_volume (truth));
  input->prediction = g_object_ref (vs_layer_get_volume (prediction));
  input->partly = partly;
  evaluation->truth = g_strdup (vs_layer_get_name (truth));
  evaluation->prediction = g_strdup (vs_layer_get_name (prediction));
  job = vs_job_new (_("Evaluating"), evaluate_job, input, evaluate_input_free,
                    evaluate_result_free);
  evaluation->context = _vs_window_job_context_new (self, NULL, job);
  vs_job_run_async (job, on_evaluate_done, evaluation);
}

static void
on_evaluate_response (GtkDialog *dialog, int response, VsWindow *self)
{
  VsLayer *truth, *prediction;

  if (response != GTK_RESPONSE_ACCEPT)
    {
      gtk_window_destroy (GTK_WINDOW (dialog));
      return;
    }
  truth = chosen_layer (dialog, "truth");
  prediction = chosen_layer (dialog, "prediction");
  if (truth == prediction)
    {
      vs_window_show_error (self, _("Choose two different layers: the ground truth and a "
                                    "prediction"));
      return;
    }
  vs_window_evaluate_instances (self, truth, prediction,
                                gtk_check_button_get_active (
                                  g_object_get_data (G_OBJECT (dialog), "partly")));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
evaluate_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  VsWindow *self = VS_WINDOW (widget);
  GtkWidget *dialog, *grid, *partly;

  if (count_layers (self, CHOOSE_LABELS) == 0 || count_layers (self, CHOOSE_TRUTH) < 2)
    {
      vs_window_show_error (self, _("An evaluation needs two label layers: open the ground truth "
                                    "(labels, or one mask per neuron) and a segmentation"));
      return;
    }
  dialog = _vs_window_dialog_new (self, _("Evaluate Instances"), _("_Evaluate"), &grid);
  /* The newest label layer is most likely the prediction, the one under it the truth. */
  add_layer_choice (self, dialog, grid, 0, _("Prediction"), "prediction", CHOOSE_LABELS, 0);
  /* The truth: the first label layer under the prediction, or a stack of masks. */
  add_layer_choice (self, dialog, grid, 1, _("Ground truth"), "truth", CHOOSE_TRUTH, 1);
  partly = gtk_check_button_new_with_mnemonic (_("_Partly labelled (unlabelled neurons are not "
                                                 "false positives)"));
  g_object_set_data (G_OBJECT (dialog), "partly", partly);
  _vs_window_grid_row (grid, 2, "", partly);
  g_signal_connect (dialog, "response", G_CALLBACK (on_evaluate_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The 3D view turns to a chosen instance. */
static void
on_instance_activated (VsInstancePanel *panel, guint row, VsWindow *self)
{
  const VsInstanceStats *st = vs_instance_panel_get_row (panel, row);

  if (st != NULL)
    vs_surface_view_look_at (VS_SURFACE_VIEW (self->views[3]), st->centre);
}

GtkWidget *
_vs_window_build_instance_panel (VsWindow *self)
{
  GtkWidget *panel = vs_instance_panel_new (self->scene);

  gtk_widget_set_visible (panel, FALSE);
  g_signal_connect_object (panel, "activated", G_CALLBACK (on_instance_activated), self, 0);
  return panel;
}

GtkWidget *
vs_window_get_instance_panel (VsWindow *self)
{
  g_return_val_if_fail (VS_IS_WINDOW (self), NULL);
  return self->instance_panel;
}

void
_vs_window_install_instance_actions (VsWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.instances-segment", NULL, segment_action);
  gtk_widget_class_install_action (widget_class, "win.instances-list", NULL, list_action);
  gtk_widget_class_install_action (widget_class, "win.instances-evaluate", NULL,
                                   evaluate_action);
}
