/* SPDX-License-Identifier: MIT */
#pragma once

#include <gtk/gtk.h>

#include "vs-fisbe-metrics.h"
#include "vs-instance-stats.h"
#include "vs-scene.h"

G_BEGIN_DECLS

#define VS_TYPE_INSTANCE_PANEL (vs_instance_panel_get_type ())
G_DECLARE_FINAL_TYPE (VsInstancePanel, vs_instance_panel, VS, INSTANCE_PANEL, GtkBox)

GtkWidget *vs_instance_panel_new         (VsScene         *scene);
void       vs_instance_panel_set_stats   (VsInstancePanel *self,
                                          VsLayer         *layer,
                                          GArray          *stats);
VsLayer   *vs_instance_panel_get_layer   (VsInstancePanel *self);
guint      vs_instance_panel_get_n_rows  (VsInstancePanel *self);
guint      vs_instance_panel_get_shown_instance (VsInstancePanel *self,
                                          guint            position);
void       vs_instance_panel_set_order   (VsInstancePanel *self,
                                          guint            order);
const VsInstanceStats *vs_instance_panel_get_row (VsInstancePanel *self,
                                          guint            row);
void       vs_instance_panel_activate    (VsInstancePanel *self,
                                          guint            row);
void       vs_instance_panel_set_evaluation (VsInstancePanel      *self,
                                          const char           *prediction,
                                          const char           *truth,
                                          const VsFisbeMetrics *metrics);
const char *vs_instance_panel_get_evaluation_text (VsInstancePanel *self);

G_END_DECLS
