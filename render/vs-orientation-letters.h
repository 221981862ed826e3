/* SPDX-License-Identifier: MIT */
#pragma once

#include <cairo.h>

#include "vs-slice-camera.h"

G_BEGIN_DECLS

void vs_orientation_letters_layout (const VsSliceCamera *camera,
                                    double               scale,
                                    char                 letters[4][2],
                                    double               xy[4][2],
                                    double              *size);
void vs_orientation_letters_draw (cairo_t             *cr,
                                  const VsSliceCamera *camera,
                                  double               scale);

G_END_DECLS
