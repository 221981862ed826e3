/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-shortcuts-window"

#include "config.h"

#include <glib/gi18n.h>

#include "vs-shortcuts-window.h"

/* Help → Keyboard Shortcuts: every key the window and its views answer to, grouped as a person
 * uses them.  Built from a table so that a shortcut added to the code is added here too. */

typedef struct {
  const char *group;       /* NULL: same group as before */
  const char *accelerator;
  const char *title;
} Shortcut;

GtkWidget *
vs_shortcuts_window_new (GtkWindow *parent)
{
  const Shortcut shortcuts[] = {
    { N_("Files"), "<Control>o", N_("Open volumes, surfaces and data") },
    { NULL, "<Control><Shift>s", N_("Save the scene") },
    { NULL, "<Control>e", N_("Export the focused view as PNG") },
    { NULL, "<Control><Shift>e", N_("Export a figure (PNG, PDF, SVG)") },
    { NULL, "<Control>q", N_("Quit") },
    { N_("Slices"), "Up Page_Up", N_("Next slice") },
    { NULL, "Down Page_Down", N_("Previous slice") },
    { NULL, "<Shift>Up", N_("Ten slices on") },
    { NULL, "Home", N_("Fit the view (reset zoom and pan)") },
    { N_("Midlines"), "Return", N_("Confirm the slice's midline and go to the next") },
    { NULL, "bracketright", N_("Next unconfirmed slice") },
    { NULL, "bracketleft", N_("Previous unconfirmed slice") },
    { NULL, "<Control>s", N_("Save the midlines as…") },
    { N_("Editing"), "<Control>z", N_("Undo (the labels while they are edited, else the "
                                      "midlines)") },
    { NULL, "<Control><Shift>z", N_("Redo") },
    { NULL, "b", N_("Labels: brush") },
    { NULL, "e", N_("Labels: eraser") },
    { NULL, "f", N_("Labels: fill") },
    { NULL, "i", N_("Labels: pick the label under the click") },
    { NULL, "bracketleft bracketright", N_("Labels: smaller or bigger brush") },
    { N_("Voxelscope"), "<Control>comma", N_("Preferences") },
    { NULL, "<Control>question", N_("Keyboard shortcuts") },
  };
  g_autoptr(GString) xml = g_string_new ("<interface><object class=\"GtkShortcutsWindow\" "
                                          "id=\"window\"><property name=\"modal\">1</property>"
                                          "<child><object class=\"GtkShortcutsSection\">"
                                          "<property name=\"section-name\">main</property>");
  g_autoptr(GtkBuilder) builder = NULL;
  GtkWidget *window;

  /* GTK 4.8 builds a shortcuts window from GtkBuilder XML only. */
  for (guint i = 0; i < G_N_ELEMENTS (shortcuts); i++)
    {
      g_autofree char *accelerator = g_markup_escape_text (shortcuts[i].accelerator, -1);
      g_autofree char *title = g_markup_escape_text (_(shortcuts[i].title), -1);
      if (shortcuts[i].group != NULL)
        {
          g_autofree char *group = g_markup_escape_text (_(shortcuts[i].group), -1);
          if (i > 0)
            g_string_append (xml, "</object></child>");
          g_string_append_printf (xml, "<child><object class=\"GtkShortcutsGroup\">"
                                  "<property name=\"title\">%s</property>", group);
        }
      g_string_append_printf (xml, "<child><object class=\"GtkShortcutsShortcut\">"
                              "<property name=\"accelerator\">%s</property>"
                              "<property name=\"title\">%s</property></object></child>",
                              accelerator, title);
    }
  g_string_append (xml, "</object></child></object></child></object></interface>");
  builder = gtk_builder_new_from_string (xml->str, (gssize) xml->len);
  window = GTK_WIDGET (gtk_builder_get_object (builder, "window"));
  gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  return window;
}
