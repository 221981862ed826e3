/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-window-analysis"

#include "config.h"

#include <glib/gi18n.h>

#include "vs-encoding-model.h"
#include "vs-isosurface.h"
#include "vs-nifti-reader.h"
#include "vs-npy-reader.h"
#include "vs-ridge.h"
#include "vs-selectivity.h"
#include "vs-surface-projection.h"
#include "vs-window-private.h"

/* Analyses started from the window: a surface from a volume (isosurface), a volume projected
 * onto a surface, an encoding model and category selectivity.  Each asks its few options in a dialog, runs as a VsJob with a progress row and
 * a cancel button, and adds its result to the scene; a failure is shown in the error bar and
 * changes nothing. */

typedef struct {
  VsVolume *volume;
  double    threshold;
  double    smoothing;
} IsosurfaceInput;

typedef struct {
  VsSurface          *surface;   /* a private copy of the geometries used */
  VsVolume           *volume;
  VsProjectionOptions options;
} ProjectionInput;

typedef struct {
  VsWindow       *window;   /* weak */
  VsSurfaceLayer *target;   /* weak, for projections */
  GtkWidget      *row;
} JobContext;

static void
isosurface_input_free (gpointer data)
{
  IsosurfaceInput *input = data;
  g_clear_object (&input->volume);
  g_free (input);
}

static void
projection_input_free (gpointer data)
{
  ProjectionInput *input = data;
  g_clear_object (&input->surface);
  g_clear_object (&input->volume);
  g_free (input);
}

static gpointer
isosurface_job (gpointer data, VsProgress *progress, GCancellable *cancellable, GError **error)
{
  IsosurfaceInput *input = data;
  g_autofree char *name = vs_volume_dup_display_name (input->volume);
  g_autofree char *path = NULL;
  VsSurface *surface = vs_isosurface_extract (input->volume, 0, input->threshold,
                                              input->smoothing, progress, cancellable, error);

  if (surface == NULL)
    return NULL;
  path = g_strdup_printf ("%s at %g", name, input->threshold);
  vs_surface_set_path (surface, path);
  return surface;
}

static gpointer
projection_job (gpointer data, VsProgress *progress, GCancellable *cancellable, GError **error)
{
  ProjectionInput *input = data;
  return vs_surface_project_volume (input->surface, input->volume, &input->options, progress,
                                    cancellable, error);
}

static JobContext *
job_context_new (VsWindow *window, VsSurfaceLayer *target, VsJob *job)
{
  JobContext *context = g_new0 (JobContext, 1);

  g_set_weak_pointer (&context->window, window);
  g_set_weak_pointer (&context->target, target);
  context->row = _vs_window_add_job_row (window, job);
  return context;
}

static gboolean
job_context_finish (JobContext *context, GError *error)
{
  VsWindow *window = context->window;
  gboolean alive = window != NULL;

  if (alive && gtk_widget_get_parent (context->row) == window->jobs_box)
    gtk_box_remove (GTK_BOX (window->jobs_box), context->row);
  if (alive && error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *message = g_strdup_printf (_("The analysis failed: %s"), error->message);
      vs_window_show_error (window, message);
    }
  g_clear_weak_pointer (&context->window);
  return alive && error == NULL;
}

static void
on_isosurface_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  JobContext *context = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(VsSurface) surface = vs_job_run_finish (VS_JOB (source), result, &error);
  VsWindow *window = context->window;

  if (job_context_finish (context, error))
    vs_scene_add_surface (window->scene, surface);
  g_clear_weak_pointer (&context->target);
  g_free (context);
}

static void
on_projection_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  JobContext *context = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(VsVertexData) data = vs_job_run_finish (VS_JOB (source), result, &error);
  VsSurfaceLayer *target = context->target;

  if (job_context_finish (context, error) && target != NULL)
    vs_surface_layer_add_overlay (target, data);
  g_clear_weak_pointer (&context->target);
  g_free (context);
}

/* The dialogs: a grid of labelled controls in a GtkDialog. */

static GtkWidget *
dialog_new (VsWindow *self, const char *title, const char *action, GtkWidget **grid)
{
  GtkWidget *dialog = gtk_dialog_new_with_buttons (title, GTK_WINDOW (self),
                                                   GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                                   _("_Cancel"), GTK_RESPONSE_CANCEL,
                                                   action, GTK_RESPONSE_ACCEPT, NULL);
  GtkWidget *content = gtk_dialog_get_content_area (GTK_DIALOG (dialog));

  *grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (*grid), 8);
  gtk_grid_set_column_spacing (GTK_GRID (*grid), 12);
  gtk_widget_set_margin_start (*grid, 16);
  gtk_widget_set_margin_end (*grid, 16);
  gtk_widget_set_margin_top (*grid, 16);
  gtk_widget_set_margin_bottom (*grid, 16);
  gtk_box_append (GTK_BOX (content), *grid);
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  return dialog;
}

static void
grid_row (GtkWidget *grid, int row, const char *label, GtkWidget *control)
{
  GtkWidget *l = gtk_label_new (label);
  gtk_label_set_xalign (GTK_LABEL (l), 1);
  gtk_grid_attach (GTK_GRID (grid), l, 0, row, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), control, 1, row, 1, 1);
}

static GtkWidget *
names_dropdown (GListModel *model, const char *(*get_name) (gpointer))
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      gtk_string_list_append (names, get_name (item));
    }
  return gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)), NULL);
}

static const char *
layer_name (gpointer item)
{
  return vs_layer_get_name (item);
}

static const char *
surface_name (gpointer item)
{
  return vs_surface_layer_get_name (item);
}

static void
on_isosurface_response (GtkDialog *dialog, int response, VsWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      GtkWidget *volume_choice = g_object_get_data (G_OBJECT (dialog), "volume");
      GtkWidget *threshold = g_object_get_data (G_OBJECT (dialog), "threshold");
      GtkWidget *smoothing = g_object_get_data (G_OBJECT (dialog), "smoothing");
      g_autoptr(VsLayer) layer = g_list_model_get_item (vs_scene_get_layers (self->scene),
                                   gtk_drop_down_get_selected (GTK_DROP_DOWN (volume_choice)));
      IsosurfaceInput *input = g_new0 (IsosurfaceInput, 1);
      g_autoptr(VsJob) job = NULL;

      input->volume = g_object_ref (vs_layer_get_volume (layer));
      input->threshold = gtk_spin_button_get_value (GTK_SPIN_BUTTON (threshold));
      input->smoothing = gtk_spin_button_get_value (GTK_SPIN_BUTTON (smoothing));
      job = vs_job_new (_("Surface from volume"), isosurface_job, input, isosurface_input_free,
                        g_object_unref);
      vs_job_run_async (job, on_isosurface_done, job_context_new (self, NULL, job));
    }
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
isosurface_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  VsWindow *self = VS_WINDOW (widget);
  GListModel *layers = vs_scene_get_layers (self->scene);
  GtkWidget *grid, *dialog, *volume_choice, *threshold, *smoothing;
  VsLayer *top;

  if (g_list_model_get_n_items (layers) == 0)
    {
      vs_window_show_error (self, _("Open a volume first: a surface is made from a volume"));
      return;
    }
  top = vs_scene_get_layer (self->scene, 0);
  dialog = dialog_new (self, _("Surface from Volume"), _("_Make Surface"), &grid);
  volume_choice = names_dropdown (layers, layer_name);
  threshold = gtk_spin_button_new_with_range (-1e9, 1e9, 1);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (threshold), 2);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (threshold),
                             0.5 * (vs_layer_get_display_min (top) + vs_layer_get_display_max (top)));
  smoothing = gtk_spin_button_new_with_range (0, 20, 0.5);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (smoothing), 1);
  grid_row (grid, 0, _("Volume"), volume_choice);
  grid_row (grid, 1, _("Threshold"), threshold);
  grid_row (grid, 2, _("Smoothing (mm)"), smoothing);
  g_object_set_data (G_OBJECT (dialog), "volume", volume_choice);
  g_object_set_data (G_OBJECT (dialog), "threshold", threshold);
  g_object_set_data (G_OBJECT (dialog), "smoothing", smoothing);
  g_signal_connect (dialog, "response", G_CALLBACK (on_isosurface_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The job gets its own copy of the surface's geometries, so opening another geometry of the same
 * surface while it runs cannot disturb it. */
static VsSurface *
copy_geometries (VsSurface *surface, const int *geometries, guint n)
{
  VsSurface *copy = vs_surface_new (vs_surface_get_n_vertices (surface),
                                    vs_surface_get_triangles (surface),
                                    vs_surface_get_n_triangles (surface), NULL);
  for (guint i = 0; i < n; i++)
    vs_surface_add_geometry (copy, vs_surface_get_geometry_name (surface, geometries[i]),
                             vs_surface_get_positions (surface, geometries[i]), NULL);
  return copy;
}

static void
on_projection_response (GtkDialog *dialog, int response, VsWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      GtkWidget *volume_choice = g_object_get_data (G_OBJECT (dialog), "volume");
      GtkWidget *surface_choice = g_object_get_data (G_OBJECT (dialog), "surface");
      GtkWidget *sampling = g_object_get_data (G_OBJECT (dialog), "sampling");
      GtkWidget *depth = g_object_get_data (G_OBJECT (dialog), "depth");
      g_autoptr(VsLayer) layer = g_list_model_get_item (vs_scene_get_layers (self->scene),
                                   gtk_drop_down_get_selected (GTK_DROP_DOWN (volume_choice)));
      g_autoptr(VsSurfaceLayer) target = g_list_model_get_item (vs_scene_get_surfaces (self->scene),
                                   gtk_drop_down_get_selected (GTK_DROP_DOWN (surface_choice)));
      VsSurface *surface = vs_surface_layer_get_surface (target);
      ProjectionInput *input = g_new0 (ProjectionInput, 1);
      int white = vs_surface_find_geometry (surface, "white");
      int pial = vs_surface_find_geometry (surface, "pial");
      guint depth_mode = gtk_drop_down_get_selected (GTK_DROP_DOWN (depth));
      g_autoptr(VsJob) job = NULL;

      vs_projection_options_init (&input->options);
      input->volume = g_object_ref (vs_layer_get_volume (layer));
      input->options.sampling = gtk_drop_down_get_selected (GTK_DROP_DOWN (sampling)) == 0 ?
                                VS_PROJECTION_TRILINEAR : VS_PROJECTION_NEAREST;
      if (depth_mode > 0 && white >= 0 && pial >= 0)
        {
          const int used[2] = { white, pial };
          input->surface = copy_geometries (surface, used, 2);
          input->options.geometry = 0;
          input->options.outer_geometry = 1;
          input->options.reduce = depth_mode == 1 ? VS_PROJECTION_DEPTH_MEAN
                                                  : VS_PROJECTION_DEPTH_MAX;
        }
      else
        {
          const int used[1] = { (int) vs_surface_layer_get_geometry (target) };
          input->surface = copy_geometries (surface, used, 1);
        }
      job = vs_job_new (_("Projecting onto the surface"), projection_job, input,
                        projection_input_free, g_object_unref);
      vs_job_run_async (job, on_projection_done, job_context_new (self, target, job));
    }
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
projection_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  VsWindow *self = VS_WINDOW (widget);
  GListModel *layers = vs_scene_get_layers (self->scene);
  GListModel *surfaces = vs_scene_get_surfaces (self->scene);
  GtkWidget *grid, *dialog, *volume_choice, *surface_choice, *sampling, *depth;

  if (g_list_model_get_n_items (layers) == 0 || g_list_model_get_n_items (surfaces) == 0)
    {
      vs_window_show_error (self, _("Open a volume and a surface first, then project the one "
                                    "onto the other"));
      return;
    }
  dialog = dialog_new (self, _("Project Volume onto Surface"), _("_Project"), &grid);
  volume_choice = names_dropdown (layers, layer_name);
  surface_choice = names_dropdown (surfaces, surface_name);
  sampling = gtk_drop_down_new_from_strings ((const char *[]) { _("Trilinear"), _("Nearest"),
                                                                NULL });
  depth = gtk_drop_down_new_from_strings ((const char *[]) {
    _("At the shown geometry"), _("Mean from white to pial"), _("Maximum from white to pial"),
    NULL });
  gtk_widget_set_tooltip_text (depth, _("White-to-pial sampling needs both lh.white and lh.pial "
                                        "opened (they become geometries of one surface)"));
  grid_row (grid, 0, _("Volume"), volume_choice);
  grid_row (grid, 1, _("Surface"), surface_choice);
  grid_row (grid, 2, _("Sampling"), sampling);
  grid_row (grid, 3, _("Depth"), depth);
  g_object_set_data (G_OBJECT (dialog), "volume", volume_choice);
  g_object_set_data (G_OBJECT (dialog), "surface", surface_choice);
  g_object_set_data (G_OBJECT (dialog), "sampling", sampling);
  g_object_set_data (G_OBJECT (dialog), "depth", depth);
  g_signal_connect (dialog, "response", G_CALLBACK (on_projection_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Encoding model and selectivity: file inputs typed or browsed, read in the job itself. */

typedef struct {
  char   *features;
  char   *responses;
  char   *stimuli;
  char   *mask;
  GArray *alphas;
  guint   folds;
  gboolean selectivity;
} ModelInput;

typedef struct {
  VsEncodingResult    *encoding;
  VsSelectivityResult *selectivity;
  GPtrArray           *categories;
} ModelResult;

static void
model_input_free (gpointer data)
{
  ModelInput *input = data;
  g_free (input->features);
  g_free (input->responses);
  g_free (input->stimuli);
  g_free (input->mask);
  g_clear_pointer (&input->alphas, g_array_unref);
  g_free (input);
}

static void
model_result_free (gpointer data)
{
  ModelResult *result = data;
  g_clear_pointer (&result->encoding, vs_encoding_result_free);
  g_clear_pointer (&result->selectivity, vs_selectivity_result_free);
  g_clear_pointer (&result->categories, g_ptr_array_unref);
  g_free (result);
}

static gpointer
model_job (gpointer data, VsProgress *progress, GCancellable *cancellable, GError **error)
{
  ModelInput *input = data;
  g_autoptr(VsVolume) responses = NULL, mask = NULL;
  g_autoptr(VsMatrix) matrix = NULL;
  g_autoptr(VsStimulusTable) table = NULL;
  ModelResult *result;

  if (g_str_has_suffix (input->responses, ".npy"))
    matrix = vs_npy_read (input->responses, NULL, NULL, error);
  else
    responses = vs_nifti_read (input->responses, NULL, cancellable, error);
  if (matrix == NULL && responses == NULL)
    return NULL;
  if (input->mask != NULL && (mask = vs_nifti_read (input->mask, NULL, NULL, error)) == NULL)
    return NULL;
  if ((table = vs_stimulus_table_read (input->stimuli, error)) == NULL)
    return NULL;
  result = g_new0 (ModelResult, 1);
  result->categories = g_ptr_array_ref (table->categories);
  if (input->selectivity)
    {
      g_autoptr(VsSelectivityInput) s = g_new0 (VsSelectivityInput, 1);
      s->responses = g_steal_pointer (&responses);
      s->response_matrix = g_steal_pointer (&matrix);
      s->mask = g_steal_pointer (&mask);
      s->stimuli = g_steal_pointer (&table);
      result->selectivity = vs_selectivity_compute (s, progress, cancellable, error);
      if (result->selectivity == NULL)
        {
          model_result_free (result);
          return NULL;
        }
      return result;
    }
  {
    g_autoptr(VsEncodingInput) e = g_new0 (VsEncodingInput, 1);
    e->features = vs_npy_read (input->features, NULL, NULL, error);
    if (e->features == NULL)
      {
        model_result_free (result);
        return NULL;
      }
    e->responses = g_steal_pointer (&responses);
    e->response_matrix = g_steal_pointer (&matrix);
    e->mask = g_steal_pointer (&mask);
    e->stimuli = g_steal_pointer (&table);
    e->n_alphas = input->alphas->len;
    e->alphas = g_memdup2 (input->alphas->data, input->alphas->len * sizeof (double));
    e->n_folds = input->folds;
    e->top_k = 5;
    result->encoding = vs_encoding_model_fit (e, progress, cancellable, error);
    if (result->encoding == NULL)
      {
        model_result_free (result);
        return NULL;
      }
  }
  return result;
}

static VsLayer *
add_result_layer (VsWindow *self, VsVolume *volume, const char *name, VsColormap colormap,
                  double min, double max, double threshold)
{
  VsLayer *layer;

  vs_volume_set_path (volume, name);
  layer = vs_scene_add_volume (self->scene, volume);
  vs_layer_set_name (layer, name);
  if (colormap != VS_COLORMAP_LABELS)
    {
      vs_layer_set_colormap (layer, colormap);
      vs_layer_set_display_range (layer, min, max);
      vs_layer_set_threshold (layer, threshold);
    }
  vs_layer_set_stats (layer, vs_volume_stats_compute (volume, 0, NULL, NULL, NULL));
  return layer;
}

static void
on_model_done (GObject *source, GAsyncResult *async_result, gpointer user_data)
{
  JobContext *context = user_data;
  g_autoptr(GError) error = NULL;
  ModelResult *result = vs_job_run_finish (VS_JOB (source), async_result, &error);
  VsWindow *self = context->window;

  if (job_context_finish (context, error))
    {
      if (result->encoding != NULL)
        {
          /* r in inferno from 0; the α map for reference, hidden. */
          VsLayer *alpha = add_result_layer (self, result->encoding->alpha, "alpha",
                                             VS_COLORMAP_VIRIDIS, 0, 1, 0);
          vs_layer_set_visible (alpha, FALSE);
          add_result_layer (self, result->encoding->r, "r", VS_COLORMAP_INFERNO, 0,
                            MAX (result->encoding->median_r * 3, 0.3), 0.05);
        }
      else
        {
          for (guint c = 0; c < result->selectivity->t_maps->len; c++)
            {
              g_autofree char *name = g_strdup_printf ("t %s",
                                                       (char *) g_ptr_array_index (result->categories, c));
              VsLayer *t = add_result_layer (self, g_ptr_array_index (result->selectivity->t_maps, c),
                                             name, VS_COLORMAP_COOL_WARM, -8, 8, 2);
              vs_layer_set_visible (t, FALSE);
            }
          add_result_layer (self, result->selectivity->preferred, "preferred category",
                            VS_COLORMAP_LABELS, 0, 0, 0);
        }
    }
  if (result != NULL)
    model_result_free (result);
  g_clear_weak_pointer (&context->target);
  g_free (context);
}

static void
on_browse_response (GtkNativeDialog *chooser, int response, GtkEntry *entry)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);
      gtk_editable_set_text (GTK_EDITABLE (entry), path != NULL ? path : "");
    }
  g_object_unref (chooser);
}

static void
on_browse (GtkButton *button, GtkEntry *entry)
{
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (_("Choose a File"), GTK_WINDOW (gtk_widget_get_root (
                                   GTK_WIDGET (button))), GTK_FILE_CHOOSER_ACTION_OPEN,
                                 _("_Choose"), _("_Cancel"));
  g_signal_connect (chooser, "response", G_CALLBACK (on_browse_response), entry);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* A path entry with a Browse… button, remembered on the dialog under @key. */
static void
file_row (GtkWidget *dialog, GtkWidget *grid, int row, const char *label, const char *key,
          const char *placeholder)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *browse = gtk_button_new_with_mnemonic (_("_Browse…"));

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_widget_set_hexpand (entry, TRUE);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 36);
  g_signal_connect (browse, "clicked", G_CALLBACK (on_browse), entry);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), browse);
  grid_row (grid, row, label, box);
  g_object_set_data (G_OBJECT (dialog), key, entry);
}

static char *
entry_path (GtkDialog *dialog, const char *key)
{
  GtkWidget *entry = g_object_get_data (G_OBJECT (dialog), key);
  const char *text = entry != NULL ? gtk_editable_get_text (GTK_EDITABLE (entry)) : "";
  return *text != '\0' ? g_strdup (text) : NULL;
}

static void
on_model_response (GtkDialog *dialog, int response, VsWindow *self)
{
  gboolean selectivity = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "selectivity"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      ModelInput *input = g_new0 (ModelInput, 1);
      g_autoptr(GError) error = NULL;
      g_autoptr(VsJob) job = NULL;
      GtkWidget *alphas = g_object_get_data (G_OBJECT (dialog), "alphas");
      GtkWidget *folds = g_object_get_data (G_OBJECT (dialog), "folds");

      input->selectivity = selectivity;
      input->features = entry_path (dialog, "features");
      input->responses = entry_path (dialog, "responses");
      input->stimuli = entry_path (dialog, "stimuli");
      input->mask = entry_path (dialog, "mask");
      if ((!selectivity && input->features == NULL) || input->responses == NULL ||
          input->stimuli == NULL)
        {
          model_input_free (input);
          vs_window_show_error (self, selectivity
                                ? _("Selectivity needs the responses and the stimulus table")
                                : _("An encoding model needs features, responses and the "
                                    "stimulus table"));
          return;  /* keep the dialog open to fix it */
        }
      if (!selectivity)
        {
          input->folds = (guint) gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (folds));
          if (!vs_ridge_parse_alphas (gtk_editable_get_text (GTK_EDITABLE (alphas)), &input->alphas,
                                      &error))
            {
              model_input_free (input);
              vs_window_show_error (self, error->message);
              return;
            }
        }
      job = vs_job_new (selectivity ? _("Category selectivity") : _("Encoding model"), model_job,
                        input, model_input_free, model_result_free);
      vs_job_run_async (job, on_model_done, job_context_new (self, NULL, job));
    }
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
model_dialog (VsWindow *self, gboolean selectivity)
{
  GtkWidget *grid, *dialog;
  int row = 0;

  dialog = dialog_new (self, selectivity ? _("Category Selectivity") : _("Encoding Model"),
                       _("_Run"), &grid);
  g_object_set_data (G_OBJECT (dialog), "selectivity", GINT_TO_POINTER (selectivity));
  if (!selectivity)
    file_row (dialog, grid, row++, _("Features"), "features", _("X.npy, one row per presentation"));
  file_row (dialog, grid, row++, _("Responses"), "responses",
            _("4D NIfTI, one volume per presentation"));
  file_row (dialog, grid, row++, _("Stimuli"), "stimuli", _("stimulus table (.tsv)"));
  file_row (dialog, grid, row++, _("Mask"), "mask", _("optional"));
  if (!selectivity)
    {
      GtkWidget *alphas = gtk_entry_new ();
      GtkWidget *folds = gtk_spin_button_new_with_range (2, 20, 1);
      gtk_editable_set_text (GTK_EDITABLE (alphas), "1e-2:1e6:20");
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (folds), 5);
      grid_row (grid, row++, _("Ridge α"), alphas);
      grid_row (grid, row++, _("Folds"), folds);
      g_object_set_data (G_OBJECT (dialog), "alphas", alphas);
      g_object_set_data (G_OBJECT (dialog), "folds", folds);
    }
  g_signal_connect (dialog, "response", G_CALLBACK (on_model_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
encoding_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  model_dialog (VS_WINDOW (widget), FALSE);
}

static void
selectivity_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  model_dialog (VS_WINDOW (widget), TRUE);
}

void
_vs_window_install_analysis_actions (VsWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.encoding", NULL, encoding_action);
  gtk_widget_class_install_action (widget_class, "win.selectivity", NULL, selectivity_action);
  gtk_widget_class_install_action (widget_class, "win.isosurface", NULL, isosurface_action);
  gtk_widget_class_install_action (widget_class, "win.project", NULL, projection_action);
}
