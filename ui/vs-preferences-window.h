/* SPDX-License-Identifier: MIT */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define VS_TYPE_PREFERENCES_WINDOW (vs_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (VsPreferencesWindow, vs_preferences_window, VS, PREFERENCES_WINDOW,
                      GtkWindow)

GtkWidget *vs_preferences_window_new (GtkWindow *parent);

G_END_DECLS
