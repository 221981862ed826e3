/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-application"

#include "config.h"

#include <glib/gi18n.h>

#include "vs-application.h"
#include "vs-preferences-window.h"
#include "vs-settings.h"
#include "vs-shortcuts-window.h"
#include "vs-window.h"

struct _VsApplication
{
  GtkApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (VsApplication, vs_application, GTK_TYPE_APPLICATION)

static void
vs_application_activate (GApplication *application)
{
  VsWindow *window = vs_window_new (GTK_APPLICATION (application));

  vs_window_open_demo (window);
  gtk_window_present (GTK_WINDOW (window));
}

static void
vs_application_open (GApplication  *application,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  VsWindow *window = vs_window_new (GTK_APPLICATION (application));

  vs_window_open_files (window, files, n_files);
  gtk_window_present (GTK_WINDOW (window));
}

static void
about_action (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  static const char *authors[] = { "The Voxelscope developers", NULL };

  gtk_show_about_dialog (parent,
                         "program-name", "Voxelscope",
                         "version", PACKAGE_VERSION,
                         "comments", _("See brains, and what your analyses say about them"),
                         "license-type", GTK_LICENSE_MIT_X11,
                         "authors", authors,
                         "logo-icon-name", APP_ID,
                         NULL);
}

static void
preferences_action (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  gtk_window_present (GTK_WINDOW (vs_preferences_window_new (parent)));
}

static void
shortcuts_action (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  gtk_window_present (GTK_WINDOW (vs_shortcuts_window_new (parent)));
}

static void
quit_action (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

/* The window style from the preferences, applied at once when it changes. */
static void
apply_style (GSettings *settings)
{
  g_object_set (gtk_settings_get_default (), "gtk-application-prefer-dark-theme",
                g_settings_get_enum (settings, "style") == 1, NULL);
}

static void
vs_application_startup (GApplication *application)
{
  static const GActionEntry entries[] = {
    { "about", about_action },
    { "preferences", preferences_action },
    { "shortcuts", shortcuts_action },
    { "quit", quit_action },
  };
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *shortcuts_accels[] = { "<Control>question", NULL };

  G_APPLICATION_CLASS (vs_application_parent_class)->startup (application);
  if (vs_settings_get () != NULL)
    {
      apply_style (vs_settings_get ());
      g_signal_connect (vs_settings_get (), "changed::style", G_CALLBACK (apply_style), NULL);
    }
  g_action_map_add_action_entries (G_ACTION_MAP (application), entries, G_N_ELEMENTS (entries),
                                   application);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.preferences",
                                         preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.shortcuts",
                                         shortcuts_accels);
}

static void
vs_application_class_init (VsApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = vs_application_activate;
  app_class->open = vs_application_open;
  app_class->startup = vs_application_startup;
}

static void
vs_application_init (VsApplication *self)
{
}

VsApplication *
vs_application_new (void)
{
  /* NON_UNIQUE: every `voxelscope FILE` opens its own window, as scientists script it. */
  return g_object_new (VS_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE,
                       NULL);
}

int
vs_application_run (int argc, char **argv)
{
  g_autoptr(VsApplication) app = vs_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
