/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-settings"

#include "config.h"

#include "vs-settings.h"

/* The preferences (org.voxelscope.Voxelscope): from the installed schema, or — run from the
 * build folder — the one compiled there.  NULL when neither exists; callers then keep their
 * built-in defaults. */
GSettings *
vs_settings_get (void)
{
  static GSettings *settings;
  static gboolean looked;

  if (!looked)
    {
      GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
      g_autoptr(GSettingsSchema) schema = source != NULL
                                          ? g_settings_schema_source_lookup (source, APP_ID, TRUE)
                                          : NULL;
      looked = TRUE;
      if (schema == NULL)
        {
          g_autoptr(GSettingsSchemaSource) built =
            g_settings_schema_source_new_from_directory (SCHEMA_BUILD_DIR, source, FALSE, NULL);
          if (built != NULL)
            schema = g_settings_schema_source_lookup (built, APP_ID, FALSE);
        }
      if (schema != NULL)
        settings = g_settings_new_full (schema, NULL, NULL);
    }
  return settings;
}
