/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <gtk/gtk.h>

#include "vs-resources.h"
#include "vs-slice-view.h"
#include "vs-test-fixtures.h"
#include "vs-window-test-support.h"

/* At scale 2 (run with GDK_SCALE=2): the slice views draw in device pixels — a capture is twice
 * the widget's size and shows the head filling the view as at scale 1 — and clicks land where
 * the pointer is. */

static gboolean
axial_drawn (gpointer data)
{
  return vs_slice_view_get_frames_drawn (VS_SLICE_VIEW (data)) > 0;
}

static void
test_scale_two (void)
{
  g_autofree char *colin = g_build_filename (vs_test_mricron_dir (), "ch2.nii.gz", NULL);
  const char *paths[] = { colin, NULL };
  VsWindow *window = vs_test_open_window (paths);
  GtkWidget *axial = vs_window_get_slice_view (window, 2);
  g_autoptr(GError) error = NULL;
  const VsSliceCamera *camera;
  cairo_surface_t *capture;
  int w, h, bright = 0;

  g_assert_true (vs_test_wait_until (axial_drawn, axial, 20000));
  g_assert_cmpint (gtk_widget_get_scale_factor (axial), ==, 2);
  w = gtk_widget_get_width (axial);
  h = gtk_widget_get_height (axial);
  camera = vs_slice_view_get_camera (VS_SLICE_VIEW (axial));
  g_assert_cmpint (camera->width, ==, 2 * w);
  g_assert_cmpint (camera->height, ==, 2 * h);
  capture = vs_slice_view_capture (VS_SLICE_VIEW (axial), &error);
  g_assert_no_error (error);
  g_assert_cmpint (cairo_image_surface_get_width (capture), ==, 2 * w);
  /* The head fills the middle of the view, not a quarter of it. */
  for (int y = h / 2; y < 3 * h / 2; y += 4)
    for (int x = w / 2; x < 3 * w / 2; x += 4)
      bright += cairo_image_surface_get_data (capture)[y * cairo_image_surface_get_stride (capture) +
                                                        4 * x + 1] > 40;
  g_assert_cmpint (bright, >, (w / 4) * (h / 4) / 2);
  cairo_surface_destroy (capture);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  vs_register_resource ();
  g_test_add_func ("/window/hidpi/scale-two", test_scale_two);
  return g_test_run ();
}
