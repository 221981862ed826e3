/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <math.h>

#include "vs-colormap.h"
#include "vs-orbit-camera.h"
#include "vs-scene.h"
#include "vs-slice-camera.h"

/* The displayless parts of the render layer: scene and layer state, camera math, colormaps. */

static VsVolume *
make_volume (VsDatatype type, gint64 n)
{
  const gint64 dims[4] = { n, n, n, 1 };
  return vs_volume_new (type, dims, NULL);
}

static void
test_layer_order_and_moves (void)
{
  g_autoptr(VsScene) scene = vs_scene_new ();
  g_autoptr(VsVolume) a = make_volume (VS_DATATYPE_UINT8, 4);
  g_autoptr(VsVolume) b = make_volume (VS_DATATYPE_FLOAT32, 4);
  g_autoptr(VsVolume) c = make_volume (VS_DATATYPE_INT16, 4);
  VsLayer *la, *lb, *lc;
  guint changed = 0;

  la = vs_scene_add_volume (scene, a);
  lb = vs_scene_add_volume (scene, b);
  lc = vs_scene_add_volume (scene, c);
  /* Newest on top; the base keeps grey, overlays get hot. */
  g_assert_true (vs_scene_get_layer (scene, 0) == lc);
  g_assert_true (vs_scene_get_layer (scene, 2) == la);
  g_assert_cmpint (vs_layer_get_colormap (la), ==, VS_COLORMAP_GREY);
  g_assert_cmpint (vs_layer_get_colormap (lb), ==, VS_COLORMAP_HOT);

  vs_scene_move_layer (scene, la, 0);
  g_assert_true (vs_scene_get_layer (scene, 0) == la);
  g_assert_true (vs_scene_get_layer (scene, 1) == lc);
  g_assert_true (vs_scene_get_layer (scene, 2) == lb);
  vs_scene_move_layer (scene, la, 99);
  g_assert_true (vs_scene_get_layer (scene, 2) == la);

  g_signal_connect_swapped (scene, "changed", G_CALLBACK (g_atomic_int_inc), &changed);
  vs_layer_set_opacity (lb, 0.3);
  g_assert_cmpuint (changed, ==, 1);
  vs_layer_set_opacity (lb, 0.3);  /* no change, no redraw */
  g_assert_cmpuint (changed, ==, 1);
  vs_scene_remove_layer (scene, lb);
  g_assert_cmpuint (vs_scene_get_n_layers (scene), ==, 2);
  g_assert_cmpuint (changed, ==, 2);
}

static void
test_robust_range_unless_user_chose (void)
{
  g_autoptr(VsVolume) volume = make_volume (VS_DATATYPE_INT16, 4);
  g_autoptr(VsLayer) auto_layer = vs_layer_new (volume);
  g_autoptr(VsLayer) user_layer = vs_layer_new (volume);
  VsVolumeStats *stats = g_new0 (VsVolumeStats, 1);
  VsVolumeStats *stats2;

  stats->min = -5;
  stats->max = 900;
  stats->robust_min = 10;
  stats->robust_max = 700;
  stats2 = g_memdup2 (stats, sizeof *stats);

  vs_layer_set_stats (auto_layer, stats);
  g_assert_cmpfloat (vs_layer_get_display_min (auto_layer), ==, 10);
  g_assert_cmpfloat (vs_layer_get_display_max (auto_layer), ==, 700);

  vs_layer_set_display_range (user_layer, 50, 60);
  vs_layer_set_stats (user_layer, stats2);
  g_assert_cmpfloat (vs_layer_get_display_min (user_layer), ==, 50);
  g_assert_cmpfloat (vs_layer_get_display_max (user_layer), ==, 60);
}

static void
test_label_layer_defaults (void)
{
  g_autoptr(VsVolume) volume = make_volume (VS_DATATYPE_UINT8, 4);
  g_autoptr(VsLabelTable) table = vs_label_table_new ();
  g_autoptr(VsLayer) layer = NULL;

  vs_label_table_add (table, 1, "V1", NULL);
  vs_volume_set_label_table (volume, table);
  layer = vs_layer_new (volume);
  g_assert_true (vs_layer_is_label (layer));
  g_assert_cmpint (vs_layer_get_colormap (layer), ==, VS_COLORMAP_LABELS);
  /* Labels are never interpolated. */
  vs_layer_set_interpolate (layer, TRUE);
  g_assert_false (vs_layer_get_interpolate (layer));
}

static void
test_frames (void)
{
  g_autoptr(VsScene) scene = vs_scene_new ();
  const gint64 dims[4] = { 2, 2, 2, 7 };
  g_autoptr(VsVolume) series = vs_volume_new (VS_DATATYPE_FLOAT32, dims, NULL);

  vs_scene_add_volume (scene, series);
  g_assert_cmpint (vs_scene_get_n_frames (scene), ==, 7);
  vs_scene_set_frame (scene, 99);
  g_assert_cmpint (vs_scene_get_frame (scene), ==, 6);
  vs_scene_set_frame (scene, -3);
  g_assert_cmpint (vs_scene_get_frame (scene), ==, 0);
}

static void
test_camera_roundtrip_zoom_pan (void)
{
  VsSliceCamera camera = { VS_SLICE_AXIS_CORONAL, FALSE, { 3, -20, 7 }, 0.8, 640, 480 };
  double xyz[3], px, py, before[3], after[3];

  vs_slice_camera_pixel_to_world (&camera, 100, 50, xyz);
  g_assert_cmpfloat_with_epsilon (xyz[1], -20, 1e-12);  /* on the slice */
  vs_slice_camera_world_to_pixel (&camera, xyz, &px, &py);
  g_assert_cmpfloat_with_epsilon (px, 100, 1e-9);
  g_assert_cmpfloat_with_epsilon (py, 50, 1e-9);
  /* Screen right is the subject's right in neurological, up is superior. */
  vs_slice_camera_pixel_to_world (&camera, 320 + 10, 240 - 10, xyz);
  g_assert_cmpfloat (xyz[0], >, 3);
  g_assert_cmpfloat (xyz[2], >, 7);

  vs_slice_camera_pixel_to_world (&camera, 123, 321, before);
  vs_slice_camera_zoom_about (&camera, 123, 321, 2.0);
  vs_slice_camera_pixel_to_world (&camera, 123, 321, after);
  for (int a = 0; a < 3; a++)
    g_assert_cmpfloat_with_epsilon (before[a], after[a], 1e-9);
  g_assert_cmpfloat_with_epsilon (camera.mm_per_pixel, 0.4, 1e-12);

  vs_slice_camera_pixel_to_world (&camera, 200, 200, before);
  vs_slice_camera_pan (&camera, 30, -12);
  vs_slice_camera_pixel_to_world (&camera, 230, 188, after);
  for (int a = 0; a < 3; a++)
    g_assert_cmpfloat_with_epsilon (before[a], after[a], 1e-9);
}

static void
test_camera_fit (void)
{
  VsSliceCamera camera = { VS_SLICE_AXIS_AXIAL, TRUE, { 0 }, 1, 200, 400 };
  const double lo[3] = { -90, -126, -72 }, hi[3] = { 91, 91, 109 }, cursor[3] = { 1, 2, 3 };
  double corner[3], px, py;

  vs_slice_camera_fit (&camera, lo, hi, cursor);
  g_assert_cmpfloat (camera.center[2], ==, 3);
  /* Both in-plane extents fit inside the viewport. */
  corner[0] = lo[0]; corner[1] = lo[1]; corner[2] = 3;
  vs_slice_camera_world_to_pixel (&camera, corner, &px, &py);
  g_assert_cmpfloat (px, >=, 0);
  g_assert_cmpfloat (px, <=, 200);
  g_assert_cmpfloat (py, >=, 0);
  g_assert_cmpfloat (py, <=, 400);
  /* Radiological: the subject's left (x = −90) is on the screen's right. */
  g_assert_cmpfloat (px, >, 100);
}

static void
test_colormaps_match_references (void)
{
  /* matplotlib's tables at 0 and 1 (viridis, inferno), Moreland's end points, analytic hot. */
  struct { VsColormap map; double t; double rgb[3]; } refs[] = {
    { VS_COLORMAP_VIRIDIS, 0, { 0.267004, 0.004874, 0.329415 } },
    { VS_COLORMAP_VIRIDIS, 1, { 0.993248, 0.906157, 0.143936 } },
    { VS_COLORMAP_VIRIDIS, 0.5, { 0.127568, 0.566949, 0.550556 } },
    { VS_COLORMAP_INFERNO, 0, { 0.001462, 0.000466, 0.013866 } },
    { VS_COLORMAP_INFERNO, 1, { 0.988362, 0.998364, 0.644924 } },
    { VS_COLORMAP_COOL_WARM, 0, { 59 / 255.0, 76 / 255.0, 192 / 255.0 } },
    { VS_COLORMAP_COOL_WARM, 1, { 180 / 255.0, 4 / 255.0, 38 / 255.0 } },
    { VS_COLORMAP_HOT, 0.5, { 1, 0.5, 0 } },
    { VS_COLORMAP_GREY, 0.25, { 0.25, 0.25, 0.25 } },
  };
  VsColormap parsed;

  for (guint i = 0; i < G_N_ELEMENTS (refs); i++)
    {
      double rgb[3];
      vs_colormap_eval (refs[i].map, refs[i].t, rgb);
      for (int c = 0; c < 3; c++)
        g_assert_cmpfloat_with_epsilon (rgb[c], refs[i].rgb[c], 0.02);
    }
  g_assert_true (vs_colormap_from_name ("Viridis", &parsed));
  g_assert_cmpint (parsed, ==, VS_COLORMAP_VIRIDIS);
  g_assert_true (vs_colormap_from_name ("gray", &parsed));
  g_assert_cmpint (parsed, ==, VS_COLORMAP_GREY);
  g_assert_false (vs_colormap_from_name ("rainbow", &parsed));
}

static void
test_orbit_camera (void)
{
  VsOrbitCamera camera;
  const double lo[3] = { -70, -100, -40 }, hi[3] = { -5, 60, 80 };
  const double anterior[3] = { -37.5, 40, 20 }, superior[3] = { -37.5, -20, 60 };
  double px, py, origin[3], direction[3];

  vs_orbit_camera_init (&camera, 400, 300);
  g_assert_true (vs_orbit_camera_set_preset (&camera, "lateral", TRUE));
  vs_orbit_camera_fit (&camera, lo, hi);
  /* Left lateral: looking from the left, the front of the brain is on the left of the picture
   * and the top at the top. */
  g_assert_true (vs_orbit_camera_project (&camera, anterior, &px, &py));
  g_assert_cmpfloat (px, <, 200);
  g_assert_true (vs_orbit_camera_project (&camera, superior, &px, &py));
  g_assert_cmpfloat (py, <, 150);
  /* Fitting keeps every corner of the box in view. */
  for (int c = 0; c < 8; c++)
    {
      double corner[3] = { c & 1 ? hi[0] : lo[0], c & 2 ? hi[1] : lo[1], c & 4 ? hi[2] : lo[2] };
      g_assert_true (vs_orbit_camera_project (&camera, corner, &px, &py));
      g_assert_cmpfloat (px, >=, 0);
      g_assert_cmpfloat (px, <=, 400);
      g_assert_cmpfloat (py, >=, 0);
      g_assert_cmpfloat (py, <=, 300);
    }
  /* The ray through a point's pixel passes through the point. */
  g_assert_true (vs_orbit_camera_project (&camera, anterior, &px, &py));
  vs_orbit_camera_pixel_ray (&camera, px, py, origin, direction);
  {
    double v[3], along = 0, off = 0;
    for (int a = 0; a < 3; a++)
      {
        v[a] = anterior[a] - origin[a];
        along += v[a] * direction[a];
      }
    for (int a = 0; a < 3; a++)
      off += (v[a] - along * direction[a]) * (v[a] - along * direction[a]);
    g_assert_cmpfloat (sqrt (off), <, 1e-3);
  }
  /* Right lateral mirrors it; dorsal has anterior at the top. */
  vs_orbit_camera_set_preset (&camera, "lateral", FALSE);
  g_assert_true (vs_orbit_camera_project (&camera, anterior, &px, &py));
  g_assert_cmpfloat (px, >, 200);
  vs_orbit_camera_set_preset (&camera, "dorsal", TRUE);
  g_assert_true (vs_orbit_camera_project (&camera, anterior, &px, &py));
  g_assert_cmpfloat (py, <, 150);
  vs_orbit_camera_set_preset (&camera, "ventral", TRUE);
  g_assert_true (vs_orbit_camera_project (&camera, anterior, &px, &py));
  g_assert_cmpfloat (py, <, 150);
  g_assert_false (vs_orbit_camera_set_preset (&camera, "sideways", TRUE));

  /* Panning moves what is under the pointer with it. */
  {
    double before_x, before_y, after_x, after_y;
    vs_orbit_camera_set_preset (&camera, "lateral", TRUE);
    g_assert_true (vs_orbit_camera_project (&camera, camera.target, &before_x, &before_y));
    {
      double point[3] = { camera.target[0], camera.target[1], camera.target[2] };
      vs_orbit_camera_pan (&camera, 30, -20);
      g_assert_true (vs_orbit_camera_project (&camera, point, &after_x, &after_y));
    }
    g_assert_cmpfloat_with_epsilon (after_x - before_x, 30, 0.01);
    g_assert_cmpfloat_with_epsilon (after_y - before_y, -20, 0.01);
  }
}

/* Three channels of sparse fluorescence (2 % bright at 3000 + 100·c over a background of 150):
 * each channel's default range runs from its background to its bright structure, not over the
 * noise; a range one sets wins; channels shown together are not frames of a series. */
static void
test_channel_ranges (void)
{
  const gint64 dims[4] = { 50, 40, 30, 3 };
  g_autoptr(VsVolume) volume = vs_volume_new (VS_DATATYPE_UINT16, dims, NULL);
  g_autoptr(VsScene) scene = vs_scene_new ();
  g_autoptr(GPtrArray) stats = NULL;
  guint16 *v = vs_volume_get_data_mutable (volume);
  gsize n = 50 * 40 * 30;
  VsLayer *layer;
  double lo, hi;

  for (int c = 0; c < 3; c++)
    for (gsize i = 0; i < n; i++)
      v[c * n + i] = (guint16) (i % 50 == 7 ? 3000 + 100 * c : 150 + (int) (i % 7));
  g_assert_true (vs_layer_volume_has_channels (volume));
  stats = vs_layer_compute_channel_stats (volume, NULL, NULL);
  g_assert_cmpuint (stats->len, ==, 3);
  layer = vs_scene_add_volume (scene, volume);
  g_assert_true (vs_layer_get_composite (layer));
  g_assert_cmpint (vs_scene_get_n_frames (scene), ==, 1);
  vs_layer_set_channel_stats (layer, stats);
  for (int c = 0; c < 3; c++)
    {
      vs_layer_get_channel_range (layer, c, &lo, &hi);
      g_assert_cmpfloat (lo, >=, 150);
      g_assert_cmpfloat (lo, <=, 157);
      g_assert_cmpfloat (hi, ==, 3000 + 100 * c);
    }
  vs_layer_set_channel_range (layer, 1, 0, 500);
  vs_layer_get_channel_range (layer, 1, &lo, &hi);
  g_assert_cmpfloat (hi, ==, 500);
  vs_layer_set_composite (layer, FALSE);
  g_assert_cmpint (vs_scene_get_n_frames (scene), ==, 3);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/scene/layer-order-and-moves", test_layer_order_and_moves);
  g_test_add_func ("/scene/robust-range-unless-user-chose", test_robust_range_unless_user_chose);
  g_test_add_func ("/scene/label-layer-defaults", test_label_layer_defaults);
  g_test_add_func ("/scene/frames", test_frames);
  g_test_add_func ("/scene/channel-ranges", test_channel_ranges);
  g_test_add_func ("/camera/roundtrip-zoom-pan", test_camera_roundtrip_zoom_pan);
  g_test_add_func ("/camera/fit", test_camera_fit);
  g_test_add_func ("/colormap/references", test_colormaps_match_references);
  g_test_add_func ("/camera/orbit-presets", test_orbit_camera);

  return g_test_run ();
}
