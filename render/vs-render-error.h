/* SPDX-License-Identifier: MIT */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define VS_RENDER_ERROR (vs_render_error_quark ())

typedef enum {
  VS_RENDER_ERROR_NO_CONTEXT,     /* no OpenGL context could be made */
  VS_RENDER_ERROR_SHADER,         /* a shader failed to compile or link */
  VS_RENDER_ERROR_TOO_LARGE,      /* beyond what the GL implementation allows */
  VS_RENDER_ERROR_FAILED,
} VsRenderError;

GQuark vs_render_error_quark (void);

G_END_DECLS
