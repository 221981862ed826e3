/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <math.h>
#include <string.h>

#include <gtk/gtk.h>

#include "vs-instance-colors.h"
#include "vs-instance-panel.h"
#include "vs-nifti-writer.h"
#include "vs-resources.h"
#include "vs-slice-view.h"
#include "vs-surface-view.h"
#include "vs-test-fixtures.h"
#include "vs-test-neurons.h"
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
  const char *paths[] = { image_path, truth_path, NULL };
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
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  vs_register_resource ();
  g_test_add_func ("/window/instances/segment-list-evaluate", test_segment_list_evaluate);
  g_test_add_func ("/window/instances/nothing-to-work-on", test_nothing_to_work_on);
  return g_test_run ();
}
