/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-render-error"

#include "config.h"

#include "vs-render-error.h"

G_DEFINE_QUARK (vs-render-error-quark, vs_render_error)
