/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-system-memory"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "vs-system-memory.h"

/* Bytes the kernel says can be allocated without swapping (MemAvailable), or 0 when unknown.
 * VS_MEMORY_LIMIT (bytes) overrides it so tests can check the refusal path. */
guint64
vs_system_memory_available (void)
{
  g_autofree char *contents = NULL;
  const char *override = g_getenv ("VS_MEMORY_LIMIT");
  const char *line;

  if (override != NULL)
    return g_ascii_strtoull (override, NULL, 10);

  if (!g_file_get_contents ("/proc/meminfo", &contents, NULL, NULL))
    return 0;
  line = strstr (contents, "MemAvailable:");
  if (line == NULL)
    return 0;
  return g_ascii_strtoull (line + strlen ("MemAvailable:"), NULL, 10) * 1024;
}
