/* SPDX-License-Identifier: MIT */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

guint64 vs_system_memory_available (void);

G_END_DECLS
