/* SPDX-License-Identifier: MIT */
#pragma once

#include <gio/gio.h>

#include "vs-volume.h"

G_BEGIN_DECLS

VsVolume *vs_image_read_grey (const char  *path,
                              GError     **error);

VsVolume *vs_image_read_upright (const char  *path,
                                 GError     **error);

G_END_DECLS
