/* SPDX-License-Identifier: MIT */
#pragma once

#include <gio/gio.h>

#include "vs-matrix.h"
#include "vs-volume.h"

G_BEGIN_DECLS

VsMatrix *vs_npy_read (const char  *path,
                       gsize        shape[3],
                       guint       *n_dims,
                       GError     **error);

float    *vs_npy_read_float32 (const char  *path,
                                gsize        shape[3],
                                guint       *n_dims,
                                GError     **error);
VsVolume *vs_npy_read_volume (const char  *path,
                              GError     **error);

G_END_DECLS
