/* SPDX-License-Identifier: MIT */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define VS_TYPE_PROGRESS (vs_progress_get_type ())
G_DECLARE_FINAL_TYPE (VsProgress, vs_progress, VS, PROGRESS, GObject)

VsProgress *vs_progress_new          (void);
double      vs_progress_get_fraction (VsProgress *self);
void        vs_progress_update       (VsProgress *self,
                                      double      fraction);
void        vs_progress_publish      (VsProgress *self,
                                      GObject    *partial);

G_END_DECLS
