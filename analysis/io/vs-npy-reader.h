/* SPDX-License-Identifier: MIT */
#pragma once

#include <gio/gio.h>

#include "vs-matrix.h"

G_BEGIN_DECLS

VsMatrix *vs_npy_read (const char  *path,
                       gsize        shape[3],
                       guint       *n_dims,
                       GError     **error);

G_END_DECLS
