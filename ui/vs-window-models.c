/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-window-models"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "vs-demo-selectivity.h"
#include "vs-demo-stimulus-images.h"
#include "vs-encoding-model.h"
#include "vs-datatype.h"
#include "vs-analysis-error.h"
#include "vs-vertex-responses.h"
#include "vs-voxel-concepts.h"
#include "vs-nifti-reader.h"
#include "vs-npy-reader.h"
#include "vs-ridge.h"
#include "vs-selectivity.h"
#include "vs-voxel-inspector.h"
#include "vs-window-private.h"

/* Voxel models from the window: an encoding model and category selectivity.  The input files are
 * typed or browsed and read in the job itself; the maps arrive as layers with the colormaps a
 * vision scientist expects. */

/* Encoding model and selectivity: file inputs typed or browsed, read in the job itself. */

typedef struct {
  char   *features;
  char   *responses;
  char   *responses_right;   /* a second GIFTI hemisphere, or NULL */
  char   *stimuli;
  char   *mask;
  char   *concepts;
  char   *concept_names;
  GArray *alphas;
  guint   folds;
  gboolean selectivity;
} ModelInput;

typedef struct {
  VsEncodingResult    *encoding;
  VsSelectivityResult *selectivity;
  GPtrArray           *categories;
  double               r_threshold;  /* display threshold of the r layer */
  VsVolume            *responses;    /* for the voxel inspector */
  VsStimulusTable     *stimuli;
  VsVolume            *concept;      /* best concept per voxel (labels), or NULL */
  VsVolume            *concept_score;
  VsMatrix            *concept_embeddings;
  GPtrArray           *concept_names;
  VsMatrix            *features;     /* for region models in the inspector */
  double              *alphas;
  guint                n_alphas;
  guint                folds;
  guint                n_hemispheres;  /* vertex-wise: 1 or 2; 0 for volumes */
  guint                n_vertices[2];
} ModelResult;

/* Real fMRI r is often 0.1–0.3: show nearly all of it.  The demo has 40 test images: chance |r|
 * has an SD of about 0.16, so it shows r ≥ 0.5. */
#define REAL_R_THRESHOLD 0.1
#define DEMO_R_THRESHOLD 0.5

static void start_model_job (VsWindow *self, VsJob *job, double threshold, gboolean stream);

static void
model_input_free (gpointer data)
{
  ModelInput *input = data;
  g_free (input->features);
  g_free (input->responses);
  g_free (input->responses_right);
  g_free (input->stimuli);
  g_free (input->mask);
  g_free (input->concepts);
  g_free (input->concept_names);
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
  g_clear_object (&result->responses);
  g_clear_pointer (&result->stimuli, vs_stimulus_table_free);
  g_clear_pointer (&result->features, vs_matrix_free);
  g_clear_object (&result->concept);
  g_clear_object (&result->concept_score);
  g_clear_pointer (&result->concept_embeddings, vs_matrix_free);
  g_clear_pointer (&result->concept_names, g_ptr_array_unref);
  g_free (result->alphas);
  g_free (result);
}

/* What a region's own model needs later: the features, the α grid and the folds. */
static void
keep_model_inputs (ModelResult *result, VsEncodingInput *input)
{
  result->features = g_steal_pointer (&input->features);
  result->alphas = g_steal_pointer (&input->alphas);
  result->n_alphas = input->n_alphas;
  result->folds = input->n_folds;
}

/* The first label layer that is an atlas (not one of @result's own maps), or NULL. */
static VsVolume *
find_atlas (VsWindow *self, ModelResult *result)
{
  GListModel *layers = vs_scene_get_layers (self->scene);

  for (guint i = 0; i < g_list_model_get_n_items (layers); i++)
    {
      g_autoptr(VsLayer) layer = g_list_model_get_item (layers, i);
      VsVolume *volume = vs_layer_get_volume (layer);
      if (vs_layer_is_label (layer) && vs_volume_get_label_table (volume) != NULL &&
          vs_volume_get_n_frames (volume) == 1 &&
          (result->selectivity == NULL || volume != result->selectivity->preferred))
        return volume;
    }
  return NULL;
}

/* The best concept of every voxel: cosine of its weights with each concept embedding. */
static gboolean
label_concepts (ModelInput *input, ModelResult *result, GError **error)
{
  g_autoptr(VsMatrix) embeddings = vs_npy_read (input->concepts, NULL, NULL, error);
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(VsVolume) probability = NULL;

  if (embeddings == NULL)
    return FALSE;
  names = vs_concept_names_read (input->concept_names, embeddings->rows, error);
  if (names == NULL ||
      !vs_voxel_concepts_compute (result->encoding->weights, embeddings, names, 0.05,
                                  &result->concept, &result->concept_score, &probability, error))
    return FALSE;
  result->concept_embeddings = g_steal_pointer (&embeddings);
  result->concept_names = g_steal_pointer (&names);
  return TRUE;
}

static gpointer
model_job (gpointer data, VsProgress *progress, GCancellable *cancellable, GError **error)
{
  ModelInput *input = data;
  g_autoptr(VsVolume) responses = NULL, mask = NULL;
  g_autoptr(VsMatrix) matrix = NULL;
  g_autoptr(VsStimulusTable) table = NULL;
  ModelResult *result;
  guint hemispheres = 0, n_vertices[2] = { 0, 0 };

  if (vs_vertex_responses_is_path (input->responses))
    {
      const char *paths[2] = { input->responses, input->responses_right };
      if (input->mask != NULL)
        {
          g_set_error_literal (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_INVALID_ARGUMENT,
                               _("a mask applies to volumes; with GIFTI responses every vertex is "
                                 "fitted"));
          return NULL;
        }
      hemispheres = input->responses_right != NULL ? 2 : 1;
      responses = vs_vertex_responses_read (paths, hemispheres, n_vertices, error);
    }
  else if (input->responses_right != NULL)
    {
      g_set_error_literal (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_INVALID_ARGUMENT,
                           _("a second hemisphere goes with GIFTI responses only"));
      return NULL;
    }
  else if (g_str_has_suffix (input->responses, ".npy"))
    responses = vs_npy_read_volume (input->responses, error);
  else
    responses = vs_nifti_read (input->responses, NULL, cancellable, error);
  if (matrix == NULL && responses == NULL)
    return NULL;
  if (input->mask != NULL && (mask = vs_nifti_read (input->mask, NULL, NULL, error)) == NULL)
    return NULL;
  if ((table = vs_stimulus_table_read (input->stimuli, error)) == NULL)
    return NULL;
  result = g_new0 (ModelResult, 1);
  result->n_hemispheres = hemispheres;
  memcpy (result->n_vertices, n_vertices, sizeof n_vertices);
  result->categories = g_ptr_array_ref (table->categories);
  result->r_threshold = REAL_R_THRESHOLD;
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
    if (result->encoding == NULL ||
        (input->concepts != NULL && !label_concepts (input, result, error)))
      {
        model_result_free (result);
        return NULL;
      }
    result->responses = g_steal_pointer (&e->responses);
    result->stimuli = g_steal_pointer (&e->stimuli);
    keep_model_inputs (result, e);
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

/* One hemisphere's part of a map of vertex-wise results, as vertex data. */
static VsVertexData *
hemisphere_data (VsVolume *map, const char *name, gsize first, guint count)
{
  VsVertexData *data = vs_vertex_data_new (name, count, 1);
  float *column = vs_vertex_data_get_column (data, 0);

  for (guint v = 0; v < count; v++)
    column[v] = (float) vs_datatype_read (vs_volume_get_datatype (map), vs_volume_get_data (map),
                                          first + v);
  if (vs_volume_get_label_table (map) != NULL)
    vs_vertex_data_set_label_table (data, vs_volume_get_label_table (map));
  return data;
}

static void
add_surface_overlay (VsSurfaceLayer *layer, VsVolume *map, const char *name, gsize first,
                     guint count, VsColormap colormap, double min, double max, double threshold)
{
  g_autoptr(VsVertexData) data = hemisphere_data (map, name, first, count);
  VsVertexLayer *overlay = vs_surface_layer_add_overlay (layer, data);

  if (colormap != VS_COLORMAP_LABELS)
    g_object_set (overlay, "colormap", (guint) colormap, "display-min", min, "display-max", max,
                  "threshold", threshold, NULL);
}

/* Vertex-wise results go onto the loaded surfaces with the same numbers of vertices, one per
 * hemisphere; picking a vertex there shows its model in the inspector. */
static void
show_on_surfaces (VsWindow *self, ModelResult *result)
{
  GListModel *surfaces = vs_scene_get_surfaces (self->scene);
  VsSurfaceLayer *layers[2] = { NULL, NULL };
  gsize offsets[2] = { 0, result->n_vertices[0] };
  g_autoptr(GString) missing = g_string_new (NULL);

  for (guint h = 0; h < result->n_hemispheres; h++)
    {
      for (guint i = 0; i < g_list_model_get_n_items (surfaces) && layers[h] == NULL; i++)
        {
          g_autoptr(VsSurfaceLayer) layer = g_list_model_get_item (surfaces, i);
          if (vs_surface_get_n_vertices (vs_surface_layer_get_surface (layer)) ==
              result->n_vertices[h] && (h == 0 || layer != layers[0]))
            layers[h] = layer;
        }
      if (layers[h] == NULL)
        g_string_append_printf (missing, "%s%u", missing->len > 0 ? _(" and ") : "",
                                result->n_vertices[h]);
    }
  if (missing->len > 0)
    {
      g_autofree char *message =
        g_strdup_printf (_("The model ran on vertex-wise responses, but no open surface has %s "
                           "vertices to show it on; open the hemisphere's surface and run it "
                           "again"), missing->str);
      vs_window_show_error (self, message);
    }
  for (guint h = 0; h < result->n_hemispheres; h++)
    {
      if (layers[h] == NULL)
        continue;
      if (result->selectivity != NULL)
        add_surface_overlay (layers[h], result->selectivity->preferred, "preferred category",
                             offsets[h], result->n_vertices[h], VS_COLORMAP_LABELS, 0, 0, 0);
      if (result->encoding != NULL)
        add_surface_overlay (layers[h], result->encoding->r, "r", offsets[h],
                             result->n_vertices[h], VS_COLORMAP_INFERNO, 0,
                             MAX (result->encoding->median_r * 3, 0.5), result->r_threshold);
      if (result->concept != NULL)
        add_surface_overlay (layers[h], result->concept, "concept", offsets[h],
                             result->n_vertices[h], VS_COLORMAP_LABELS, 0, 0, 0);
    }
  if (result->encoding != NULL && result->stimuli != NULL && layers[0] != NULL)
    {
      guint n = layers[1] != NULL || result->n_hemispheres == 1 ? result->n_hemispheres : 1;
      vs_voxel_inspector_set_model (VS_VOXEL_INSPECTOR (self->inspector), result->responses,
                                    g_steal_pointer (&result->stimuli), result->encoding);
      if (result->concept_embeddings != NULL)
        vs_voxel_inspector_set_concepts (VS_VOXEL_INSPECTOR (self->inspector),
                                         result->concept_embeddings, result->concept_names);
      vs_voxel_inspector_set_vertex_layers (VS_VOXEL_INSPECTOR (self->inspector), layers, offsets,
                                            n);
      gtk_widget_set_visible (self->inspector, TRUE);
    }
}

static void
on_model_done (GObject *source, GAsyncResult *async_result, gpointer user_data)
{
  JobContext *context = user_data;
  g_autoptr(GError) error = NULL;
  ModelResult *result = vs_job_run_finish (VS_JOB (source), async_result, &error);
  VsWindow *self = context->window;

  g_signal_handlers_disconnect_by_data (vs_job_get_progress (VS_JOB (source)), context);
  if (!_vs_window_job_context_finish (context, error))
    {
      /* Failed or cancelled: the scene is left as it was before the job. */
      if (self != NULL && context->partial != NULL)
        vs_scene_remove_layer (self->scene, context->partial);
    }
  else if (result->n_hemispheres > 0)
    show_on_surfaces (self, result);
  else
    {
      if (result->selectivity != NULL)
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
      if (result->encoding != NULL)
        {
          /* r in inferno from 0; the α map for reference, hidden. */
          VsLayer *alpha = add_result_layer (self, result->encoding->alpha, "alpha",
                                             VS_COLORMAP_VIRIDIS, 0, 1, 0);
          vs_layer_set_visible (alpha, FALSE);
          /* Inferno from 0; voxels below the display threshold are left transparent.  The
           * layer that filled in while fitting becomes the final one, keeping what the user set. */
          if (context->partial != NULL)
            {
              vs_layer_replace_data (context->partial, result->encoding->r);
              vs_layer_set_name (context->partial, "r");
              vs_layer_set_stats (context->partial,
                                  vs_volume_stats_compute (result->encoding->r, 0, NULL, NULL, NULL));
              g_clear_object (&context->partial);
            }
          else
            add_result_layer (self, result->encoding->r, "r", VS_COLORMAP_INFERNO, 0,
                              MAX (result->encoding->median_r * 3, 0.5), result->r_threshold);
          if (result->concept != NULL)
            add_result_layer (self, result->concept, "concept", VS_COLORMAP_LABELS, 0, 0, 0);
          /* The inspector reads responses by grid voxel: only when they share the maps' grid. */
          if (result->responses != NULL && result->stimuli != NULL &&
              vs_volume_get_frame_voxels (result->responses) ==
              vs_volume_get_frame_voxels (result->encoding->r))
            {
              double cursor[3];
              VsVolume *atlas;
              vs_voxel_inspector_set_model (VS_VOXEL_INSPECTOR (self->inspector),
                                            result->responses, g_steal_pointer (&result->stimuli),
                                            result->encoding);
              if (result->concept_embeddings != NULL)
                vs_voxel_inspector_set_concepts (VS_VOXEL_INSPECTOR (self->inspector),
                                                 result->concept_embeddings,
                                                 result->concept_names);
              atlas = find_atlas (self, result);
              if (atlas != NULL && result->features != NULL)
                vs_voxel_inspector_set_regions (VS_VOXEL_INSPECTOR (self->inspector), atlas,
                                                result->features, result->alphas,
                                                result->n_alphas, result->folds);
              gtk_widget_set_visible (self->inspector, TRUE);
              vs_scene_get_cursor (self->scene, cursor);
              vs_voxel_inspector_set_position (VS_VOXEL_INSPECTOR (self->inspector), cursor);
            }
        }
    }
  if (result != NULL)
    model_result_free (result);
  g_clear_object (&context->partial);
  g_clear_weak_pointer (&context->target);
  g_free (context);
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
      input->features = _vs_window_entry_path (dialog, "features");
      input->responses = _vs_window_entry_path (dialog, "responses");
      input->responses_right = _vs_window_entry_path (dialog, "responses_right");
      input->stimuli = _vs_window_entry_path (dialog, "stimuli");
      input->mask = _vs_window_entry_path (dialog, "mask");
      if (!selectivity)
        {
          input->concepts = _vs_window_entry_path (dialog, "concepts");
          input->concept_names = _vs_window_entry_path (dialog, "concept_names");
          if ((input->concepts == NULL) != (input->concept_names == NULL))
            {
              model_input_free (input);
              vs_window_show_error (self, _("Concepts need both the embeddings and their names"));
              return;  /* keep the dialog open to fix it */
            }
        }
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
      vs_window_dismiss_error (self);   /* whatever it said about this dialog is fixed */
      start_model_job (self, job, REAL_R_THRESHOLD, !vs_vertex_responses_is_path (input->responses));
    }
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
model_dialog (VsWindow *self, gboolean selectivity)
{
  GtkWidget *grid, *dialog;
  int row = 0;

  dialog = _vs_window_dialog_new (self, selectivity ? _("Category Selectivity") : _("Encoding Model"),
                       _("_Run"), &grid);
  g_object_set_data (G_OBJECT (dialog), "selectivity", GINT_TO_POINTER (selectivity));
  if (!selectivity)
    _vs_window_file_row (dialog, grid, row++, _("Features"), "features", _("X.npy, one row per presentation"));
  _vs_window_file_row (dialog, grid, row++, _("Responses"), "responses",
            _("4D NIfTI or .npy (with a mask), or a GIFTI func file per hemisphere"));
  _vs_window_file_row (dialog, grid, row++, _("2nd hemisphere"), "responses_right",
            _("optional: the other hemisphere's GIFTI func file"));
  _vs_window_file_row (dialog, grid, row++, _("Stimuli"), "stimuli", _("stimulus table (.tsv)"));
  _vs_window_file_row (dialog, grid, row++, _("Mask"), "mask", _("optional"));
  if (!selectivity)
    {
      _vs_window_file_row (dialog, grid, row++, _("Concepts"), "concepts",
                _("optional: C.npy, one embedding per concept in the feature space"));
      _vs_window_file_row (dialog, grid, row++, _("Concept names"), "concept_names",
                _("with concepts: one name per line"));
      GtkWidget *alphas = gtk_entry_new ();
      GtkWidget *folds = gtk_spin_button_new_with_range (2, 20, 1);
      gtk_editable_set_text (GTK_EDITABLE (alphas), "1e-2:1e6:20");
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (folds), 5);
      _vs_window_grid_row (grid, row++, _("Ridge α"), alphas);
      _vs_window_grid_row (grid, row++, _("Folds"), folds);
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

/* The r map so far, while the ridge runs: one layer, its voxels replaced as pieces arrive. */
static void
on_model_partial (VsProgress *progress, GObject *partial, JobContext *context)
{
  VsWindow *self = context->window;
  VsVolume *volume = VS_VOLUME (partial);

  if (self == NULL)
    return;
  if (context->partial == NULL)
    {
      VsLayer *layer = add_result_layer (self, vs_volume_copy (volume), _("r (fitting…)"),
                                         VS_COLORMAP_INFERNO, 0, 0.5, context->threshold);
      context->partial = g_object_ref (layer);
      g_object_unref (vs_layer_get_volume (layer));
    }
  else
    vs_layer_replace_data (context->partial, volume);
}

/* @stream: show the r map while it fills in (volumes only). */
static void
start_model_job (VsWindow *self, VsJob *job, double threshold, gboolean stream)
{
  JobContext *context = _vs_window_job_context_new (self, NULL, job);

  context->threshold = threshold;
  if (stream)
    g_signal_connect (vs_job_get_progress (job), "partial", G_CALLBACK (on_model_partial),
                      context);
  vs_job_run_async (job, on_model_done, context);
}

/* The demo's dataset, simulated from the atlas in the job, then both analyses on it. */
static gpointer
demo_job (gpointer data, VsProgress *progress, GCancellable *cancellable, GError **error)
{
  VsVolume *atlas = data;
  g_autoptr(VsEncodingInput) encoding = vs_demo_selectivity_make (atlas, 7, error);
  g_autoptr(VsEncodingInput) localiser = vs_demo_selectivity_make (atlas, 7, error);
  g_autoptr(VsSelectivityInput) selectivity = g_new0 (VsSelectivityInput, 1);
  ModelResult *result;

  g_autofree char *images = g_build_filename (g_get_user_cache_dir (), "voxelscope",
                                              "demo-stimuli", NULL);
  g_autoptr(GError) image_error = NULL;

  if (encoding == NULL || localiser == NULL)
    return NULL;
  /* Thumbnails for the inspector; without them (an unwritable cache) the demo still works. */
  if (!vs_demo_stimulus_images_write (encoding->stimuli, images, &image_error))
    g_message ("demo: no stimulus thumbnails: %s", image_error->message);
  result = g_new0 (ModelResult, 1);
  result->categories = g_ptr_array_ref (encoding->stimuli->categories);
  result->r_threshold = DEMO_R_THRESHOLD;
  result->encoding = vs_encoding_model_fit (encoding, progress, cancellable, error);
  if (result->encoding != NULL)
    {
      selectivity->responses = g_steal_pointer (&localiser->responses);
      selectivity->mask = g_steal_pointer (&localiser->mask);
      selectivity->stimuli = g_steal_pointer (&localiser->stimuli);
      result->selectivity = vs_selectivity_compute (selectivity, NULL, cancellable, error);
    }
  if (result->encoding == NULL || result->selectivity == NULL)
    {
      model_result_free (result);
      return NULL;
    }
  result->responses = g_steal_pointer (&encoding->responses);
  result->stimuli = g_steal_pointer (&encoding->stimuli);
  keep_model_inputs (result, encoding);
  return result;
}

/* Called when the demo's atlas has arrived: the maps fill in a few seconds later. */
void
_vs_window_run_demo_models (VsWindow *self,
                            VsVolume *atlas)
{
  g_autoptr(VsJob) job = vs_job_new (_("Demo: encoding model and selectivity"), demo_job,
                                     g_object_ref (atlas), g_object_unref, model_result_free);

  start_model_job (self, job, DEMO_R_THRESHOLD, TRUE);
}

void
_vs_window_install_model_actions (VsWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.encoding", NULL, encoding_action);
  gtk_widget_class_install_action (widget_class, "win.selectivity", NULL, selectivity_action);
}
