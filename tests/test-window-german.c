/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>

#include "vs-i18n.h"
#include "vs-resources.h"
#include "vs-window-test-support.h"

/* LANGUAGE=de (run so by meson, with LANG=C.UTF-8): the window speaks German — its buttons,
 * the empty view's hint, the menus' actions. */

static gboolean
has_label (GPtrArray *labels, const char *text)
{
  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (gtk_label_get_label (g_ptr_array_index (labels, i)), text) == 0)
      return TRUE;
  return FALSE;
}

static void
test_german_window (void)
{
  VsWindow *window = vs_test_open_window ((const char *const[]) { NULL });
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  GtkWidget *titlebar = gtk_window_get_titlebar (GTK_WINDOW (window));

  g_assert_cmpstr (_("_Open"), ==, "Ö_ffnen");
  vs_test_collect_widgets (GTK_WIDGET (window), GTK_TYPE_LABEL, labels);
  vs_test_collect_widgets (titlebar, GTK_TYPE_LABEL, labels);
  g_assert_true (has_label (labels, "Ö_ffnen"));
  g_assert_true (has_label (labels, "Ebenen"));
  g_assert_false (has_label (labels, "_Open"));
  g_assert_false (has_label (labels, "Layers"));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  vs_i18n_init ();
  gtk_test_init (&argc, &argv, NULL);
  vs_register_resource ();
  g_test_add_func ("/window/german", test_german_window);
  return g_test_run ();
}
