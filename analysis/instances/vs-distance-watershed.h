/* SPDX-License-Identifier: MIT */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Chamfer distances are in thirds of a voxel (3 along an edge, 4 across a face, 5 across a
 * cube). */
#define VS_CHAMFER_UNIT 3

guint32 *vs_chamfer_distance       (const guint32 *labels,
                                    const gint64   dims[3],
                                    GCancellable  *cancellable,
                                    GError       **error);
void     vs_seeded_watershed       (const guint32 *distance,
                                    const gint64   dims[3],
                                    guint32       *regions);
guint32  vs_watershed_by_dynamics  (const guint32 *distance,
                                    const guint32 *labels,
                                    const gint64   dims[3],
                                    guint32        min_dynamic,
                                    guint32       *basins,
                                    GCancellable  *cancellable,
                                    GError       **error);

G_END_DECLS
