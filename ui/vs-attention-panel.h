/* SPDX-License-Identifier: MIT */
#pragma once

#include <gtk/gtk.h>

#include "vs-attention-study.h"

G_BEGIN_DECLS

#define VS_TYPE_ATTENTION_PANEL (vs_attention_panel_get_type ())
G_DECLARE_FINAL_TYPE (VsAttentionPanel, vs_attention_panel, VS, ATTENTION_PANEL, GtkBox)

GtkWidget *vs_attention_panel_new       (void);
void       vs_attention_panel_set_study (VsAttentionPanel  *self,
                                         VsAttentionStudy  *study);
void       vs_attention_panel_choose    (VsAttentionPanel  *self,
                                         const char        *name,
                                         gboolean           on_image);
VsAttentionStudy *vs_attention_panel_get_study (VsAttentionPanel *self);
void       vs_attention_panel_set_order (VsAttentionPanel  *self,
                                         gboolean           predicted);
gsize      vs_attention_panel_get_image (VsAttentionPanel  *self);
void       vs_attention_panel_get_map   (VsAttentionPanel  *self,
                                         double            *map);
gboolean   vs_attention_panel_export    (VsAttentionPanel  *self,
                                         const char        *path,
                                         GError           **error);

G_END_DECLS
