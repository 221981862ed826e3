/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-window-attention"

#include "config.h"

#include <glib/gi18n.h>

#include "vs-attention-figure.h"
#include "vs-attention-panel.h"
#include "vs-datatype.h"
#include "vs-label-table.h"
#include "vs-nifti-reader.h"
#include "vs-region-atlas.h"
#include "vs-ridge.h"
#include "vs-vertex-responses.h"
#include "vs-volume-loader.h"
#include "vs-voxel-inspector.h"
#include "vs-window-private.h"

/* Attention from the window: a dialog for the patch features, stimulus table, responses and atlas
 * (or the open atlas), the analysis in a job, the result in the stimulus viewer. */

typedef struct {
  char     *patches;
  char     *stimuli;
  char     *responses;
  char     *regions;
  char     *grid;
  char    **voxels;       /* single voxels as regions ("I,J,K"), or NULL */
  GPtrArray *vertex_labels; /* VsVertexData label layers open on surfaces */
  VsVolume *open_atlas;   /* used when no regions file is given */
} AttentionInput;

static void
attention_input_free (gpointer data)
{
  AttentionInput *input = data;

  g_free (input->patches);
  g_free (input->stimuli);
  g_free (input->responses);
  g_free (input->regions);
  g_free (input->grid);
  g_strfreev (input->voxels);
  g_clear_pointer (&input->vertex_labels, g_ptr_array_unref);
  g_clear_object (&input->open_atlas);
  g_free (input);
}

static gpointer
attention_job (gpointer data, VsProgress *progress, GCancellable *cancellable, GError **error)
{
  AttentionInput *input = data;
  g_autoptr(VsStimulusTable) table = vs_stimulus_table_read (input->stimuli, error);
  g_autoptr(VsVolume) responses = NULL, atlas = NULL;
  g_autoptr(GArray) alphas = NULL;

  if (table == NULL)
    return NULL;
  if (vs_vertex_responses_is_path (input->responses))
    {
      /* Vertex-wise: one hemisphere, regions from its vertex label file. */
      const char *paths[1] = { input->responses };
      guint n_vertices;
      responses = vs_vertex_responses_read (paths, 1, &n_vertices, error);
      if (responses == NULL)
        return NULL;
      if (input->voxels == NULL)
        {
          /* A label file, or a label layer open on the surface with as many vertices. */
          for (guint i = 0; input->regions == NULL && i < input->vertex_labels->len; i++)
            {
              VsVertexData *labels = g_ptr_array_index (input->vertex_labels, i);
              if (vs_vertex_data_get_n_vertices (labels) == n_vertices)
                {
                  atlas = vs_region_atlas_from_vertex_data (labels, n_vertices, error);
                  break;
                }
            }
          if (input->regions == NULL && atlas == NULL)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("vertex-wise responses need regions: a vertex label file (.annot, "
                             ".label.gii) or a label layer open on a surface of %u vertices"),
                           n_vertices);
              return NULL;
            }
          if (input->regions != NULL)
            atlas = vs_region_atlas_from_vertex_file (input->regions, n_vertices, error);
        }
    }
  else
    {
      responses = vs_nifti_read (input->responses, NULL, cancellable, error);
      if (responses == NULL)
        return NULL;
      if (input->voxels == NULL)
        atlas = input->regions != NULL
                ? vs_volume_load (input->regions, NULL, NULL, cancellable, error)
                : g_object_ref (input->open_atlas);
    }
  if (input->voxels != NULL)
    atlas = vs_region_atlas_from_voxels (responses, (const char *const *) input->voxels, error);
  if (atlas == NULL)
    return NULL;
  vs_ridge_parse_alphas ("1e-2:1e4:13", &alphas, NULL);
  return vs_attention_study_run (input->patches, input->grid, g_steal_pointer (&table), responses,
                                 atlas, (const double *) alphas->data, alphas->len, 0, progress,
                                 cancellable, error);
}

/* Vertex-wise regions (an atlas over a vertex "grid"): the chosen one as a label overlay,
 * "chosen region", on the open surface with that many vertices.  FALSE when not vertex-wise. */
static gboolean
highlight_on_surface (VsWindow *self, VsVolume *atlas, guint label)
{
  gint64 dims[4];
  GListModel *surfaces = vs_scene_get_surfaces (self->scene);
  g_autoptr(VsSurfaceLayer) target = NULL;
  g_autoptr(VsVertexData) data = NULL;
  g_autoptr(VsLabelTable) table = vs_label_table_new ();
  const guint8 yellow[4] = { 255, 230, 0, 255 };
  GListModel *overlays;
  float *column;

  vs_volume_get_dims (atlas, dims);
  if (dims[1] != 1 || dims[2] != 1)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (surfaces) && target == NULL; i++)
    {
      g_autoptr(VsSurfaceLayer) layer = g_list_model_get_item (surfaces, i);
      if ((gint64) vs_surface_get_n_vertices (vs_surface_layer_get_surface (layer)) == dims[0])
        target = g_steal_pointer (&layer);
    }
  if (target == NULL)
    return TRUE;   /* vertex-wise, but its surface is not open: nothing to draw on */
  overlays = vs_surface_layer_get_overlays (target);
  for (guint i = 0; i < g_list_model_get_n_items (overlays); i++)
    {
      g_autoptr(VsVertexLayer) old = g_list_model_get_item (overlays, i);
      if (g_strcmp0 (vs_vertex_data_get_name (vs_vertex_layer_get_data (old)),
                     "chosen region") == 0)
        {
          vs_surface_layer_remove_overlay (target, old);
          break;
        }
    }
  data = vs_vertex_data_new ("chosen region", (guint) dims[0], 1);
  column = vs_vertex_data_get_column (data, 0);
  for (gint64 v = 0; v < dims[0]; v++)
    column[v] = vs_volume_get_value (atlas, v, 0, 0, 0) == label;
  vs_label_table_add (table, 1, "chosen region", yellow);
  vs_vertex_data_set_label_table (data, table);
  vs_surface_layer_add_overlay (target, data);
  return TRUE;
}

/* The chosen region on the slices: a yellow outline layer on the atlas's grid, "chosen region". */
static void
on_region_changed (VsAttentionPanel *panel, guint label, VsWindow *self)
{
  VsAttentionStudy *study = vs_attention_panel_get_study (panel);
  g_autoptr(VsVolume) mask = NULL;
  g_autoptr(VsLabelTable) table = vs_label_table_new ();
  const guint8 yellow[4] = { 255, 230, 0, 255 };
  GListModel *layers = vs_scene_get_layers (self->scene);
  VsLabelTable *names;
  const VsLabel *named;
  VsLayer *layer;
  guint8 *out;
  gsize voxels;

  if (study->atlas == NULL)
    return;   /* imported maps: no atlas to show */
  if (highlight_on_surface (self, study->atlas, label))
    return;
  mask = vs_volume_new_like (study->atlas, VS_DATATYPE_UINT8, 1, NULL);
  out = vs_volume_get_data_mutable (mask);
  voxels = vs_volume_get_frame_voxels (mask);
  names = vs_volume_get_label_table (study->atlas);
  named = names != NULL ? vs_label_table_lookup (names, label) : NULL;

  for (gsize v = 0; v < voxels; v++)
    out[v] = vs_datatype_read (vs_volume_get_datatype (study->atlas),
                               vs_volume_get_data (study->atlas), v) == label;
  vs_label_table_add (table, 1, named != NULL ? named->name : "region", yellow);
  vs_volume_set_label_table (mask, table);
  vs_volume_set_path (mask, "chosen region");
  for (guint i = 0; i < g_list_model_get_n_items (layers); i++)
    {
      g_autoptr(VsLayer) old = g_list_model_get_item (layers, i);
      if (g_strcmp0 (vs_layer_get_name (old), "chosen region") == 0)
        {
          vs_scene_remove_layer (self->scene, old);
          break;
        }
    }
  layer = vs_scene_add_volume (self->scene, mask);
  vs_layer_set_name (layer, "chosen region");
  vs_layer_set_label_outline (layer, TRUE);
}

static void show_study (VsWindow *self, VsAttentionStudy *study);

static void
on_attention_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  JobContext *context = user_data;
  g_autoptr(GError) error = NULL;
  VsAttentionStudy *study = vs_job_run_finish (VS_JOB (source), result, &error);
  VsWindow *self = context->window;

  if (_vs_window_job_context_finish (context, error))
    {
      /* Voxels of an encoding model in the same feature space show their attention too. */
      show_study (self, study);
      study = NULL;
    }
  g_clear_pointer (&study, vs_attention_study_free);
  g_free (context);
}

/* The first open label layer with names: an atlas. */
static VsVolume *
open_atlas (VsWindow *self)
{
  GListModel *layers = vs_scene_get_layers (self->scene);

  for (guint i = 0; i < g_list_model_get_n_items (layers); i++)
    {
      g_autoptr(VsLayer) layer = g_list_model_get_item (layers, i);
      if (vs_layer_is_label (layer) && vs_volume_get_label_table (vs_layer_get_volume (layer)))
        return vs_layer_get_volume (layer);
    }
  return NULL;
}

/* @voxels: "I,J,K; I,J,K …" single voxels as regions instead of @regions, or NULL. */
void
vs_window_run_attention (VsWindow   *self,
                         const char *patches,
                         const char *stimuli,
                         const char *responses,
                         const char *regions,
                         const char *voxels,
                         const char *grid)
{
  AttentionInput *input;
  g_autoptr(VsJob) job = NULL;
  VsVolume *atlas = open_atlas (self);

  if (regions == NULL && voxels == NULL && atlas == NULL &&
      !vs_vertex_responses_is_path (responses))
    {
      vs_window_show_error (self, _("Attention needs regions: give an atlas file or open one "
                                    "(a label volume with names)"));
      return;
    }
  input = g_new0 (AttentionInput, 1);
  input->patches = g_strdup (patches);
  input->stimuli = g_strdup (stimuli);
  input->responses = g_strdup (responses);
  input->regions = g_strdup (regions);
  input->grid = g_strdup (grid);
  if (voxels != NULL)
    {
      input->voxels = g_strsplit (voxels, ";", -1);
      for (guint i = 0; input->voxels[i] != NULL; i++)
        g_strstrip (input->voxels[i]);
    }
  input->open_atlas = atlas != NULL ? g_object_ref (atlas) : NULL;
  input->vertex_labels = g_ptr_array_new_with_free_func (g_object_unref);
  {
    GListModel *surfaces = vs_scene_get_surfaces (self->scene);
    for (guint i = 0; i < g_list_model_get_n_items (surfaces); i++)
      {
        g_autoptr(VsSurfaceLayer) surface = g_list_model_get_item (surfaces, i);
        GListModel *overlays = vs_surface_layer_get_overlays (surface);
        for (guint o = 0; o < g_list_model_get_n_items (overlays); o++)
          {
            g_autoptr(VsVertexLayer) overlay = g_list_model_get_item (overlays, o);
            VsVertexData *data = vs_vertex_layer_get_data (overlay);
            if (vs_vertex_data_is_label (data) &&
                g_strcmp0 (vs_vertex_data_get_name (data), "chosen region") != 0)
              g_ptr_array_add (input->vertex_labels, g_object_ref (data));
          }
      }
  }
  job = vs_job_new (_("Attention"), attention_job, input, attention_input_free,
                    (GDestroyNotify) vs_attention_study_free);
  vs_window_dismiss_error (self);
  vs_job_run_async (job, on_attention_done, _vs_window_job_context_new (self, NULL, job));
}

static void
on_dialog_response (GtkDialog *dialog, int response, VsWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autofree char *patches = _vs_window_entry_path (dialog, "patches");
      g_autofree char *stimuli = _vs_window_entry_path (dialog, "stimuli");
      g_autofree char *responses = _vs_window_entry_path (dialog, "responses");
      g_autofree char *regions = _vs_window_entry_path (dialog, "regions");
      GtkWidget *voxel_entry = g_object_get_data (G_OBJECT (dialog), "voxels");
      const char *voxels = gtk_editable_get_text (GTK_EDITABLE (voxel_entry));
      GtkWidget *grid = g_object_get_data (G_OBJECT (dialog), "grid");
      const char *grid_text = gtk_editable_get_text (GTK_EDITABLE (grid));

      if (patches == NULL || stimuli == NULL || responses == NULL)
        {
          vs_window_show_error (self, _("Attention needs the patch features, the stimulus table "
                                        "and the responses"));
          return;  /* keep the dialog open to fix it */
        }
      vs_window_run_attention (self, patches, stimuli, responses, regions,
                               *voxels != '\0' ? voxels : NULL,
                               *grid_text != '\0' ? grid_text : NULL);
    }
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
attention_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  VsWindow *self = VS_WINDOW (widget);
  GtkWidget *grid, *dialog = _vs_window_dialog_new (self, _("Attention"), _("_Run"), &grid);
  GtkWidget *grid_entry = gtk_entry_new ();
  int row = 0;

  _vs_window_file_row (dialog, grid, row++, _("Patch features"), "patches",
                       _("P.npy: presentations × patches × channels"));
  _vs_window_file_row (dialog, grid, row++, _("Stimuli"), "stimuli", _("stimulus table (.tsv)"));
  _vs_window_file_row (dialog, grid, row++, _("Responses"), "responses",
                       _("4D NIfTI, or a GIFTI func file (one hemisphere)"));
  _vs_window_file_row (dialog, grid, row++, _("Regions"), "regions",
                       _("atlas label volume or vertex labels; empty: the open atlas"));
  {
    GtkWidget *voxel_entry = gtk_entry_new ();
    gtk_entry_set_placeholder_text (GTK_ENTRY (voxel_entry),
                                    _("or single voxels: I,J,K; I,J,K …"));
    _vs_window_grid_row (grid, row++, _("Voxels"), voxel_entry);
    g_object_set_data (G_OBJECT (dialog), "voxels", voxel_entry);
  }
  gtk_entry_set_placeholder_text (GTK_ENTRY (grid_entry), _("HxW, e.g. 16x16; empty: square"));
  _vs_window_grid_row (grid, row++, _("Patch grid"), grid_entry);
  g_object_set_data (G_OBJECT (dialog), "grid", grid_entry);
  g_signal_connect (dialog, "response", G_CALLBACK (on_dialog_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
export_response (GtkNativeDialog *chooser, int response, VsWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;
      VsAttentionPanel *panel = VS_ATTENTION_PANEL (self->attention_panel);
      VsAttentionStudy *study = vs_attention_panel_get_study (panel);
      gboolean montage = g_object_get_data (G_OBJECT (chooser), "montage") != NULL, ok;
      if (montage && study->fit == NULL)
        {
          ok = FALSE;
          g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("The top images × regions montage needs a fitted attention "
                                 "analysis, not imported maps"));
        }
      else
        ok = montage ? vs_attention_top_images_write (study, 6, path, &error)
                     : vs_attention_panel_export (panel, path, &error);
      if (!ok)
        vs_window_show_error (self, error->message);
    }
  g_object_unref (chooser);
}

static void
export_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  VsWindow *self = VS_WINDOW (widget);
  GtkFileChooserNative *chooser;

  gboolean montage = g_str_equal (action_name, "win.attention-montage");

  if (!gtk_widget_get_visible (self->attention_panel))
    return;
  chooser = gtk_file_chooser_native_new (montage ? _("Export Top Images × Regions (PNG)")
                                                 : _("Export Image with Attention (PNG)"),
                                         GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser),
                                     montage ? "top_images.png" : "attention.png");
  if (montage)
    g_object_set_data (G_OBJECT (chooser), "montage", GINT_TO_POINTER (1));
  g_signal_connect (chooser, "response", G_CALLBACK (export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
show_study (VsWindow *self, VsAttentionStudy *study)
{
  /* The inspector borrows the panel's study: let go of the old one before it is freed. */
  vs_voxel_inspector_set_attention (VS_VOXEL_INSPECTOR (self->inspector), NULL);
  g_signal_handlers_disconnect_by_func (self->attention_panel, on_region_changed, self);
  g_signal_connect (self->attention_panel, "region-changed", G_CALLBACK (on_region_changed), self);
  vs_attention_panel_set_study (VS_ATTENTION_PANEL (self->attention_panel), study);
  vs_voxel_inspector_set_attention (VS_VOXEL_INSPECTOR (self->inspector),
                                    study->fit != NULL ? study : NULL);
  gtk_widget_set_visible (self->attention_panel, TRUE);
}

/* Maps from a model trained elsewhere, shown as they are: images × regions × patches, names
 * (default: regions.tsv beside them), the stimulus table for the images. */
gboolean
vs_window_import_attention (VsWindow    *self,
                            const char  *maps,
                            const char  *names,
                            const char  *stimuli,
                            const char  *grid,
                            GError     **error)
{
  VsStimulusTable *table = vs_stimulus_table_read (stimuli, error);
  g_autofree char *dir = g_path_get_dirname (maps);
  g_autofree char *default_names = g_build_filename (dir, "regions.tsv", NULL);
  VsAttentionStudy *study;

  if (table == NULL)
    return FALSE;
  study = vs_attention_study_import (maps, names != NULL ? names : default_names, grid, table,
                                     error);
  if (study == NULL)
    return FALSE;
  show_study (self, study);
  return TRUE;
}

static void
on_import_response (GtkDialog *dialog, int response, VsWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autofree char *maps = _vs_window_entry_path (dialog, "maps");
      g_autofree char *names = _vs_window_entry_path (dialog, "names");
      g_autofree char *stimuli = _vs_window_entry_path (dialog, "stimuli");
      g_autoptr(GError) error = NULL;
      if (maps == NULL || stimuli == NULL)
        {
          vs_window_show_error (self, _("Importing attention needs the maps and the stimulus "
                                        "table"));
          return;
        }
      if (!vs_window_import_attention (self, maps, names, stimuli, NULL, &error))
        {
          vs_window_show_error (self, error->message);
          return;
        }
      vs_window_dismiss_error (self);
    }
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
import_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  VsWindow *self = VS_WINDOW (widget);
  GtkWidget *grid, *dialog = _vs_window_dialog_new (self, _("Import Attention Maps"),
                                                    _("_Import"), &grid);
  int row = 0;

  _vs_window_file_row (dialog, grid, row++, _("Maps"), "maps",
                       _("A.npy: images × regions × patches"));
  _vs_window_file_row (dialog, grid, row++, _("Region names"), "names",
                       _("one per line, or a TSV with a name column; empty: regions.tsv beside"));
  _vs_window_file_row (dialog, grid, row++, _("Stimuli"), "stimuli",
                       _("stimulus table: one row per image"));
  g_signal_connect (dialog, "response", G_CALLBACK (on_import_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_vs_window_install_attention_actions (VsWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.attention", NULL, attention_action);
  gtk_widget_class_install_action (widget_class, "win.attention-export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.attention-montage", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.attention-import", NULL, import_action);
}
