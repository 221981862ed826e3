/* SPDX-License-Identifier: MIT */
#pragma once

#include <gio/gio.h>

#include "vs-surface.h"
#include "vs-vertex-data.h"

G_BEGIN_DECLS

gboolean      vs_file_is_surface       (const char  *path);
VsSurface    *vs_surface_load          (const char  *path,
                                        GError     **error);
VsVertexData *vs_vertex_data_load      (const char  *path,
                                        guint        n_vertices,
                                        GError     **error);
VsVertexData *vs_surface_load_curvature (VsSurface  *surface);

G_END_DECLS
