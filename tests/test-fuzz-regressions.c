/* SPDX-License-Identifier: MIT */
#include "config.h"

#include "vs-fuzz-readers.h"

/* Every input the fuzzers found a problem with (tests/fuzz/regressions/READER/…) goes through
 * its reader again: it must come back, with the data or with an error, under the sanitizers
 * too (make check-asan). */
static void
test_regressions (void)
{
  guint checked = 0;

  for (guint r = 0; r < vs_fuzz_n_readers (); r++)
    {
      g_autofree char *dir = g_build_filename (FUZZ_REGRESSIONS, vs_fuzz_reader_name (r), NULL);
      g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
      const char *name;

      while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
        {
          g_autofree char *source = g_build_filename (dir, name, NULL);

          g_test_message ("%s: %s", vs_fuzz_reader_name (r), name);
          g_free (vs_fuzz_read_copy (r, source));
          checked++;
        }
    }
  g_assert_cmpuint (checked, >, 0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/fuzz/regressions", test_regressions);
  return g_test_run ();
}
