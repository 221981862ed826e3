/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "vs-scene-file.h"
#include "vs-surface-loader.h"
#include "vs-test-fixtures.h"
#include "vs-volume-loader.h"
#include "vs-zarr-writer.h"

/* Scene files (.vscene): what is saved comes back with identical settings; computed layers are
 * written beside the scene; paths move with the scene's folder; broken scenes are refused with
 * the reason. */

static void
assert_same_layers (VsScene *a, VsScene *b)
{
  static const char *const names[] = { "name", "visible", "opacity", "colormap", "display-min",
                                       "display-max", "threshold", "interpolate",
                                       "label-outline" };

  g_assert_cmpuint (vs_scene_get_n_layers (a), ==, vs_scene_get_n_layers (b));
  for (guint i = 0; i < vs_scene_get_n_layers (a); i++)
    for (guint k = 0; k < G_N_ELEMENTS (names); k++)
      {
        GObject *la = G_OBJECT (vs_scene_get_layer (a, i)), *lb = G_OBJECT (vs_scene_get_layer (b, i));
        GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (la), names[k]);
        g_auto(GValue) va = G_VALUE_INIT;
        g_auto(GValue) vb = G_VALUE_INIT;
        g_value_init (&va, pspec->value_type);
        g_value_init (&vb, pspec->value_type);
        g_object_get_property (la, names[k], &va);
        g_object_get_property (lb, names[k], &vb);
        if (g_param_values_cmp (pspec, &va, &vb) != 0)
          g_error ("layer %u: %s differs", i, names[k]);
      }
}

static void
test_round_trip (void)
{
  g_autofree char *dir = vs_test_make_tmpdir ();
  g_autofree char *colin = g_build_filename (dir, "ch2.nii.gz", NULL);
  g_autofree char *aal = g_build_filename (dir, "aal.nii.gz", NULL);
  g_autofree char *aal_txt = g_build_filename (dir, "aal.nii.txt", NULL);
  g_autofree char *path = g_build_filename (dir, "session.vscene", NULL);
  g_autofree char *computed = g_build_filename (dir, "session.data", "t_map.nii.gz", NULL);
  g_autofree char *mricron = g_strdup (vs_test_mricron_dir ());
  g_autoptr(VsScene) scene = vs_scene_new ();
  g_autoptr(VsScene) again = vs_scene_new ();
  g_autoptr(VsSceneFile) file = NULL, read = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(VsVolume) t_map = NULL;
  g_autofree char *text = NULL;
  double cursor[3] = { 12, -30, 8 }, back[3];
  VsLayer *layer;

  {
    g_autofree char *a = g_build_filename (mricron, "ch2.nii.gz", NULL);
    g_autofree char *b = g_build_filename (mricron, "aal.nii.gz", NULL);
    g_autofree char *c = g_build_filename (mricron, "aal.nii.txt", NULL);
    vs_test_copy_file (a, colin);
    vs_test_copy_file (b, aal);
    vs_test_copy_file (c, aal_txt);
  }
  {
    g_autoptr(VsVolume) base = vs_volume_load (colin, NULL, NULL, NULL, &error);
    g_autoptr(VsVolume) atlas = vs_volume_load (aal, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    layer = vs_scene_add_volume (scene, base);
    vs_layer_set_stats (layer, vs_volume_stats_compute (base, 0, NULL, NULL, NULL));
    vs_layer_set_display_range (layer, 20, 140);
    layer = vs_scene_add_volume (scene, atlas);
    vs_layer_set_stats (layer, vs_volume_stats_compute (atlas, 0, NULL, NULL, NULL));
    vs_layer_set_opacity (layer, 0.35);
    vs_layer_set_label_outline (layer, TRUE);
    /* A layer an analysis made: no file of its own. */
    t_map = vs_volume_copy (base);
    vs_volume_set_path (t_map, NULL);
    layer = vs_scene_add_volume (scene, t_map);
    vs_layer_set_name (layer, "t map");
    vs_layer_set_colormap (layer, VS_COLORMAP_HOT);
    vs_layer_set_display_range (layer, 50, 90);
    vs_layer_set_threshold (layer, 55);
    vs_layer_set_visible (layer, FALSE);
  }
  vs_scene_set_cursor (scene, cursor);
  vs_scene_set_radiological (scene, TRUE);

  file = vs_scene_file_capture (scene, path, &error);
  g_assert_no_error (error);
  file->focused_axis = VS_SLICE_AXIS_CORONAL;
  file->has_view[VS_SLICE_AXIS_CORONAL] = TRUE;
  file->view[VS_SLICE_AXIS_CORONAL] = (VsSliceCamera) { VS_SLICE_AXIS_CORONAL, TRUE,
                                                        { 1, 2, 3 }, 0.42, 640, 480 };
  g_assert_true (vs_scene_file_write (file, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (computed, G_FILE_TEST_IS_REGULAR));

  /* Paths relative to the scene's folder. */
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "\"path\" : \"ch2.nii.gz\""));
  g_assert_nonnull (strstr (text, "\"path\" : \"session.data/t_map.nii.gz\""));
  g_assert_null (strstr (text, dir));

  read = vs_scene_file_read (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (read->focused_axis, ==, VS_SLICE_AXIS_CORONAL);
  g_assert_true (read->has_view[VS_SLICE_AXIS_CORONAL]);
  g_assert_false (read->has_view[VS_SLICE_AXIS_AXIAL]);
  g_assert_cmpfloat (read->view[VS_SLICE_AXIS_CORONAL].mm_per_pixel, ==, 0.42);
  g_assert_cmpint (read->view[VS_SLICE_AXIS_CORONAL].width, ==, 640);
  g_assert_true (vs_scene_file_load (read, again, &error));
  g_assert_no_error (error);
  assert_same_layers (scene, again);
  vs_scene_get_cursor (again, back);
  for (int i = 0; i < 3; i++)
    g_assert_cmpfloat (back[i], ==, cursor[i]);
  g_assert_true (vs_scene_get_radiological (again));
  /* The atlas keeps its names (its sidecar table moves with it). */
  g_assert_nonnull (vs_volume_get_label_table (vs_layer_get_volume (vs_scene_get_layer (again,
                                                                                        1))));

  /* Loading replaces what a scene held; a missing file leaves it untouched. */
  g_assert_true (vs_scene_file_load (read, again, &error));
  g_assert_cmpuint (vs_scene_get_n_layers (again), ==, 3);
  g_unlink (computed);
  g_assert_false (vs_scene_file_load (read, again, &error));
  g_assert_nonnull (strstr (error->message, "t_map.nii.gz"));
  g_assert_cmpuint (vs_scene_get_n_layers (again), ==, 3);
  vs_test_remove_tree (dir);
}

static void
expect_refused (const char *dir, const char *text, const char *fragment)
{
  g_autofree char *path = g_build_filename (dir, "bad.vscene", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(VsSceneFile) file = NULL;

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  file = vs_scene_file_read (path, &error);
  g_assert_null (file);
  g_assert_nonnull (error);
  if (strstr (error->message, fragment) == NULL || !g_str_has_prefix (error->message, "bad.vscene: "))
    g_error ("“%s” gave “%s”, expected “%s”", text, error->message, fragment);
}

static void
test_refused (void)
{
  g_autofree char *dir = vs_test_make_tmpdir ();

  expect_refused (dir, "not json", "not valid JSON");
  expect_refused (dir, "[1, 2]", "no JSON object");
  expect_refused (dir, "{\"format\": \"other\"}", "format is not voxelscope-scene-1");
  expect_refused (dir, "{\"format\": \"voxelscope-scene-1\"}", "no layers and no surfaces");
  expect_refused (dir, "{\"format\": \"voxelscope-scene-1\", \"layers\": [{}]}",
                  "layer 1 has no “path”");
  expect_refused (dir, "{\"format\": \"voxelscope-scene-1\", \"layers\": "
                  "[{\"path\": \"a.nii\", \"display\": {\"colormap\": \"rainbow\"}}]}",
                  "unknown colormap");
  expect_refused (dir, "{\"format\": \"voxelscope-scene-1\", \"layers\": "
                  "[{\"path\": \"a.nii\", \"display\": {\"opacity\": 7}}]}",
                  "“opacity” is not a valid number");
  expect_refused (dir, "{\"format\": \"voxelscope-scene-1\", \"layers\": "
                  "[{\"path\": \"a.nii\", \"display\": {\"sparkle\": true}}]}",
                  "unknown display setting “sparkle”");
  expect_refused (dir, "{\"format\": \"voxelscope-scene-1\", \"layers\": [{\"path\": \"a.nii\"}],"
                  " \"cursor\": [1, 2]}", "“cursor” must be three numbers");
  expect_refused (dir, "{\"format\": \"voxelscope-scene-1\", \"layers\": [{\"path\": \"a.nii\"}],"
                  " \"layout\": \"spiral\"}", "“layout” must be grid, row or single");
  expect_refused (dir, "{\"format\": \"voxelscope-scene-1\", \"layers\": [{\"path\": \"a.nii\"}],"
                  " \"views\": {\"axial\": {\"center\": [0, 0, 0], \"mm_per_pixel\": -1}}}",
                  "the axial view needs");
  expect_refused (dir, "{\"format\": \"voxelscope-scene-1\", \"layers\": [{\"path\": \"a.nii\"}],"
                  " \"camera_3d\": {\"target\": [0, 0, 0], \"distance\": 1, \"azimuth\": 0, "
                  "\"elevation\": 120, \"fov\": 30}}", "“camera_3d” needs");
  expect_refused (dir, "{\"format\": \"voxelscope-scene-1\", \"layers\": [{\"path\": \"a.nii\"}],"
                  " \"frame\": -2}", "“frame” must be a whole number");
  expect_refused (dir, "{\"format\": \"voxelscope-scene-1\", \"layers\": [{\"path\": \"a.nii\", "
                  "\"display\": {\"channels\": [{\"color\": [2, 0, 0], \"range\": [0, 1]}]}}]}",
                  "“channels” is not valid");
  expect_refused (dir, "{\"format\": \"voxelscope-scene-1\", \"layers\": [{\"path\": \"a.nii\", "
                  "\"display\": {\"hidden-labels\": [3, -1]}}]}", "“hidden-labels” is not valid");
  {
    g_autofree char *missing = g_build_filename (dir, "nowhere.vscene", NULL);
    g_autoptr(GError) error = NULL;
    g_assert_null (vs_scene_file_read (missing, &error));
    g_assert_cmpstr (error->message, ==, "nowhere.vscene: no such file");
  }
  vs_test_remove_tree (dir);
}

/* The channels of a multichannel layer (a Zarr array, referred to in place) and the instances
 * of a label layer (hidden, selected, only the selected one) come back as they were. */
static void
test_channels_and_instances (void)
{
  g_autofree char *dir = vs_test_make_tmpdir ();
  g_autofree char *zarr = g_build_filename (dir, "sample.zarr", NULL);
  g_autofree char *aal = g_build_filename (vs_test_mricron_dir (), "aal.nii.gz", NULL);
  g_autofree char *path = g_build_filename (dir, "cells.vscene", NULL);
  g_autofree char *text = NULL;
  g_autoptr(VsScene) scene = vs_scene_new ();
  g_autoptr(VsScene) again = vs_scene_new ();
  g_autoptr(VsSceneFile) file = NULL, read = NULL;
  g_autoptr(GError) error = NULL;
  const gint64 dims[4] = { 16, 12, 8, 3 };
  VsLayer *channels, *labels, *c2, *l2;
  double rgb[3], lo, hi;

  {
    g_autoptr(VsVolume) raw = vs_volume_new (VS_DATATYPE_UINT16, dims, NULL);
    g_autoptr(VsVolume) stored = NULL, atlas = NULL;
    guint16 *v = vs_volume_get_data_mutable (raw);
    for (gsize i = 0; i < 16 * 12 * 8 * 3; i++)
      v[i] = (guint16) (i * 7 % 4000);
    g_assert_true (vs_zarr_write (raw, zarr, &error));
    stored = vs_volume_load (zarr, NULL, NULL, NULL, &error);
    atlas = vs_volume_load (aal, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    channels = vs_scene_add_volume (scene, stored);
    labels = vs_scene_add_volume (scene, atlas);
  }
  g_assert_true (vs_layer_get_composite (channels));
  vs_layer_set_channel_color (channels, 1, (const double[]) { 1, 0.5, 0 });
  vs_layer_set_channel_range (channels, 2, 100, 2500);
  vs_layer_set_label_hidden (labels, 3, TRUE);
  vs_layer_set_label_hidden (labels, 12, TRUE);
  vs_layer_set_selected_label (labels, 7);
  vs_layer_set_only_selected (labels, TRUE);

  file = vs_scene_file_capture (scene, path, &error);
  g_assert_no_error (error);
  g_assert_true (vs_scene_file_write (file, path, &error));
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "\"path\" : \"sample.zarr\""));   /* in place, not copied */
  read = vs_scene_file_read (path, &error);
  g_assert_no_error (error);
  g_assert_true (vs_scene_file_load (read, again, &error));
  g_assert_no_error (error);
  c2 = vs_scene_get_layer (again, 1);
  l2 = vs_scene_get_layer (again, 0);
  g_assert_true (vs_layer_get_composite (c2));
  g_assert_cmpuint (vs_layer_get_n_channels (c2), ==, 3);
  vs_layer_get_channel_color (c2, 1, rgb);
  g_assert_cmpfloat (rgb[1], ==, 0.5);
  vs_layer_get_channel_range (c2, 2, &lo, &hi);
  g_assert_cmpfloat (lo, ==, 100);
  g_assert_cmpfloat (hi, ==, 2500);
  g_assert_true (vs_layer_get_label_hidden (l2, 3));
  g_assert_true (vs_layer_get_label_hidden (l2, 12));
  g_assert_false (vs_layer_get_label_hidden (l2, 4));
  g_assert_cmpuint (vs_layer_get_selected_label (l2), ==, 7);
  g_assert_true (vs_layer_get_only_selected (l2));

  /* Channels shown one at a time stay so. */
  vs_layer_set_composite (channels, FALSE);
  g_clear_pointer (&file, vs_scene_file_free);
  g_clear_pointer (&read, vs_scene_file_free);
  file = vs_scene_file_capture (scene, path, &error);
  g_assert_true (vs_scene_file_write (file, path, &error));
  read = vs_scene_file_read (path, &error);
  g_assert_true (vs_scene_file_load (read, again, &error));
  g_assert_false (vs_layer_get_composite (vs_scene_get_layer (again, 1)));
  vs_test_remove_tree (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/scene-file/round-trip", test_round_trip);
  g_test_add_func ("/scene-file/refused", test_refused);
  g_test_add_func ("/scene-file/channels-and-instances", test_channels_and_instances);
  return g_test_run ();
}
