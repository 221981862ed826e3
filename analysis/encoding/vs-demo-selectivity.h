/* SPDX-License-Identifier: MIT */
#pragma once

#include "vs-encoding-model.h"

G_BEGIN_DECLS

VsEncodingInput *vs_demo_selectivity_make (VsVolume *atlas,
                                           guint32   seed,
                                           GError  **error);

G_END_DECLS
