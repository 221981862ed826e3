/* SPDX-License-Identifier: MIT */
#pragma once

#include <gio/gio.h>

#include "vs-volume.h"

G_BEGIN_DECLS

VsVolume *vs_vertex_responses_read (const char *const *paths,
                                    guint              n_paths,
                                    guint             *n_vertices,
                                    GError           **error);
gboolean  vs_vertex_responses_is_path (const char     *path);

G_END_DECLS
