/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-i18n"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "vs-i18n.h"

/* Translations: the installed catalogues, or — run from the build folder before installing —
 * the ones built there (po/LANG/LC_MESSAGES/voxelscope.mo).  LANGUAGE=de shows German. */
void
vs_i18n_init (void)
{
  g_autofree char *installed = g_build_filename (LOCALEDIR, "de", "LC_MESSAGES",
                                                 GETTEXT_PACKAGE ".mo", NULL);
  g_autofree char *built = g_build_filename (LOCALE_BUILD_DIR, "de", "LC_MESSAGES",
                                             GETTEXT_PACKAGE ".mo", NULL);

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, !g_file_test (installed, G_FILE_TEST_EXISTS) &&
                                   g_file_test (built, G_FILE_TEST_EXISTS)
                                   ? LOCALE_BUILD_DIR : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
