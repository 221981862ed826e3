/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <gtk/gtk.h>

#include "vs-preferences-window.h"
#include "vs-resources.h"
#include "vs-settings.h"
#include "vs-shortcuts-window.h"
#include "vs-test-fixtures.h"
#include "vs-window-test-support.h"

/* Preferences as a person changes them: the window's controls write the settings, and windows
 * and volumes opened afterwards follow them (convention, colormaps, interpolation); the
 * shortcuts window lists the keys. */

static void
test_preferences_apply (void)
{
  GSettings *settings = vs_settings_get ();
  g_autofree char *colin = g_build_filename (vs_test_mricron_dir (), "ch2.nii.gz", NULL);
  const char *paths[] = { colin, colin, NULL };
  GtkWidget *preferences;
  GtkWidget *interpolate;
  VsWindow *window;
  VsScene *scene;

  g_assert_nonnull (settings);   /* the schema compiled in the build folder */
  preferences = vs_preferences_window_new (NULL);
  gtk_window_present (GTK_WINDOW (preferences));

  /* Through the window's own controls: interpolation off… */
  {
    g_autoptr(GPtrArray) switches = g_ptr_array_new ();
    vs_test_collect_widgets (preferences, GTK_TYPE_SWITCH, switches);
    g_assert_cmpuint (switches->len, ==, 1);
    interpolate = g_ptr_array_index (switches, 0);
  }
  gtk_switch_set_active (GTK_SWITCH (interpolate), FALSE);
  g_assert_false (g_settings_get_boolean (settings, "interpolate"));
  /* …the convention (first drop-down) radiological, overlays (third) viridis. */
  {
    g_autoptr(GPtrArray) dropdowns = g_ptr_array_new ();
    vs_test_collect_widgets (preferences, GTK_TYPE_DROP_DOWN, dropdowns);
    g_assert_cmpuint (dropdowns->len, ==, 4);
    gtk_drop_down_set_selected (g_ptr_array_index (dropdowns, 0), 1);
    gtk_drop_down_set_selected (g_ptr_array_index (dropdowns, 2), 2);
    /* The style: light, then back to dark, applied to GTK at once. */
    gtk_drop_down_set_selected (g_ptr_array_index (dropdowns, 3), 0);
    g_assert_cmpint (g_settings_get_enum (settings, "style"), ==, 0);
  }
  g_assert_cmpint (g_settings_get_enum (settings, "convention"), ==, 1);
  {
    g_autofree char *overlay = g_settings_get_string (settings, "overlay-colormap");
    g_assert_cmpstr (overlay, ==, "viridis");
  }
  gtk_window_destroy (GTK_WINDOW (preferences));

  window = vs_test_open_window (paths);
  scene = vs_window_get_scene (window);
  g_assert_true (vs_scene_get_radiological (scene));
  g_assert_cmpuint (vs_scene_get_n_layers (scene), ==, 2);
  g_assert_cmpint (vs_layer_get_colormap (vs_scene_get_layer (scene, 1)), ==, VS_COLORMAP_GREY);
  g_assert_cmpint (vs_layer_get_colormap (vs_scene_get_layer (scene, 0)), ==, VS_COLORMAP_VIRIDIS);
  g_assert_false (vs_layer_get_interpolate (vs_scene_get_layer (scene, 0)));
  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "convention");
  g_settings_reset (settings, "overlay-colormap");
  g_settings_reset (settings, "interpolate");
}

static void
test_shortcuts_window (void)
{
  GtkWidget *window = vs_shortcuts_window_new (NULL);
  g_autoptr(GPtrArray) shortcuts = g_ptr_array_new ();

  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (window));
  vs_test_collect_widgets (window, GTK_TYPE_SHORTCUTS_SHORTCUT, shortcuts);
  g_assert_cmpuint (shortcuts->len, >=, 16);   /* its search page holds copies */
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  vs_register_resource ();
  g_test_add_func ("/window/preferences-apply", test_preferences_apply);
  g_test_add_func ("/window/shortcuts", test_shortcuts_window);
  return g_test_run ();
}
