/* SPDX-License-Identifier: MIT */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void vs_i18n_init (void);

G_END_DECLS
