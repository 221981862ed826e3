/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-window-analysis"

#include "config.h"

#include <glib/gi18n.h>

#include "vs-isosurface.h"
#include "vs-surface-projection.h"
#include "vs-window-private.h"

/* Surface analyses started from the window: a surface from a volume (isosurface) and a volume
 * projected onto a surface.  Each asks its few options in a dialog, runs as a VsJob with a progress row and
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

JobContext *
_vs_window_job_context_new (VsWindow *window, VsSurfaceLayer *target, VsJob *job)
{
  JobContext *context = g_new0 (JobContext, 1);

  g_set_weak_pointer (&context->window, window);
  g_set_weak_pointer (&context->target, target);
  context->row = _vs_window_add_job_row (window, job);
  return context;
}

gboolean
_vs_window_job_context_finish (JobContext *context, GError *error)
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

  if (_vs_window_job_context_finish (context, error))
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

  if (_vs_window_job_context_finish (context, error) && target != NULL)
    vs_surface_layer_add_overlay (target, data);
  g_clear_weak_pointer (&context->target);
  g_free (context);
}

/* The dialogs: a grid of labelled controls in a GtkDialog. */

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
void
_vs_window_file_row (GtkWidget *dialog, GtkWidget *grid, int row, const char *label, const char *key,
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
  _vs_window_grid_row (grid, row, label, box);
  g_object_set_data (G_OBJECT (dialog), key, entry);
}

char *
_vs_window_entry_path (GtkDialog *dialog, const char *key)
{
  GtkWidget *entry = g_object_get_data (G_OBJECT (dialog), key);
  const char *text = entry != NULL ? gtk_editable_get_text (GTK_EDITABLE (entry)) : "";
  return *text != '\0' ? g_strdup (text) : NULL;
}


GtkWidget *
_vs_window_dialog_new (VsWindow *self, const char *title, const char *action, GtkWidget **grid)
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

void
_vs_window_grid_row (GtkWidget *grid, int row, const char *label, GtkWidget *control)
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
      vs_job_run_async (job, on_isosurface_done, _vs_window_job_context_new (self, NULL, job));
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
  dialog = _vs_window_dialog_new (self, _("Surface from Volume"), _("_Make Surface"), &grid);
  volume_choice = names_dropdown (layers, layer_name);
  threshold = gtk_spin_button_new_with_range (-1e9, 1e9, 1);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (threshold), 2);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (threshold),
                             0.5 * (vs_layer_get_display_min (top) + vs_layer_get_display_max (top)));
  smoothing = gtk_spin_button_new_with_range (0, 20, 0.5);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (smoothing), 1);
  _vs_window_grid_row (grid, 0, _("Volume"), volume_choice);
  _vs_window_grid_row (grid, 1, _("Threshold"), threshold);
  _vs_window_grid_row (grid, 2, _("Smoothing (mm)"), smoothing);
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
      vs_job_run_async (job, on_projection_done, _vs_window_job_context_new (self, target, job));
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
  dialog = _vs_window_dialog_new (self, _("Project Volume onto Surface"), _("_Project"), &grid);
  volume_choice = names_dropdown (layers, layer_name);
  surface_choice = names_dropdown (surfaces, surface_name);
  sampling = gtk_drop_down_new_from_strings ((const char *[]) { _("Trilinear"), _("Nearest"),
                                                                NULL });
  depth = gtk_drop_down_new_from_strings ((const char *[]) {
    _("At the shown geometry"), _("Mean from white to pial"), _("Maximum from white to pial"),
    NULL });
  gtk_widget_set_tooltip_text (depth, _("White-to-pial sampling needs both lh.white and lh.pial "
                                        "opened (they become geometries of one surface)"));
  _vs_window_grid_row (grid, 0, _("Volume"), volume_choice);
  _vs_window_grid_row (grid, 1, _("Surface"), surface_choice);
  _vs_window_grid_row (grid, 2, _("Sampling"), sampling);
  _vs_window_grid_row (grid, 3, _("Depth"), depth);
  g_object_set_data (G_OBJECT (dialog), "volume", volume_choice);
  g_object_set_data (G_OBJECT (dialog), "surface", surface_choice);
  g_object_set_data (G_OBJECT (dialog), "sampling", sampling);
  g_object_set_data (G_OBJECT (dialog), "depth", depth);
  g_signal_connect (dialog, "response", G_CALLBACK (on_projection_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_vs_window_install_analysis_actions (VsWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);


  gtk_widget_class_install_action (widget_class, "win.isosurface", NULL, isosurface_action);
  gtk_widget_class_install_action (widget_class, "win.project", NULL, projection_action);
}
