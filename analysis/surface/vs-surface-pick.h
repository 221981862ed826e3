/* SPDX-License-Identifier: MIT */
#pragma once

#include "vs-surface.h"

G_BEGIN_DECLS

gboolean vs_surface_pick (VsSurface    *surface,
                          guint         geometry,
                          const double  origin[3],
                          const double  direction[3],
                          guint        *vertex,
                          double        hit[3]);

G_END_DECLS
