/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-command-render"

#include "config.h"

#include <epoxy/gl.h>
#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>

#include "vs-command-render.h"
#include "vs-command-render-3d.h"
#include "vs-command-render-attention.h"
#include "vs-image-writer.h"
#include "vs-offscreen.h"
#include "vs-scene.h"
#include "vs-scene-file.h"
#include "vs-figure-writer.h"
#include "vs-slice-figure.h"
#include "vs-slice-renderer.h"
#include "vs-surface-figure.h"
#include "vs-surface-loader.h"
#include "vs-volume-loader.h"
#include "vs-volume-raycaster.h"

/* voxelscope render: the window's renderer, through EGL, with no display.  Options before the
 * first file are global; options after a file apply to that file, so each overlay can have its
 * own colormap and range. */

static const char help_text[] = N_(
  "Usage:\n"
  "  voxelscope render [OPTION…] FILE [FILE-OPTION…] [FILE [FILE-OPTION…]…] -o OUT.png|pdf|svg\n"
  "  voxelscope render --scene SESSION.vscene [OPTION…] -o OUT.png\n"
  "\n"
  "Renders slices of volumes, or surfaces in 3D, to a PNG without a display (EGL).\n"
  "For volumes the first FILE is the base layer, each later FILE an overlay on top.\n"
  "Surfaces (GIFTI .surf.gii, FreeSurfer lh.pial …) are drawn with --view 3d, with\n"
  "per-vertex overlays given by --overlay after the surface.\n"
  "\n"
  "Options:\n"
  "  -o, --output OUT           Where to write the figure: .png, or .pdf / .svg with the\n"
  "                             slices as an image and letters, colorbars, scale bar and\n"
  "                             title as text and vectors (required)\n"
  "  --scene S.vscene           A scene saved by the window (Save Scene…): its files,\n"
  "                             settings, cursor and the focused view as it was shown,\n"
  "                             at the view's size unless --size or --view is given\n"
  "  --size WxH                 Slices' size in pixels (default 800x800, ortho 1500x500),\n"
  "                             or inches / millimetres at --dpi: 7x5in, 180x120mm\n"
  "  --dpi N                    Dots per inch: the size of PDF and SVG pages, and of\n"
  "                             --size in in or mm (default 300)\n"
  "  --title TEXT               A title above the slices\n"
  "  --colorbar                 A colorbar for each visible scalar layer, with its range\n"
  "  --colorbar-layers A,B      Colorbars for these layers only (by name: the file name\n"
  "                             without .nii.gz)\n"
  "  --scale-bar                A scale bar in millimetres in the (first) view\n"
  "  --transparent              No background: outside the volumes is see-through (PNG,\n"
  "                             PDF, SVG), labels around the slices in black\n"
  "  --view VIEW                axial, coronal, sagittal, ortho, lightbox, grid or 3d\n"
  "                             (default axial; 3d when every FILE is a surface); grid:\n"
  "                             the window's 2 × 2 of sagittal, coronal, axial and the\n"
  "                             base volume in 3D (a scene's 3D camera, or --camera)\n"
  "  --axis AXIS                lightbox: slices across axial, coronal or sagittal\n"
  "  --slices N                 lightbox: how many slices, centred on the cursor (default 12)\n"
  "  --spacing MM               lightbox: millimetres between them (default: spread over\n"
  "                             the volume)\n"
  "  --columns C                lightbox: columns of the grid (default: about square)\n"
  "  --camera PRESET            3d: lateral, medial, dorsal, ventral, anterior or\n"
  "                             posterior (default lateral); panel: each surface from\n"
  "                             the side and from the midline, a row per hemisphere\n"
  "  --gap MM                   3d: distance added between two hemispheres (default 0)\n"
  "  --render MODE              3d volumes: mip, composite or iso (default mip, or iso\n"
  "                             when surfaces are drawn too); the base volume is drawn\n"
  "                             with its colormap and range\n"
  "  --iso VALUE                3d iso: the surface level (default: middle of the range)\n"
  "  --clip AXIS                3d volumes: cut away what lies beyond the cursor along\n"
  "                             x, -x, y, -y, z or -z\n"
  "  --at X,Y,Z                 Cursor position in world mm (default: centre of the base)\n"
  "  --frame N                  Frame of 4D volumes, from 0 (default 0)\n"
  "  --radiological             Show the subject's left on the right (default: neurological)\n"
  "  --no-cursor                Do not draw the crosshair (a lightbox has none)\n"
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
  "  --overlay DATA             After a surface: per-vertex data drawn on it (GIFTI\n"
  "                             .shape/.func/.label.gii, lh.thickness, lh.curv, .annot,\n"
  "                             .label); the file options that follow apply to it.\n"
  "                             lh.curv beside a FreeSurfer surface shades it.\n"
  "\n"
  "Examples:\n"
  "  voxelscope render ch2.nii.gz aal.nii.gz --opacity 0.5 --view ortho -o brain.png\n"
  "  voxelscope render lh.pial --overlay lh.thickness --view 3d --camera lateral -o fig.png\n");

typedef enum { SPEC_VOLUME, SPEC_SURFACE, SPEC_OVERLAY } SpecKind;

typedef struct {
  SpecKind    kind;
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

/* WxH in pixels, or in inches ("7x5in") or millimetres ("180x120mm") at @dpi. */
static gboolean
parse_size (const char *text, double dpi, int *w, int *h)
{
  char *end = NULL;
  double a, b, factor = 1;

  a = g_ascii_strtod (text, &end);
  if (end == text || (*end != 'x' && *end != 'X'))
    return FALSE;
  text = end + 1;
  b = g_ascii_strtod (text, &end);
  if (end == text)
    return FALSE;
  if (g_str_equal (end, "in"))
    factor = dpi;
  else if (g_str_equal (end, "mm"))
    factor = dpi / 25.4;
  else if (*end != '\0' && !g_str_equal (end, "px"))
    return FALSE;
  a = round (a * factor);
  b = round (b * factor);
  if (!(a >= 1 && b >= 1 && a <= 16384 && b <= 16384))
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

static int
render_surfaces (GPtrArray              *files,
                 const char             *camera,
                 double                  gap,
                 int                     width,
                 int                     height,
                 const char             *output,
                 VsLayer                *volume_layer,
                 gint64                  frame,
                 const VsRaycastOptions *raycast)
{
  g_autoptr(GPtrArray) surfaces = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) items = g_array_new (FALSE, TRUE, sizeof (VsSurfaceItem));
  g_autoptr(GPtrArray) overlay_arrays = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr(GError) error = NULL;
  cairo_surface_t *image;

  for (guint f = 0; f < files->len; f++)
    {
      FileSpec *spec = g_ptr_array_index (files, f);

      if (spec->kind == SPEC_SURFACE)
        {
          VsSurfaceItem item = { 0 };
          GArray *overlays = g_array_new (FALSE, TRUE, sizeof (VsSurfaceOverlay));
          item.surface = vs_surface_load (spec->path, &error);
          if (item.surface == NULL)
            {
              g_array_unref (overlays);
              g_printerr ("voxelscope render: %s\n", error->message);
              return 1;
            }
          g_ptr_array_add (surfaces, item.surface);
          item.curvature = vs_surface_load_curvature (item.surface);
          if (item.curvature != NULL)
            g_ptr_array_add (keep, item.curvature);
          g_array_append_val (items, item);
          g_ptr_array_add (overlay_arrays, overlays);
        }
      else if (spec->kind == SPEC_OVERLAY)
        {
          VsSurfaceItem *item = &g_array_index (items, VsSurfaceItem, items->len - 1);
          GArray *overlays = g_ptr_array_index (overlay_arrays, overlay_arrays->len - 1);
          VsSurfaceOverlay overlay;
          VsVertexData *data = vs_vertex_data_load (spec->path,
                                                    vs_surface_get_n_vertices (item->surface),
                                                    &error);
          if (data == NULL)
            {
              g_printerr ("voxelscope render: %s\n", error->message);
              return 1;
            }
          g_ptr_array_add (keep, data);
          vs_surface_overlay_init_for (&overlay, data);
          if (spec->has_colormap)
            overlay.colormap = spec->colormap;
          if (spec->has_range)
            {
              overlay.min = spec->range[0];
              overlay.max = spec->range[1];
            }
          overlay.threshold = spec->threshold;
          overlay.opacity = spec->opacity;
          overlay.border_only = spec->outline;
          g_array_append_val (overlays, overlay);
        }
    }
  for (guint i = 0; i < items->len; i++)
    {
      GArray *overlays = g_ptr_array_index (overlay_arrays, i);
      g_array_index (items, VsSurfaceItem, i).overlays = (VsSurfaceOverlay *) overlays->data;
      g_array_index (items, VsSurfaceItem, i).n_overlays = overlays->len;
    }

  image = vs_render_3d_surfaces ((VsSurfaceItem *) items->data, items->len, camera, gap, width,
                                 height, volume_layer, frame, raycast, &error);
  if (image == NULL || !vs_image_writer_write_png (image, output, &error))
    {
      g_printerr ("voxelscope render: %s\n", error->message);
      g_clear_pointer (&image, cairo_surface_destroy);
      return 1;
    }
  cairo_surface_destroy (image);
  return 0;
}

static int
render_volume_3d (VsLayer                *layer,
                  VsLayer                *labels,
                  gint64                  frame,
                  const char             *preset,
                  const VsRaycastOptions *raycast,
                  int                     width,
                  int                     height,
                  const char             *output)
{
  g_autoptr(VsOffscreen) offscreen = NULL;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *image = NULL;
  VsOrbitCamera camera;
  double lo[3], hi[3];

  vs_orbit_camera_init (&camera, width, height);
  vs_orbit_camera_set_preset (&camera, preset, TRUE);
  vs_volume_get_world_bounds (vs_layer_get_volume (layer), lo, hi);
  vs_orbit_camera_fit (&camera, lo, hi);
  offscreen = vs_offscreen_new (&error);
  if (offscreen != NULL)
    image = vs_render_3d_volume (offscreen, layer, labels, frame, &camera, raycast, &error);
  if (image == NULL || !vs_image_writer_write_png (image, output, &error))
    {
      g_printerr ("voxelscope render: %s\n", error->message);
      g_clear_pointer (&image, cairo_surface_destroy);
      return 1;
    }
  cairo_surface_destroy (image);
  return 0;
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
  VsSliceFigureOptions options = { .view = VS_FIGURE_VIEW_AXIAL, .show_cursor = TRUE,
                                   .show_letters = TRUE, .lightbox_axis = VS_SLICE_AXIS_AXIAL,
                                   .n_slices = 12 };
  gboolean has_at = FALSE;
  double at[3];
  gint64 frame = 0;
  cairo_surface_t *surface;
  gboolean view_3d = FALSE, view_given = FALSE;
  g_autofree char *camera = NULL;
  double gap = 0;
  guint n_surfaces = 0, n_volumes = 0;
  VsRaycastOptions raycast;
  gboolean has_iso = FALSE, render_given = FALSE;
  int clip_axis = -1;
  g_autofree char *scene_path = NULL, *size_text = NULL;
  VsFigureDecorations decorations;
  g_auto(GStrv) colorbar_layers = NULL;
  g_autoptr(VsSceneFile) scene_file = NULL;
  gboolean frame_given = FALSE, radiological_given = FALSE;
  int cursor_given = -1;   /* -1: the view's default (none in a lightbox) */

  vs_raycast_options_init (&raycast);
  vs_figure_decorations_init (&decorations);
  /* A stimulus with an attention map is a figure of its own. */
  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--image") || g_str_has_prefix (argv[i], "--image="))
      return vs_command_render_attention_run (argc, argv);

  for (int i = 1; i < argc; i++)
    {
      g_autofree char *name = NULL;
      const char *arg = argv[i], *value = NULL;
      FileSpec *current = files->len > 0 ? g_ptr_array_index (files, files->len - 1) : NULL;
      static const char *const takes_value[] = {
        "-o", "--output", "--size", "--view", "--at", "--frame", "--colormap", "--range",
        "--threshold", "--opacity", "--labels", "--camera", "--gap", "--overlay", "--render",
        "--iso", "--clip", "--scene", "--title", "--dpi", "--slices", "--spacing", "--columns",
        "--axis", "--colorbar-layers", NULL
      };

      if (g_str_equal (arg, "-h") || g_str_equal (arg, "--help"))
        {
          g_autofree char *names = vs_colormap_list_names ();
          g_print (_(help_text), names);
          return 0;
        }
      if (arg[0] != '-' || arg[1] == '\0')
        {
          FileSpec *spec = g_new0 (FileSpec, 1);
          spec->kind = vs_file_is_surface (arg) ? SPEC_SURFACE : SPEC_VOLUME;
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
      else if (g_str_equal (name, "--scene"))
        {
          g_free (scene_path);
          scene_path = g_strdup (value);
        }
      else if (g_str_equal (name, "--size"))
        {
          g_free (size_text);
          size_text = g_strdup (value);   /* read once --dpi is known */
        }
      else if (g_str_equal (name, "--dpi"))
        {
          if (!parse_doubles (value, &decorations.dpi, 1) || decorations.dpi < 10 ||
              decorations.dpi > 4800)
            return fail (_("--dpi takes dots per inch, 10 to 4800"));
        }
      else if (g_str_equal (name, "--slices") || g_str_equal (name, "--columns"))
        {
          char *end = NULL;
          gint64 n = g_ascii_strtoll (value, &end, 10);
          if (end == value || *end != '\0' || n < 1 || n > VS_FIGURE_MAX_PANES)
            {
              g_autofree char *message = g_strdup_printf (_("%s takes a whole number from 1 to %d"),
                                                          name, VS_FIGURE_MAX_PANES);
              return fail (message);
            }
          if (g_str_equal (name, "--slices"))
            options.n_slices = (int) n;
          else
            options.columns = (int) n;
        }
      else if (g_str_equal (name, "--spacing"))
        {
          if (!parse_doubles (value, &options.spacing, 1) || options.spacing <= 0)
            return fail (_("--spacing takes a distance in millimetres > 0"));
        }
      else if (g_str_equal (name, "--axis"))
        {
          if (!vs_slice_axis_from_name (value, &options.lightbox_axis))
            return fail (_("--axis is one of axial, coronal, sagittal"));
        }
      else if (g_str_equal (name, "--title"))
        decorations.title = value;
      else if (g_str_equal (name, "--colorbar"))
        decorations.colorbars = TRUE;
      else if (g_str_equal (name, "--scale-bar"))
        decorations.scale_bar = TRUE;
      else if (g_str_equal (name, "--colorbar-layers"))
        {
          g_strfreev (colorbar_layers);
          colorbar_layers = g_strsplit (value, ",", -1);
          decorations.colorbar_layers = (const char *const *) colorbar_layers;
          decorations.colorbars = TRUE;
        }
      else if (g_str_equal (name, "--transparent"))
        decorations.transparent = options.transparent = TRUE;
      else if (g_str_equal (name, "--view"))
        {
          view_3d = g_str_equal (value, "3d");
          view_given = TRUE;
          if (!view_3d && !vs_figure_view_from_name (value, &options.view))
            return fail (_("--view is one of axial, coronal, sagittal, ortho, lightbox, grid, 3d"));
        }
      else if (g_str_equal (name, "--camera"))
        {
          if (!g_strv_contains ((const char *const *) vs_orbit_camera_presets, value) &&
              !g_str_equal (value, "panel"))
            return fail (_("--camera is one of lateral, medial, dorsal, ventral, anterior, "
                           "posterior, panel"));
          g_free (camera);
          camera = g_strdup (value);
        }
      else if (g_str_equal (name, "--render"))
        {
          if (!vs_raycast_mode_from_name (value, &raycast.mode))
            return fail (_("--render is one of mip, composite, iso"));
          render_given = TRUE;
        }
      else if (g_str_equal (name, "--iso"))
        {
          if (!parse_doubles (value, &raycast.iso, 1))
            return fail (_("--iso takes a number"));
          has_iso = TRUE;
        }
      else if (g_str_equal (name, "--clip"))
        {
          static const char *axes[] = { "x", "-x", "y", "-y", "z", "-z" };
          clip_axis = -1;
          for (int a = 0; a < 6; a++)
            if (g_str_equal (value, axes[a]))
              clip_axis = a;
          if (clip_axis < 0)
            return fail (_("--clip is one of x, -x, y, -y, z, -z"));
        }
      else if (g_str_equal (name, "--gap"))
        {
          if (!parse_doubles (value, &gap, 1) || gap < 0)
            return fail (_("--gap takes a distance in millimetres ≥ 0"));
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
          frame_given = TRUE;
        }
      else if (g_str_equal (name, "--radiological"))
        radiological_given = TRUE;
      else if (g_str_equal (name, "--no-cursor"))
        cursor_given = FALSE;
      else if (g_str_equal (name, "--no-letters"))
        options.show_letters = FALSE;
      else if (current == NULL)
        {
          g_autofree char *message =
            g_strdup_printf (_("%s applies to a file and must follow one"), name);
          return fail (message);
        }
      else if (g_str_equal (name, "--overlay"))
        {
          FileSpec *spec;
          if (current->kind == SPEC_VOLUME)
            return fail (_("--overlay follows a surface; for volumes give the overlay as a "
                           "FILE"));
          spec = g_new0 (FileSpec, 1);
          spec->kind = SPEC_OVERLAY;
          spec->path = g_strdup (value);
          spec->opacity = 1.0;
          g_ptr_array_add (files, spec);
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

  options.show_cursor = cursor_given < 0 ? options.view != VS_FIGURE_VIEW_LIGHTBOX : cursor_given;
  if (size_text != NULL && !parse_size (size_text, decorations.dpi, &options.width, &options.height))
    return fail (_("--size takes WIDTHxHEIGHT in pixels (1 to 16384 each, e.g. 1200x800), or in "
                   "inches or millimetres at --dpi (e.g. 7x5in, 180x120mm)"));
  if (scene_path != NULL)
    {
      /* A saved scene: its files, settings and the focused view as the window showed them. */
      if (files->len > 0)
        return fail (_("--scene brings its own files; give no FILE with it"));
      if (view_3d)
        return fail (_("--scene renders slice views: axial, coronal, sagittal or ortho"));
      scene_file = vs_scene_file_read (scene_path, &error);
      scene = vs_scene_new ();
      if (scene_file == NULL || !vs_scene_file_load (scene_file, scene, &error))
        {
          g_printerr ("voxelscope render: %s\n", error->message);
          return 1;
        }
      if (vs_scene_get_n_layers (scene) == 0)
        return fail (_("the scene has no volume layers to draw in slices"));
      if (!view_given)
        options.view = (VsFigureView) scene_file->focused_axis;
      for (int a = 0; a < 3; a++)
        options.views[a] = scene_file->has_view[a] ? &scene_file->view[a] : NULL;
      if (options.width == 0 && options.view <= VS_FIGURE_VIEW_SAGITTAL &&
          scene_file->has_view[options.view])
        {
          options.width = scene_file->view[options.view].width;
          options.height = scene_file->view[options.view].height;
        }
    }
  else if (files->len == 0)
    return fail (_("give at least one FILE (or --scene S.vscene) to render (see --help)"));
  if (scene == NULL)
    scene = vs_scene_new ();
  if (radiological_given)
    vs_scene_set_radiological (scene, TRUE);
  if (output == NULL)
    return fail (_("give the output image with -o OUT.png"));
  {
    g_autofree char *lower = g_ascii_strdown (output, -1);
    if (!g_str_has_suffix (lower, ".png") && !g_str_has_suffix (lower, ".pdf") &&
        !g_str_has_suffix (lower, ".svg"))
      return fail (_("the output must be a .png, .pdf or .svg file"));
    if (view_3d && !g_str_has_suffix (lower, ".png"))
      return fail (_("3D views are written as .png"));
  }
  for (guint f = 0; f < files->len; f++)
    {
      FileSpec *spec = g_ptr_array_index (files, f);
      n_surfaces += spec->kind == SPEC_SURFACE;
      n_volumes += spec->kind == SPEC_VOLUME;
    }
  if (!view_given && n_surfaces > 0 && n_volumes == 0)
    view_3d = TRUE;
  if (view_3d)
    {
      if (options.width == 0)
        options.width = options.height = 800;
      if (n_volumes == 0)
        return render_surfaces (files, camera != NULL ? camera : "lateral", gap, options.width,
                                options.height, output, NULL, 0, &raycast);
    }
  if (n_surfaces > 0 && !view_3d)
    return fail (_("surfaces are drawn with --view 3d"));
  if (options.width == 0)
    {
      options.width = options.view == VS_FIGURE_VIEW_ORTHO ? 1500
                      : options.view >= VS_FIGURE_VIEW_LIGHTBOX ? 1200 : 800;
      options.height = options.view == VS_FIGURE_VIEW_ORTHO ? 500
                       : options.view >= VS_FIGURE_VIEW_LIGHTBOX ? 900 : 800;
    }

  for (guint f = 0; f < files->len; f++)
    {
      FileSpec *spec = g_ptr_array_index (files, f);
      g_autoptr(VsVolume) volume = NULL;
      g_autoptr(VsVolumeStats) stats = NULL;
      VsLayer *layer;

      if (spec->kind != SPEC_VOLUME)
        continue;
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
      if (vs_layer_volume_has_channels (volume))
        {
          g_autoptr(GPtrArray) channels = vs_layer_compute_channel_stats (volume, NULL, &error);
          if (channels == NULL)
            {
              g_printerr ("voxelscope render: %s\n", error->message);
              return 1;
            }
          vs_layer_set_channel_stats (layer, channels);
        }
      vs_layer_color_instances (layer);
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
  if (frame_given || scene_file == NULL)
    vs_scene_set_frame (scene, frame);

  if (view_3d)
    {
      VsLayer *base = vs_scene_get_layer (scene, vs_scene_get_n_layers (scene) - 1);
      double cursor[3];
      if (!has_iso)
        raycast.iso = 0.5 * (vs_layer_get_display_min (base) + vs_layer_get_display_max (base));
      vs_scene_get_cursor (scene, cursor);
      if (clip_axis >= 0)
        {
          double sign = clip_axis % 2 == 0 ? 1.0 : -1.0;
          raycast.clip[clip_axis / 2] = sign;
          raycast.clip[3] = sign * cursor[clip_axis / 2];
        }
      if (n_surfaces > 0)
        {
          /* With surfaces, a volume defaults to its isosurface, the only mode with depth. */
          if (!render_given)
            raycast.mode = VS_RAYCAST_ISOSURFACE;
          return render_surfaces (files, camera != NULL ? camera : "lateral", gap, options.width,
                                  options.height, output, base, vs_scene_get_frame (scene),
                                  &raycast);
        }
      return render_volume_3d (base, vs_scene_get_top_label_layer (scene),
                               vs_scene_get_frame (scene), camera != NULL ? camera : "lateral",
                               &raycast, options.width, options.height, output);
    }

  offscreen = vs_offscreen_new (&error);
  if (offscreen != NULL)
    renderer = vs_slice_renderer_new (&error);
  if (renderer == NULL)
    {
      g_printerr ("voxelscope render: %s\n", error->message);
      return 1;
    }
  /* The letters are the figure writer's, as text in PDF and SVG. */
  decorations.letters = options.show_letters;
  options.show_letters = FALSE;
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
  if (options.view == VS_FIGURE_VIEW_GRID &&
      !vs_render_3d_grid_quarter (offscreen, scene, scene_file,
                                  camera != NULL ? camera : "lateral", &raycast, has_iso,
                                  surface, &error))
    {
      g_printerr ("voxelscope render: %s\n", error->message);
      cairo_surface_destroy (surface);
      return 1;
    }
  {
    VsFigurePane panes[VS_FIGURE_MAX_PANES];
    int n_panes = vs_slice_figure_get_panes (scene, &options, panes);
    if (!vs_figure_write (surface, scene, panes, n_panes, &decorations, output, &error))
      {
        g_printerr ("voxelscope render: %s\n", error->message);
        cairo_surface_destroy (surface);
        return 1;
      }
  }
  cairo_surface_destroy (surface);
  return 0;
}
