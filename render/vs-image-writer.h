/* SPDX-License-Identifier: MIT */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

G_BEGIN_DECLS

gboolean vs_image_writer_write_png (cairo_surface_t *surface,
                                    const char      *path,
                                    GError         **error);

G_END_DECLS
