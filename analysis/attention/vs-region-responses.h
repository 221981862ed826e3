/* SPDX-License-Identifier: MIT */
#pragma once

#include <gio/gio.h>

#include "vs-volume.h"

G_BEGIN_DECLS

double *vs_region_responses (VsVolume  *responses,
                             VsVolume  *atlas,
                             GArray   **labels,
                             GArray   **voxel_counts,
                             GError   **error);

G_END_DECLS
