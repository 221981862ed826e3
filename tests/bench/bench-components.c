/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <stdio.h>

#include "vs-connected-components.h"

/* Times 26-connected components on the benchmark mask (tests/bench/components.py make DIR):
 * prints the best of three runs in seconds and the number of components. */
int
main (int argc, char *argv[])
{
  g_autofree char *mask_path = NULL, *dims_path = NULL, *dims_text = NULL;
  g_autofree guint8 *mask = NULL;
  g_autofree guint32 *labels = NULL;
  gint64 dims[3];
  gsize length = 0;
  double best = G_MAXDOUBLE;
  guint32 n = 0;

  if (argc != 2)
    {
      g_printerr ("usage: bench-components DIR\n");
      return 2;
    }
  mask_path = g_build_filename (argv[1], "mask.u8", NULL);
  dims_path = g_build_filename (argv[1], "dims.txt", NULL);
  if (!g_file_get_contents (dims_path, &dims_text, NULL, NULL) ||
      sscanf (dims_text, "%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT,
              &dims[0], &dims[1], &dims[2]) != 3 ||
      !g_file_get_contents (mask_path, (char **) &mask, &length, NULL) ||
      length != (gsize) (dims[0] * dims[1] * dims[2]))
    {
      g_printerr ("bench-components: no benchmark mask in %s\n", argv[1]);
      return 1;
    }
  labels = g_new (guint32, length);
  for (int run = 0; run < 3; run++)
    {
      gint64 start = g_get_monotonic_time ();
      n = vs_connected_components (mask, dims, labels, NULL, 0, NULL, NULL);
      best = MIN (best, (g_get_monotonic_time () - start) / 1e6);
    }
  g_print ("%.3f %u\n", best, n);
  return 0;
}
