/* SPDX-License-Identifier: MIT */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct {
  guint32  id;
  char    *name;
  guint8   rgba[4];
} VsLabel;

#define VS_TYPE_LABEL_TABLE (vs_label_table_get_type ())
G_DECLARE_FINAL_TYPE (VsLabelTable, vs_label_table, VS, LABEL_TABLE, GObject)

VsLabelTable  *vs_label_table_new        (void);
void           vs_label_table_add        (VsLabelTable *self,
                                          guint32       id,
                                          const char   *name,
                                          const guint8  rgba[4]);
guint          vs_label_table_get_n_labels (VsLabelTable *self);
const VsLabel *vs_label_table_get_nth    (VsLabelTable *self,
                                          guint         position);
const VsLabel *vs_label_table_lookup     (VsLabelTable *self,
                                          guint32       id);
guint32        vs_label_table_get_max_id (VsLabelTable *self);
void           vs_label_table_fill_missing_colors (VsLabelTable *self);
void           vs_label_palette_color    (guint32       id,
                                          guint8        rgba[4]);

G_END_DECLS
