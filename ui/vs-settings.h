/* SPDX-License-Identifier: MIT */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

GSettings *vs_settings_get (void);

G_END_DECLS
