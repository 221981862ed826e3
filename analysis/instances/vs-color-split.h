/* SPDX-License-Identifier: MIT */
#pragma once

#include <gio/gio.h>

#include "vs-volume.h"

G_BEGIN_DECLS

/* At most this many colours are told apart within one instance. */
#define VS_COLOR_SPLIT_MAX_COLORS 8

guint32 vs_color_split (VsVolume      *image,
                        const guint   *channels,
                        guint          n_channels,
                        guint32       *labels,
                        guint32        n_labels,
                        guint64        min_size,
                        double         min_distance,
                        GCancellable  *cancellable,
                        GError       **error);

G_END_DECLS
