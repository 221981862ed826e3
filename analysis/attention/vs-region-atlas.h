/* SPDX-License-Identifier: MIT */
#pragma once

#include <gio/gio.h>

#include "vs-vertex-data.h"
#include "vs-volume.h"

G_BEGIN_DECLS

VsVolume *vs_region_atlas_from_voxels      (VsVolume           *responses,
                                            const char *const  *voxels,
                                            GError            **error);
VsVolume *vs_region_atlas_from_vertex_data (VsVertexData       *labels,
                                            guint               n_vertices,
                                            GError            **error);
VsVolume *vs_region_atlas_from_vertex_file (const char         *path,
                                            guint               n_vertices,
                                            GError            **error);

G_END_DECLS
