/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>

#include "vs-fuzz-readers.h"

/* The hand-made broken files in tests/malformed/READER/ (made by tests/malformed/make.py):
 * each must be refused by its reader with the message fragment that expected.tsv gives it
 * (reader, file, fragment; tab-separated), and every file there must have a line. With
 * VS_MALFORMED_PRINT=1 the messages are printed instead, to write expected.tsv. */

static GHashTable *
expected_fragments (void)
{
  g_autofree char *path = g_build_filename (MALFORMED_DIR, "expected.tsv", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  GHashTable *fragments = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return fragments;
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", 3);

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      g_assert_cmpuint (g_strv_length (fields), ==, 3);
      g_hash_table_insert (fragments, g_strdup_printf ("%s/%s", fields[0], fields[1]),
                           g_strdup (fields[2]));
    }
  return fragments;
}

static void
test_malformed (void)
{
  g_autoptr(GHashTable) fragments = expected_fragments ();
  gboolean print = g_getenv ("VS_MALFORMED_PRINT") != NULL;
  guint checked = 0;

  for (guint r = 0; r < vs_fuzz_n_readers (); r++)
    {
      g_autofree char *dir = g_build_filename (MALFORMED_DIR, vs_fuzz_reader_name (r), NULL);
      g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
      const char *name;

      while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
        {
          g_autofree char *source = g_build_filename (dir, name, NULL);
          g_autofree char *key = g_strdup_printf ("%s/%s", vs_fuzz_reader_name (r), name);
          g_autofree char *message = vs_fuzz_read_copy (r, source);
          const char *fragment = g_hash_table_lookup (fragments, key);

          if (print)
            {
              printf ("%s\t%s\t%s\n", vs_fuzz_reader_name (r), name,
                       message != NULL ? message : "(READ)");
              continue;
            }
          g_test_message ("%s: %s", key, message != NULL ? message : "(read without error)");
          g_assert_nonnull (fragment);
          g_assert_nonnull (message);
          if (strstr (message, fragment) == NULL)
            g_error ("%s: message \"%s\" lacks \"%s\"", key, message, fragment);
          checked++;
        }
    }
  if (!print)
    {
      g_assert_cmpuint (checked, ==, g_hash_table_size (fragments));
      g_assert_cmpuint (checked, >=, 50);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/malformed/files", test_malformed);
  return g_test_run ();
}
