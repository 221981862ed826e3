/* SPDX-License-Identifier: MIT */
#pragma once

#include <gtk/gtk.h>

#include "vs-midline-editor.h"
#include "vs-scene.h"

G_BEGIN_DECLS

#define VS_TYPE_MIDLINE_PANEL (vs_midline_panel_get_type ())
G_DECLARE_FINAL_TYPE (VsMidlinePanel, vs_midline_panel, VS, MIDLINE_PANEL, GtkBox)

GtkWidget *vs_midline_panel_new        (void);
void       vs_midline_panel_set_editor (VsMidlinePanel  *self,
                                        VsScene         *scene,
                                        VsMidlineEditor *editor);
guint      vs_midline_panel_get_n_rows (VsMidlinePanel  *self);

G_END_DECLS
