/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-window-midlines"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>

#include "vs-midline-panel.h"
#include "vs-settings.h"
#include "vs-volume-stats.h"
#include "vs-window-private.h"

/* Midlines in the window: estimate the mid-sagittal plane and every axial slice's midline of the
 * anatomical volume in a job (or resume the ones saved for it), draw and edit them on the
 * slices, undo and redo, autosave beside the volume (or in the user's data folder when that is
 * not writable), save a copy as JSON or Symbrain CSV, and show the asymmetry map as a layer. */

typedef struct {
  VsVolume             *volume;
  VsMidlineAnnotations *annotations;
  VsVolume             *asymmetry;
} MidlineResult;

static void
midline_result_free (gpointer data)
{
  MidlineResult *result = data;

  g_clear_object (&result->volume);
  g_clear_pointer (&result->annotations, vs_midline_annotations_free);
  g_clear_object (&result->asymmetry);
  g_free (result);
}

/* Where a volume's autosave (NAME@suffix) is kept: beside the file, or in the user's data folder
 * (voxelscope/@folder) when that is not writable.  The midlines', and the label edits'. */
char *
_vs_window_autosave_path (VsVolume   *volume,
                          const char *suffix,
                          const char *folder)
{
  const char *path = vs_volume_get_path (volume);
  g_autofree char *base = g_path_get_basename (path != NULL ? path : "volume");
  g_autofree char *dir = path != NULL ? g_path_get_dirname (path) : NULL;
  g_autofree char *name = g_strconcat (base, suffix, NULL);
  g_autofree char *fallback_dir = g_build_filename (g_get_user_data_dir (), "voxelscope",
                                                    folder, NULL);

  if (dir != NULL && g_path_is_absolute (dir) && g_access (dir, W_OK) == 0)
    return g_build_filename (dir, name, NULL);
  g_mkdir_with_parents (fallback_dir, 0755);
  return g_build_filename (fallback_dir, name, NULL);
}

static char *
autosave_path_for (VsVolume *volume)
{
  return _vs_window_autosave_path (volume, ".midlines.json", "midlines");
}

typedef struct {
  VsVolume     *volume;
  VsMidlineAxis axis;    /* of the per-slice lines */
} MidlineInput;

static void
midline_input_free (gpointer data)
{
  MidlineInput *input = data;

  g_object_unref (input->volume);
  g_free (input);
}

static gpointer
midline_job (gpointer data, VsProgress *progress, GCancellable *cancellable, GError **error)
{
  MidlineInput *input = data;
  VsVolume *volume = input->volume;
  g_autofree char *saved = autosave_path_for (volume);
  MidlineResult *result = g_new0 (MidlineResult, 1);
  gint64 dims[4];
  double affine[16], threshold;
  g_autofree float *pixels = NULL;

  result->volume = g_object_ref (volume);
  /* Midlines saved for this volume are the user's work: resume them. */
  if (g_file_test (saved, G_FILE_TEST_IS_REGULAR))
    {
      result->annotations = vs_midline_annotations_read (saved, error);
      if (result->annotations == NULL)
        {
          g_prefix_error (error, _("the saved midlines could not be resumed (move %s away to "
                                   "estimate new ones): "), saved);
          midline_result_free (result);
          return NULL;
        }
    }
  else if (vs_volume_get_dims (volume, dims), dims[2] == 1)
    {
      /* A 2D image: its one midline, named after the file (as Symbrain's CSV wants). */
      g_autofree float *grey = g_new (float, dims[0] * dims[1]);
      VsMidline line;
      vs_volume_get_affine (volume, affine);
      result->annotations = vs_midline_annotations_new (vs_volume_get_path (volume), affine);
      for (gint64 j = 0; j < dims[1]; j++)
        for (gint64 i = 0; i < dims[0]; i++)
          grey[i + dims[0] * j] = (float) vs_volume_get_value (volume, i, j, 0, 0);
      if (!vs_midline_estimate (grey, dims[0], dims[1], NAN, &line, cancellable, error))
        {
          midline_result_free (result);
          return NULL;
        }
      vs_midline_annotations_add (result->annotations, vs_volume_get_path (volume),
                                  VS_MIDLINE_AXIS_AXIAL, 0, &line, VS_MIDLINE_ESTIMATED);
    }
  else
    {
      vs_volume_get_affine (volume, affine);
      result->annotations = vs_midline_annotations_new (vs_volume_get_path (volume), affine);
      if (!vs_midplane_estimate (volume, &result->annotations->plane, cancellable, error))
        {
          midline_result_free (result);
          return NULL;
        }
      result->annotations->has_plane = TRUE;
      vs_progress_update (progress, 0.3);
      vs_volume_get_dims (volume, dims);
      threshold = vs_midplane_head_threshold (volume);
      {
        /* Axial slices are (i, j) images across k; coronal ones (i, k) across j. */
        gboolean axial = input->axis == VS_MIDLINE_AXIS_AXIAL;
        gint64 h = axial ? dims[1] : dims[2], n = axial ? dims[2] : dims[1];
        pixels = g_new (float, dims[0] * h);
        for (gint64 s = 0; s < n; s++)
          {
            VsMidline line;
            for (gint64 y = 0; y < h; y++)
              for (gint64 x = 0; x < dims[0]; x++)
                pixels[x + dims[0] * y] = (float) (axial ? vs_volume_get_value (volume, x, y, s, 0)
                                                         : vs_volume_get_value (volume, x, s, y, 0));
            if (vs_midline_estimate (pixels, dims[0], h, threshold, &line, cancellable, NULL))
              vs_midline_annotations_add (result->annotations, NULL, input->axis, s, &line,
                                          VS_MIDLINE_ESTIMATED);
            if (g_cancellable_set_error_if_cancelled (cancellable, error))
              {
                midline_result_free (result);
                return NULL;
              }
            vs_progress_update (progress, 0.3 + 0.6 * (s + 1) / n);
          }
      }
    }
  if (result->annotations->has_plane)
    result->asymmetry = vs_midplane_asymmetry (volume, &result->annotations->plane, NULL);
  return result;
}

static void
on_autosave_failed (VsMidlineEditor *editor, const char *message, VsWindow *self)
{
  g_autofree char *text = g_strdup_printf (_("The midlines could not be autosaved: %s"), message);

  vs_window_show_error (self, text);
}

/* Makes @annotations (taken) of @volume the midlines being edited, autosaved at once so a crash
 * before the first edit loses nothing either. */
static void
annotate (VsWindow *self, VsVolume *volume, VsMidlineAnnotations *annotations)
{
  g_autofree char *autosave = autosave_path_for (volume);
  g_autoptr(VsMidlineEditor) editor = vs_midline_editor_new (annotations, volume, autosave);

  g_signal_connect_object (editor, "autosave-failed", G_CALLBACK (on_autosave_failed), self, 0);
  if (vs_settings_get () != NULL)
    vs_midline_editor_set_autosave_delay (editor, 1000 * g_settings_get_uint (vs_settings_get (),
                                                                             "autosave-delay"));
  vs_scene_set_midlines (self->scene, editor);
  vs_midline_panel_set_editor (VS_MIDLINE_PANEL (self->midline_panel), self->scene, editor);
  gtk_widget_set_visible (self->midline_panel, TRUE);
  gtk_info_bar_set_revealed (GTK_INFO_BAR (self->recovery_bar), FALSE);
  g_clear_object (&self->recovery_volume);
  vs_midline_editor_autosave_now (editor, NULL);
}

static void
on_midline_done (GObject *source, GAsyncResult *async_result, gpointer user_data)
{
  JobContext *context = user_data;
  g_autoptr(GError) error = NULL;
  MidlineResult *result = vs_job_run_finish (VS_JOB (source), async_result, &error);
  VsWindow *self = context->window;

  if (_vs_window_job_context_finish (context, error))
    {
      annotate (self, result->volume, g_steal_pointer (&result->annotations));
      if (result->asymmetry != NULL)
        {
          VsLayer *layer;
          vs_volume_set_path (result->asymmetry, "asymmetry");
          layer = vs_scene_add_volume (self->scene, result->asymmetry);
          vs_layer_set_name (layer, "asymmetry");
          vs_layer_set_colormap (layer, VS_COLORMAP_INFERNO);
          vs_layer_set_display_range (layer, 0, 0.5);
          vs_layer_set_threshold (layer, 0.1);
          vs_layer_set_stats (layer, vs_volume_stats_compute (result->asymmetry, 0, NULL, NULL,
                                                              NULL));
          vs_layer_set_visible (layer, FALSE);
        }
    }
  if (result != NULL)
    midline_result_free (result);
  g_free (context);
}

/* The anatomical volume: the bottom-most scalar 3D layer, or a 2D image. */
static VsVolume *
anatomical_volume (VsWindow *self)
{
  GListModel *layers = vs_scene_get_layers (self->scene);

  for (guint i = g_list_model_get_n_items (layers); i > 0; i--)
    {
      g_autoptr(VsLayer) layer = g_list_model_get_item (layers, i - 1);
      VsVolume *volume = vs_layer_get_volume (layer);
      gint64 dims[4];
      vs_volume_get_dims (volume, dims);
      if (!vs_layer_is_label (layer) && dims[0] >= 8 && dims[1] >= 8 &&
          (dims[2] >= 8 || dims[2] == 1))
        return volume;
    }
  return NULL;
}

/* Per-slice lines across @axis (axial or coronal) when estimating. */
void
_vs_window_start_midlines (VsWindow      *self,
                           VsMidlineAxis  axis)
{
  VsVolume *volume = anatomical_volume (self);
  g_autoptr(VsJob) job = NULL;
  MidlineInput *input;

  if (volume == NULL)
    {
      vs_window_show_error (self, _("Midlines need a 3D volume: open a head or brain image "
                                    "first"));
      return;
    }
  input = g_new0 (MidlineInput, 1);
  input->volume = g_object_ref (volume);
  input->axis = axis;
  job = vs_job_new (_("Midlines"), midline_job, input, midline_input_free, midline_result_free);
  vs_job_run_async (job, on_midline_done, _vs_window_job_context_new (self, NULL, job));
}

static void
midlines_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  _vs_window_start_midlines (VS_WINDOW (widget),
                             g_str_equal (g_variant_get_string (parameter, NULL), "coronal")
                             ? VS_MIDLINE_AXIS_CORONAL : VS_MIDLINE_AXIS_AXIAL);
}

static void
undo_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  VsMidlineEditor *editor = vs_scene_get_midlines (VS_WINDOW (widget)->scene);

  if (editor != NULL)
    vs_midline_editor_undo (editor);
}

static void
redo_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  VsMidlineEditor *editor = vs_scene_get_midlines (VS_WINDOW (widget)->scene);

  if (editor != NULL)
    vs_midline_editor_redo (editor);
}

static void
on_save_response (GtkNativeDialog *chooser, int response, VsWindow *self)
{
  VsMidlineEditor *editor = vs_scene_get_midlines (self->scene);

  if (response == GTK_RESPONSE_ACCEPT && editor != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;
      if (!vs_midline_editor_save (editor, path, &error))
        vs_window_show_error (self, error->message);
    }
  g_object_unref (chooser);
}

static void
save_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  VsWindow *self = VS_WINDOW (widget);
  GtkFileChooserNative *chooser;

  if (vs_scene_get_midlines (self->scene) == NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Save Midlines As (.json, or .csv for Symbrain)"),
                                         GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "midlines.json");
  g_signal_connect (chooser, "response", G_CALLBACK (on_save_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Midlines from a file for the open volume or image: our JSON (made on a volume with the same
 * grid), or Symbrain's CSV (the row naming the open image). */
gboolean
vs_window_open_midlines (VsWindow    *self,
                          const char  *path,
                          GError     **error)
{
  VsVolume *volume = anatomical_volume (self);
  g_autofree char *display = g_path_get_basename (path);
  g_autoptr(VsMidlineAnnotations) annotations = NULL;
  gint64 dims[4];
  double affine[16];

  if (volume == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("Open the volume or image the midlines in %s belong to first"), display);
      return FALSE;
    }
  vs_volume_get_dims (volume, dims);
  vs_volume_get_affine (volume, affine);
  if (g_str_has_suffix (path, ".csv"))
    {
      g_autoptr(VsMidlineAnnotations) table = vs_symbrain_read_csv (path, error);
      g_autofree char *name = g_path_get_basename (vs_volume_get_path (volume));
      if (table == NULL)
        return FALSE;
      for (guint i = 0; i < table->entries->len && annotations == NULL; i++)
        {
          VsMidlineEntry *e = &g_array_index (table->entries, VsMidlineEntry, i);
          g_autofree char *base = g_path_get_basename (e->image);
          if (g_strcmp0 (base, name) != 0)
            continue;
          annotations = vs_midline_annotations_new (vs_volume_get_path (volume), affine);
          vs_midline_annotations_add (annotations, vs_volume_get_path (volume),
                                      VS_MIDLINE_AXIS_AXIAL, 0, &e->line, e->status);
        }
      if (annotations == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("%s has no midline for %s"),
                       display, name);
          return FALSE;
        }
    }
  else
    {
      annotations = vs_midline_annotations_read (path, error);
      if (annotations == NULL)
        return FALSE;
      for (int k = 0; k < 16; k++)
        if (fabs (annotations->affine[k] - affine[k]) > 1e-3)
          {
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                         _("%s was made on %s, whose grid differs from the open volume's"),
                         display, annotations->source != NULL ? annotations->source : _("another "
                                                                                          "volume"));
            return FALSE;
          }
      for (guint i = 0; i < annotations->entries->len; i++)
        {
          VsMidlineEntry *e = &g_array_index (annotations->entries, VsMidlineEntry, i);
          if (e->axis != VS_MIDLINE_AXIS_IMAGE && (e->index < 0 || e->index >= dims[e->axis]))
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("%s has a line on slice %ld, outside the open volume"), display,
                           (long) e->index);
              return FALSE;
            }
        }
    }
  annotate (self, volume, g_steal_pointer (&annotations));
  return TRUE;
}

/* Crash recovery: a volume opened with midlines autosaved for it (after a crash, a killed
 * process or simply an earlier session) gets a bar offering them, with the time of the last
 * save, instead of the work silently waiting for the next estimate. */
void
_vs_window_offer_saved_midlines (VsWindow *self,
                                 VsVolume *volume)
{
  g_autofree char *saved = NULL;
  g_autofree char *name = NULL;
  g_autofree char *when = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GDateTime) time = NULL;
  GStatBuf st;

  if (vs_volume_get_path (volume) == NULL || vs_scene_get_midlines (self->scene) != NULL)
    return;
  saved = autosave_path_for (volume);
  if (g_stat (saved, &st) != 0 || !S_ISREG (st.st_mode))
    return;
  name = g_path_get_basename (vs_volume_get_path (volume));
  time = g_date_time_new_from_unix_local (st.st_mtime);
  when = g_date_time_format (time, "%e %b %Y, %H:%M:%S");
  text = g_strdup_printf (_("Midline annotations of %s were autosaved on %s."), name,
                          g_strstrip (when));
  gtk_label_set_text (GTK_LABEL (self->recovery_label), text);
  g_set_object (&self->recovery_volume, volume);
  gtk_info_bar_set_revealed (GTK_INFO_BAR (self->recovery_bar), TRUE);
}

/* The recovery bar's text while it is shown, or NULL. */
const char *
vs_window_get_recovery_text (VsWindow *self)
{
  g_return_val_if_fail (VS_IS_WINDOW (self), NULL);
  return _vs_window_info_bar_get_text (self->recovery_bar, self->recovery_label);
}

/* Restores the midlines the recovery bar offers: they become the midlines being edited (and go
 * on being autosaved to the same file). */
gboolean
vs_window_restore_midlines (VsWindow  *self,
                            GError   **error)
{
  g_autoptr(VsVolume) volume = NULL;
  g_autofree char *saved = NULL;
  VsMidlineAnnotations *annotations;

  g_return_val_if_fail (VS_IS_WINDOW (self), FALSE);
  if (self->recovery_volume == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("No autosaved midlines to restore"));
      return FALSE;
    }
  volume = g_object_ref (self->recovery_volume);
  saved = autosave_path_for (volume);
  annotations = vs_midline_annotations_read (saved, error);
  if (annotations == NULL)
    {
      g_prefix_error (error, _("The autosaved midlines could not be restored (%s is kept): "),
                      saved);
      return FALSE;
    }
  annotate (self, volume, annotations);
  return TRUE;
}

static void
on_recovery_response (GtkInfoBar *bar, int response, VsWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT && !vs_window_restore_midlines (self, &error))
    vs_window_show_error (self, error->message);
  gtk_info_bar_set_revealed (bar, FALSE);
}

GtkWidget *
_vs_window_build_recovery_bar (VsWindow *self)
{
  self->recovery_bar = _vs_window_info_bar_new (GTK_MESSAGE_QUESTION, &self->recovery_label);
  gtk_info_bar_add_button (GTK_INFO_BAR (self->recovery_bar), _("_Restore Midlines"),
                           GTK_RESPONSE_ACCEPT);
  g_signal_connect (self->recovery_bar, "response", G_CALLBACK (on_recovery_response), self);
  return self->recovery_bar;
}

static void
open_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  _vs_window_choose_file (VS_WINDOW (widget), _("Open Midlines (.json, or Symbrain .csv)"), NULL,
                          NULL, NULL, vs_window_open_midlines);
}

void
_vs_window_install_midline_actions (VsWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.midlines", "s", midlines_action);
  gtk_widget_class_install_action (widget_class, "win.midline-undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.midline-redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "win.midline-save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.midline-open", NULL, open_action);
  /* Ctrl+Z and Shift+Ctrl+Z are win.edit-undo and -redo (vs-window-labels.c): these, unless
   * labels are being edited. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "win.midline-save", NULL);
}
