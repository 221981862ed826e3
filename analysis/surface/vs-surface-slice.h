/* SPDX-License-Identifier: MIT */
#pragma once

#include "vs-surface.h"

G_BEGIN_DECLS

GArray *vs_surface_intersect_plane (VsSurface    *surface,
                                    guint         geometry,
                                    const double  normal[3],
                                    double        offset);

G_END_DECLS
