/* SPDX-License-Identifier: MIT */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int vs_command_fail       (const char   *command,
                           const char   *message);
int vs_command_fail_error (const char   *command,
                           const GError *error);

G_END_DECLS
