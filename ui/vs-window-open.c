/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-window-open"

#include "config.h"

#include <glib/gi18n.h>

#include "vs-instance-colors.h"
#include "vs-job.h"
#include "vs-surface-loader.h"
#include "vs-volume-loader.h"
#include "vs-volume-stats.h"
#include "vs-image-reader.h"
#include "vs-window-private.h"
#include "vs-zarr-reader.h"

/* Opening files: the Open dialog, drag and drop, recent files, the command line and the demo all
 * end in open_path(), which loads in a VsJob with a progress bar and a cancel button.  A file is
 * a volume (NIfTI), a surface (GIFTI, FreeSurfer) or per-vertex data (curv, thickness, .annot,
 * .label, GIFTI shape/func/label), which goes on the newest surface with as many vertices.  Loads
 * may finish in any order, but are applied in the order the files were asked for.  Each new
 * volume layer's histogram and robust range is then computed in a second job. */

typedef struct {
  char *path;
  char *labels;
} LoadInput;

typedef struct {
  VsVolume     *volume;
  VsSurface    *surface;
  VsVertexData *curvature;
  VsVertexData *data;
} LoadResult;

typedef struct {
  VsWindow *window;   /* weak pointer: the window may close while a load runs */
  VsJob    *job;
  GtkWidget *row;
  LoadResult *result;
  GError   *error;
  gboolean  done;
  double    opacity;
  gboolean  demo_atlas;  /* starts the demo's selectivity analyses once shown */
} PendingLoad;

static GQueue pending_loads = G_QUEUE_INIT;

static void
load_input_free (gpointer data)
{
  LoadInput *input = data;
  g_free (input->path);
  g_free (input->labels);
  g_free (input);
}

static void
load_result_free (gpointer data)
{
  LoadResult *result = data;
  if (result == NULL)
    return;
  g_clear_object (&result->volume);
  g_clear_object (&result->surface);
  g_clear_object (&result->curvature);
  g_clear_object (&result->data);
  g_free (result);
}

static gboolean
is_volume_path (const char *path)
{
  static const char *suffixes[] = { ".nii", ".nii.gz", ".hdr", ".img", ".hdr.gz", ".img.gz" };
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    if (g_str_has_suffix (path, suffixes[i]))
      return TRUE;
  return vs_zarr_is_array_or_group (path);
}

/* 2D images (PNG, JPEG) open as one-slice volumes, e.g. Symbrain's slices for midlines. */
static gboolean
is_image_path (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);
  return g_str_has_suffix (lower, ".png") || g_str_has_suffix (lower, ".jpg") ||
         g_str_has_suffix (lower, ".jpeg");
}

static gboolean
is_vertex_data_path (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  return g_str_has_suffix (path, ".gii") || g_str_has_suffix (path, ".annot") ||
         g_str_has_suffix (path, ".label") || g_str_has_prefix (base, "lh.") ||
         g_str_has_prefix (base, "rh.");
}

static gpointer
load_file_job (gpointer input_data, VsProgress *progress, GCancellable *cancellable,
               GError **error)
{
  LoadInput *input = input_data;
  LoadResult *result = g_new0 (LoadResult, 1);

  if (is_image_path (input->path))
    result->volume = vs_image_read_upright (input->path, error);
  else if (!is_volume_path (input->path) && vs_file_is_surface (input->path))
    {
      result->surface = vs_surface_load (input->path, error);
      if (result->surface != NULL)
        result->curvature = vs_surface_load_curvature (result->surface);
    }
  else if (!is_volume_path (input->path) && is_vertex_data_path (input->path))
    result->data = vs_vertex_data_load (input->path, 0, error);
  else
    result->volume = vs_volume_load (input->path, input->labels, progress, cancellable, error);

  if (result->volume == NULL && result->surface == NULL && result->data == NULL)
    {
      load_result_free (result);
      return NULL;
    }
  return result;
}

static void
apply_surface_result (VsWindow *window, LoadResult *result)
{
  if (result->surface != NULL)
    {
      VsSurfaceLayer *layer = vs_scene_add_surface (window->scene, result->surface);
      if (result->curvature != NULL && vs_surface_layer_get_curvature (layer) == NULL)
        vs_surface_layer_set_curvature (layer, result->curvature);
    }
  else if (result->data != NULL)
    {
      guint n = vs_vertex_data_get_n_vertices (result->data);
      VsSurfaceLayer *layer = vs_scene_find_surface_for_data (window->scene, n);
      if (layer == NULL)
        {
          g_autofree char *message =
            g_strdup_printf (_("Could not show %s: it has values for %u vertices and no open "
                               "surface has that many; open its surface first"),
                             vs_vertex_data_get_name (result->data), n);
          vs_window_show_error (window, message);
          return;
        }
      vs_surface_layer_add_overlay (layer, result->data);
    }
}

/* A volume's histogram and, for instances (a label volume with no colours of its own), colours
 * that keep touching instances apart. */
typedef struct {
  VsVolume      *volume;
  gboolean       color_instances;
  VsVolumeStats *stats;
  GPtrArray     *channel_stats;   /* VsVolumeStats per channel of a multichannel volume */
  guint8        *colors;
  guint32        n_colors;
} StatsWork;

static void
stats_work_free (StatsWork *work)
{
  g_clear_object (&work->volume);
  g_clear_pointer (&work->stats, vs_volume_stats_free);
  g_clear_pointer (&work->channel_stats, g_ptr_array_unref);
  g_free (work->colors);
  g_free (work);
}

static gpointer
stats_job (gpointer input, VsProgress *progress, GCancellable *cancellable, GError **error)
{
  StatsWork *work = input;

  work->stats = vs_volume_stats_compute (work->volume, 0, progress, cancellable, error);
  if (work->stats == NULL)
    return NULL;
  if (vs_layer_volume_has_channels (work->volume) &&
      (work->channel_stats = vs_layer_compute_channel_stats (work->volume, cancellable,
                                                             error)) == NULL)
    return NULL;
  if (work->color_instances)
    work->colors = vs_instance_colors_compute (work->volume, 0, &work->n_colors, cancellable,
                                               NULL);
  return work;
}

/* A progress row with a cancel button in the sidebar, for any job. */
GtkWidget *
_vs_window_add_job_row (VsWindow *self, VsJob *job)
{
  const char *title = vs_job_get_title (job);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *bar = gtk_progress_bar_new ();
  GtkWidget *cancel = gtk_button_new_from_icon_name ("process-stop-symbolic");

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (cancel, "flat");
  gtk_widget_set_tooltip_text (cancel, _("Cancel"));
  g_signal_connect_object (cancel, "clicked", G_CALLBACK (vs_job_cancel), job, G_CONNECT_SWAPPED);
  g_object_bind_property (vs_job_get_progress (job), "fraction", bar, "fraction",
                          G_BINDING_SYNC_CREATE);
  gtk_box_append (GTK_BOX (line), label);
  gtk_box_append (GTK_BOX (line), cancel);
  gtk_box_append (GTK_BOX (box), line);
  gtk_box_append (GTK_BOX (box), bar);
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (self->jobs_box), box);
  return box;
}

static void
on_stats_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GWeakRef *layer_ref = user_data;
  g_autoptr(VsLayer) layer = g_weak_ref_get (layer_ref);
  g_autoptr(GError) error = NULL;
  StatsWork *work = vs_job_run_finish (VS_JOB (source), result, &error);

  g_weak_ref_clear (layer_ref);
  g_free (layer_ref);
  if (work == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Statistics failed: %s", error->message);
      return;
    }
  if (layer != NULL)
    {
      if (work->colors != NULL)
        vs_layer_set_label_colors (layer, g_steal_pointer (&work->colors), work->n_colors);
      vs_layer_set_stats (layer, g_steal_pointer (&work->stats));
      if (work->channel_stats != NULL)
        vs_layer_set_channel_stats (layer, work->channel_stats);
    }
}

static void
start_stats (VsLayer *layer)
{
  g_autoptr(VsJob) job = NULL;
  GWeakRef *layer_ref = g_new0 (GWeakRef, 1);
  StatsWork *work = g_new0 (StatsWork, 1);

  g_weak_ref_init (layer_ref, layer);
  work->volume = g_object_ref (vs_layer_get_volume (layer));
  work->color_instances = vs_layer_wants_instance_colors (layer);
  job = vs_job_new (_("Histogram"), stats_job, work, (GDestroyNotify) stats_work_free, NULL);
  vs_job_run_async (job, on_stats_done, layer_ref);
}

static void
pending_load_free (PendingLoad *load)
{
  if (load->window != NULL)
    g_object_remove_weak_pointer (G_OBJECT (load->window), (gpointer *) &load->window);
  g_clear_object (&load->job);
  g_clear_pointer (&load->result, load_result_free);
  g_clear_error (&load->error);
  g_free (load);
}

/* Adds finished loads to their windows in request order. */
static void
flush_pending_loads (void)
{
  while (!g_queue_is_empty (&pending_loads))
    {
      PendingLoad *load = g_queue_peek_head (&pending_loads);
      VsWindow *window = load->window;

      if (!load->done)
        break;
      g_queue_pop_head (&pending_loads);
      if (window != NULL)
        {
          if (load->row != NULL && gtk_widget_get_parent (load->row) == window->jobs_box)
            gtk_box_remove (GTK_BOX (window->jobs_box), load->row);
          window->n_loading--;
          if (load->result != NULL && load->result->volume != NULL)
            {
              VsLayer *layer = vs_scene_add_volume (window->scene, load->result->volume);
              g_autofree char *uri = g_filename_to_uri (vs_volume_get_path (load->result->volume),
                                                        NULL, NULL);
              if (load->opacity < 1.0)
                vs_layer_set_opacity (layer, load->opacity);
              start_stats (layer);
              if (load->demo_atlas)
                _vs_window_run_demo_models (window, load->result->volume);
              _vs_window_offer_saved_midlines (window, load->result->volume);
              _vs_window_offer_label_edits (window, load->result->volume);
              if (uri != NULL)
                gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
            }
          else if (load->result != NULL)
            apply_surface_result (window, load->result);
          else if (load->error != NULL &&
                   !g_error_matches (load->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              g_autofree char *message = g_strdup_printf (_("Could not open %s"),
                                                          load->error->message);
              vs_window_show_error (window, message);
            }
        }
      pending_load_free (load);
    }
}

static void
on_load_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  PendingLoad *load = user_data;

  load->result = vs_job_run_finish (VS_JOB (source), result, &load->error);
  load->done = TRUE;
  flush_pending_loads ();
}

static PendingLoad *
open_path (VsWindow *self, const char *path, double opacity)
{
  g_autofree char *display = g_path_get_basename (path);
  g_autofree char *title = g_strdup_printf (_("Loading %s"), display);
  LoadInput *input = g_new0 (LoadInput, 1);
  PendingLoad *load = g_new0 (PendingLoad, 1);

  input->path = g_strdup (path);
  load->window = self;
  g_object_add_weak_pointer (G_OBJECT (self), (gpointer *) &load->window);
  load->opacity = opacity;
  load->job = vs_job_new (title, load_file_job, input, load_input_free, load_result_free);
  load->row = _vs_window_add_job_row (self, load->job);
  self->n_loading++;
  g_queue_push_tail (&pending_loads, load);
  vs_job_run_async (load->job, on_load_done, load);
  return load;
}

void
vs_window_open_files (VsWindow  *self,
                      GFile    **files,
                      int        n_files)
{
  g_return_if_fail (VS_IS_WINDOW (self));

  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *path = g_file_get_path (files[i]);
      if (path == NULL)
        {
          g_autofree char *uri = g_file_get_uri (files[i]);
          g_autofree char *message = g_strdup_printf (_("Could not open %s: only local files "
                                                        "can be opened"), uri);
          vs_window_show_error (self, message);
          continue;
        }
      if (g_str_has_suffix (path, ".vscene"))
        {
          g_autoptr(GError) error = NULL;
          if (!vs_window_open_scene (self, path, &error))
            vs_window_show_error (self, error->message);
          continue;
        }
      open_path (self, path, 1.0);
    }
}

/* Colin27 with the AAL atlas over it, from Debian's mricron-data. */
void
vs_window_open_demo (VsWindow *self)
{
  g_autofree char *base = g_build_filename (DEMO_DATA_DIR, "ch2.nii.gz", NULL);
  g_autofree char *atlas = g_build_filename (DEMO_DATA_DIR, "aal.nii.gz", NULL);

  g_return_if_fail (VS_IS_WINDOW (self));
  if (!g_file_test (base, G_FILE_TEST_IS_REGULAR) || !g_file_test (atlas, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *message =
        g_strdup_printf (_("The demo needs the Colin27 template and the AAL atlas from Debian’s "
                           "mricron-data package, which are not in %s"), DEMO_DATA_DIR);
      vs_window_show_error (self, message);
      return;
    }
  open_path (self, base, 1.0);
  open_path (self, atlas, 0.45)->demo_atlas = TRUE;
}

static void on_open_response (GtkNativeDialog *dialog, int response, gpointer user_data);

/* A Zarr array or group is a folder: FISBe's sample.zarr (its volumes/raw) or one array in it,
 * e.g. volumes/gt_instances. */
static void
open_folder_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  VsWindow *self = VS_WINDOW (widget);
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("Open a Zarr Array or Group"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Open"),
                                        _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_open_response), self);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
on_open_response (GtkNativeDialog *dialog, int response, gpointer user_data)
{
  VsWindow *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      guint n = g_list_model_get_n_items (files);
      g_autoptr(GPtrArray) array = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (array, g_list_model_get_item (files, i));
      vs_window_open_files (self, (GFile **) array->pdata, (int) array->len);
    }
  g_object_unref (dialog);
}

static void
open_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  VsWindow *self = VS_WINDOW (widget);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) nifti = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  dialog = gtk_file_chooser_native_new (_("Open Volumes"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (dialog), TRUE);
  gtk_file_filter_set_name (nifti, _("Volumes and surfaces"));
  for (const char *const *p = (const char *const[]) { "*.nii", "*.nii.gz", "*.hdr", "*.img",
                                                      "*.png", "*.jpg", "*.jpeg", "*.gii", "lh.*", "rh.*", "*.annot",
                                                      "*.label", NULL }; *p; p++)
    gtk_file_filter_add_pattern (nifti, *p);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), nifti);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), all);
  g_signal_connect (dialog, "response", G_CALLBACK (on_open_response), self);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
open_recent_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));
  GFile *files[1] = { file };

  vs_window_open_files (VS_WINDOW (widget), files, 1);
}

static gboolean
is_volume_uri (const char *uri)
{
  return g_str_has_suffix (uri, ".nii") || g_str_has_suffix (uri, ".nii.gz") ||
         is_image_path (uri) ||
         g_str_has_suffix (uri, ".hdr") || g_str_has_suffix (uri, ".img") ||
         g_str_has_suffix (uri, ".gii");
}

void
_vs_window_update_recent_menu (VsWindow *self)
{
  GList *items = gtk_recent_manager_get_items (gtk_recent_manager_get_default ());
  guint added = 0;

  g_menu_remove_all (self->recent_menu);
  for (GList *l = items; l != NULL && added < 10; l = l->next)
    {
      GtkRecentInfo *info = l->data;
      const char *uri = gtk_recent_info_get_uri (info);
      g_autoptr(GMenuItem) item = NULL;

      if (!is_volume_uri (uri) || !gtk_recent_info_exists (info))
        continue;
      item = g_menu_item_new (gtk_recent_info_get_display_name (info), NULL);
      g_menu_item_set_action_and_target_value (item, "win.open-recent", g_variant_new_string (uri));
      g_menu_append_item (self->recent_menu, item);
      added++;
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
}

static gboolean
on_drop (GtkDropTarget *target, const GValue *value, double x, double y, VsWindow *self)
{
  GSList *list = g_value_get_boxed (value);
  g_autoptr(GPtrArray) files = g_ptr_array_new ();

  for (GSList *l = list; l != NULL; l = l->next)
    g_ptr_array_add (files, l->data);
  vs_window_open_files (self, (GFile **) files->pdata, (int) files->len);
  return files->len > 0;
}

void
_vs_window_install_open_actions (VsWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.open-folder", NULL, open_folder_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open",
                                       NULL);
}

void
_vs_window_init_open (VsWindow *self)
{
  GtkDropTarget *drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
  g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                           G_CALLBACK (_vs_window_update_recent_menu), self, G_CONNECT_SWAPPED);
  _vs_window_update_recent_menu (self);
}
