/* SPDX-License-Identifier: MIT */
#pragma once

#include <gio/gio.h>

#include "vs-surface.h"
#include "vs-vertex-data.h"

G_BEGIN_DECLS

VsSurface    *vs_gifti_read_surface     (const char  *path,
                                         GError     **error);
VsVertexData *vs_gifti_read_vertex_data (const char  *path,
                                         GError     **error);

G_END_DECLS
