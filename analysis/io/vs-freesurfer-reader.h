/* SPDX-License-Identifier: MIT */
#pragma once

#include <gio/gio.h>

#include "vs-surface.h"
#include "vs-vertex-data.h"

G_BEGIN_DECLS

VsSurface    *vs_freesurfer_read_surface     (const char  *path,
                                              GError     **error);
VsVertexData *vs_freesurfer_read_morphometry (const char  *path,
                                              GError     **error);
VsVertexData *vs_freesurfer_read_annot       (const char  *path,
                                              GError     **error);
VsVertexData *vs_freesurfer_read_label       (const char  *path,
                                              guint        n_vertices,
                                              GError     **error);

G_END_DECLS
