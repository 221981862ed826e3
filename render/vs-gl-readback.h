/* SPDX-License-Identifier: MIT */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

typedef void (*VsGlDrawFunc) (gpointer user_data);

cairo_surface_t *vs_gl_readback_surface  (int           width,
                                          int           height);
cairo_surface_t *vs_gl_readback_capture  (int           width,
                                          int           height,
                                          VsGlDrawFunc  draw,
                                          gpointer      user_data,
                                          GError      **error);

G_END_DECLS
