/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <gtk/gtk.h>

#include "vs-layer-row.h"
#include "vs-nifti-writer.h"
#include "vs-resources.h"
#include "vs-slice-view.h"
#include "vs-surface-view.h"
#include "vs-attention-panel.h"
#include "vs-image-reader.h"
#include "vs-nifti-reader.h"
#include "vs-npy-reader.h"
#include "vs-midline-overlay.h"
#include "vs-midline-panel.h"
#include "vs-slice-view.h"
#include "vs-voxel-inspector.h"
#include "vs-window-test-support.h"
#include "vs-test-fixtures.h"
#include "vs-window.h"

/* Real windows under Xvfb: open files as a person would, wait for the loading jobs, and check
 * the layer list, the drawn views, the status bar and the error bar. */

static gboolean
has_items (gpointer data)
{
  return g_list_model_get_n_items (G_LIST_MODEL (data)) > 0;
}

static gboolean
inspector_idle (gpointer data)
{
  return !vs_voxel_inspector_is_busy (VS_VOXEL_INSPECTOR (data));
}

static gboolean
views_drawn (gpointer data)
{
  VsWindow *window = data;
  for (guint i = 0; i < 3; i++)
    if (vs_slice_view_get_frames_drawn (VS_SLICE_VIEW (vs_window_get_slice_view (window, i))) == 0)
      return FALSE;
  return TRUE;
}

static void
collect_rows (GtkWidget *widget, GPtrArray *rows)
{
  if (VS_IS_LAYER_ROW (widget))
    g_ptr_array_add (rows, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_rows (child, rows);
}

static void
test_open_colin_and_aal (void)
{
  g_autofree char *colin = g_build_filename (vs_test_mricron_dir (), "ch2.nii.gz", NULL);
  g_autofree char *aal = g_build_filename (vs_test_mricron_dir (), "aal.nii.gz", NULL);
  const char *paths[] = { colin, aal, NULL };
  VsWindow *window = vs_test_open_window (paths);
  VsScene *scene = vs_window_get_scene (window);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  cairo_surface_t *capture;
  VsLayer *atlas;
  const guint8 *labels;
  double cursor[3], ijk[3];
  gint64 found = -1;

  g_assert_null (vs_window_get_error_text (window));
  /* The later file is on top. */
  g_assert_cmpuint (vs_scene_get_n_layers (scene), ==, 2);
  g_assert_cmpstr (vs_layer_get_name (vs_scene_get_layer (scene, 0)), ==, "aal");
  g_assert_cmpstr (vs_layer_get_name (vs_scene_get_layer (scene, 1)), ==, "ch2");
  g_assert_true (vs_layer_is_label (vs_scene_get_layer (scene, 0)));

  /* The layer list shows a row for each layer. */
  g_assert_true (vs_test_wait_until (views_drawn, window, 30000));
  collect_rows (GTK_WIDGET (window), rows);
  g_assert_cmpuint (rows->len, ==, 2);

  /* The histogram jobs set the robust range of the template. */
  g_assert_true (vs_test_wait_until (vs_test_stats_ready, scene, 30000));
  g_assert_cmpfloat (vs_layer_get_display_max (vs_scene_get_layer (scene, 1)), >, 50);

  /* The views drew something: the centre of the axial view is not black. */
  capture = vs_slice_view_capture (VS_SLICE_VIEW (vs_window_get_slice_view (window, 2)), &error);
  g_assert_no_error (error);
  {
    int w = cairo_image_surface_get_width (capture), h = cairo_image_surface_get_height (capture);
    const guint8 *data = cairo_image_surface_get_data (capture);
    guint32 centre = ((const guint32 *) (data + (h / 2 + 10) * cairo_image_surface_get_stride (capture)))[w / 2 + 10];
    g_assert_cmpuint (centre & 0xffffff, !=, 0);
  }
  cairo_surface_destroy (capture);

  /* The status bar names the atlas region under the cursor. */
  atlas = vs_scene_get_layer (scene, 0);
  labels = vs_volume_get_data (vs_layer_get_volume (atlas));
  for (gint64 v = 0; v < 181 * 217 * 181 && found < 0; v++)
    if (labels[v] == 37)
      found = v;
  g_assert_cmpint (found, >=, 0);
  ijk[0] = found % 181;
  ijk[1] = (found / 181) % 217;
  ijk[2] = found / (181 * 217);
  vs_volume_voxel_to_world (vs_layer_get_volume (atlas), ijk, cursor);
  vs_scene_set_cursor (scene, cursor);
  g_assert_nonnull (strstr (vs_window_get_status_text (window), "Hippocampus_L"));
  g_assert_nonnull (strstr (vs_window_get_status_text (window), " mm"));

  /* Removing a layer removes its row. */
  vs_scene_remove_layer (scene, atlas);
  while (g_main_context_iteration (NULL, FALSE));
  g_ptr_array_set_size (rows, 0);
  collect_rows (GTK_WIDGET (window), rows);
  g_assert_cmpuint (rows->len, ==, 1);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_open_bad_file (void)
{
  g_autofree char *dir = vs_test_make_tmpdir ();
  g_autofree char *bad = g_build_filename (dir, "broken.nii.gz", NULL);
  const char *paths[] = { bad, NULL };
  VsWindow *window;

  g_assert_true (g_file_set_contents (bad, "not a volume at all", -1, NULL));
  window = vs_test_open_window (paths);
  g_assert_cmpuint (vs_scene_get_n_layers (vs_window_get_scene (window)), ==, 0);
  g_assert_nonnull (vs_window_get_error_text (window));
  g_assert_nonnull (strstr (vs_window_get_error_text (window), "broken.nii.gz"));
  g_assert_nonnull (strstr (vs_window_get_error_text (window), "not a NIfTI file"));
  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (bad);
  g_rmdir (dir);
}

static void
test_layouts_and_radiological (void)
{
  g_autofree char *colin = g_build_filename (vs_test_mricron_dir (), "ch2.nii.gz", NULL);
  const char *paths[] = { colin, NULL };
  VsWindow *window = vs_test_open_window (paths);
  VsSliceView *axial = VS_SLICE_VIEW (vs_window_get_slice_view (window, 2));
  char left[2], right[2], top[2], bottom[2];

  g_assert_true (vs_test_wait_until (views_drawn, window, 30000));
  vs_window_set_layout (window, "row");
  vs_window_set_layout (window, "single");
  vs_window_set_layout (window, "grid");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (axial)));

  vs_slice_camera_edge_letters (vs_slice_view_get_camera (axial), left, right, top, bottom);
  g_assert_cmpstr (left, ==, "L");
  g_action_group_activate_action (G_ACTION_GROUP (window), "radiological", NULL);
  g_assert_true (vs_scene_get_radiological (vs_window_get_scene (window)));
  gtk_widget_queue_draw (GTK_WIDGET (axial));
  {
    guint before = vs_slice_view_get_frames_drawn (axial);
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
    while (vs_slice_view_get_frames_drawn (axial) == before && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, FALSE);
  }
  vs_slice_camera_edge_letters (vs_slice_view_get_camera (axial), left, right, top, bottom);
  g_assert_cmpstr (left, ==, "R");
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
surface_drawn (gpointer data)
{
  return vs_surface_view_get_frames_drawn (VS_SURFACE_VIEW (data)) > 0;
}

/* A surface and data for it: the surface list, the 3D view, picking into the status bar, and
 * data that fits no surface refused with a message. */
static void
test_open_surface (void)
{
  const char *cube = "/usr/lib/python3/dist-packages/nibabel/gifti/tests/data/external.gii";
  const char *curv = "/usr/lib/python3/dist-packages/nibabel/gifti/tests/data/rh.shape.curv.gii";
  g_autofree char *dir = vs_test_make_tmpdir ();
  g_autofree char *data_path = g_build_filename (dir, "corner.shape.gii", NULL);
  g_autofree char *gifti = NULL;
  const char *paths[] = { cube, data_path, curv, NULL };
  VsWindow *window;
  VsScene *scene;
  GtkWidget *view;
  g_autoptr(VsSurfaceLayer) layer = NULL;
  const VsOrbitCamera *camera;

  /* Eight values, one per cube corner, value = corner index. */
  gifti = g_strdup ("<?xml version=\"1.0\"?><GIFTI Version=\"1.0\" NumberOfDataArrays=\"1\">"
                    "<DataArray Intent=\"NIFTI_INTENT_SHAPE\" DataType=\"NIFTI_TYPE_FLOAT32\" "
                    "ArrayIndexingOrder=\"RowMajorOrder\" Dimensionality=\"1\" Dim0=\"8\" "
                    "Encoding=\"ASCII\" Endian=\"LittleEndian\" ExternalFileName=\"\" "
                    "ExternalFileOffset=\"\"><Data>0 1 2 3 4 5 6 7</Data></DataArray></GIFTI>");
  g_assert_true (g_file_set_contents (data_path, gifti, -1, NULL));
  window = vs_test_open_window (paths);
  scene = vs_window_get_scene (window);

  g_assert_cmpuint (g_list_model_get_n_items (vs_scene_get_surfaces (scene)), ==, 1);
  layer = g_list_model_get_item (vs_scene_get_surfaces (scene), 0);
  g_assert_cmpuint (g_list_model_get_n_items (vs_surface_layer_get_overlays (layer)), ==, 1);
  /* rh.shape.curv.gii has 133764 values: no surface fits it. */
  g_assert_nonnull (vs_window_get_error_text (window));
  g_assert_nonnull (strstr (vs_window_get_error_text (window), "133764 vertices"));

  view = vs_window_get_slice_view (window, 3);
  g_assert_true (vs_test_wait_until (surface_drawn, view, 30000));
  camera = vs_surface_view_get_camera (VS_SURFACE_VIEW (view));
  g_assert_cmpint (camera->width, >, 0);
  /* A click in the middle of the 3D view hits the cube and names the vertex and its value. */
  g_assert_true (vs_surface_view_pick (VS_SURFACE_VIEW (view),
                                       gtk_widget_get_width (view) / 2.0,
                                       gtk_widget_get_height (view) / 2.0));
  g_assert_nonnull (strstr (vs_window_get_status_text (window), "external.gii vertex"));
  g_assert_nonnull (strstr (vs_window_get_status_text (window), "corner"));
  /* Clicking the background picks nothing. */
  g_assert_false (vs_surface_view_pick (VS_SURFACE_VIEW (view), 1, 1));

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (data_path);
  g_rmdir (dir);
}

static gboolean
has_surface (gpointer data)
{
  return g_list_model_get_n_items (vs_scene_get_surfaces (data)) > 0;
}

static gboolean
has_overlay (gpointer data)
{
  g_autoptr(VsSurfaceLayer) layer = g_list_model_get_item (vs_scene_get_surfaces (data), 0);
  return g_list_model_get_n_items (vs_surface_layer_get_overlays (layer)) > 0;
}

/* Surface from Volume, then Project Volume onto Surface, through their dialogs. */
static void
test_surface_analyses (void)
{
  g_autofree char *anatomy = g_build_filename (vs_test_nibabel_data_dir (), "anatomical.nii",
                                               NULL);
  const char *paths[] = { anatomy, NULL };
  VsWindow *window = vs_test_open_window (paths);
  VsScene *scene = vs_window_get_scene (window);
  g_autoptr(VsSurfaceLayer) layer = NULL;
  g_autoptr(VsVertexLayer) overlay = NULL;
  VsVertexData *data;
  GtkDialog *dialog;
  double lo, hi;

  g_assert_true (vs_test_wait_until (vs_test_stats_ready, scene, 30000));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.isosurface", NULL);
  dialog = vs_test_find_dialog ();
  g_assert_nonnull (dialog);
  gtk_dialog_response (dialog, GTK_RESPONSE_ACCEPT);
  g_assert_true (vs_test_wait_until (has_surface, scene, 60000));
  g_assert_null (vs_window_get_error_text (window));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.project", NULL);
  dialog = vs_test_find_dialog ();
  g_assert_nonnull (dialog);
  gtk_dialog_response (dialog, GTK_RESPONSE_ACCEPT);
  g_assert_true (vs_test_wait_until (has_overlay, scene, 60000));
  layer = g_list_model_get_item (vs_scene_get_surfaces (scene), 0);
  overlay = g_list_model_get_item (vs_surface_layer_get_overlays (layer), 0);
  data = vs_vertex_layer_get_data (overlay);
  g_assert_cmpuint (vs_vertex_data_get_n_vertices (data), ==,
                    vs_surface_get_n_vertices (vs_surface_layer_get_surface (layer)));
  /* The surface sits where the volume crosses the threshold, so the values sampled on it lie
   * around that threshold, inside the data's range. */
  vs_vertex_data_get_range (data, 0, &lo, &hi);
  g_assert_cmpfloat (lo, <, hi);
  g_assert_cmpfloat (hi, <=, vs_layer_get_stats (vs_scene_get_layer (scene, 0))->max + 1);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
has_layer_named (gpointer data)
{
  gpointer *args = data;
  VsScene *scene = args[0];
  for (guint i = 0; i < vs_scene_get_n_layers (scene); i++)
    if (g_strcmp0 (vs_layer_get_name (vs_scene_get_layer (scene, i)), args[1]) == 0)
      return TRUE;
  return FALSE;
}

static VsLayer *
layer_named (VsScene *scene, const char *name)
{
  for (guint i = 0; i < vs_scene_get_n_layers (scene); i++)
    if (g_strcmp0 (vs_layer_get_name (vs_scene_get_layer (scene, i)), name) == 0)
      return vs_scene_get_layer (scene, i);
  return NULL;
}

static void
set_entry (GtkDialog *dialog, const char *key, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (g_object_get_data (G_OBJECT (dialog), key)), text);
}

/* Encoding model and selectivity from their dialogs: the maps arrive as layers. */
static void
test_voxel_selectivity_dialogs (void)
{
  g_autofree char *dir = vs_test_make_tmpdir ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (8);
  const gint64 dims[4] = { 4, 4, 2, 90 };
  g_autoptr(VsVolume) y = vs_volume_new (VS_DATATYPE_FLOAT32, dims, NULL);
  float *yd = vs_volume_get_data_mutable (y);
  double x[90 * 4];
  g_autoptr(GString) tsv = g_string_new ("stimulus_id\timage\tcategory\tsplit\trepeat\n");
  g_autofree char *features = NULL, *concepts = NULL, *concept_names = NULL;
  g_autofree char *responses = g_build_filename (dir, "y.nii.gz", NULL);
  g_autofree char *stimuli = g_build_filename (dir, "stim.tsv", NULL);
  VsWindow *window = vs_window_new (NULL);
  VsScene *scene = vs_window_get_scene (window);
  GtkDialog *dialog;
  gpointer r_args[2] = { scene, (gpointer) "r" };
  gpointer preferred_args[2] = { scene, (gpointer) "preferred category" };
  VsLayer *r, *preferred;

  for (int i = 0; i < 90; i++)
    {
      for (int k = 0; k < 4; k++)
        x[i * 4 + k] = g_rand_double_range (rand, -1, 1);
      for (int v = 0; v < 32; v++)
        yd[v + i * 32] = (float) (v < 16 ? 2 * x[i * 4 + v % 4] + (i % 2) +
                                           0.1 * g_rand_double_range (rand, -1, 1)
                                         : g_rand_double_range (rand, -1, 1));
      g_string_append_printf (tsv, "s%d\ts%d.png\t%s\t%s\t0\n", i, i, i % 2 ? "faces" : "places",
                              i < 75 ? "train" : "test");
    }
  features = vs_test_write_npy (dir, "x.npy", "<f8", FALSE, "(90, 4)", x, sizeof x, 0);
  {
    const double e[8] = { 1, 0, 0, 0, 0, 1, 0, 0 };
    concepts = vs_test_write_npy (dir, "c.npy", "<f8", FALSE, "(2, 4)", e, sizeof e, 0);
    concept_names = g_build_filename (dir, "c.tsv", NULL);
    g_assert_true (g_file_set_contents (concept_names, "first feature\nsecond feature\n", -1,
                                        NULL));
  }
  g_assert_true (vs_nifti_write (y, responses, NULL));
  g_assert_true (g_file_set_contents (stimuli, tsv->str, -1, NULL));
  gtk_window_present (GTK_WINDOW (window));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.encoding", NULL);
  dialog = vs_test_find_dialog ();
  g_assert_nonnull (dialog);
  set_entry (dialog, "features", features);
  set_entry (dialog, "responses", responses);
  set_entry (dialog, "stimuli", stimuli);
  /* Concepts given without their names: named, and the dialog stays. */
  set_entry (dialog, "concepts", concepts);
  gtk_dialog_response (dialog, GTK_RESPONSE_ACCEPT);
  g_assert_nonnull (strstr (vs_window_get_error_text (window), "both the embeddings and their "
                                                               "names"));
  set_entry (dialog, "concept_names", concept_names);
  gtk_dialog_response (dialog, GTK_RESPONSE_ACCEPT);
  g_assert_true (vs_test_wait_until (has_layer_named, r_args, 60000));
  g_assert_null (vs_window_get_error_text (window));
  /* Voxel 0 is driven by feature 0, voxel 1 by feature 1: their best concepts. */
  {
    VsVolume *concept = vs_layer_get_volume (layer_named (scene, "concept"));
    g_assert_true (vs_layer_is_label (layer_named (scene, "concept")));
    g_assert_cmpfloat (vs_volume_get_value (concept, 0, 0, 0, 0), ==, 1);
    g_assert_cmpfloat (vs_volume_get_value (concept, 1, 0, 0, 0), ==, 2);
    g_assert_cmpstr (vs_label_table_lookup (vs_volume_get_label_table (concept), 2)->name, ==,
                     "second feature");
  }
  /* The inspector names voxel 0's closest concepts, best first, and its held-out R². */
  {
    const double origin[3] = { 0, 0, 0 };
    const char *summary;
    vs_scene_set_cursor (scene, origin);
    summary = vs_voxel_inspector_get_summary (VS_VOXEL_INSPECTOR (vs_window_get_inspector (window)));
    g_test_message ("%s", summary);
    g_assert_nonnull (strstr (summary, "R² 0."));
    g_assert_nonnull (strstr (summary, "\nconcepts: first feature 1.00, second feature 0.0"));
  }
  r = layer_named (scene, "r");
  g_assert_cmpint (vs_layer_get_colormap (r), ==, VS_COLORMAP_INFERNO);
  g_assert_cmpfloat (vs_layer_get_display_min (r), ==, 0);
  g_assert_cmpfloat (vs_volume_get_value (vs_layer_get_volume (r), 0, 0, 0, 0), >, 0.8);
  g_assert_false (vs_layer_get_visible (layer_named (scene, "alpha")));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.selectivity", NULL);
  dialog = vs_test_find_dialog ();
  set_entry (dialog, "responses", responses);
  set_entry (dialog, "stimuli", stimuli);
  gtk_dialog_response (dialog, GTK_RESPONSE_ACCEPT);
  g_assert_true (vs_test_wait_until (has_layer_named, preferred_args, 60000));
  preferred = layer_named (scene, "preferred category");
  g_assert_true (vs_layer_is_label (preferred));
  g_assert_cmpstr (vs_label_table_lookup (vs_volume_get_label_table (vs_layer_get_volume (preferred)),
                                          1)->name, ==, "places");

  /* A missing input is named and keeps the dialog open. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.encoding", NULL);
  dialog = vs_test_find_dialog ();
  gtk_dialog_response (dialog, GTK_RESPONSE_ACCEPT);
  g_assert_nonnull (strstr (vs_window_get_error_text (window), "features, responses and the "
                                                               "stimulus table"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
  vs_test_remove_tree (dir);
}

/* Vertex-wise responses on an open surface: the 8 vertices of a cube, 90 presentations, vertices
 * driven by the features.  The r map lands on the cube as an overlay, and picking a vertex shows
 * its model in the inspector. */
static void
test_vertex_wise_encoding (void)
{
  const char *cube = "/usr/lib/python3/dist-packages/nibabel/gifti/tests/data/external.gii";
  const char *paths[] = { cube, NULL };
  g_autofree char *dir = vs_test_make_tmpdir ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (8);
  g_autofree char *features = NULL, *func = NULL;
  g_autofree char *stimuli = g_build_filename (dir, "stim.tsv", NULL);
  g_autoptr(GString) tsv = g_string_new ("stimulus_id\timage\tcategory\tsplit\trepeat\n");
  float y[90 * 8];
  double x[90 * 4];
  VsWindow *window;
  GtkDialog *dialog;
  g_autoptr(VsSurfaceLayer) layer = NULL;
  GListModel *overlays;
  VsVoxelInspector *inspector;

  for (int i = 0; i < 90; i++)
    {
      for (int k = 0; k < 4; k++)
        x[i * 4 + k] = g_rand_double_range (rand, -1, 1);
      for (int v = 0; v < 8; v++)
        y[i * 8 + v] = (float) (2 * x[i * 4 + v % 4] + 0.1 * g_rand_double_range (rand, -1, 1));
      g_string_append_printf (tsv, "s%d\t\t%s\t%s\t0\n", i, i % 2 ? "faces" : "places",
                              i < 75 ? "train" : "test");
    }
  features = vs_test_write_npy (dir, "x.npy", "<f8", FALSE, "(90, 4)", x, sizeof x, 0);
  func = vs_test_write_func_gifti (dir, "cube.func.gii", y, 90, 8, 0, 8);
  g_assert_true (g_file_set_contents (stimuli, tsv->str, -1, NULL));
  window = vs_test_open_window (paths);
  layer = g_list_model_get_item (vs_scene_get_surfaces (vs_window_get_scene (window)), 0);
  overlays = vs_surface_layer_get_overlays (layer);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.encoding", NULL);
  dialog = vs_test_find_dialog ();
  set_entry (dialog, "features", features);
  set_entry (dialog, "responses", func);
  set_entry (dialog, "stimuli", stimuli);
  gtk_dialog_response (dialog, GTK_RESPONSE_ACCEPT);
  g_assert_true (vs_test_wait_until (has_items, overlays, 60000));
  g_assert_null (vs_window_get_error_text (window));
  {
    g_autoptr(VsVertexLayer) r = g_list_model_get_item (overlays, 0);
    VsVertexData *data = vs_vertex_layer_get_data (r);
    g_assert_cmpstr (vs_vertex_data_get_name (data), ==, "r");
    for (guint v = 0; v < 8; v++)
      g_assert_cmpfloat (vs_vertex_data_get_column (data, 0)[v], >, 0.9);
  }
  inspector = VS_VOXEL_INSPECTOR (vs_window_get_inspector (window));
  vs_voxel_inspector_set_vertex (inspector, layer, 5);
  g_test_message ("%s", vs_voxel_inspector_get_summary (inspector));
  {
    const char *at = strstr (vs_voxel_inspector_get_summary (inspector), "vertex 5   r ");
    g_assert_nonnull (at);
    g_assert_cmpfloat (g_ascii_strtod (at + strlen ("vertex 5   r "), NULL), >, 0.9);
  }
  gtk_window_destroy (GTK_WINDOW (window));
  vs_test_remove_tree (dir);
}

static gboolean
has_midlines (gpointer data)
{
  return vs_scene_get_midlines (VS_SCENE (data)) != NULL;
}

/* Midlines on a copy of Colin27: estimated in a job, listed, drawn and dragged on the axial view,
 * undone and redone, confirmed, autosaved beside the volume, and resumed from there when the
 * volume is opened again. */
static void
test_midlines (void)
{
  g_autofree char *dir = vs_test_make_tmpdir ();
  g_autofree char *colin = g_build_filename (vs_test_mricron_dir (), "ch2.nii.gz", NULL);
  g_autofree char *copy = g_build_filename (dir, "ch2.nii.gz", NULL);
  g_autofree char *autosave = g_build_filename (dir, "ch2.nii.gz.midlines.json", NULL);
  g_autofree char *contents = NULL;
  const char *paths[] = { copy, NULL };
  VsWindow *window;
  VsScene *scene;
  VsMidlineEditor *editor;
  VsMidlineEntry *entry;
  double original[2], cursor[3], ijk[3] = { 90, 108, 80 }, xyz[3];
  VsMidlineAxis axis;
  gint64 index;
  guint end;

  {
    gsize length = 0;
    g_assert_true (g_file_get_contents (colin, &contents, &length, NULL));
    g_assert_true (g_file_set_contents (copy, contents, (gssize) length, NULL));
  }
  window = vs_test_open_window (paths);
  scene = vs_window_get_scene (window);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.midlines", "s", "axial");
  g_assert_true (vs_test_wait_until (has_midlines, scene, 120000));
  g_assert_null (vs_window_get_error_text (window));
  editor = vs_scene_get_midlines (scene);
  g_assert_true (vs_midline_editor_get_annotations (editor)->has_plane);
  g_assert_cmpuint (vs_midline_editor_get_annotations (editor)->entries->len, >, 150);
  g_assert_true (g_file_test (autosave, G_FILE_TEST_IS_REGULAR));
  g_assert_nonnull (layer_named (scene, "asymmetry"));

  /* Go to axial slice 80 and grab the first end of its line where the view draws it. */
  vs_volume_voxel_to_world (vs_midline_editor_get_source (editor), ijk, xyz);
  vs_scene_set_cursor (scene, xyz);
  g_assert_true (vs_test_wait_until (views_drawn, window, 10000));
  {
    GtkWidget *view = vs_window_get_slice_view (window, 2 /* axial */);
    guint before = vs_slice_view_get_frames_drawn (VS_SLICE_VIEW (view));
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
    /* A frame after the cursor moved: the camera is on slice 80. */
    gtk_widget_queue_draw (view);
    while (vs_slice_view_get_frames_drawn (VS_SLICE_VIEW (view)) == before &&
           g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
  }
  {
    GtkWidget *view = vs_window_get_slice_view (window, 2 /* axial */);
    VsSliceCamera camera = *vs_slice_view_get_camera (VS_SLICE_VIEW (view));
    double sx, sy, p[3];
    int scale = gtk_widget_get_scale_factor (view);
    camera.mm_per_pixel *= scale;
    camera.width /= scale;
    camera.height /= scale;
    entry = vs_midline_annotations_find ((VsMidlineAnnotations *)
                                         vs_midline_editor_get_annotations (editor),
                                         VS_MIDLINE_AXIS_AXIAL, 80);
    g_assert_nonnull (entry);
    memcpy (original, entry->line.p0, sizeof original);
    p[0] = original[0], p[1] = original[1], p[2] = 80;
    vs_volume_voxel_to_world (vs_midline_editor_get_source (editor), p, xyz);
    vs_slice_camera_world_to_pixel (&camera, xyz, &sx, &sy);
    vs_scene_get_cursor (scene, cursor);
    g_test_message ("end at (%.1f, %.1f) px; cursor (%.1f, %.1f, %.1f), camera %d×%d axis %d",
                    sx, sy, cursor[0], cursor[1], cursor[2], camera.width, camera.height,
                    camera.axis);
    g_assert_true (vs_midline_overlay_hit (editor, &camera, cursor, sx + 3, sy - 2, &axis, &index,
                                           &end));
    g_assert_cmpint (axis, ==, VS_MIDLINE_AXIS_AXIAL);
    g_assert_cmpint (index, ==, 80);
    g_assert_cmpuint (end, ==, 0);
    vs_midline_editor_begin_change (editor);
    vs_midline_overlay_drag_to (editor, &camera, axis, index, end, sx + 15, sy);
    vs_midline_overlay_drag_to (editor, &camera, axis, index, end, sx + 30, sy);
  }
  entry = vs_midline_annotations_find ((VsMidlineAnnotations *)
                                       vs_midline_editor_get_annotations (editor),
                                       VS_MIDLINE_AXIS_AXIAL, 80);
  g_assert_cmpint (entry->status, ==, VS_MIDLINE_EDITED);
  g_assert_cmpfloat (entry->line.p0[0] - original[0], >, 10);
  /* The two drag steps are one undo step. */
  g_assert_true (vs_midline_editor_undo (editor));
  entry = vs_midline_annotations_find ((VsMidlineAnnotations *)
                                       vs_midline_editor_get_annotations (editor),
                                       VS_MIDLINE_AXIS_AXIAL, 80);
  g_assert_cmpint (entry->status, ==, VS_MIDLINE_ESTIMATED);
  g_assert_cmpfloat (entry->line.p0[0], ==, original[0]);
  g_assert_true (vs_midline_editor_redo (editor));
  g_assert_true (vs_midline_editor_confirm (editor, VS_MIDLINE_AXIS_AXIAL, 80));
  /* The plane's handles on the coronal view: the middle one shifts it, an end one turns it about
   * the other end; each drag is one undo step. */
  {
    GtkWidget *view = vs_window_get_slice_view (window, 1 /* coronal */);
    VsSliceCamera camera = *vs_slice_view_get_camera (VS_SLICE_VIEW (view));
    const VsMidplane *plane;
    VsMidlinePlaneDrag drag;
    double ax, ay, bx, by, before_offset, on_pivot;
    vs_scene_get_cursor (scene, cursor);
    plane = &vs_midline_editor_get_annotations (editor)->plane;
    before_offset = plane->offset;
    g_assert_true (vs_test_wait_until (views_drawn, window, 10000));
    camera = *vs_slice_view_get_camera (VS_SLICE_VIEW (view));
    /* The handles sit 4 % inside the cut's ends. */
    {
      double a[3], b[3];
      g_assert_true (vs_midline_editor_plane_line (editor, cursor, (double[3]) { 0, 1, 0 }, a, b));
      for (int k = 0; k < 3; k++)
        {
          double d = b[k] - a[k];
          a[k] += 0.04 * d;
          b[k] -= 0.04 * d;
        }
      vs_slice_camera_world_to_pixel (&camera, a, &ax, &ay);
      vs_slice_camera_world_to_pixel (&camera, b, &bx, &by);
    }
    g_assert_true (vs_midline_overlay_hit_plane (editor, &camera, cursor, (ax + bx) / 2,
                                                 (ay + by) / 2, &drag));
    g_assert_cmpuint (drag.handle, ==, 2);
    vs_midline_editor_begin_change (editor);
    vs_midline_overlay_drag_plane (editor, &camera, &drag, (ax + bx) / 2 + 12, (ay + by) / 2);
    plane = &vs_midline_editor_get_annotations (editor)->plane;
    g_test_message ("shifted: offset %.2f → %.2f mm", before_offset, plane->offset);
    g_assert_cmpfloat (fabs (plane->offset - before_offset), >, 5);
    g_assert_cmpint (vs_midline_editor_get_annotations (editor)->plane_status, ==,
                     VS_MIDLINE_EDITED);
    g_assert_true (vs_midline_editor_undo (editor));
    plane = &vs_midline_editor_get_annotations (editor)->plane;
    g_assert_cmpfloat (plane->offset, ==, before_offset);

    g_assert_true (vs_midline_overlay_hit_plane (editor, &camera, cursor, ax, ay, &drag));
    g_assert_cmpuint (drag.handle, ==, 0);
    vs_midline_editor_begin_change (editor);
    vs_midline_overlay_drag_plane (editor, &camera, &drag, ax + 25, ay);
    plane = &vs_midline_editor_get_annotations (editor)->plane;
    on_pivot = plane->normal[0] * drag.b[0] + plane->normal[1] * drag.b[1] +
               plane->normal[2] * drag.b[2] - plane->offset;
    g_test_message ("turned: normal (%.3f, %.3f, %.3f), pivot %.2g mm off", plane->normal[0],
                    plane->normal[1], plane->normal[2], on_pivot);
    g_assert_cmpfloat (fabs (plane->normal[2]), >, 0.05);
    g_assert_cmpfloat (fabs (on_pivot), <, 1e-6);
    g_assert_true (vs_midline_editor_undo (editor));
  }

  /* The panel lists every line. */
  g_assert_cmpuint (vs_midline_panel_get_n_rows (VS_MIDLINE_PANEL (
                      vs_window_get_midline_panel (window))), ==,
                    vs_midline_editor_get_annotations (editor)->entries->len);
  gtk_window_destroy (GTK_WINDOW (window));

  /* The confirmed line was autosaved; opening the volume again resumes it. */
  window = vs_test_open_window (paths);
  scene = vs_window_get_scene (window);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.midlines", "s", "axial");
  g_assert_true (vs_test_wait_until (has_midlines, scene, 120000));
  entry = vs_midline_annotations_find ((VsMidlineAnnotations *)
                                       vs_midline_editor_get_annotations (
                                         vs_scene_get_midlines (scene)),
                                       VS_MIDLINE_AXIS_AXIAL, 80);
  g_assert_cmpint (entry->status, ==, VS_MIDLINE_CONFIRMED);
  g_assert_cmpfloat (entry->line.p0[0] - original[0], >, 10);
  gtk_window_destroy (GTK_WINDOW (window));

  /* Coronal slices on request (a fresh copy, nothing saved for it yet). */
  {
    g_autofree char *second = g_build_filename (dir, "colin.nii.gz", NULL);
    const char *second_paths[] = { second, NULL };
    g_autofree char *bytes = NULL;
    gsize length = 0;
    g_assert_true (g_file_get_contents (copy, &bytes, &length, NULL));
    g_assert_true (g_file_set_contents (second, bytes, (gssize) length, NULL));
    window = vs_test_open_window (second_paths);
    scene = vs_window_get_scene (window);
    gtk_widget_activate_action (GTK_WIDGET (window), "win.midlines", "s", "coronal");
    g_assert_true (vs_test_wait_until (has_midlines, scene, 120000));
    g_assert_nonnull (vs_midline_annotations_find ((VsMidlineAnnotations *)
                                                   vs_midline_editor_get_annotations (
                                                     vs_scene_get_midlines (scene)),
                                                   VS_MIDLINE_AXIS_CORONAL, 108));
    gtk_window_destroy (GTK_WINDOW (window));
  }
  vs_test_remove_tree (dir);
}

/* A Symbrain-style 2D slice (290×290 PNG) opens upright as a one-slice volume; its midline is
 * estimated, dragged and saved as Symbrain's CSV under the image's name. */
static void
test_midline_of_png (void)
{
  g_autofree char *dir = vs_test_make_tmpdir ();
  g_autofree char *png = vs_test_write_colin_slice_png (dir, "slice.png", 8);
  g_autofree char *csv = g_build_filename (dir, "lines.csv", NULL);
  const char *paths[] = { png, NULL };
  VsWindow *window = vs_test_open_window (paths);
  VsScene *scene = vs_window_get_scene (window);
  g_autoptr(VsMidlineAnnotations) saved = NULL;
  g_autoptr(GError) error = NULL;
  VsMidlineEditor *editor;
  const VsMidlineEntry *entry;
  gint64 dims[4];

  g_assert_null (vs_window_get_error_text (window));
  vs_volume_get_dims (vs_layer_get_volume (vs_scene_get_layer (scene, 0)), dims);
  g_assert_cmpint (dims[0], ==, 290);
  g_assert_cmpint (dims[2], ==, 1);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.midlines", "s", "axial");
  g_assert_true (vs_test_wait_until (has_midlines, scene, 60000));
  g_assert_null (vs_window_get_error_text (window));
  editor = vs_scene_get_midlines (scene);
  g_assert_false (vs_midline_editor_get_annotations (editor)->has_plane);
  entry = vs_midline_annotations_find ((VsMidlineAnnotations *)
                                       vs_midline_editor_get_annotations (editor),
                                       VS_MIDLINE_AXIS_AXIAL, 0);
  g_assert_nonnull (entry);
  g_assert_cmpstr (entry->image, ==, png);
  /* The slice was turned by 8°: so is its midline, against the unturned slice's. */
  {
    g_autofree char *straight = vs_test_write_colin_slice_png (dir, "straight.png", 0);
    g_autoptr(VsVolume) image = vs_image_read_grey (straight, &error);
    VsMidline reference;
    g_assert_no_error (error);
    g_assert_true (vs_midline_estimate (vs_volume_get_data (image), 290, 290, NAN, &reference,
                                        NULL, &error));
    g_test_message ("midline of the PNG turned by 8°: %.2f° from the unturned one",
                    vs_midline_angle_between (&entry->line, &reference));
    g_assert_cmpfloat (fabs (vs_midline_angle_between (&entry->line, &reference) - 8), <, 0.5);
  }
  g_assert_true (vs_midline_editor_save (editor, csv, &error));
  saved = vs_symbrain_read_csv (csv, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_array_index (saved->entries, VsMidlineEntry, 0).image, ==, png);

  /* Symbrain's CSV opens back onto the image: the row naming it, as the midline to edit. */
  {
    g_autofree char *other = g_build_filename (dir, "other.csv", NULL);
    const VsMidlineEntry *reopened;
    g_assert_true (g_file_set_contents (other, "image,midline\n"
                                        "\"elsewhere.png\",\"[{'x': 1, 'y': 2} {'x': 3, 'y': 4}]\"\n"
                                        "\"slice.png\",\"[{'x': 140.5, 'y': 40} {'x': 150.25, "
                                        "'y': 250}]\"\n", -1, NULL));
    g_assert_true (vs_window_open_midlines (window, other, &error));
    g_assert_no_error (error);
    reopened = vs_midline_annotations_find ((VsMidlineAnnotations *)
                                            vs_midline_editor_get_annotations (
                                              vs_scene_get_midlines (scene)),
                                            VS_MIDLINE_AXIS_AXIAL, 0);
    g_assert_cmpfloat (reopened->line.p0[0], ==, 140.5);
    g_assert_cmpint (reopened->status, ==, VS_MIDLINE_CONFIRMED);
    /* A table without the image is named. */
    g_assert_true (g_file_set_contents (other, "image,midline\n\"elsewhere.png\",\"[{'x': 1, "
                                        "'y': 2} {'x': 3, 'y': 4}]\"\n", -1, NULL));
    g_assert_false (vs_window_open_midlines (window, other, &error));
    g_assert_nonnull (strstr (error->message, "other.csv has no midline for slice.png"));
    g_clear_error (&error);
  }
  /* Midlines made on another grid are refused, naming where they were made. */
  {
    const double big[16] = { 2, 0, 0, 0, 0, 2, 0, 0, 0, 0, 2, 0, 0, 0, 0, 1 };
    g_autoptr(VsMidlineAnnotations) foreign = vs_midline_annotations_new ("/data/other.nii.gz",
                                                                         big);
    g_autofree char *json = g_build_filename (dir, "foreign.json", NULL);
    g_assert_true (vs_midline_annotations_write (foreign, json, NULL));
    g_assert_false (vs_window_open_midlines (window, json, &error));
    g_assert_nonnull (strstr (error->message, "foreign.json was made on /data/other.nii.gz"));
    g_clear_error (&error);
  }
  gtk_window_destroy (GTK_WINDOW (window));
  vs_test_remove_tree (dir);
}

static gboolean
attention_shown (gpointer data)
{
  return gtk_widget_get_visible (vs_window_get_attention_panel (VS_WINDOW (data)));
}

/* Attention from the window on the planted dataset: the stimulus viewer shows each region's
 * receptive field where it was planted, and its attention on the shown image; the figure
 * exports. */
static void
test_attention_panel (void)
{
  g_autofree char *dir = vs_test_make_tmpdir ();
  g_autofree char *figure = g_build_filename (dir, "figure.png", NULL);
  VsTestAttentionPaths paths;
  const char *none[] = { NULL };
  VsWindow *window = vs_test_open_window (none);
  VsAttentionPanel *panel = VS_ATTENTION_PANEL (vs_window_get_attention_panel (window));
  g_autoptr(GError) error = NULL;
  double map[36], centre[2], spread, sum = 0;

  vs_test_write_attention_dataset (dir, &paths);
  /* First an encoding model on the same features pooled over the patches. */
  {
    gsize shape[3];
    guint n_dims;
    g_autofree float *patches = vs_npy_read_float32 (paths.patches, shape, &n_dims, NULL);
    g_autofree double *pooled = g_new0 (double, shape[0] * shape[2]);
    g_autofree char *features = NULL;
    g_autofree char *npy_shape = g_strdup_printf ("(%zu, %zu)", shape[0], shape[2]);
    gpointer r_args[2] = { vs_window_get_scene (window), (gpointer) "r" };
    GtkDialog *dialog;
    for (gsize i = 0; i < shape[0]; i++)
      for (gsize j = 0; j < shape[1]; j++)
        for (gsize c = 0; c < shape[2]; c++)
          pooled[i * shape[2] + c] += patches[(i * shape[1] + j) * shape[2] + c] / shape[1];
    features = vs_test_write_npy (dir, "pooled.npy", "<f8", FALSE, npy_shape, pooled,
                                  shape[0] * shape[2] * sizeof (double), 0);
    gtk_widget_activate_action (GTK_WIDGET (window), "win.encoding", NULL);
    dialog = vs_test_find_dialog ();
    set_entry (dialog, "features", features);
    set_entry (dialog, "responses", paths.responses);
    set_entry (dialog, "stimuli", paths.stimuli);
    gtk_dialog_response (dialog, GTK_RESPONSE_ACCEPT);
    g_assert_true (vs_test_wait_until (has_layer_named, r_args, 60000));
  }
  vs_window_run_attention (window, paths.patches, paths.stimuli, paths.responses, paths.atlas,
                           NULL, NULL);
  g_assert_true (vs_test_wait_until (attention_shown, window, 60000));
  /* A voxel of the encoding model now shows its attention on its top image. */
  {
    const double origin[3] = { 0, 0, 0 };
    vs_scene_set_cursor (vs_window_get_scene (window), origin);
    g_assert_cmpuint (vs_voxel_inspector_shows_attention (
                        VS_VOXEL_INSPECTOR (vs_window_get_inspector (window))), ==, 3);
  }
  g_assert_null (vs_window_get_error_text (window));
  vs_attention_panel_choose (panel, "late", FALSE);
  /* The chosen region is outlined on the slices: voxels 4–7 of the atlas. */
  {
    VsLayer *chosen = layer_named (vs_window_get_scene (window), "chosen region");
    g_assert_nonnull (chosen);
    g_assert_true (vs_layer_get_label_outline (chosen));
    g_assert_cmpfloat (vs_volume_get_value (vs_layer_get_volume (chosen), 1, 1, 0, 0), ==, 1);
    g_assert_cmpfloat (vs_volume_get_value (vs_layer_get_volume (chosen), 1, 0, 0, 0), ==, 0);
  }
  vs_attention_panel_get_map (panel, map);
  vs_attention_centre (map, 6, 6, centre, &spread);
  g_test_message ("late: receptive field centre (%.2f, %.2f)", centre[0], centre[1]);
  g_assert_cmpfloat (hypot (centre[0] - 4.3, centre[1] - 3.8), <, 0.7);
  /* The browser by predicted response: the first image is the readout's best. */
  vs_attention_panel_set_order (panel, TRUE);
  {
    VsAttentionStudy *study = vs_attention_panel_get_study (panel);
    double shown = vs_attention_study_predict (study, 1, vs_attention_panel_get_image (panel));
    for (gsize i = 0; i < study->features.n; i++)
      g_assert_cmpfloat (vs_attention_study_predict (study, 1, i), <=, shown + 1e-12);
  }
  vs_attention_panel_choose (panel, "late", TRUE);
  vs_attention_panel_get_map (panel, map);
  for (int j = 0; j < 36; j++)
    sum += map[j];
  g_assert_cmpfloat (fabs (sum - 1), <, 1e-9);
  /* The stimuli have no pictures: the export says so. */
  g_assert_false (vs_attention_panel_export (panel, figure, &error));
  g_assert_nonnull (strstr (error->message, "is not there"));
  g_clear_error (&error);
  /* Maps made elsewhere: images × regions × patches, shown as they are. */
  {
    g_autofree char *names = g_build_filename (dir, "names.txt", NULL);
    g_autofree char *array = NULL;
    g_autofree float *values = g_new (float, 300 * 2 * 36);
    double shown[36];
    gsize image;
    for (int i = 0; i < 300 * 2 * 36; i++)
      values[i] = (float) ((i * 37) % 101) / 101;
    array = vs_test_write_npy (dir, "imported.npy", "<f4", FALSE, "(300, 2, 36)", values,
                               300 * 2 * 36 * sizeof (float), 0);
    g_assert_true (g_file_set_contents (names, "first\nsecond\n", -1, NULL));
    g_assert_true (vs_window_import_attention (window, array, names, paths.stimuli, NULL,
                                               &error));
    g_assert_no_error (error);
    vs_attention_panel_choose (panel, "second", FALSE);
    image = vs_attention_panel_get_image (panel);
    vs_attention_panel_get_map (panel, shown);
    for (int j = 0; j < 36; j++)
      g_assert_cmpfloat (shown[j], ==, values[(image * 2 + 1) * 36 + j]);
    /* A names file that does not fit is named. */
    g_assert_true (g_file_set_contents (names, "only one\n", -1, NULL));
    g_assert_false (vs_window_import_attention (window, array, names, paths.stimuli, NULL,
                                                &error));
    g_assert_nonnull (strstr (error->message,
                              "names.txt names 1 regions but imported.npy holds 2"));
    g_clear_error (&error);
  }
  gtk_window_destroy (GTK_WINDOW (window));
  vs_test_attention_paths_clear (&paths);
  vs_test_remove_tree (dir);
}

/* Regions as single voxels, and vertex-wise responses on the cube with vertex labels: the chosen
 * region is drawn on the surface. */
static void
test_attention_regions (void)
{
  const char *cube = "/usr/lib/python3/dist-packages/nibabel/gifti/tests/data/external.gii";
  const char *paths_open[] = { cube, NULL };
  g_autofree char *dir = vs_test_make_tmpdir ();
  g_autofree char *labels = g_build_filename (dir, "regions.label.gii", NULL);
  g_autofree char *func = NULL;
  VsTestAttentionPaths paths;
  VsWindow *window = vs_test_open_window (paths_open);
  VsAttentionPanel *panel = VS_ATTENTION_PANEL (vs_window_get_attention_panel (window));
  g_autoptr(VsVolume) y = NULL;
  g_autoptr(VsSurfaceLayer) layer = NULL;
  GListModel *overlays;
  gboolean found = FALSE;

  vs_test_write_attention_dataset (dir, &paths);
  vs_window_run_attention (window, paths.patches, paths.stimuli, paths.responses, NULL,
                           "1,0,0; 1,1,0", NULL);
  g_assert_true (vs_test_wait_until (attention_shown, window, 60000));
  g_assert_null (vs_window_get_error_text (window));
  g_assert_cmpstr (g_ptr_array_index (vs_attention_panel_get_study (panel)->names, 1), ==,
                   "voxel 1,1,0");

  y = vs_nifti_read (paths.responses, NULL, NULL, NULL);
  func = vs_test_write_func_gifti (dir, "y.func.gii", vs_volume_get_data (y), 300, 8, 0, 8);
  vs_test_write_attention_labels_gifti (labels);
  gtk_widget_set_visible (vs_window_get_attention_panel (window), FALSE);
  vs_window_run_attention (window, paths.patches, paths.stimuli, func, labels, NULL, NULL);
  g_assert_true (vs_test_wait_until (attention_shown, window, 60000));
  g_assert_null (vs_window_get_error_text (window));
  vs_attention_panel_choose (panel, "late", FALSE);
  layer = g_list_model_get_item (vs_scene_get_surfaces (vs_window_get_scene (window)), 0);
  overlays = vs_surface_layer_get_overlays (layer);
  for (guint i = 0; i < g_list_model_get_n_items (overlays); i++)
    {
      g_autoptr(VsVertexLayer) overlay = g_list_model_get_item (overlays, i);
      VsVertexData *data = vs_vertex_layer_get_data (overlay);
      if (g_strcmp0 (vs_vertex_data_get_name (data), "chosen region") != 0)
        continue;
      found = TRUE;
      for (guint v = 0; v < 8; v++)
        g_assert_cmpfloat (vs_vertex_data_get_column (data, 0)[v], ==, v >= 4 ? 1 : 0);
    }
  g_assert_true (found);

  /* The same labels opened as a layer on the cube serve as regions when no file is given. */
  {
    g_autoptr(GFile) file = g_file_new_for_path (labels);
    GFile *files[1] = { file };
    vs_window_open_files (window, files, 1);
    g_assert_true (vs_test_wait_until (vs_test_loads_finished, window, 10000));
    gtk_widget_set_visible (vs_window_get_attention_panel (window), FALSE);
    vs_window_run_attention (window, paths.patches, paths.stimuli, func, NULL, NULL, NULL);
    g_assert_true (vs_test_wait_until (attention_shown, window, 60000));
    g_assert_null (vs_window_get_error_text (window));
    g_assert_cmpstr (g_ptr_array_index (vs_attention_panel_get_study (panel)->names, 1), ==,
                     "late");
  }
  gtk_window_destroy (GTK_WINDOW (window));
  vs_test_attention_paths_clear (&paths);
  vs_test_remove_tree (dir);
}

/* The demo fits its simulated selectivity dataset: fusiform voxels are predicted and prefer
 * faces, parahippocampal ones places; elsewhere there is nothing to predict. */
static void
test_demo_selectivity (void)
{
  VsWindow *window = vs_window_new (NULL);
  VsScene *scene = vs_window_get_scene (window);
  gpointer r_args[2] = { scene, (gpointer) "preferred category" };
  VsVolume *atlas, *r, *preferred;

  gtk_window_present (GTK_WINDOW (window));
  vs_window_open_demo (window);
  g_assert_true (vs_test_wait_until (has_layer_named, r_args, 120000));
  g_assert_true (vs_test_wait_until (vs_test_loads_finished, window, 1000));
  g_assert_null (vs_window_get_error_text (window));
  atlas = vs_layer_get_volume (layer_named (scene, "aal"));
  r = vs_layer_get_volume (layer_named (scene, "r"));
  preferred = vs_layer_get_volume (layer_named (scene, "preferred category"));

  /* Every voxel of the result's grid in each region: its atlas label, then what was found. */
  {
    gint64 grid[4];
    guint faces_right = 0, faces_total = 0, places_right = 0, places_total = 0;
    double r_fusiform = 0, r_noise = 0;
    guint n_noise = 0;
    vs_volume_get_dims (preferred, grid);
    for (gint64 k = 0; k < grid[2]; k++)
      for (gint64 j = 0; j < grid[1]; j++)
        for (gint64 i = 0; i < grid[0]; i++)
          {
            double ijk[3] = { i, j, k }, xyz[3], label, pref, rv;
            vs_volume_voxel_to_world (preferred, ijk, xyz);
            if (!vs_volume_sample_world (atlas, xyz, 0, &label, NULL))
              continue;
            pref = vs_volume_get_value (preferred, i, j, k, 0);
            rv = vs_volume_get_value (r, i, j, k, 0);
            if (label == 55 || label == 56)
              faces_total++, faces_right += pref == 1, r_fusiform += rv;
            else if (label == 39 || label == 40)
              places_total++, places_right += pref == 2;
            else if (label == 1 || label == 2)
              n_noise++, r_noise += fabs (rv);
          }
    g_test_message ("faces %u/%u, places %u/%u, mean r fusiform %.2f, |r| precentral %.2f",
                    faces_right, faces_total, places_right, places_total,
                    r_fusiform / faces_total, r_noise / n_noise);
    g_assert_cmpuint (faces_total, >, 20);
    g_assert_cmpuint (places_total, >, 5);
    g_assert_cmpfloat (faces_right, >=, 0.95 * faces_total);
    g_assert_cmpfloat (places_right, >=, 0.95 * places_total);
    g_assert_cmpfloat (r_fusiform / faces_total, >, 0.5);
    g_assert_cmpfloat (r_noise / n_noise, <, 0.3);
  }

  /* The voxel inspector follows the cursor: on a fusiform voxel, faces top the tuning chart. */
  {
    VsVoxelInspector *inspector = VS_VOXEL_INSPECTOR (vs_window_get_inspector (window));
    gint64 grid[4];
    gboolean placed = FALSE;
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (inspector)));
    vs_volume_get_dims (preferred, grid);
    for (gint64 v = 0; v < grid[0] * grid[1] * grid[2] && !placed; v++)
      {
        double ijk[3] = { v % grid[0], (v / grid[0]) % grid[1], v / (grid[0] * grid[1]) }, xyz[3];
        double label;
        vs_volume_voxel_to_world (preferred, ijk, xyz);
        if (vs_volume_sample_world (atlas, xyz, 0, &label, NULL) && label == 55 &&
            vs_volume_get_value (r, ijk[0], ijk[1], ijk[2], 0) > 0.8)
          {
            vs_scene_set_cursor (scene, xyz);
            placed = TRUE;
          }
      }
    g_assert_true (placed);
    g_test_message ("%s", vs_voxel_inspector_get_summary (inspector));
    g_assert_nonnull (strstr (vs_voxel_inspector_get_summary (inspector), "r 0."));
    g_assert_cmpuint (vs_voxel_inspector_get_n_categories (inspector), ==, 4);
    for (guint c = 1; c < 4; c++)
      g_assert_cmpfloat (vs_voxel_inspector_get_category_mean (inspector, 0), >,
                         vs_voxel_inspector_get_category_mean (inspector, c));

    /* An atlas region instead of the voxel: the left fusiform's mean response is fitted in the
     * background; it is predicted, prefers faces and stays while the cursor moves. */
    vs_voxel_inspector_choose_region (inspector, "Fusiform_L");
    g_assert_true (vs_test_wait_until (inspector_idle, inspector, 60000));
    g_test_message ("%s", vs_voxel_inspector_get_summary (inspector));
    g_assert_true (g_str_has_prefix (vs_voxel_inspector_get_summary (inspector),
                                     "Fusiform_L: mean of "));
    /* Unit noise averaged over hundreds of voxels: the region's mean is nearly noise-free. */
    g_assert_true (strstr (vs_voxel_inspector_get_summary (inspector), "   r 0.9") != NULL ||
                   strstr (vs_voxel_inspector_get_summary (inspector), "   r 1.00") != NULL);
    for (guint c = 1; c < 4; c++)
      g_assert_cmpfloat (vs_voxel_inspector_get_category_mean (inspector, 0), >,
                         vs_voxel_inspector_get_category_mean (inspector, c));
    {
      double elsewhere[3] = { 0, 0, 0 };
      vs_scene_set_cursor (scene, elsewhere);
    }
    g_assert_true (g_str_has_prefix (vs_voxel_inspector_get_summary (inspector), "Fusiform_L"));
    vs_voxel_inspector_choose_region (inspector, "Voxel at the cursor");
    g_assert_false (g_str_has_prefix (vs_voxel_inspector_get_summary (inspector), "Fusiform_L"));
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
has_error (gpointer data)
{
  return vs_window_get_error_text (data) != NULL;
}

/* A volume larger than the GL's 3D textures (here: bricks of 48 forced, so Colin27 needs 80):
 * the slices show it as they show it whole; the 3D view, which casts through at most 8 bricks,
 * says why it shows no volume in the window's error bar. */
static void
test_bricked_volume (void)
{
  g_autofree char *colin = g_build_filename (vs_test_mricron_dir (), "ch2.nii.gz", NULL);
  const char *paths[] = { colin, NULL };
  cairo_surface_t *images[2];
  VsWindow *windows[2];

  for (int k = 0; k < 2; k++)
    {
      if (k == 1)
        g_setenv ("VOXELSCOPE_BRICK_SIZE", "48", TRUE);
      windows[k] = vs_test_open_window (paths);
      g_assert_true (vs_test_wait_until (vs_test_stats_ready, vs_window_get_scene (windows[k]),
                                         30000));
      images[k] = vs_test_capture_axial (windows[k]);
    }
  g_assert_cmpint (cairo_image_surface_get_width (images[0]), ==,
                   cairo_image_surface_get_width (images[1]));
  g_assert_cmpmem (cairo_image_surface_get_data (images[0]),
                   cairo_image_surface_get_stride (images[0]) *
                   cairo_image_surface_get_height (images[0]),
                   cairo_image_surface_get_data (images[1]),
                   cairo_image_surface_get_stride (images[1]) *
                   cairo_image_surface_get_height (images[1]));
  gtk_widget_queue_draw (vs_window_get_slice_view (windows[1], 3));
  g_assert_true (vs_test_wait_until (has_error, windows[1], 20000));
  g_assert_nonnull (strstr (vs_window_get_error_text (windows[1]), "casts through at most 8"));
  g_assert_null (vs_window_get_error_text (windows[0]));
  g_unsetenv ("VOXELSCOPE_BRICK_SIZE");
  for (int k = 0; k < 2; k++)
    {
      cairo_surface_destroy (images[k]);
      gtk_window_destroy (GTK_WINDOW (windows[k]));
    }
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  vs_register_resource ();

  g_test_add_func ("/window/open-colin-and-aal", test_open_colin_and_aal);
  g_test_add_func ("/window/open-bad-file", test_open_bad_file);
  g_test_add_func ("/window/layouts-and-radiological", test_layouts_and_radiological);
  g_test_add_func ("/window/open-surface", test_open_surface);
  g_test_add_func ("/window/surface-analyses", test_surface_analyses);
  g_test_add_func ("/window/voxel-selectivity-dialogs", test_voxel_selectivity_dialogs);
  g_test_add_func ("/window/vertex-wise-encoding", test_vertex_wise_encoding);
  g_test_add_func ("/window/demo-selectivity", test_demo_selectivity);
  g_test_add_func ("/window/midlines", test_midlines);
  g_test_add_func ("/window/midline-of-png", test_midline_of_png);
  g_test_add_func ("/window/attention-panel", test_attention_panel);
  g_test_add_func ("/window/attention-regions", test_attention_regions);
  g_test_add_func ("/window/bricked-volume", test_bricked_volume);

  return g_test_run ();
}
