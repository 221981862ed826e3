/* SPDX-License-Identifier: MIT */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

guint32 vs_connected_components (const guint8   *mask,
                                 const gint64    dims[3],
                                 guint32        *labels,
                                 guint64       **sizes,
                                 guint           n_threads,
                                 GCancellable   *cancellable,
                                 GError        **error);

G_END_DECLS
