/* SPDX-License-Identifier: MIT */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum {
  VS_LABEL_TOOL_BRUSH,
  VS_LABEL_TOOL_ERASER,
  VS_LABEL_TOOL_FILL,
  VS_LABEL_TOOL_PICK,
  VS_LABEL_TOOL_MERGE,
  VS_LABEL_TOOL_DELETE,
  VS_LABEL_TOOL_SPLIT,
  VS_LABEL_N_TOOLS
} VsLabelTool;

#define VS_TYPE_LABEL_TOOLS (vs_label_tools_get_type ())
G_DECLARE_FINAL_TYPE (VsLabelTools, vs_label_tools, VS, LABEL_TOOLS, GtkBox)

GtkWidget  *vs_label_tools_new        (void);
void        vs_label_tools_set_layer_name (VsLabelTools *self,
                                       const char   *name);
VsLabelTool vs_label_tools_get_tool   (VsLabelTools *self);
void        vs_label_tools_set_tool   (VsLabelTools *self,
                                       VsLabelTool   tool);
guint32     vs_label_tools_get_label  (VsLabelTools *self);
void        vs_label_tools_set_label  (VsLabelTools *self,
                                       guint32       label);
double      vs_label_tools_get_radius (VsLabelTools *self);
void        vs_label_tools_set_radius (VsLabelTools *self,
                                       double        radius);
gboolean    vs_label_tools_get_3d     (VsLabelTools *self);
void        vs_label_tools_set_3d     (VsLabelTools *self,
                                       gboolean      in_3d);
void        vs_label_tools_set_hint   (VsLabelTools *self,
                                       const char   *hint);
const char *vs_label_tools_get_hint   (VsLabelTools *self);

G_END_DECLS
