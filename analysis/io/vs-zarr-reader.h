/* SPDX-License-Identifier: MIT */
#pragma once

#include <gio/gio.h>

#include "vs-progress.h"
#include "vs-volume.h"

G_BEGIN_DECLS

gboolean  vs_zarr_is_array_or_group (const char    *path);
gboolean  vs_zarr_read_header       (const char    *path,
                                     gint64         dims[4],
                                     VsDatatype    *datatype,
                                     GError       **error);
VsVolume *vs_zarr_read              (const char    *path,
                                     VsProgress    *progress,
                                     GCancellable  *cancellable,
                                     GError       **error);

G_END_DECLS
