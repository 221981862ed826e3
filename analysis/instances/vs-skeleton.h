/* SPDX-License-Identifier: MIT */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

guint8 *vs_skeletonize (const guint8 *mask,
                        const gint64  dims[3],
                        gsize        *n_voxels);

G_END_DECLS
