/* SPDX-License-Identifier: MIT */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

float vs_otsu_threshold (const float *data,
                         gsize        n);

G_END_DECLS
