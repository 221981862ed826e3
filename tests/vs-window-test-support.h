/* SPDX-License-Identifier: MIT */
#pragma once

#include "vs-window.h"

G_BEGIN_DECLS

gboolean  vs_test_wait_until    (gboolean          (*done) (gpointer),
                                 gpointer            data,
                                 guint               timeout_ms);
gboolean  vs_test_loads_finished (gpointer            data);
gboolean  vs_test_stats_ready   (gpointer            data);
void      vs_test_collect_widgets (GtkWidget *root,
                                   GType      type,
                                   GPtrArray *out);
VsWindow *vs_test_open_window   (const char *const  *paths);
GtkDialog *vs_test_find_dialog  (void);
cairo_surface_t *vs_test_capture_axial (VsWindow   *window);

G_END_DECLS
