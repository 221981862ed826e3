/* SPDX-License-Identifier: MIT */
/* libFuzzer targets for every reader: the input is written to a file with the reader's usual
 * name and read back; any crash, leak or undefined behaviour is a finding.  One executable per
 * reader (FUZZ_READER selects it); built by `meson setup -Dfuzzing=true` with clang, run by
 * tests/fuzz/run. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

#include "vs-fuzz-readers.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static char *path;
  FILE *file;

  if (path == NULL)
    {
      char *dir = g_strdup_printf ("%s/vs-fuzz-%d", g_get_tmp_dir (), (int) getpid ());
      g_mkdir_with_parents (dir, 0700);
      path = g_build_filename (dir, vs_fuzz_reader_file (FUZZ_READER), NULL);
      g_free (dir);
      dir = g_path_get_dirname (path);   /* the file may sit in a folder (Zarr arrays) */
      g_mkdir_with_parents (dir, 0700);
      g_free (dir);
    }
  file = fopen (path, "wb");
  if (file == NULL)
    return 0;
  fwrite (data, 1, size, file);
  fclose (file);
  vs_fuzz_read (FUZZ_READER, path);
  return 0;
}
