/* SPDX-License-Identifier: MIT */
#pragma once

#include <gio/gio.h>

#include "vs-progress.h"
#include "vs-surface.h"
#include "vs-volume.h"

G_BEGIN_DECLS

VsSurface *vs_isosurface_extract (VsVolume      *volume,
                                  gint64         frame,
                                  double         threshold,
                                  double         smoothing_mm,
                                  VsProgress    *progress,
                                  GCancellable  *cancellable,
                                  GError       **error);

G_END_DECLS
