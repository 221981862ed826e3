/* SPDX-License-Identifier: MIT */
#pragma once

#include <gio/gio.h>

#include "vs-volume.h"

G_BEGIN_DECLS

/* Ids above this get no colour of their own (the label colour lookup of the views). */
#define VS_INSTANCE_COLORS_MAX_ID 65535

guint8 *vs_instance_colors_compute (VsVolume      *labels,
                                    gint64         frame,
                                    guint32       *n_ids,
                                    GCancellable  *cancellable,
                                    GError       **error);
guint   vs_instance_colors_count_clashes (VsVolume     *labels,
                                          gint64        frame,
                                          const guint8 *rgba,
                                          guint32       n_ids);

G_END_DECLS
