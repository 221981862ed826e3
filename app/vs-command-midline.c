/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-command-midline"

#include "config.h"

#include "vs-command-error.h"

#include <glib/gi18n.h>
#include <math.h>

#include "vs-analysis-error.h"
#include "vs-command-midline.h"
#include "vs-image-reader.h"
#include "vs-midline-annotations.h"
#include "vs-nifti-reader.h"
#include "vs-nifti-writer.h"

/* voxelscope analyze midline: the mid-sagittal plane of a volume (and per-slice midlines), or the
 * midlines of 2D images, written as JSON annotations and Symbrain CSV. */

#define fail(message) vs_command_fail ("analyze midline", message)
#define fail_error(error) vs_command_fail_error ("analyze midline", error)

/* Midlines of every slice of @volume across @axis that holds a head. */
static gboolean
slice_midlines (VsVolume *volume, VsMidlineAxis axis, double threshold,
                VsMidlineAnnotations *annotations, GError **error)
{
  gint64 dims[4], w, h;
  g_autofree float *pixels = NULL;

  vs_volume_get_dims (volume, dims);
  w = dims[0];
  h = axis == VS_MIDLINE_AXIS_AXIAL ? dims[1] : dims[2];
  pixels = g_new (float, w * h);
  for (gint64 s = 0; s < dims[axis]; s++)
    {
      VsMidline line;
      g_autoptr(GError) local = NULL;
      for (gint64 y = 0; y < h; y++)
        for (gint64 x = 0; x < w; x++)
          pixels[x + w * y] = (float) (axis == VS_MIDLINE_AXIS_AXIAL
                                       ? vs_volume_get_value (volume, x, y, s, 0)
                                       : vs_volume_get_value (volume, x, s, y, 0));
      if (!vs_midline_estimate (pixels, w, h, threshold, &line, NULL, &local))
        {
          /* Slices above or below the head have nothing to mirror: no line there. */
          if (g_error_matches (local, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_INVALID_ARGUMENT))
            continue;
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      vs_midline_annotations_add (annotations, NULL, axis, s, &line, VS_MIDLINE_ESTIMATED);
    }
  return TRUE;
}

static int
run_volume (const char *path, const char *json, const char *asymmetry, const char *per_slice,
            const char *symbrain)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VsVolume) volume = vs_nifti_read (path, NULL, NULL, &error);
  g_autoptr(VsMidlineAnnotations) annotations = NULL;
  double affine[16];
  VsMidlineAxis axis = VS_MIDLINE_AXIS_IMAGE;

  if (per_slice != NULL)
    {
      if (g_str_equal (per_slice, "axial"))
        axis = VS_MIDLINE_AXIS_AXIAL;
      else if (g_str_equal (per_slice, "coronal"))
        axis = VS_MIDLINE_AXIS_CORONAL;
      else
        return fail (_("--per-slice takes axial or coronal"));
    }
  if (volume == NULL)
    return fail_error (error);
  vs_volume_get_affine (volume, affine);
  annotations = vs_midline_annotations_new (path, affine);
  if (!vs_midplane_estimate (volume, &annotations->plane, NULL, &error))
    {
      g_prefix_error (&error, "%s: ", path);
      return fail_error (error);
    }
  annotations->has_plane = TRUE;
  g_print ("plane     normal (%.5f, %.5f, %.5f), offset %.3f mm (n·x = offset, world)\n",
           annotations->plane.normal[0], annotations->plane.normal[1],
           annotations->plane.normal[2], annotations->plane.offset);
  g_print ("angles    the normal is %.3f°, %.3f°, %.3f° from the image axes i, j, k\n",
           annotations->plane.angles[0], annotations->plane.angles[1],
           annotations->plane.angles[2]);
  g_print ("symmetry  %.4f (normalised correlation with the reflection)\n",
           annotations->plane.score);
  if (axis != VS_MIDLINE_AXIS_IMAGE &&
      !slice_midlines (volume, axis, vs_midplane_head_threshold (volume), annotations, &error))
    return fail_error (error);
  if (axis != VS_MIDLINE_AXIS_IMAGE)
    g_print ("slices    %u %s midlines\n", annotations->entries->len, per_slice);
  if (asymmetry != NULL)
    {
      g_autoptr(VsVolume) map = vs_midplane_asymmetry (volume, &annotations->plane, &error);
      if (map == NULL || !vs_nifti_write (map, asymmetry, &error))
        return fail_error (error);
    }
  if (!vs_midline_annotations_write (annotations, json, &error) ||
      (symbrain != NULL && !vs_symbrain_write_csv (annotations, symbrain, &error)))
    return fail_error (error);
  return 0;
}

static int
run_images (char **images, const char *json, const char *symbrain)
{
  g_autoptr(VsMidlineAnnotations) annotations = vs_midline_annotations_new (NULL, NULL);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; images[i] != NULL; i++)
    {
      g_autoptr(VsVolume) image = vs_image_read_grey (images[i], &error);
      gint64 dims[4];
      VsMidline line;
      g_autofree char *text = NULL;
      if (image == NULL)
        return fail_error (error);
      vs_volume_get_dims (image, dims);
      if (!vs_midline_estimate (vs_volume_get_data (image), dims[0], dims[1], NAN, &line, NULL,
                                &error))
        {
          g_prefix_error (&error, "%s: ", images[i]);
          return fail_error (error);
        }
      vs_midline_annotations_add (annotations, images[i], VS_MIDLINE_AXIS_IMAGE, 0, &line,
                                  VS_MIDLINE_ESTIMATED);
      text = vs_symbrain_format_line (&line);
      g_print ("%s\t%s\n", images[i], text);
    }
  if (!vs_midline_annotations_write (annotations, json, &error) ||
      (symbrain != NULL && !vs_symbrain_write_csv (annotations, symbrain, &error)))
    return fail_error (error);
  return 0;
}

int
vs_command_midline_run (int argc, char **argv)
{
  g_autofree char *json = NULL, *asymmetry = NULL, *per_slice = NULL, *symbrain = NULL;
  g_auto(GStrv) rest = NULL;
  gboolean images = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_FILENAME, &json,
      N_("Where to write the plane and the lines (JSON annotations)"), N_("OUT.json") },
    { "asymmetry", 0, 0, G_OPTION_ARG_FILENAME, &asymmetry,
      N_("Also write |I − I reflected| / the head's 99th percentile as a NIfTI map"),
      N_("ASYM.nii.gz") },
    { "per-slice", 0, 0, G_OPTION_ARG_STRING, &per_slice,
      N_("Also a 2D midline on every axial or coronal slice that holds the head"),
      N_("axial|coronal") },
    { "images", 0, 0, G_OPTION_ARG_NONE, &images,
      N_("The inputs are 2D images (PNG, JPEG): one midline each"), NULL },
    { "symbrain", 0, 0, G_OPTION_ARG_FILENAME, &symbrain,
      N_("Also write the lines as Symbrain's CSV: image, [{'x': X, 'y': Y} {'x': X, 'y': Y}]"),
      N_("OUT.csv") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &rest, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("IN.nii.gz | --images A.png B.png … "
                                                              "— symmetry midlines"));
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
    _("The mid-sagittal plane of a head or brain volume: the plane whose mirror image matches the\n"
      "volume best (normalised correlation inside the head mask), searched coarse to fine from\n"
      "the head's centroid and principal axes, ±30° of tilt.  Prints and saves the unit normal\n"
      "and offset (n·x = offset, world mm), the angles to the image axes and the score; with\n"
      "--per-slice a line per slice.  With --images, one midline per 2D image (pixel\n"
      "coordinates, x = column, y = row)."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return fail (error->message);
  if (json == NULL || rest == NULL || rest[0] == NULL)
    return fail (_("midline needs an input and --json OUT.json (see --help)"));
  if (images)
    {
      if (asymmetry != NULL || per_slice != NULL)
        return fail (_("--asymmetry and --per-slice are for volumes, not --images"));
      return run_images (rest, json, symbrain);
    }
  if (rest[1] != NULL)
    return fail (_("one volume at a time (or --images for several 2D images)"));
  return run_volume (rest[0], json, asymmetry, per_slice, symbrain);
}
