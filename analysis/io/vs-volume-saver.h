/* SPDX-License-Identifier: MIT */
#pragma once

#include <gio/gio.h>

#include "vs-volume.h"

G_BEGIN_DECLS

gboolean vs_volume_save_accepts (const char  *path,
                                 GError     **error);
gboolean vs_volume_save (VsVolume    *volume,
                         const char  *path,
                         GError     **error);

G_END_DECLS
