/* SPDX-License-Identifier: MIT */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* A GL 3.3 core context with no window (EGL surfaceless on Mesa, or an EGL device), rendering
 * into a framebuffer object of any size. */
typedef struct _VsOffscreen VsOffscreen;

VsOffscreen     *vs_offscreen_new        (GError     **error);
void             vs_offscreen_free       (VsOffscreen *offscreen);
gboolean         vs_offscreen_make_current (VsOffscreen *offscreen);
gboolean         vs_offscreen_begin      (VsOffscreen *offscreen,
                                          int          width,
                                          int          height,
                                          GError     **error);
cairo_surface_t *vs_offscreen_read       (VsOffscreen *offscreen);
const char      *vs_offscreen_get_renderer_name (VsOffscreen *offscreen);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VsOffscreen, vs_offscreen_free)

G_END_DECLS
