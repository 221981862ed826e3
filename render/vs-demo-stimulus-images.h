/* SPDX-License-Identifier: MIT */
#pragma once

#include <gio/gio.h>

#include "vs-stimulus-table.h"

G_BEGIN_DECLS

gboolean vs_demo_stimulus_images_write (VsStimulusTable *stimuli,
                                        const char      *dir,
                                        GError         **error);

G_END_DECLS
