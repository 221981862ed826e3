/* SPDX-License-Identifier: MIT */
/* Times vs_nifti_read on one file: the loading path the window and the commands use. */
#include "config.h"

#include <stdio.h>

#include "vs-nifti-reader.h"

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VsVolume) volume = NULL;
  gint64 start, end;

  if (argc != 2)
    {
      g_printerr ("usage: bench-load FILE.nii.gz\n");
      return 2;
    }
  start = g_get_monotonic_time ();
  volume = vs_nifti_read (argv[1], NULL, NULL, &error);
  end = g_get_monotonic_time ();
  if (volume == NULL)
    {
      g_printerr ("bench-load: %s\n", error->message);
      return 1;
    }
  printf ("%.3f\n", (end - start) / 1e6);
  return 0;
}
