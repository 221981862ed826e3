/* SPDX-License-Identifier: MIT */
#pragma once

#include <gio/gio.h>

#include "vs-volume.h"

G_BEGIN_DECLS

gboolean vs_npy_write_voxels (VsVolume    *map,
                              gsize        first,
                              gsize        count,
                              const char  *path,
                              GError     **error);

G_END_DECLS
