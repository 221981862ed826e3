/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-command-error"

#include "config.h"

#include "vs-command-error.h"

/* One line on standard error, "voxelscope COMMAND: what went wrong", and the exit status: 2 for
 * a mistake in the command line, 1 for a failure (a file that cannot be read, …). */

int
vs_command_fail (const char *command,
                 const char *message)
{
  g_printerr ("voxelscope %s: %s\n", command, message);
  return 2;
}

int
vs_command_fail_error (const char   *command,
                       const GError *error)
{
  g_printerr ("voxelscope %s: %s\n", command, error->message);
  return 1;
}
