/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-command-render-attention"

#include "config.h"

#include "vs-command-error.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>

#include "vs-attention-figure.h"
#include "vs-attention-readout.h"
#include "vs-attention-study.h"
#include "vs-command-render-attention.h"
#include "vs-npy-reader.h"

/* voxelscope render --image I.png --attention A.npy --region NAME -o fig.png: a stimulus with a
 * region's attention map over it.  A.npy is regions × patches (receptive fields or mean attention
 * from `analyze attention`) or images × regions × patches (e.g. exported from a transformer brain
 * encoder, with --image-index); the map is drawn as it is in the file. */

#define fail(message) vs_command_fail ("render", message)
#define fail_error(error) vs_command_fail_error ("render", error)

int
vs_command_render_attention_run (int argc, char **argv)
{
  g_autofree char *image = NULL, *attention = NULL, *region = NULL, *names_path = NULL;
  g_autofree char *grid = NULL, *colormap_name = NULL, *output = NULL;
  int image_index = -1;
  double opacity = 0.55;
  gboolean smooth = FALSE;
  GOptionEntry entries[] = {
    { "image", 0, 0, G_OPTION_ARG_FILENAME, &image, N_("The stimulus (PNG, JPEG)"), N_("I.png") },
    { "attention", 0, 0, G_OPTION_ARG_FILENAME, &attention,
      N_("Maps: regions × patches, or images × regions × patches"), N_("A.npy") },
    { "region", 0, 0, G_OPTION_ARG_STRING, &region, N_("Region name (or its index)"), N_("NAME") },
    { "names", 0, 0, G_OPTION_ARG_FILENAME, &names_path,
      N_("Region names (default: regions.tsv beside A.npy)"), N_("TSV") },
    { "image-index", 0, 0, G_OPTION_ARG_INT, &image_index,
      N_("Which image of an images × regions × patches array"), N_("I") },
    { "grid", 0, 0, G_OPTION_ARG_STRING, &grid, N_("Patch grid HxW (default: square)"),
      N_("HxW") },
    { "colormap", 0, 0, G_OPTION_ARG_STRING, &colormap_name, N_("Colormap (default inferno)"),
      N_("NAME") },
    { "opacity", 0, 0, G_OPTION_ARG_DOUBLE, &opacity, N_("Of the map (default 0.55)"), N_("A") },
    { "smooth", 0, 0, G_OPTION_ARG_NONE, &smooth,
      N_("Bilinear between patch centres instead of nearest patches"), NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The figure"), N_("fig.png") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("--image I.png --attention A.npy "
                                                              "--region NAME -o fig.png"));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autofree float *maps = NULL;
  g_autofree double *map = NULL;
  g_autofree char *title = NULL;
  gsize shape[3], n_regions, k, offset;
  guint n_dims, grid_h, grid_w;
  VsColormap colormap = VS_COLORMAP_INFERNO;
  int index = -1;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return fail (error->message);
  if (image == NULL || attention == NULL || region == NULL || output == NULL)
    return fail (_("an attention figure needs --image, --attention, --region and -o"));
  if (colormap_name != NULL && !vs_colormap_from_name (colormap_name, &colormap))
    return fail (_("unknown --colormap (see voxelscope render --help)"));
  if (!(opacity >= 0 && opacity <= 1))
    return fail (_("--opacity takes a number from 0 to 1"));
  maps = vs_npy_read_float32 (attention, shape, &n_dims, &error);
  if (maps == NULL)
    return fail_error (error);
  if (n_dims == 2)
    n_regions = shape[0], k = shape[1], offset = 0;
  else if (n_dims == 3)
    {
      if (image_index < 0 || (gsize) image_index >= shape[0])
        {
          g_autofree char *message =
            g_strdup_printf (_("%s holds %lu images: choose one with --image-index 0…%lu"),
                             attention, (unsigned long) shape[0], (unsigned long) shape[0] - 1);
          return fail (message);
        }
      n_regions = shape[1], k = shape[2];
      offset = (gsize) image_index * n_regions * k;
    }
  else
    {
      g_autofree char *message = g_strdup_printf (_("%s must be regions × patches or images × "
                                                    "regions × patches"), attention);
      return fail (message);
    }
  if (!vs_patch_grid_parse (grid, k, &grid_h, &grid_w, &error))
    return fail_error (error);
  if (names_path == NULL)
    {
      g_autofree char *dir = g_path_get_dirname (attention);
      names_path = g_build_filename (dir, "regions.tsv", NULL);
    }
  if (g_file_test (names_path, G_FILE_TEST_EXISTS) && (names = vs_attention_names_read (names_path, &error)) == NULL)
    return fail_error (error);
  for (guint r = 0; names != NULL && r < names->len && r < n_regions; r++)
    if (g_str_equal (g_ptr_array_index (names, r), region))
      index = (int) r;
  if (index < 0)
    {
      char *end = NULL;
      long number = strtol (region, &end, 10);
      if (end != region && *end == '\0' && number >= 0 && (gsize) number < n_regions)
        index = (int) number;
    }
  if (index < 0)
    {
      g_autofree char *message =
        g_strdup_printf (_("no region “%s” among the %lu of %s (names from %s)"),
                         region, (unsigned long) n_regions, attention, names_path);
      return fail (message);
    }
  map = g_new (double, k);
  for (gsize j = 0; j < k; j++)
    map[j] = maps[offset + (gsize) index * k + j];
  title = names != NULL && (guint) index < names->len
          ? g_strdup (g_ptr_array_index (names, index)) : g_strdup_printf ("region %d", index);
  if (!vs_attention_figure_write (image, map, grid_h, grid_w, colormap, opacity, smooth, title,
                                  output, &error))
    return fail_error (error);
  return 0;
}
