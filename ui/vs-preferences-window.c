/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "vs-preferences-window.h"
#include "vs-settings.h"

/* Preferences: the left–right convention of new windows, the colormaps of the first and of later
 * volumes, interpolation, and how soon an edit is autosaved.  Every control is bound to its
 * GSettings key, so a change applies at once and is remembered. */

struct _VsPreferencesWindow
{
  GtkWindow parent_instance;
};

G_DEFINE_FINAL_TYPE (VsPreferencesWindow, vs_preferences_window, GTK_TYPE_WINDOW)

static const char *const colormaps[] = {
  "grey", "hot", "viridis", "inferno", "magma", "plasma", "cool-warm", NULL
};

/* A drop-down's "selected" ↔ a string key among @user_data (NULL-terminated). */
static gboolean
string_to_selected (GValue *value, GVariant *variant, gpointer user_data)
{
  const char *const *choices = user_data;
  const char *text = g_variant_get_string (variant, NULL);

  for (guint i = 0; choices[i] != NULL; i++)
    if (g_str_equal (choices[i], text))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
selected_to_string (const GValue *value, const GVariantType *type, gpointer user_data)
{
  const char *const *choices = user_data;
  guint selected = g_value_get_uint (value);

  if (selected >= g_strv_length ((char **) choices))
    return NULL;
  return g_variant_new_string (choices[selected]);
}

static void
add_row (GtkGrid *grid, int row, const char *text, GtkWidget *control)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), control);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_halign (control, GTK_ALIGN_END);
  gtk_grid_attach (grid, label, 0, row, 1, 1);
  gtk_grid_attach (grid, control, 1, row, 1, 1);
}

static GtkWidget *
string_dropdown (GSettings *settings, const char *key, const char *const *choices,
                 const char *const *shown)
{
  GtkWidget *dropdown = gtk_drop_down_new_from_strings (shown);

  if (settings != NULL)
    g_settings_bind_with_mapping (settings, key, dropdown, "selected", G_SETTINGS_BIND_DEFAULT,
                                  string_to_selected, selected_to_string, (gpointer) choices,
                                  NULL);
  return dropdown;
}

static void
vs_preferences_window_class_init (VsPreferencesWindowClass *klass)
{
}

static void
vs_preferences_window_init (VsPreferencesWindow *self)
{
  static const char *const conventions[] = { "neurological", "radiological", NULL };
  static const char *const styles[] = { "light", "dark", NULL };
  const char *styles_shown[] = { _("Light"), _("Dark"), NULL };
  const char *conventions_shown[] = { _("Neurological (left is left)"),
                                      _("Radiological (left is right)"), NULL };
  const char *colormaps_shown[] = { _("Grey"), _("Hot"), _("Viridis"), _("Inferno"), _("Magma"),
                                    _("Plasma"), _("Cool–warm"), NULL };
  GSettings *settings = vs_settings_get ();
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *interpolate = gtk_switch_new ();
  GtkWidget *delay = gtk_spin_button_new_with_range (1, 600, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  gtk_window_set_title (GTK_WINDOW (self), _("Preferences"));
  gtk_window_set_default_size (GTK_WINDOW (self), 460, -1);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 24);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);

  add_row (GTK_GRID (grid), 0, _("_Convention of new windows"),
           string_dropdown (settings, "convention", conventions, conventions_shown));
  add_row (GTK_GRID (grid), 1, _("Colormap of the _first volume"),
           string_dropdown (settings, "base-colormap", colormaps, colormaps_shown));
  add_row (GTK_GRID (grid), 2, _("Colormap of _overlays"),
           string_dropdown (settings, "overlay-colormap", colormaps, colormaps_shown));
  add_row (GTK_GRID (grid), 3, _("_Interpolate between voxels"), interpolate);
  add_row (GTK_GRID (grid), 4, _("_Autosave edits after (seconds)"), delay);
  add_row (GTK_GRID (grid), 5, _("_Style"),
           string_dropdown (settings, "style", styles, styles_shown));
  if (settings != NULL)
    {
      g_settings_bind (settings, "interpolate", interpolate, "active", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (settings, "autosave-delay", gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (delay)),
                       "value", G_SETTINGS_BIND_DEFAULT);
    }
  else
    {
      GtkWidget *missing = gtk_label_new (_("The preferences' schema is not installed: changes "
                                            "here are not kept."));
      gtk_label_set_wrap (GTK_LABEL (missing), TRUE);
      gtk_widget_add_css_class (missing, "error");
      gtk_box_append (GTK_BOX (box), missing);
    }
  gtk_box_append (GTK_BOX (box), grid);
  {
    GtkWidget *note = gtk_label_new (_("Colormaps, interpolation and the convention apply to "
                                       "volumes and windows opened from now on."));
    gtk_label_set_wrap (GTK_LABEL (note), TRUE);
    gtk_label_set_xalign (GTK_LABEL (note), 0);
    gtk_widget_add_css_class (note, "dim-label");
    gtk_box_append (GTK_BOX (box), note);
  }
  gtk_window_set_child (GTK_WINDOW (self), box);
}

GtkWidget *
vs_preferences_window_new (GtkWindow *parent)
{
  return g_object_new (VS_TYPE_PREFERENCES_WINDOW, "transient-for", parent, "modal", FALSE,
                       "destroy-with-parent", TRUE, NULL);
}
