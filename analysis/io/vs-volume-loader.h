/* SPDX-License-Identifier: MIT */
#pragma once

#include <gio/gio.h>

#include "vs-progress.h"
#include "vs-volume.h"

G_BEGIN_DECLS

VsVolume *vs_volume_load (const char    *path,
                          const char    *label_table_path,
                          VsProgress    *progress,
                          GCancellable  *cancellable,
                          GError       **error);

G_END_DECLS
