/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <math.h>
#include <string.h>

#include <gtk/gtk.h>

#include "vs-instance-colors.h"
#include "vs-instance-panel.h"
#include "vs-label-editor.h"
#include "vs-label-tools.h"
#include "vs-nifti-writer.h"
#include "vs-resources.h"
#include "vs-slice-view.h"
#include "vs-surface-view.h"
#include "vs-test-fixtures.h"
#include "vs-test-neurons.h"
#include "vs-volume-loader.h"
#include "vs-window-test-support.h"

/* Neuron instances in the window as a person works with them: open a microscopy volume and its
 * ground truth, segment it from the menu, go through the instances in the list (every view
 * centres on the chosen one, it can be hidden or shown alone), and score the segmentation
 * against the truth. */

static gboolean
panel_has_rows (gpointer data)
{
  return vs_instance_panel_get_n_rows (VS_INSTANCE_PANEL (data)) > 0;
}

static guint
count_visible_spin_buttons (VsWindow *window)
{
  g_autoptr(GPtrArray) spins = g_ptr_array_new ();
  guint n = 0;

  while (g_main_context_iteration (NULL, FALSE))
    ;
  vs_test_collect_widgets (GTK_WIDGET (window), GTK_TYPE_SPIN_BUTTON, spins);
  for (guint i = 0; i < spins->len; i++)
    n += gtk_widget_is_visible (g_ptr_array_index (spins, i));
  return n;
}

static gboolean
evaluated_against_masks (gpointer data)
{
  const char *text = vs_instance_panel_get_evaluation_text (VS_INSTANCE_PANEL (data));
  return text != NULL && strstr (text, "against masks") != NULL;
}

static gboolean
panel_has_evaluation (gpointer data)
{
  return vs_instance_panel_get_evaluation_text (VS_INSTANCE_PANEL (data)) != NULL;
}

static gboolean
label_colours_ready (gpointer data)
{
  guint32 n = 0;
  return vs_layer_get_label_colors (VS_LAYER (data), &n) != NULL;
}

static VsLayer *
find_layer (VsScene *scene, const char *name)
{
  for (guint i = 0; i < vs_scene_get_n_layers (scene); i++)
    if (g_str_equal (vs_layer_get_name (vs_scene_get_layer (scene, i)), name))
      return vs_scene_get_layer (scene, i);
  return NULL;
}

static void
test_segment_list_evaluate (void)
{
  g_autofree char *dir = vs_test_make_tmpdir ();
  g_autofree char *image_path = g_build_filename (dir, "neurons.nii.gz", NULL);
  g_autofree char *truth_path = g_build_filename (dir, "truth.nii.gz", NULL);
  g_autofree char *masks_path = g_build_filename (dir, "masks.nii.gz", NULL);
  const char *paths[] = { image_path, truth_path, masks_path, NULL };
  g_autoptr(VsVolume) truth = NULL;
  g_autoptr(VsVolume) image = NULL;
  g_autoptr(GError) error = NULL;
  VsTestNeuronSpec spec;
  VsInstanceOptions options;
  VsWindow *window;
  VsScene *scene;
  VsInstancePanel *panel;
  VsLayer *truth_layer, *image_layer, *segmented;
  const VsInstanceStats *chosen;
  double cursor[3];

  vs_test_neuron_spec_init (&spec);
  spec.n_neurons = 4;
  image = vs_test_make_neurons (&spec, &truth);
  vs_volume_set_intent (truth, VS_VOLUME_INTENT_LABEL);
  g_assert_true (vs_nifti_write (image, image_path, &error));
  g_assert_true (vs_nifti_write (truth, truth_path, &error));
  g_assert_no_error (error);
  /* The truth also as FISBe gives it: one mask per neuron, as frames. */
  {
    gint64 d[4];
    g_autoptr(VsVolume) masks = NULL;
    const guint32 *t = vs_volume_get_data (truth);
    guint8 *m;
    gsize n = vs_volume_get_frame_voxels (truth);
    vs_volume_get_dims (truth, d);
    d[3] = spec.n_neurons;
    masks = vs_volume_new (VS_DATATYPE_UINT8, d, NULL);
    vs_volume_set_affine (masks, (const double[16]) { 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0,
                                                      0, 0, 0, 1 }, NULL);
    m = vs_volume_get_data_mutable (masks);
    for (gsize i = 0; i < n; i++)
      if (t[i] > 0)
        m[(t[i] - 1) * n + i] = 1;
    g_assert_true (vs_nifti_write (masks, masks_path, &error));
  }

  window = vs_test_open_window (paths);
  scene = vs_window_get_scene (window);
  panel = VS_INSTANCE_PANEL (vs_window_get_instance_panel (window));
  truth_layer = find_layer (scene, "truth");
  image_layer = find_layer (scene, "neurons");
  g_assert_nonnull (truth_layer);
  g_assert_nonnull (image_layer);

  /* Ground truth without a table gets colours that keep touching neurons apart. */
  g_assert_true (vs_test_wait_until (label_colours_ready, truth_layer, 30000));
  {
    guint32 n = 0;
    const guint8 *rgba = vs_layer_get_label_colors (truth_layer, &n);
    g_assert_cmpuint (n, ==, spec.n_neurons + 1);
    g_assert_cmpuint (vs_instance_colors_count_clashes (vs_layer_get_volume (truth_layer), 0,
                                                        rgba, n), ==, 0);
  }

  /* The status bar gives every channel of the composite at the cursor. */
  {
    VsVolume *v = vs_layer_get_volume (image_layer);
    const double ijk[3] = { 20, 30, 10 };
    double xyz[3];
    g_autofree char *expected = NULL;
    vs_volume_voxel_to_world (v, ijk, xyz);
    vs_scene_set_cursor (scene, xyz);
    expected = g_strdup_printf ("neurons [20, 30, 10] %.0f / %.0f / %.0f",
                                vs_volume_get_value (v, 20, 30, 10, 0),
                                vs_volume_get_value (v, 20, 30, 10, 1),
                                vs_volume_get_value (v, 20, 30, 10, 2));
    g_assert_true (vs_layer_get_composite (image_layer));
    g_assert_nonnull (strstr (vs_window_get_status_text (window), expected));
    /* Channels are not a series: no frame number, no frame slider. */
    g_assert_null (strstr (vs_window_get_status_text (window), "t = "));
    /* Its row shows the Channels popover instead of a colormap and a range; one frame at a
     * time, the range is back. */
    {
      guint before = count_visible_spin_buttons (window), after;
      vs_layer_set_composite (image_layer, FALSE);
      after = count_visible_spin_buttons (window);
      vs_layer_set_composite (image_layer, TRUE);
      g_assert_cmpuint (after, ==, before + 3);   /* minimum, maximum, threshold */
      g_assert_cmpuint (count_visible_spin_buttons (window), ==, before);
    }
  }

  /* Nothing is listed before there is something to list; the panel stays hidden. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (panel)));

  /* Segment Instances: a new label layer, listed at once. */
  vs_instance_options_init (&options);
  options.min_size = 50;
  vs_window_segment_instances (window, image_layer, &options);
  g_assert_true (vs_test_wait_until (panel_has_rows, panel, 60000));
  segmented = find_layer (scene, "neurons instances");
  g_assert_nonnull (segmented);
  g_assert_true (vs_layer_is_label (segmented));
  g_assert_true (vs_instance_panel_get_layer (panel) == segmented);
  g_assert_cmpuint (vs_instance_panel_get_n_rows (panel), ==, spec.n_neurons);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (panel)));
  g_assert_nonnull (strstr (vs_window_get_status_text (window), "4 instances"));

  /* Largest first, longest first, by id again: the list's order, the rows still their own. */
  for (guint order = 1; order <= 3; order++)
    {
      vs_instance_panel_set_order (panel, order % 3);
      for (guint p = 0; p + 1 < vs_instance_panel_get_n_rows (panel); p++)
        {
          const VsInstanceStats *a =
            vs_instance_panel_get_row (panel, vs_instance_panel_get_shown_instance (panel, p));
          const VsInstanceStats *b =
            vs_instance_panel_get_row (panel, vs_instance_panel_get_shown_instance (panel, p + 1));
          if (order == 1)
            g_assert_cmpuint (a->n_voxels, >=, b->n_voxels);
          else if (order == 2)
            g_assert_cmpfloat (a->skeleton_length, >=, b->skeleton_length);
          else
            g_assert_cmpuint (vs_instance_panel_get_shown_instance (panel, p), ==, p);
        }
    }

  /* Choosing the second instance: selected, the cursor on it, the 3D view turned to it. */
  vs_instance_panel_activate (panel, 1);
  chosen = vs_instance_panel_get_row (panel, 1);
  g_assert_cmpuint (vs_layer_get_selected_label (segmented), ==, (guint32) chosen->label);
  vs_scene_get_cursor (scene, cursor);
  for (int a = 0; a < 3; a++)
    {
      g_assert_cmpfloat (fabs (cursor[a] - chosen->centre[a]), <, 1e-9);
      g_assert_cmpfloat (fabs (vs_surface_view_get_camera (VS_SURFACE_VIEW (
                                 vs_window_get_slice_view (window, 3)))->target[a] -
                               chosen->centre[a]), <, 1e-9);
    }
  /* The cursor sits on a voxel of that instance. */
  {
    VsVolume *labels = vs_layer_get_volume (segmented);
    double voxel[3];
    gint64 dims[4];
    vs_volume_get_dims (labels, dims);
    vs_volume_world_to_voxel (labels, cursor, voxel);
    g_assert_cmpuint (((const guint32 *) vs_volume_get_data (labels))
                        [(gsize) (lround (voxel[0]) + dims[0] * (lround (voxel[1]) +
                                                                 dims[1] * lround (voxel[2])))],
                      ==, (guint32) chosen->label);
  }

  /* Hiding it takes its colour off the slice around the cursor; showing only it hides the
   * rest but not it.  (The truth, coloured alike underneath, is put aside for this.) */
  vs_layer_set_visible (truth_layer, FALSE);
  {
    cairo_surface_t *shown = vs_test_capture_axial (window), *hidden;
    double far;
    vs_layer_set_label_hidden (segmented, (guint32) chosen->label, TRUE);
    hidden = vs_test_capture_axial (window);
    g_test_message ("hiding the instance changed %.2f grey levels on average",
                    vs_test_image_difference (shown, hidden, 8, &far));
    g_assert_cmpfloat (far, >, 0);
    vs_layer_set_label_hidden (segmented, (guint32) chosen->label, FALSE);
    vs_layer_set_only_selected (segmented, TRUE);
    g_assert_true (vs_layer_label_is_shown (segmented, (guint32) chosen->label));
    g_assert_false (vs_layer_label_is_shown (segmented,
                                             (guint32) vs_instance_panel_get_row (panel, 0)->label));
    cairo_surface_destroy (hidden);
    hidden = vs_test_capture_axial (window);
    g_assert_cmpfloat (vs_test_image_difference (shown, hidden, 8, &far), >, 0.1);
    /* … the same as hiding every other instance one by one. */
    vs_layer_set_only_selected (segmented, FALSE);
    for (guint r = 0; r < vs_instance_panel_get_n_rows (panel); r++)
      if (r != 1)
        vs_layer_set_label_hidden (segmented, (guint32) vs_instance_panel_get_row (panel, r)->label,
                                   TRUE);
    {
      cairo_surface_t *others_hidden = vs_test_capture_axial (window);
      g_assert_cmpfloat (vs_test_image_difference (others_hidden, hidden, 8, &far), ==, 0);
      cairo_surface_destroy (others_hidden);
    }
    for (guint r = 0; r < vs_instance_panel_get_n_rows (panel); r++)
      vs_layer_set_label_hidden (segmented, (guint32) vs_instance_panel_get_row (panel, r)->label,
                                 FALSE);
    vs_layer_set_visible (truth_layer, TRUE);
    cairo_surface_destroy (shown);
    cairo_surface_destroy (hidden);
  }

  /* Evaluate against the truth: four separated neurons found whole score 1. */
  vs_window_evaluate_instances (window, truth_layer, segmented, FALSE);
  g_assert_true (vs_test_wait_until (panel_has_evaluation, panel, 60000));
  g_test_message ("%s", vs_instance_panel_get_evaluation_text (panel));
  g_assert_nonnull (strstr (vs_instance_panel_get_evaluation_text (panel),
                            "4 ground truth, 4 predicted"));
  g_assert_nonnull (strstr (vs_instance_panel_get_evaluation_text (panel), "avF1       1.0000"));
  g_assert_nonnull (find_layer (scene, "errors of neurons instances"));

  /* Against the masks, through the dialog, which offers them as ground truth: the same score. */
  {
    VsLayer *masks_layer = find_layer (scene, "masks");
    GtkDialog *dialog;
    GtkDropDown *choice;
    GPtrArray *offered;
    guint at = G_MAXUINT;
    g_assert_true (vs_test_wait_until (vs_test_stats_ready, scene, 30000));
    g_assert_true (vs_layer_is_mask_stack (masks_layer));
    gtk_widget_activate_action (GTK_WIDGET (window), "win.instances-evaluate", NULL);
    dialog = vs_test_find_dialog ();
    g_assert_nonnull (dialog);
    choice = g_object_get_data (G_OBJECT (dialog), "truth");
    offered = g_object_get_data (G_OBJECT (choice), "layers");
    for (guint i = 0; i < offered->len; i++)
      if (g_ptr_array_index (offered, i) == masks_layer)
        at = i;
    g_assert_cmpuint (at, !=, G_MAXUINT);
    gtk_drop_down_set_selected (choice, at);
    choice = g_object_get_data (G_OBJECT (dialog), "prediction");
    offered = g_object_get_data (G_OBJECT (choice), "layers");
    for (guint i = 0; i < offered->len; i++)
      if (g_ptr_array_index (offered, i) == segmented)
        gtk_drop_down_set_selected (choice, i);
    gtk_dialog_response (dialog, GTK_RESPONSE_ACCEPT);
    g_assert_true (vs_test_wait_until (evaluated_against_masks, panel, 60000));
    g_test_message ("%s", vs_instance_panel_get_evaluation_text (panel));
    g_assert_nonnull (strstr (vs_instance_panel_get_evaluation_text (panel),
                              "avF1       1.0000"));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  vs_test_remove_tree (dir);
}

static void
click (VsWindow *window, VsVolume *labels, int phase, double i, double j, double k)
{
  double voxel[3] = { i, j, k }, world[3];
  vs_volume_voxel_to_world (labels, voxel, world);
  g_signal_emit_by_name (vs_window_get_slice_view (window, 2), "tool", phase, world[0], world[1],
                         world[2]);
}

static guint32
voxel_at (VsVolume *labels, gint64 i, gint64 j, gint64 k)
{
  gint64 d[4];
  vs_volume_get_dims (labels, d);
  return ((const guint32 *) vs_volume_get_data (labels))[i + d[0] * (j + d[1] * k)];
}

/* Editing labels by hand in the axial view: a brush stroke paints a disk along the drag in the
 * slice, one undo step; pick, merge, delete, fill and split do what they say; undo gives back the
 * exact voxels; the views show the edit; Save As writes what is shown. */
static void
test_edit_labels (void)
{
  g_autofree char *dir = vs_test_make_tmpdir ();
  g_autofree char *truth_path = g_build_filename (dir, "truth.nii.gz", NULL);
  g_autofree char *saved_path = g_build_filename (dir, "edited.nii.gz", NULL);
  const char *paths[] = { truth_path, NULL };
  g_autoptr(VsVolume) truth = NULL;
  g_autoptr(VsVolume) image = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guint32 *original = NULL, *painted = NULL;
  VsTestNeuronSpec spec;
  VsWindow *window;
  VsLayer *layer;
  VsVolume *labels;
  VsLabelTools *tools;
  gint64 d[4];
  gsize bytes;
  cairo_surface_t *before, *after;
  double far;
  guint32 fresh;

  vs_test_neuron_spec_init (&spec);
  spec.n_neurons = 4;
  image = vs_test_make_neurons (&spec, &truth);
  vs_volume_set_intent (truth, VS_VOLUME_INTENT_LABEL);
  g_assert_true (vs_nifti_write (truth, truth_path, &error));
  window = vs_test_open_window (paths);
  g_assert_true (vs_test_wait_until (vs_test_stats_ready, vs_window_get_scene (window), 30000));
  layer = vs_scene_get_layer (vs_window_get_scene (window), 0);
  labels = vs_layer_get_volume (layer);
  vs_volume_get_dims (labels, d);
  bytes = (gsize) (d[0] * d[1] * d[2]) * 4;
  original = g_memdup2 (vs_volume_get_data (labels), bytes);

  g_assert_true (vs_window_edit_labels (window, layer, &error));
  g_assert_no_error (error);
  tools = VS_LABEL_TOOLS (vs_window_get_label_tools (window));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (tools)));
  g_assert_cmpuint (vs_label_tools_get_label (tools), ==, spec.n_neurons + 1);   /* a new one */

  /* Put the axial view on slice 10, then paint a stroke across it with a disk of radius 2. */
  {
    double voxel[3] = { d[0] / 2.0, d[1] / 2.0, 10 }, world[3];
    vs_volume_voxel_to_world (labels, voxel, world);
    vs_scene_set_cursor (vs_window_get_scene (window), world);
  }
  before = vs_test_capture_axial (window);
  vs_label_tools_set_tool (tools, VS_LABEL_TOOL_BRUSH);
  vs_label_tools_set_radius (tools, 2);
  click (window, labels, 0, 10, 10, 10);
  click (window, labels, 1, 20, 10, 10);
  click (window, labels, 2, 30, 10, 10);
  fresh = vs_label_tools_get_label (tools);
  for (int x = 10; x <= 30; x++)
    g_assert_cmpuint (voxel_at (labels, x, 10, 10), ==, fresh);
  g_assert_cmpuint (voxel_at (labels, 20, 12, 10), ==, fresh);
  g_assert_cmpuint (voxel_at (labels, 20, 13, 10), !=, fresh);
  g_assert_cmpuint (voxel_at (labels, 20, 10, 11), !=, fresh);      /* only in the slice */
  after = vs_test_capture_axial (window);
  g_assert_cmpfloat (vs_test_image_difference (before, after, 8, &far), >, 0);
  g_assert_cmpfloat (far, >, 0);
  cairo_surface_destroy (before);
  cairo_surface_destroy (after);
  painted = g_memdup2 (vs_volume_get_data (labels), bytes);

  /* One step: undo gives back the exact voxels, redo the stroke. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.edit-undo", NULL);
  g_assert_cmpmem (vs_volume_get_data (labels), bytes, original, bytes);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.edit-redo", NULL);
  g_assert_cmpmem (vs_volume_get_data (labels), bytes, painted, bytes);

  /* Pick takes the label under the click; merge folds the clicked instance into it. */
  {
    gint64 a[3] = { -1, -1, -1 }, b[3] = { -1, -1, -1 };
    guint32 la = 0, lb = 0;
    for (gint64 k = 0; k < d[2] && b[0] < 0; k++)
      for (gint64 j = 0; j < d[1] && b[0] < 0; j++)
        for (gint64 i = 0; i < d[0] && b[0] < 0; i++)
          {
            guint32 v = voxel_at (labels, i, j, k);
            if (v != 0 && v != fresh && la == 0)
              la = v, a[0] = i, a[1] = j, a[2] = k;
            else if (v != 0 && v != fresh && v != la && lb == 0)
              lb = v, b[0] = i, b[1] = j, b[2] = k;
          }
    g_assert_cmpuint (lb, !=, 0);
    vs_label_tools_set_tool (tools, VS_LABEL_TOOL_PICK);
    click (window, labels, 0, a[0], a[1], a[2]);
    g_assert_cmpuint (vs_label_tools_get_label (tools), ==, la);
    vs_label_tools_set_tool (tools, VS_LABEL_TOOL_MERGE);
    click (window, labels, 0, b[0], b[1], b[2]);
    g_assert_cmpuint (voxel_at (labels, b[0], b[1], b[2]), ==, la);
    g_assert_nonnull (strstr (vs_label_tools_get_hint (tools), "merged into"));
    /* Delete the painted stroke. */
    vs_label_tools_set_tool (tools, VS_LABEL_TOOL_DELETE);
    click (window, labels, 0, 20, 10, 10);
    g_assert_cmpuint (voxel_at (labels, 20, 10, 10), ==, 0);
    /* Split the merged instance: a seed on each of the two former neurons. */
    vs_label_tools_set_tool (tools, VS_LABEL_TOOL_SPLIT);
    click (window, labels, 0, a[0], a[1], a[2]);
    g_assert_nonnull (strstr (vs_label_tools_get_hint (tools), "split off"));
    click (window, labels, 0, b[0], b[1], b[2]);
    g_test_message ("%s", vs_label_tools_get_hint (tools));
    g_assert_cmpuint (voxel_at (labels, a[0], a[1], a[2]), ==, la);
    g_assert_cmpuint (voxel_at (labels, b[0], b[1], b[2]), !=, la);
    g_assert_cmpuint (voxel_at (labels, b[0], b[1], b[2]), !=, 0);
  }
  /* Fill the background of slice 0 with a label: only that slice. */
  vs_label_tools_set_tool (tools, VS_LABEL_TOOL_FILL);
  vs_label_tools_set_label (tools, 77);
  click (window, labels, 0, 0, 0, 0);
  g_assert_cmpuint (voxel_at (labels, 0, 0, 0), ==, 77);
  g_assert_cmpuint (voxel_at (labels, 0, 0, 1), !=, 77);

  /* Save As writes what is shown; it opens the same. */
  g_assert_true (vs_window_save_labels (window, saved_path, &error));
  g_assert_no_error (error);
  {
    g_autoptr(VsVolume) back = vs_volume_load (saved_path, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (vs_volume_get_datatype (back), ==, VS_DATATYPE_UINT32);
    g_assert_cmpmem (vs_volume_get_data (back), bytes, vs_volume_get_data (labels), bytes);
  }
  /* As Zarr too, which opens as labels; a name of neither kind is refused. */
  {
    g_autofree char *zarr_path = g_build_filename (dir, "edited.zarr", NULL);
    g_autofree char *bad = g_build_filename (dir, "edited.png", NULL);
    g_autoptr(VsVolume) back = NULL;
    g_assert_true (vs_window_save_labels (window, zarr_path, &error));
    g_assert_no_error (error);
    back = vs_volume_load (zarr_path, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (vs_volume_get_intent (back), ==, VS_VOLUME_INTENT_LABEL);
    g_assert_cmpmem (vs_volume_get_data (back), bytes, vs_volume_get_data (labels), bytes);
    g_assert_false (vs_window_save_labels (window, bad, &error));
    g_assert_nonnull (strstr (error->message, "volumes are saved as NIfTI (.nii.gz, .nii) or Zarr (.zarr)"));
    g_clear_error (&error);
  }
  /* Undo all the way back to the file as opened. */
  while (vs_label_editor_can_undo (vs_window_get_label_editor (window)))
    gtk_widget_activate_action (GTK_WIDGET (window), "win.edit-undo", NULL);
  g_assert_cmpmem (vs_volume_get_data (labels), bytes, original, bytes);

  /* Done: the tools go, the primary button moves the cursor again. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.labels-done", NULL);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (tools)));
  g_assert_null (vs_window_get_label_editor (window));

  /* A layer that is not labels of whole numbers is refused with the reason. */
  {
    const gint64 d4[4] = { 4, 4, 4, 1 };
    g_autoptr(VsVolume) floats = vs_volume_new (VS_DATATYPE_FLOAT32, d4, NULL);
    VsLayer *f = vs_scene_add_volume (vs_window_get_scene (window), floats);
    g_assert_false (vs_window_edit_labels (window, f, &error));
    g_assert_nonnull (strstr (error->message, "cannot be edited"));
  }
  gtk_window_destroy (GTK_WINDOW (window));
  vs_test_remove_tree (dir);
}

/* Segment Instances through its dialog, split by colour: three crossing neurons of different
 * colours come out as three instances. */
static void
test_segment_dialog_color_split (void)
{
  g_autofree char *dir = vs_test_make_tmpdir ();
  g_autofree char *image_path = g_build_filename (dir, "crossing.nii.gz", NULL);
  const char *paths[] = { image_path, NULL };
  g_autoptr(VsVolume) truth = NULL, image = NULL;
  VsTestNeuronSpec spec;
  VsWindow *window;
  VsInstancePanel *panel;
  GtkDialog *dialog;

  vs_test_neuron_spec_init (&spec);
  spec.n_neurons = 3;
  spec.separated = FALSE;
  spec.crossing = TRUE;
  image = vs_test_make_neurons (&spec, &truth);
  g_assert_true (vs_nifti_write (image, image_path, NULL));
  window = vs_test_open_window (paths);
  panel = VS_INSTANCE_PANEL (vs_window_get_instance_panel (window));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.instances-segment", NULL);
  dialog = vs_test_find_dialog ();
  g_assert_nonnull (dialog);
  gtk_spin_button_set_value (g_object_get_data (G_OBJECT (dialog), "min-size"), 50);
  gtk_check_button_set_active (g_object_get_data (G_OBJECT (dialog), "split-color"), TRUE);
  /* Channels that are not a list are named; the dialog stays for a second try. */
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "channels"), "0,x");
  gtk_dialog_response (dialog, GTK_RESPONSE_ACCEPT);
  g_assert_nonnull (strstr (vs_window_get_error_text (window), "Channels: give channel numbers"));
  g_assert_true (vs_test_find_dialog () == dialog);
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "channels"), " 0, 1,2 ");
  gtk_dialog_response (dialog, GTK_RESPONSE_ACCEPT);
  g_assert_true (vs_test_wait_until (panel_has_rows, panel, 60000));
  g_assert_nonnull (find_layer (vs_window_get_scene (window), "crossing instances"));
  g_assert_cmpuint (vs_instance_panel_get_n_rows (panel), ==, spec.n_neurons);
  gtk_window_destroy (GTK_WINDOW (window));
  vs_test_remove_tree (dir);
}

/* The menu's actions with nothing to work on say so and change nothing. */
static void
test_nothing_to_work_on (void)
{
  VsWindow *window = vs_test_open_window ((const char *const[]) { NULL });

  gtk_widget_activate_action (GTK_WIDGET (window), "win.instances-list", NULL);
  g_assert_nonnull (strstr (vs_window_get_error_text (window), "No label layer to list"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.instances-segment", NULL);
  g_assert_nonnull (strstr (vs_window_get_error_text (window), "Nothing to segment"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.instances-evaluate", NULL);
  g_assert_nonnull (strstr (vs_window_get_error_text (window), "two label layers"));
  g_assert_cmpuint (vs_scene_get_n_layers (vs_window_get_scene (window)), ==, 0);
  /* A Zarr array is a folder: its own Open chooses folders. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-folder", NULL);
  {
    GtkDialog *chooser = vs_test_find_dialog ();
    g_assert_true (GTK_IS_FILE_CHOOSER (chooser));
    g_assert_cmpint (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)), ==,
                     GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER);
    gtk_dialog_response (chooser, GTK_RESPONSE_CANCEL);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  vs_register_resource ();
  g_test_add_func ("/window/instances/segment-list-evaluate", test_segment_list_evaluate);
  g_test_add_func ("/window/instances/nothing-to-work-on", test_nothing_to_work_on);
  g_test_add_func ("/window/instances/segment-dialog-color-split", test_segment_dialog_color_split);
  g_test_add_func ("/window/instances/edit-labels", test_edit_labels);
  return g_test_run ();
}
