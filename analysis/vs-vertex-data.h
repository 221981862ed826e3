/* SPDX-License-Identifier: MIT */
#pragma once

#include <glib-object.h>

#include "vs-label-table.h"

G_BEGIN_DECLS

/* Values at every vertex of a surface: one column (curvature, thickness, an r map), several (a
 * time series), or labels with their table (a parcellation). */
#define VS_TYPE_VERTEX_DATA (vs_vertex_data_get_type ())
G_DECLARE_FINAL_TYPE (VsVertexData, vs_vertex_data, VS, VERTEX_DATA, GObject)

VsVertexData *vs_vertex_data_new          (const char    *name,
                                           guint          n_vertices,
                                           guint          n_columns);
const char   *vs_vertex_data_get_name     (VsVertexData  *self);
void          vs_vertex_data_set_name     (VsVertexData  *self,
                                           const char    *name);
const char   *vs_vertex_data_get_path     (VsVertexData  *self);
void          vs_vertex_data_set_path     (VsVertexData  *self,
                                           const char    *path);
guint         vs_vertex_data_get_n_vertices (VsVertexData *self);
guint         vs_vertex_data_get_n_columns (VsVertexData *self);
float        *vs_vertex_data_get_column   (VsVertexData  *self,
                                           guint          column);
VsLabelTable *vs_vertex_data_get_label_table (VsVertexData *self);
void          vs_vertex_data_set_label_table (VsVertexData *self,
                                           VsLabelTable  *table);
gboolean      vs_vertex_data_is_label     (VsVertexData  *self);
void          vs_vertex_data_get_range    (VsVertexData  *self,
                                           guint          column,
                                           double        *min,
                                           double        *max);

G_END_DECLS
