/* SPDX-License-Identifier: MIT */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GtkWidget *vs_shortcuts_window_new (GtkWindow *parent);

G_END_DECLS
