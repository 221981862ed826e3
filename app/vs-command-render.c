/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-command-render"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>

#include "vs-command-render.h"
#include "vs-image-writer.h"
#include "vs-offscreen.h"
#include "vs-scene.h"
#include "vs-slice-figure.h"
#include "vs-slice-renderer.h"
#include "vs-volume-loader.h"

/* voxelscope render: the window's renderer, through EGL, with no display.  Options before the
 * first file are global; options after a file apply to that file, so each overlay can have its
 * own colormap and range. */

static const char help_text[] =
  "Usage:\n"
  "  voxelscope render [OPTION…] FILE [FILE-OPTION…] [FILE [FILE-OPTION…]…] -o OUT.png\n"
  "\n"
  "Renders slices of volumes to a PNG without a display (EGL). The first FILE is the\n"
  "base layer, each later FILE an overlay drawn on top.\n"
  "\n"
  "Options:\n"
  "  -o, --output OUT.png       Where to write the image (required)\n"
  "  --size WxH                 Image size in pixels (default 800x800, ortho 1500x500)\n"
  "  --view VIEW                axial, coronal, sagittal or ortho (default axial)\n"
  "  --at X,Y,Z                 Cursor position in world mm (default: centre of the base)\n"
  "  --frame N                  Frame of 4D volumes, from 0 (default 0)\n"
  "  --radiological             Show the subject's left on the right (default: neurological)\n"
  "  --no-cursor                Do not draw the crosshair\n"
  "  --no-letters               Do not draw the orientation letters\n"
  "\n"
  "File options (apply to the FILE they follow):\n"
  "  --colormap NAME            %s\n"
  "  --range MIN,MAX            Display range (default: robust 2–98 %% range)\n"
  "  --threshold T              Hide voxels with |value| < T\n"
  "  --opacity A                0 to 1 (default 1)\n"
  "  --labels TABLE             Label table (MRIcron .txt, FreeSurfer LUT, FSL .xml, .tsv);\n"
  "                             found automatically beside the file when present\n"
  "  --outline                  Draw labels as outlines\n"
  "  --nearest                  Nearest-neighbour instead of linear interpolation\n"
  "\n"
  "Example:\n"
  "  voxelscope render ch2.nii.gz aal.nii.gz --opacity 0.5 --view ortho -o brain.png\n";

typedef struct {
  char       *path;
  char       *labels;
  gboolean    has_colormap;
  VsColormap  colormap;
  gboolean    has_range;
  double      range[2];
  double      threshold;
  double      opacity;
  gboolean    outline;
  gboolean    nearest;
} FileSpec;

static void
file_spec_free (gpointer data)
{
  FileSpec *spec = data;
  g_free (spec->path);
  g_free (spec->labels);
  g_free (spec);
}

static gboolean
parse_doubles (const char *text, double *out, int n)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);

  if (g_strv_length (parts) != (guint) n)
    return FALSE;
  for (int i = 0; i < n; i++)
    {
      char *end = NULL;
      out[i] = g_ascii_strtod (parts[i], &end);
      if (end == parts[i] || *end != '\0' || !isfinite (out[i]))
        return FALSE;
    }
  return TRUE;
}

static gboolean
parse_size (const char *text, int *w, int *h)
{
  char *end = NULL;
  gint64 a, b;

  a = g_ascii_strtoll (text, &end, 10);
  if (end == text || (*end != 'x' && *end != 'X'))
    return FALSE;
  text = end + 1;
  b = g_ascii_strtoll (text, &end, 10);
  if (end == text || *end != '\0' || a < 1 || b < 1 || a > 16384 || b > 16384)
    return FALSE;
  *w = (int) a;
  *h = (int) b;
  return TRUE;
}

static int
fail (const char *message)
{
  g_printerr ("voxelscope render: %s\n", message);
  return 2;
}

int
vs_command_render_run (int argc, char **argv)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (file_spec_free);
  g_autofree char *output = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(VsScene) scene = NULL;
  g_autoptr(VsOffscreen) offscreen = NULL;
  g_autoptr(VsSliceRenderer) renderer = NULL;
  VsSliceFigureOptions options = { VS_FIGURE_VIEW_AXIAL, 0, 0, TRUE, TRUE };
  gboolean has_at = FALSE;
  double at[3];
  gint64 frame = 0;
  cairo_surface_t *surface;

  for (int i = 1; i < argc; i++)
    {
      g_autofree char *name = NULL;
      const char *arg = argv[i], *value = NULL;
      FileSpec *current = files->len > 0 ? g_ptr_array_index (files, files->len - 1) : NULL;
      static const char *const takes_value[] = {
        "-o", "--output", "--size", "--view", "--at", "--frame", "--colormap", "--range",
        "--threshold", "--opacity", "--labels", NULL
      };

      if (g_str_equal (arg, "-h") || g_str_equal (arg, "--help"))
        {
          g_autofree char *names = vs_colormap_list_names ();
          g_print (help_text, names);
          return 0;
        }
      if (arg[0] != '-' || arg[1] == '\0')
        {
          FileSpec *spec = g_new0 (FileSpec, 1);
          spec->path = g_strdup (arg);
          spec->opacity = 1.0;
          g_ptr_array_add (files, spec);
          continue;
        }
      if (g_str_has_prefix (arg, "--") && strchr (arg, '=') != NULL)
        {
          name = g_strndup (arg, strchr (arg, '=') - arg);
          value = strchr (arg, '=') + 1;
        }
      else
        name = g_strdup (arg);
      if (g_strv_contains (takes_value, name) && value == NULL)
        {
          if (i + 1 >= argc)
            {
              g_autofree char *message = g_strdup_printf (_("%s needs a value"), name);
              return fail (message);
            }
          value = argv[++i];
        }

      if (g_str_equal (name, "-o") || g_str_equal (name, "--output"))
        {
          g_free (output);
          output = g_strdup (value);
        }
      else if (g_str_equal (name, "--size"))
        {
          if (!parse_size (value, &options.width, &options.height))
            return fail (_("--size takes WIDTHxHEIGHT, each 1 to 16384, e.g. 1200x800"));
        }
      else if (g_str_equal (name, "--view"))
        {
          if (!vs_figure_view_from_name (value, &options.view))
            return fail (_("--view is one of axial, coronal, sagittal, ortho"));
        }
      else if (g_str_equal (name, "--at"))
        {
          if (!parse_doubles (value, at, 3))
            return fail (_("--at takes X,Y,Z in millimetres, e.g. 0,-18,12"));
          has_at = TRUE;
        }
      else if (g_str_equal (name, "--frame"))
        {
          char *end = NULL;
          frame = g_ascii_strtoll (value, &end, 10);
          if (end == value || *end != '\0' || frame < 0)
            return fail (_("--frame takes a whole number from 0"));
        }
      else if (g_str_equal (name, "--radiological"))
        {
          if (scene == NULL)
            scene = vs_scene_new ();
          vs_scene_set_radiological (scene, TRUE);
        }
      else if (g_str_equal (name, "--no-cursor"))
        options.show_cursor = FALSE;
      else if (g_str_equal (name, "--no-letters"))
        options.show_letters = FALSE;
      else if (current == NULL)
        {
          g_autofree char *message =
            g_strdup_printf (_("%s applies to a file and must follow one"), name);
          return fail (message);
        }
      else if (g_str_equal (name, "--colormap"))
        {
          if (!vs_colormap_from_name (value, &current->colormap))
            {
              g_autofree char *names = vs_colormap_list_names ();
              g_autofree char *message =
                g_strdup_printf (_("unknown colormap “%s”; choose one of %s"), value, names);
              return fail (message);
            }
          current->has_colormap = TRUE;
        }
      else if (g_str_equal (name, "--range"))
        {
          if (!parse_doubles (value, current->range, 2))
            return fail (_("--range takes MIN,MAX, e.g. 0,200"));
          current->has_range = TRUE;
        }
      else if (g_str_equal (name, "--threshold"))
        {
          if (!parse_doubles (value, &current->threshold, 1) || current->threshold < 0)
            return fail (_("--threshold takes a number ≥ 0"));
        }
      else if (g_str_equal (name, "--opacity"))
        {
          if (!parse_doubles (value, &current->opacity, 1) || current->opacity < 0 ||
              current->opacity > 1)
            return fail (_("--opacity takes a number from 0 to 1"));
        }
      else if (g_str_equal (name, "--labels"))
        {
          g_free (current->labels);
          current->labels = g_strdup (value);
        }
      else if (g_str_equal (name, "--outline"))
        current->outline = TRUE;
      else if (g_str_equal (name, "--nearest"))
        current->nearest = TRUE;
      else
        {
          g_autofree char *message = g_strdup_printf (_("unknown option %s (see --help)"), name);
          return fail (message);
        }
    }

  if (files->len == 0)
    return fail (_("give at least one FILE to render (see --help)"));
  if (output == NULL)
    return fail (_("give the output image with -o OUT.png"));
  if (!g_str_has_suffix (output, ".png") && !g_str_has_suffix (output, ".PNG"))
    return fail (_("the output must be a .png file"));
  if (options.width == 0)
    {
      options.width = options.view == VS_FIGURE_VIEW_ORTHO ? 1500 : 800;
      options.height = options.view == VS_FIGURE_VIEW_ORTHO ? 500 : 800;
    }

  if (scene == NULL)
    scene = vs_scene_new ();
  for (guint f = 0; f < files->len; f++)
    {
      FileSpec *spec = g_ptr_array_index (files, f);
      g_autoptr(VsVolume) volume = NULL;
      g_autoptr(VsVolumeStats) stats = NULL;
      VsLayer *layer;

      volume = vs_volume_load (spec->path, spec->labels, NULL, NULL, &error);
      if (volume == NULL)
        {
          g_printerr ("voxelscope render: %s\n", error->message);
          return 1;
        }
      stats = vs_volume_stats_compute (volume, 0, NULL, NULL, &error);
      if (stats == NULL)
        {
          g_printerr ("voxelscope render: %s\n", error->message);
          return 1;
        }
      layer = vs_scene_add_volume (scene, volume);
      vs_layer_set_stats (layer, g_steal_pointer (&stats));
      if (spec->has_colormap)
        vs_layer_set_colormap (layer, spec->colormap);
      if (spec->has_range)
        vs_layer_set_display_range (layer, spec->range[0], spec->range[1]);
      vs_layer_set_threshold (layer, spec->threshold);
      vs_layer_set_opacity (layer, spec->opacity);
      vs_layer_set_label_outline (layer, spec->outline);
      if (spec->nearest)
        vs_layer_set_interpolate (layer, FALSE);
    }
  if (has_at)
    vs_scene_set_cursor (scene, at);
  vs_scene_set_frame (scene, frame);

  offscreen = vs_offscreen_new (&error);
  if (offscreen != NULL)
    renderer = vs_slice_renderer_new (&error);
  if (renderer == NULL)
    {
      g_printerr ("voxelscope render: %s\n", error->message);
      return 1;
    }
  surface = vs_slice_figure_render (offscreen, renderer, scene, &options, &error);
  if (surface == NULL)
    {
      g_printerr ("voxelscope render: %s\n", error->message);
      return 1;
    }
  if (vs_slice_renderer_get_last_error (renderer) != NULL)
    {
      g_printerr ("voxelscope render: %s\n", vs_slice_renderer_get_last_error (renderer)->message);
      cairo_surface_destroy (surface);
      return 1;
    }
  if (!vs_image_writer_write_png (surface, output, &error))
    {
      g_printerr ("voxelscope render: %s\n", error->message);
      cairo_surface_destroy (surface);
      return 1;
    }
  cairo_surface_destroy (surface);
  return 0;
}
