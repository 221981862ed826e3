/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-window-figure"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>

#include "vs-slice-figure.h"
#include "vs-slice-view.h"
#include "vs-surface-view.h"
#include "vs-window-private.h"

/* Main menu → Export Figure… (Ctrl+Shift+E): the focused view, the three slices side by side,
 * the window's four views, a lightbox or a surface panel, as the views show them (same centre and zoom, the crosshair), at a size in pixels or in
 * inches or millimetres at a DPI, with a title, colorbars, a scale bar and the orientation
 * letters, as PNG, PDF or SVG (the format by the file's ending). */

/* The 3D view, as seen, into the bottom right quarter of the grid's slices. */
static gboolean
paste_3d_view (VsWindow *self, cairo_surface_t *slices, GError **error)
{
  int width = cairo_image_surface_get_width (slices);
  int height = cairo_image_surface_get_height (slices);
  cairo_surface_t *view = vs_surface_view_render_image (VS_SURFACE_VIEW (self->views[3]),
                                                        width - width / 2, height - height / 2,
                                                        error);
  cairo_t *cr;

  if (view == NULL)
    return FALSE;
  cr = cairo_create (slices);
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  cairo_set_source_surface (cr, view, width / 2, height / 2);
  cairo_rectangle (cr, width / 2, height / 2, width - width / 2, height - height / 2);
  cairo_fill (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (view);
  return TRUE;
}

gboolean
vs_window_export_figure (VsWindow              *self,
                         const VsFigureExport  *spec,
                         const char            *path,
                         GError               **error)
{
  VsSliceFigureOptions options = { .view = VS_FIGURE_VIEW_AXIAL, .width = spec->width,
                                   .height = spec->height, .show_cursor = TRUE,
                                   .transparent = spec->decorations.transparent };
  VsFigurePane panes[VS_FIGURE_MAX_PANES];
  int n_panes;
  cairo_surface_t *slices;
  gboolean ok;

  g_return_val_if_fail (VS_IS_WINDOW (self), FALSE);
  if (vs_scene_get_n_layers (self->scene) == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Nothing to export: open a volume first"));
      return FALSE;
    }
  if (spec->width < 16 || spec->height < 16 || spec->width > 16384 || spec->height > 16384)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("A figure is 16 to 16384 pixels wide and high; %d × %d was asked for"),
                   spec->width, spec->height);
      return FALSE;
    }
  if (spec->views == VS_FIGURE_EXPORT_SURFACE_PANEL ||
      (spec->views == VS_FIGURE_EXPORT_FOCUSED && self->focused_index == 3))
    {
      VsSurfaceView *view = VS_SURFACE_VIEW (self->views[3]);
      slices = spec->views == VS_FIGURE_EXPORT_SURFACE_PANEL
             ? vs_surface_view_render_panel (view, spec->width, spec->height, error)
             : vs_surface_view_render_image (view, spec->width, spec->height, error);
      if (slices == NULL)
        return FALSE;
      ok = vs_figure_write (slices, self->scene, NULL, 0, &spec->decorations, path, error);
      cairo_surface_destroy (slices);
      return ok;
    }
  options.view = spec->views == VS_FIGURE_EXPORT_SLICES ? VS_FIGURE_VIEW_ORTHO
               : spec->views == VS_FIGURE_EXPORT_GRID ? VS_FIGURE_VIEW_GRID
               : (VsFigureView) self->focused_axis;
  if (spec->views == VS_FIGURE_EXPORT_LIGHTBOX)
    {
      options.view = VS_FIGURE_VIEW_LIGHTBOX;
      options.lightbox_axis = self->focused_axis;
      options.n_slices = spec->lightbox_slices;
      options.spacing = spec->lightbox_spacing;
      options.show_cursor = FALSE;
    }
  /* As the views show them: each view's centre and zoom, rescaled to the figure. */
  for (int a = 0; a < 3; a++)
    {
      const VsSliceCamera *camera =
        vs_slice_view_get_camera (VS_SLICE_VIEW (_vs_window_slice_view_for (self, (VsSliceAxis) a)));
      options.views[a] = camera->width > 0 ? camera : NULL;
    }
  n_panes = vs_slice_figure_get_panes (self->scene, &options, panes);
  slices = vs_slice_view_render_panes (VS_SLICE_VIEW (_vs_window_slice_view_for (self, self->focused_axis)),
                                       panes, n_panes, spec->width, spec->height,
                                       options.show_cursor, options.transparent, error);
  if (slices == NULL)
    return FALSE;
  if (spec->views == VS_FIGURE_EXPORT_GRID && !paste_3d_view (self, slices, error))
    {
      cairo_surface_destroy (slices);
      return FALSE;
    }
  ok = vs_figure_write (slices, self->scene, panes, n_panes, &spec->decorations, path, error);
  cairo_surface_destroy (slices);
  return ok;
}

/* The figure as a picture on the clipboard (PNG-rendered, pasted as an image elsewhere). */
gboolean
vs_window_copy_figure (VsWindow              *self,
                       const VsFigureExport  *spec,
                       GError               **error)
{
  g_autofree char *dir = g_dir_make_tmp ("voxelscope-clipboard-XXXXXX", error);
  g_autofree char *path = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  if (dir == NULL)
    return FALSE;
  path = g_build_filename (dir, "figure.png", NULL);
  if (vs_window_export_figure (self, spec, path, error))
    texture = gdk_texture_new_from_filename (path, error);
  g_unlink (path);
  g_rmdir (dir);
  if (texture == NULL)
    return FALSE;
  gdk_clipboard_set_texture (gtk_widget_get_clipboard (GTK_WIDGET (self)), texture);
  return TRUE;
}

static double
to_pixels (double value, guint unit, double dpi)
{
  return round (unit == 1 ? value * dpi : unit == 2 ? value * dpi / 25.4 : value);
}

#define RESPONSE_COPY 1

static void
on_export_response (GtkDialog *dialog, int response, VsWindow *self)
{
  g_autofree char *path = NULL;
  g_autofree char **chosen = NULL;   /* the strings belong to the check buttons */
  g_autoptr(GError) error = NULL;
  VsFigureExport spec;
  double dpi, w, h;
  guint unit;

  if (response != GTK_RESPONSE_ACCEPT && response != RESPONSE_COPY)
    {
      gtk_window_destroy (GTK_WINDOW (dialog));
      return;
    }
  vs_figure_decorations_init (&spec.decorations);
  path = _vs_window_entry_path (dialog, "path");
  dpi = gtk_spin_button_get_value (g_object_get_data (G_OBJECT (dialog), "dpi"));
  unit = gtk_drop_down_get_selected (g_object_get_data (G_OBJECT (dialog), "unit"));
  w = gtk_spin_button_get_value (g_object_get_data (G_OBJECT (dialog), "width"));
  h = gtk_spin_button_get_value (g_object_get_data (G_OBJECT (dialog), "height"));
  spec.width = (int) to_pixels (w, unit, dpi);
  spec.height = (int) to_pixels (h, unit, dpi);
  spec.views = gtk_drop_down_get_selected (g_object_get_data (G_OBJECT (dialog), "what"));
  spec.lightbox_slices =
    gtk_spin_button_get_value_as_int (g_object_get_data (G_OBJECT (dialog), "slices"));
  spec.lightbox_spacing =
    gtk_spin_button_get_value (g_object_get_data (G_OBJECT (dialog), "spacing"));
  spec.decorations.dpi = dpi;
  spec.decorations.title = gtk_editable_get_text (g_object_get_data (G_OBJECT (dialog), "title"));
  if (*spec.decorations.title == '\0')
    spec.decorations.title = NULL;
  spec.decorations.colorbars =
    gtk_check_button_get_active (g_object_get_data (G_OBJECT (dialog), "colorbars"));
  spec.decorations.scale_bar =
    gtk_check_button_get_active (g_object_get_data (G_OBJECT (dialog), "scale-bar"));
  spec.decorations.letters =
    gtk_check_button_get_active (g_object_get_data (G_OBJECT (dialog), "letters"));
  spec.decorations.transparent =
    gtk_check_button_get_active (g_object_get_data (G_OBJECT (dialog), "transparent"));
  /* Colorbars for the layers ticked in the list. */
  {
    GtkWidget *list = g_object_get_data (G_OBJECT (dialog), "colorbar-layers");
    g_autoptr(GPtrArray) names = g_ptr_array_new ();
    for (GtkWidget *child = gtk_widget_get_first_child (list); child != NULL;
         child = gtk_widget_get_next_sibling (child))
      if (gtk_check_button_get_active (GTK_CHECK_BUTTON (child)))
        g_ptr_array_add (names, (gpointer) gtk_check_button_get_label (GTK_CHECK_BUTTON (child)));
    g_ptr_array_add (names, NULL);
    chosen = (char **) g_ptr_array_free (g_steal_pointer (&names), FALSE);
    spec.decorations.colorbar_layers = (const char *const *) chosen;
    spec.decorations.colorbars = spec.decorations.colorbars && chosen[0] != NULL;
  }
  if (response == RESPONSE_COPY)
    {
      if (!vs_window_copy_figure (self, &spec, &error))
        vs_window_show_error (self, error->message);
      else
        gtk_window_destroy (GTK_WINDOW (dialog));
      return;
    }
  if (path == NULL)
    {
      vs_window_show_error (self, _("Choose where to save the figure (.png, .pdf or .svg)"));
      return;
    }
  if (!g_str_has_suffix (path, ".png") && !g_str_has_suffix (path, ".pdf") &&
      !g_str_has_suffix (path, ".svg"))
    {
      char *with_suffix = g_strconcat (path, ".png", NULL);
      g_free (path);
      path = with_suffix;
    }
  if (!vs_window_export_figure (self, &spec, path, &error))
    {
      vs_window_show_error (self, error->message);
      return;   /* the dialog stays, with what was chosen */
    }
  vs_window_dismiss_error (self);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The lightbox's slices and spacing matter only for a lightbox. */
static void
on_views_chosen (GtkDropDown *what, GParamSpec *pspec, GtkWidget *lightbox)
{
  gtk_widget_set_sensitive (lightbox,
                            gtk_drop_down_get_selected (what) == VS_FIGURE_EXPORT_LIGHTBOX);
}

static GtkWidget *
check (GtkWidget *dialog, const char *key, const char *label, gboolean active)
{
  GtkWidget *button = gtk_check_button_new_with_mnemonic (label);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (button), active);
  g_object_set_data (G_OBJECT (dialog), key, button);
  return button;
}

static void
export_figure_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  VsWindow *self = VS_WINDOW (widget);
  /* In the order of VsFigureExportViews. */
  const char *whats[] = { _("The focused view"), _("Sagittal, coronal and axial side by side"),
                          _("All four views as in the window"),
                          _("A lightbox of slices across the focused view"),
                          _("Each surface from the side and from the midline"), NULL };
  const char *units[] = { _("pixels"), _("inches"), _("mm"), NULL };
  GtkWidget *grid, *dialog, *size, *what, *unit, *width, *height, *dpi, *title, *extras;

  if (vs_scene_get_n_layers (self->scene) == 0)
    {
      vs_window_show_error (self, _("Nothing to export: open a volume first"));
      return;
    }
  dialog = _vs_window_dialog_new (self, _("Export Figure"), _("_Export"), &grid);
  what = gtk_drop_down_new_from_strings (whats);
  g_object_set_data (G_OBJECT (dialog), "what", what);
  _vs_window_grid_row (grid, 0, _("Views"), what);
  {
    GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
    GtkWidget *slices = gtk_spin_button_new_with_range (1, VS_FIGURE_MAX_PANES, 1);
    GtkWidget *spacing = gtk_spin_button_new_with_range (0, 100, 0.5);
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (slices), 12);
    gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spacing), 1);
    gtk_widget_set_tooltip_text (spacing, _("Millimetres between the slices; 0 spreads them over "
                                            "the volume"));
    gtk_box_append (GTK_BOX (box), slices);
    gtk_box_append (GTK_BOX (box), gtk_label_new (_("slices,")));
    gtk_box_append (GTK_BOX (box), spacing);
    gtk_box_append (GTK_BOX (box), gtk_label_new (_("mm apart")));
    g_object_set_data (G_OBJECT (dialog), "slices", slices);
    g_object_set_data (G_OBJECT (dialog), "spacing", spacing);
    _vs_window_grid_row (grid, 6, _("Lightbox"), box);
    gtk_widget_set_sensitive (box, FALSE);
    g_signal_connect_object (what, "notify::selected", G_CALLBACK (on_views_chosen), box, 0);
  }

  size = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  width = gtk_spin_button_new_with_range (0.1, 16384, 1);
  height = gtk_spin_button_new_with_range (0.1, 16384, 1);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (width), 1);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (height), 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (width), 180);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (height), 120);
  unit = gtk_drop_down_new_from_strings (units);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (unit), 2);
  gtk_box_append (GTK_BOX (size), width);
  gtk_box_append (GTK_BOX (size), gtk_label_new ("×"));
  gtk_box_append (GTK_BOX (size), height);
  gtk_box_append (GTK_BOX (size), unit);
  g_object_set_data (G_OBJECT (dialog), "width", width);
  g_object_set_data (G_OBJECT (dialog), "height", height);
  g_object_set_data (G_OBJECT (dialog), "unit", unit);
  _vs_window_grid_row (grid, 1, _("Size"), size);

  dpi = gtk_spin_button_new_with_range (10, 4800, 50);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (dpi), 300);
  g_object_set_data (G_OBJECT (dialog), "dpi", dpi);
  _vs_window_grid_row (grid, 2, _("Dots per inch"), dpi);

  title = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (title), _("(no title)"));
  g_object_set_data (G_OBJECT (dialog), "title", title);
  _vs_window_grid_row (grid, 3, _("Title"), title);

  extras = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_box_append (GTK_BOX (extras), check (dialog, "colorbars", _("_Colorbars"), TRUE));
  gtk_box_append (GTK_BOX (extras), check (dialog, "scale-bar", _("_Scale bar"), TRUE));
  gtk_box_append (GTK_BOX (extras), check (dialog, "letters", _("Orientation _letters"), TRUE));
  gtk_box_append (GTK_BOX (extras), check (dialog, "transparent", _("_Transparent"), FALSE));
  _vs_window_grid_row (grid, 4, _("Show"), extras);

  {
    /* Which scalar layers get a colorbar: the visible ones to begin with. */
    GtkWidget *list = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
    for (guint i = vs_scene_get_n_layers (self->scene); i > 0; i--)
      {
        VsLayer *layer = vs_scene_get_layer (self->scene, i - 1);
        GtkWidget *button;
        if (vs_layer_is_label (layer))
          continue;
        button = gtk_check_button_new_with_label (vs_layer_get_name (layer));
        gtk_check_button_set_active (GTK_CHECK_BUTTON (button), vs_layer_get_visible (layer));
        gtk_box_append (GTK_BOX (list), button);
      }
    g_object_set_data (G_OBJECT (dialog), "colorbar-layers", list);
    _vs_window_grid_row (grid, 7, _("Colorbars for"), list);
  }
  _vs_window_file_row (dialog, grid, 5, _("Save as (.png, .pdf, .svg)"), "path", "figure.pdf");
  gtk_dialog_add_button (GTK_DIALOG (dialog), _("Copy to C_lipboard"), RESPONSE_COPY);
  g_signal_connect (dialog, "response", G_CALLBACK (on_export_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_vs_window_install_figure_actions (VsWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.export-figure", NULL, export_figure_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.export-figure", NULL);
}
