/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-window"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "vs-image-writer.h"
#include "vs-settings.h"
#include "vs-layer-row.h"
#include "vs-slice-view.h"
#include "vs-surface-row.h"
#include "vs-surface-view.h"
#include "vs-midline-panel.h"
#include "vs-voxel-inspector.h"
#include "vs-label-editor.h"
#include "vs-window-private.h"

/* The main window: volume layers and surfaces on the left; on the right a 2×2 grid (sagittal,
 * coronal and axial slices and the 3D view), a 1×3 row of slices, or the focused view alone; a
 * status bar (its text: vs-window-status.c); errors in a bar on top. */

G_DEFINE_FINAL_TYPE (VsWindow, vs_window, GTK_TYPE_APPLICATION_WINDOW)

static void
vs_window_dispose (GObject *object)
{
  VsWindow *self = VS_WINDOW (object);

  for (guint i = 0; i < 4; i++)
    g_clear_object (&self->view_frames[i]);
  g_clear_weak_pointer (&self->picked_layer);
  g_clear_object (&self->scene);
  g_clear_object (&self->recent_menu);
  g_clear_object (&self->recovery_volume);
  g_clear_pointer (&self->label_editor, vs_label_editor_free);
  g_clear_object (&self->edited_layer);
  g_clear_object (&self->label_recovery_volume);
  g_clear_pointer (&self->layout, g_free);
  G_OBJECT_CLASS (vs_window_parent_class)->dispose (object);
}

static void
on_cursor_for_inspector (VsWindow *self)
{
  double cursor[3];

  if (!gtk_widget_get_visible (self->inspector))
    return;
  vs_scene_get_cursor (self->scene, cursor);
  vs_voxel_inspector_set_position (VS_VOXEL_INSPECTOR (self->inspector), cursor);
}

static void
on_vertex_picked (VsSurfaceView *view, VsSurfaceLayer *layer, guint vertex, VsWindow *self)
{
  const float *p = vs_surface_get_positions (vs_surface_layer_get_surface (layer),
                                             vs_surface_layer_get_geometry (layer));

  g_set_weak_pointer (&self->picked_layer, layer);
  self->picked_vertex = vertex;
  for (int a = 0; a < 3; a++)
    self->picked_xyz[a] = p[3 * vertex + a];
  _vs_window_update_status (self);
  vs_voxel_inspector_set_vertex (VS_VOXEL_INSPECTOR (self->inspector), layer, vertex);
}

static void
on_focus_view (GtkEventControllerFocus *controller,
               VsWindow                *self)
{
  GtkWidget *view = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  for (guint i = 0; i < 4; i++)
    if (self->views[i] == view)
      self->focused_index = i;
  if (VS_IS_SLICE_VIEW (view))
    self->focused_axis = vs_slice_view_get_axis (VS_SLICE_VIEW (view));
}

static void
place (VsWindow *self, guint index, int column, int row, int width, int height)
{
  gtk_grid_attach (GTK_GRID (self->view_grid), self->view_frames[index], column, row, width,
                   height);
}

void
vs_window_set_layout (VsWindow   *self,
                      const char *layout)
{
  g_return_if_fail (VS_IS_WINDOW (self));

  for (guint i = 0; i < 4; i++)
    if (gtk_widget_get_parent (self->view_frames[i]) != NULL)
      gtk_grid_remove (GTK_GRID (self->view_grid), self->view_frames[i]);

  if (g_strcmp0 (layout, "row") == 0)
    {
      place (self, 0, 0, 0, 1, 1);
      place (self, 1, 1, 0, 1, 1);
      place (self, 2, 2, 0, 1, 1);
    }
  else if (g_strcmp0 (layout, "single") == 0)
    place (self, self->focused_index, 0, 0, 1, 1);
  else
    {
      layout = "grid";
      place (self, 0, 0, 0, 1, 1);
      place (self, 1, 1, 0, 1, 1);
      place (self, 2, 0, 1, 1, 1);
      place (self, 3, 1, 1, 1, 1);
    }
  g_free (self->layout);
  self->layout = g_strdup (layout);
}

static void
layout_changed (GSimpleAction *action,
                GVariant      *state,
                gpointer       user_data)
{
  vs_window_set_layout (VS_WINDOW (user_data), g_variant_get_string (state, NULL));
  g_simple_action_set_state (action, state);
}

static void
radiological_changed (GSimpleAction *action,
                      GVariant      *state,
                      gpointer       user_data)
{
  VsWindow *self = user_data;

  vs_scene_set_radiological (self->scene, g_variant_get_boolean (state));
  g_simple_action_set_state (action, state);
}

static void
reset_views (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  VsWindow *self = user_data;

  for (guint i = 0; i < 4; i++)
    vs_slice_view_reset_camera (VS_SLICE_VIEW (self->views[i]));
}

static void
on_export_response (GtkNativeDialog *dialog,
                    int              response,
                    gpointer         user_data)
{
  VsWindow *self = user_data;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;
  GtkWidget *view;

  if (response != GTK_RESPONSE_ACCEPT)
    goto out;
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  path = g_file_get_path (file);
  if (!g_str_has_suffix (path, ".png"))
    {
      char *with_suffix = g_strconcat (path, ".png", NULL);
      g_free (path);
      path = with_suffix;
    }
  /* The last slice view that had the focus. */
  view = self->views[2 - self->focused_axis];
  surface = vs_slice_view_capture (VS_SLICE_VIEW (view), &error);
  if (surface == NULL || !vs_image_writer_write_png (surface, path, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not export the view: %s"),
                                                  error->message);
      vs_window_show_error (self, message);
    }
  g_clear_pointer (&surface, cairo_surface_destroy);
out:
  g_object_unref (dialog);
}

typedef struct {
  VsWindow           *window;
  char               *suffix;
  VsWindowFileAction  action;
} FileChoice;

static void
on_file_chosen (GtkNativeDialog *chooser, int response, FileChoice *choice)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;
      if (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)) == GTK_FILE_CHOOSER_ACTION_SAVE &&
          choice->suffix != NULL && !g_str_has_suffix (path, choice->suffix))
        {
          char *with_suffix = g_strconcat (path, choice->suffix, NULL);
          g_free (path);
          path = with_suffix;
        }
      if (path != NULL && !choice->action (choice->window, path, &error))
        vs_window_show_error (choice->window, error->message);
    }
  g_object_unref (choice->window);
  g_free (choice->suffix);
  g_free (choice);
  g_object_unref (chooser);
}

/* A file chooser that hands the chosen path to @action and shows its error: for opening, or
 * with @save_as (the suggested name) for saving, where @suffix is added when missing. */
void
_vs_window_choose_file (VsWindow           *self,
                        const char         *title,
                        const char         *save_as,
                        const char         *filter_name,
                        const char         *suffix,
                        VsWindowFileAction  action)
{
  GtkFileChooserNative *chooser;
  FileChoice *choice = g_new0 (FileChoice, 1);

  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self),
                                         save_as != NULL ? GTK_FILE_CHOOSER_ACTION_SAVE
                                                         : GTK_FILE_CHOOSER_ACTION_OPEN,
                                         save_as != NULL ? _("_Save") : _("_Open"),
                                         _("_Cancel"));
  if (filter_name != NULL && suffix != NULL)
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
      g_autofree char *pattern = g_strconcat ("*", suffix, NULL);
      gtk_file_filter_set_name (filter, filter_name);
      gtk_file_filter_add_pattern (filter, pattern);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
    }
  if (save_as != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), save_as);
  choice->window = g_object_ref (self);
  choice->suffix = g_strdup (suffix);
  choice->action = action;
  g_signal_connect (chooser, "response", G_CALLBACK (on_file_chosen), choice);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
export_view (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  VsWindow *self = user_data;
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (vs_scene_get_n_layers (self->scene) == 0)
    {
      vs_window_show_error (self, _("Nothing to export: open a volume first"));
      return;
    }
  dialog = gtk_file_chooser_native_new (_("Export View as PNG"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("PNG images"));
  gtk_file_filter_add_pattern (filter, "*.png");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), "view.png");
  g_signal_connect (dialog, "response", G_CALLBACK (on_export_response), self);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
on_frames_changed (VsWindow *self)
{
  gint64 n = vs_scene_get_n_frames (self->scene);

  gtk_widget_set_visible (self->frame_box, n > 1);
  if (n > 1)
    gtk_range_set_range (GTK_RANGE (self->frame_scale), 0, (double) (n - 1));
}

void
_vs_window_on_layers_changed (GListModel *model, guint position, guint removed, guint added,
                   VsWindow *self)
{
  gboolean empty = vs_scene_get_n_layers (self->scene) == 0 &&
                   g_list_model_get_n_items (vs_scene_get_surfaces (self->scene)) == 0;

  gtk_stack_set_visible_child (GTK_STACK (self->view_stack),
                               empty ? self->empty_page : self->view_grid);
  on_frames_changed (self);
  _vs_window_update_status (self);
}

static void
on_frame_scale_changed (GtkRange *range, VsWindow *self)
{
  vs_scene_set_frame (self->scene, (gint64) lround (gtk_range_get_value (range)));
}

/* The preferences for what is opened from now on: colormaps and interpolation of new layers. */
static void
apply_settings (VsWindow *self)
{
  GSettings *settings = vs_settings_get ();
  g_autofree char *base = NULL, *overlay = NULL;
  VsColormap base_map = VS_COLORMAP_GREY, overlay_map = VS_COLORMAP_HOT;

  if (settings == NULL)
    return;
  base = g_settings_get_string (settings, "base-colormap");
  overlay = g_settings_get_string (settings, "overlay-colormap");
  vs_colormap_from_name (base, &base_map);
  vs_colormap_from_name (overlay, &overlay_map);
  vs_scene_set_layer_defaults (self->scene, base_map, overlay_map,
                               g_settings_get_boolean (settings, "interpolate"));
}

static void
on_error_response (GtkInfoBar *bar, int response, VsWindow *self)
{
  gtk_info_bar_set_revealed (bar, FALSE);
}

static GtkWidget *
build_header (VsWindow *self)
{
  GtkWidget *header = gtk_header_bar_new ();
  GtkWidget *open = gtk_button_new_with_mnemonic (_("_Open"));
  GtkWidget *export = gtk_button_new_from_icon_name ("document-save-as-symbolic");
  GtkWidget *menu_button = gtk_menu_button_new ();
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) layout = g_menu_new ();
  g_autoptr(GMenu) scene = g_menu_new ();
  g_autoptr(GMenu) view = g_menu_new ();
  g_autoptr(GMenu) app = g_menu_new ();
  g_autoptr(GMenu) analysis = g_menu_new ();
  g_autoptr(GMenu) models = g_menu_new ();
  g_autoptr(GMenu) symmetry = g_menu_new ();
  g_autoptr(GMenu) attention = g_menu_new ();
  g_autoptr(GMenu) instances = g_menu_new ();
  g_autoptr(GMenu) analyses = g_menu_new ();   /* a submenu each */

  gtk_actionable_set_action_name (GTK_ACTIONABLE (open), "win.open");
  gtk_widget_set_tooltip_text (open, _("Open volumes (Ctrl+O)"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (export), "win.export");
  gtk_widget_set_tooltip_text (export, _("Export the focused view as PNG (Ctrl+E)"));

  self->recent_menu = g_menu_new ();
  g_menu_append (menu, _("Open _Zarr Array…"), "win.open-folder");
  g_menu_append_submenu (menu, _("Open _Recent"), G_MENU_MODEL (self->recent_menu));
  g_menu_append (scene, _("Open _Scene…"), "win.scene-open");
  g_menu_append (scene, _("Save Scene _As…"), "win.scene-save");
  g_menu_append (scene, _("Export _Figure…"), "win.export-figure");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (scene));
  g_menu_append (layout, _("2 × 2 Grid"), "win.layout::grid");
  g_menu_append (layout, _("1 × 3 Row"), "win.layout::row");
  g_menu_append (layout, _("Single View"), "win.layout::single");
  g_menu_append_section (menu, _("Layout"), G_MENU_MODEL (layout));
  g_menu_append (view, _("_Radiological Convention"), "win.radiological");
  g_menu_append (view, _("Reset _Zoom"), "win.reset-views");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (view));
  g_menu_append (analysis, _("_Surface from Volume…"), "win.isosurface");
  g_menu_append (analysis, _("_Project Volume onto Surface…"), "win.project");
  g_menu_append_submenu (analyses, _("Surfaces"), G_MENU_MODEL (analysis));
  g_menu_append (models, _("_Encoding Model…"), "win.encoding");
  g_menu_append (models, _("Category _Selectivity…"), "win.selectivity");
  g_menu_append_submenu (analyses, _("Voxel Selectivity"), G_MENU_MODEL (models));
  g_menu_append (symmetry, _("_Midlines on Axial Slices"), "win.midlines::axial");
  g_menu_append (symmetry, _("Midlines on _Coronal Slices"), "win.midlines::coronal");
  g_menu_append (symmetry, _("_Open Midlines…"), "win.midline-open");
  g_menu_append (symmetry, _("Save Midlines _As…"), "win.midline-save");
  g_menu_append_submenu (analyses, _("Symmetry"), G_MENU_MODEL (symmetry));
  g_menu_append (attention, _("_Attention…"), "win.attention");
  g_menu_append (attention, _("_Import Attention Maps…"), "win.attention-import");
  g_menu_append (attention, _("E_xport Image with Attention…"), "win.attention-export");
  g_menu_append (attention, _("Export _Top Images × Regions…"), "win.attention-montage");
  g_menu_append_submenu (analyses, _("Attention"), G_MENU_MODEL (attention));
  g_menu_append (instances, _("_Segment Instances…"), "win.instances-segment");
  g_menu_append (instances, _("_List Instances of the Top Label Layer"), "win.instances-list");
  g_menu_append (instances, _("_Evaluate Against Ground Truth…"), "win.instances-evaluate");
  g_menu_append (instances, _("E_dit Labels of the Top Label Layer"), "win.labels-edit");
  g_menu_append_submenu (analyses, _("Neuron Instances"), G_MENU_MODEL (instances));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (analyses));
  g_menu_append (app, _("_Preferences"), "app.preferences");
  g_menu_append (app, _("_Keyboard Shortcuts"), "app.shortcuts");
  g_menu_append (app, _("_About Voxelscope"), "app.about");
  g_menu_append (app, _("_Quit"), "app.quit");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (app));
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (menu_button), G_MENU_MODEL (menu));
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "open-menu-symbolic");
  gtk_widget_set_tooltip_text (menu_button, _("Main menu"));

  gtk_header_bar_pack_start (GTK_HEADER_BAR (header), open);
  gtk_header_bar_pack_end (GTK_HEADER_BAR (header), menu_button);
  gtk_header_bar_pack_end (GTK_HEADER_BAR (header), export);
  return header;
}

static void
on_preset_selected (GtkDropDown *dropdown, GParamSpec *pspec, VsWindow *self)
{
  vs_surface_view_set_preset (VS_SURFACE_VIEW (self->views[3]),
                              vs_orbit_camera_presets[gtk_drop_down_get_selected (dropdown)]);
}

static void
on_volume_mode_selected (GtkDropDown *dropdown, GParamSpec *pspec, VsWindow *self)
{
  /* Auto, off, MIP, composite, isosurface */
  vs_surface_view_set_volume_mode (VS_SURFACE_VIEW (self->views[3]),
                                   (int) gtk_drop_down_get_selected (dropdown) - 2);
}

static void
on_clip_selected (GtkDropDown *dropdown, GParamSpec *pspec, VsWindow *self)
{
  vs_surface_view_set_clip (VS_SURFACE_VIEW (self->views[3]),
                            (int) gtk_drop_down_get_selected (dropdown) - 1);
}

static void
on_planes_toggled (GtkCheckButton *check, VsWindow *self)
{
  vs_surface_view_set_show_planes (VS_SURFACE_VIEW (self->views[3]),
                                   gtk_check_button_get_active (check));
}

static void
on_gap_changed (GtkSpinButton *spin, VsWindow *self)
{
  vs_scene_set_hemisphere_gap (self->scene, gtk_spin_button_get_value (spin));
}

/* The 3D view under a small bar: camera preset and the gap between hemispheres. */
static GtkWidget *
build_3d_pane (VsWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *preset = gtk_drop_down_new_from_strings ((const char *const *) vs_orbit_camera_presets);
  GtkWidget *gap = gtk_spin_button_new_with_range (0, 200, 5);
  GtkWidget *gap_label = gtk_label_new (_("Gap"));
  GtkWidget *planes;
  GtkWidget *clip = gtk_drop_down_new_from_strings ((const char *[]) {
    C_("clip", "No clip"), _("Clip x > cursor"), _("Clip x < cursor"), _("Clip y > cursor"),
    _("Clip y < cursor"), _("Clip z > cursor"), _("Clip z < cursor"), NULL });
  GtkWidget *volume_mode = gtk_drop_down_new_from_strings ((const char *[]) {
    C_("volume rendering", "Auto"), C_("volume rendering", "Off"), _("MIP"), _("Composite"),
    _("Isosurface"), NULL });

  gtk_widget_set_tooltip_text (preset, _("Camera"));
  gtk_widget_set_tooltip_text (gap, _("Distance between the hemispheres, mm"));
  g_signal_connect (preset, "notify::selected", G_CALLBACK (on_preset_selected), self);
  g_signal_connect (gap, "value-changed", G_CALLBACK (on_gap_changed), self);
  gtk_widget_add_css_class (gap_label, "dim-label");
  gtk_widget_set_margin_start (bar, 4);
  gtk_widget_set_margin_top (bar, 2);
  gtk_widget_set_margin_bottom (bar, 2);
  gtk_widget_set_tooltip_text (volume_mode, _("Volume rendering of the bottom volume layer "
                                              "(Auto: MIP until a surface is open)"));
  g_signal_connect (volume_mode, "notify::selected", G_CALLBACK (on_volume_mode_selected), self);
  planes = gtk_check_button_new_with_label (_("Planes"));
  gtk_widget_set_tooltip_text (planes, _("Show the three slices through the cursor in 3D"));
  g_signal_connect (planes, "toggled", G_CALLBACK (on_planes_toggled), self);
  gtk_box_append (GTK_BOX (bar), preset);
  gtk_box_append (GTK_BOX (bar), volume_mode);
  gtk_box_append (GTK_BOX (bar), planes);
  gtk_widget_set_tooltip_text (clip, _("Cut the volume rendering away beyond the cursor"));
  g_signal_connect (clip, "notify::selected", G_CALLBACK (on_clip_selected), self);
  gtk_box_append (GTK_BOX (bar), clip);
  gtk_box_append (GTK_BOX (bar), gap_label);
  gtk_box_append (GTK_BOX (bar), gap);
  /* The bar may be wider than a quarter of the window: let it scroll rather than widen the grid. */
  {
    GtkWidget *scroller = gtk_scrolled_window_new ();
    gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_EXTERNAL,
                                    GTK_POLICY_NEVER);
    gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), bar);
    gtk_box_append (GTK_BOX (box), scroller);
  }
  gtk_box_append (GTK_BOX (box), self->views[3]);
  return box;
}

static GtkWidget *
build_views (VsWindow *self)
{
  static const VsSliceAxis axes[4] = {
    VS_SLICE_AXIS_SAGITTAL, VS_SLICE_AXIS_CORONAL, VS_SLICE_AXIS_AXIAL, VS_SLICE_AXIS_AXIAL
  };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *frame_label = gtk_label_new (_("Frame"));

  self->view_stack = gtk_stack_new ();
  gtk_widget_set_vexpand (self->view_stack, TRUE);
  gtk_widget_set_hexpand (self->view_stack, TRUE);
  self->view_grid = gtk_grid_new ();
  gtk_grid_set_row_homogeneous (GTK_GRID (self->view_grid), TRUE);
  gtk_grid_set_column_homogeneous (GTK_GRID (self->view_grid), TRUE);
  gtk_grid_set_row_spacing (GTK_GRID (self->view_grid), 2);
  gtk_grid_set_column_spacing (GTK_GRID (self->view_grid), 2);
  for (guint i = 0; i < 4; i++)
    {
      GtkEventController *focus = gtk_event_controller_focus_new ();
      self->views[i] = i < 3 ? vs_slice_view_new (self->scene, axes[i])
                             : vs_surface_view_new (self->scene);
      g_signal_connect (focus, "enter", G_CALLBACK (on_focus_view), self);
      gtk_widget_add_controller (self->views[i], focus);
      /* Held by the window so layouts can take frames out of the grid and put them back. */
      self->view_frames[i] = g_object_ref_sink (gtk_frame_new (NULL));
      gtk_frame_set_child (GTK_FRAME (self->view_frames[i]),
                           i < 3 ? self->views[i] : build_3d_pane (self));
    }
  g_signal_connect (self->views[3], "vertex-picked", G_CALLBACK (on_vertex_picked), self);
  g_signal_connect_swapped (self->views[3], "volume-error", G_CALLBACK (vs_window_show_error),
                            self);
  self->focused_axis = VS_SLICE_AXIS_AXIAL;
  self->focused_index = 2;
  vs_window_set_layout (self, "grid");

  self->empty_page = gtk_label_new (_("Drop NIfTI volumes or surfaces here, or press Open"));
  gtk_widget_add_css_class (self->empty_page, "dim-label");
  gtk_stack_add_child (GTK_STACK (self->view_stack), self->empty_page);
  gtk_stack_add_child (GTK_STACK (self->view_stack), self->view_grid);

  self->frame_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->frame_scale = gtk_scale_new_with_range (GTK_ORIENTATION_HORIZONTAL, 0, 1, 1);
  gtk_scale_set_digits (GTK_SCALE (self->frame_scale), 0);
  gtk_scale_set_draw_value (GTK_SCALE (self->frame_scale), TRUE);
  gtk_widget_set_hexpand (self->frame_scale, TRUE);
  g_signal_connect (self->frame_scale, "value-changed", G_CALLBACK (on_frame_scale_changed), self);
  gtk_widget_set_margin_start (self->frame_box, 8);
  gtk_widget_set_margin_end (self->frame_box, 8);
  gtk_box_append (GTK_BOX (self->frame_box), frame_label);
  gtk_box_append (GTK_BOX (self->frame_box), self->frame_scale);
  gtk_widget_set_visible (self->frame_box, FALSE);

  self->status_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->status_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->status_label), PANGO_ELLIPSIZE_END);
  gtk_label_set_selectable (GTK_LABEL (self->status_label), TRUE);
  gtk_widget_set_margin_start (self->status_label, 8);
  gtk_widget_set_margin_end (self->status_label, 8);
  gtk_widget_set_margin_top (self->status_label, 4);
  gtk_widget_set_margin_bottom (self->status_label, 4);
  gtk_widget_add_css_class (self->status_label, "monospace");

  gtk_box_append (GTK_BOX (box), self->view_stack);
  gtk_box_append (GTK_BOX (box), self->frame_box);
  gtk_box_append (GTK_BOX (box), self->status_label);
  return box;
}

static void
vs_window_init (VsWindow *self)
{
  static const GActionEntry entries[] = {
    { "layout", NULL, "s", "'grid'", layout_changed },
    { "radiological", NULL, NULL, "false", radiological_changed },
    { "reset-views", reset_views },
    { "export", export_view },
  };
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *paned = gtk_paned_new (GTK_ORIENTATION_HORIZONTAL);

  self->scene = vs_scene_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self), entries, G_N_ELEMENTS (entries), self);
  apply_settings (self);
  if (vs_settings_get () != NULL)
    {
      /* The convention is each window's from its start; the other preferences follow. */
      GAction *radiological = g_action_map_lookup_action (G_ACTION_MAP (self), "radiological");
      g_action_change_state (radiological, g_variant_new_boolean (
        g_settings_get_enum (vs_settings_get (), "convention") == 1));
      g_signal_connect_object (vs_settings_get (), "changed", G_CALLBACK (apply_settings), self,
                               G_CONNECT_SWAPPED);
    }

  gtk_window_set_title (GTK_WINDOW (self), "Voxelscope");
  gtk_window_set_default_size (GTK_WINDOW (self), 1280, 800);
  gtk_window_set_titlebar (GTK_WINDOW (self), build_header (self));

  self->error_bar = _vs_window_info_bar_new (GTK_MESSAGE_ERROR, &self->error_label);
  gtk_label_set_selectable (GTK_LABEL (self->error_label), TRUE);
  g_signal_connect (self->error_bar, "response", G_CALLBACK (on_error_response), self);

  gtk_paned_set_start_child (GTK_PANED (paned), _vs_window_build_sidebar (self));
  gtk_paned_set_end_child (GTK_PANED (paned), build_views (self));
  gtk_paned_set_resize_start_child (GTK_PANED (paned), FALSE);
  gtk_paned_set_shrink_start_child (GTK_PANED (paned), FALSE);
  gtk_paned_set_position (GTK_PANED (paned), 320);
  gtk_widget_set_vexpand (paned, TRUE);

  gtk_box_append (GTK_BOX (outer), self->error_bar);
  gtk_box_append (GTK_BOX (outer), _vs_window_build_recovery_bar (self));
  gtk_box_append (GTK_BOX (outer), _vs_window_build_label_recovery_bar (self));
  gtk_box_append (GTK_BOX (outer), paned);
  gtk_window_set_child (GTK_WINDOW (self), outer);

  g_signal_connect_object (self->scene, "cursor-changed", G_CALLBACK (_vs_window_update_status), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->scene, "cursor-changed", G_CALLBACK (on_cursor_for_inspector),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->scene, "notify::frame", G_CALLBACK (_vs_window_update_status), self,
                           G_CONNECT_SWAPPED);
  /* A layer turned into channels together, or back, changes the number of frames. */
  g_signal_connect_object (self->scene, "changed", G_CALLBACK (on_frames_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (vs_scene_get_layers (self->scene), "items-changed",
                           G_CALLBACK (_vs_window_on_layers_changed), self, 0);
  _vs_window_on_layers_changed (vs_scene_get_layers (self->scene), 0, 0, 0, self);
  _vs_window_init_open (self);
}

static void
vs_window_class_init (VsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vs_window_dispose;
  _vs_window_install_open_actions (klass);
  _vs_window_install_analysis_actions (klass);
  _vs_window_install_model_actions (klass);
  _vs_window_install_midline_actions (klass);
  _vs_window_install_scene_actions (klass);
  _vs_window_install_figure_actions (klass);
  _vs_window_install_attention_actions (klass);
  _vs_window_install_instance_actions (klass);
  _vs_window_install_label_actions (klass);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export",
                                       NULL);
}

VsWindow *
vs_window_new (GtkApplication *application)
{
  return g_object_new (VS_TYPE_WINDOW, "application", application, NULL);
}

/* The slice view showing @axis. */
GtkWidget *
_vs_window_slice_view_for (VsWindow    *self,
                           VsSliceAxis  axis)
{
  for (guint i = 0; i < 3; i++)
    if (vs_slice_view_get_axis (VS_SLICE_VIEW (self->views[i])) == axis)
      return self->views[i];
  g_return_val_if_reached (NULL);
}

VsScene *
vs_window_get_scene (VsWindow *self)
{
  g_return_val_if_fail (VS_IS_WINDOW (self), NULL);
  return self->scene;
}

void
vs_window_show_error (VsWindow   *self,
                      const char *message)
{
  g_return_if_fail (VS_IS_WINDOW (self));
  gtk_label_set_text (GTK_LABEL (self->error_label), message);
  gtk_info_bar_set_revealed (GTK_INFO_BAR (self->error_bar), TRUE);
  g_message ("%s", message);
}

/* The shown error, or NULL. */
/* Hides the error bar, e.g. once the user has fixed what it named. */
void
vs_window_dismiss_error (VsWindow *self)
{
  g_return_if_fail (VS_IS_WINDOW (self));
  gtk_info_bar_set_revealed (GTK_INFO_BAR (self->error_bar), FALSE);
}

const char *
vs_window_get_error_text (VsWindow *self)
{
  g_return_val_if_fail (VS_IS_WINDOW (self), NULL);
  return _vs_window_info_bar_get_text (self->error_bar, self->error_label);
}

/* A hidden bar for the top of the window, with a close button and a wrapping @label. */
GtkWidget *
_vs_window_info_bar_new (GtkMessageType   type,
                         GtkWidget      **label)
{
  GtkWidget *bar = gtk_info_bar_new ();

  gtk_info_bar_set_message_type (GTK_INFO_BAR (bar), type);
  gtk_info_bar_set_show_close_button (GTK_INFO_BAR (bar), TRUE);
  gtk_info_bar_set_revealed (GTK_INFO_BAR (bar), FALSE);
  *label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (*label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (*label), 0);
  gtk_widget_set_hexpand (*label, TRUE);
  gtk_info_bar_add_child (GTK_INFO_BAR (bar), *label);
  return bar;
}

/* What @bar says while it is shown, or NULL. */
const char *
_vs_window_info_bar_get_text (GtkWidget *bar,
                              GtkWidget *label)
{
  if (!gtk_info_bar_get_revealed (GTK_INFO_BAR (bar)))
    return NULL;
  return gtk_label_get_text (GTK_LABEL (label));
}

GtkWidget *
vs_window_get_attention_panel (VsWindow *self)
{
  g_return_val_if_fail (VS_IS_WINDOW (self), NULL);
  return self->attention_panel;
}

GtkWidget *
vs_window_get_midline_panel (VsWindow *self)
{
  g_return_val_if_fail (VS_IS_WINDOW (self), NULL);
  return self->midline_panel;
}

GtkWidget *
vs_window_get_inspector (VsWindow *self)
{
  g_return_val_if_fail (VS_IS_WINDOW (self), NULL);
  return self->inspector;
}

GtkWidget *
vs_window_get_slice_view (VsWindow *self,
                          guint     index)
{
  g_return_val_if_fail (VS_IS_WINDOW (self), NULL);
  g_return_val_if_fail (index < 4, NULL);
  return self->views[index];
}

guint
vs_window_get_n_loading (VsWindow *self)
{
  g_return_val_if_fail (VS_IS_WINDOW (self), 0);
  return self->n_loading;
}
