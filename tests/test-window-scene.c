/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "vs-resources.h"
#include "vs-slice-view.h"
#include "vs-surface-view.h"
#include "vs-test-fixtures.h"
#include "vs-window-test-support.h"

/* Scenes as a person uses them: set up a view, Save Scene, then `voxelscope render --scene`
 * gives the picture the window's own export gives, and opening the scene in a new window gives
 * the same settings and the same picture. */

/* The tolerance for two renders of the same scene by llvmpipe in different GL contexts (the
 * window's GtkGLArea under Xvfb, the command line's surfaceless EGL): a mean difference of at
 * most 0.5 grey levels, and at most 0.2 % of pixels off by more than 8 in any channel. */
static void
assert_same_picture (cairo_surface_t *a, cairo_surface_t *b)
{
  double far, mean = vs_test_image_difference (a, b, 8, &far);

  g_test_message ("mean difference %.3f, %.4f %% of pixels off by more than 8", mean, 100 * far);
  g_assert_cmpfloat (mean, <=, 0.5);
  g_assert_cmpfloat (far, <=, 0.002);
}

static void
test_scene_render_and_reopen (void)
{
  g_autofree char *dir = vs_test_make_tmpdir ();
  g_autofree char *colin = g_build_filename (dir, "ch2.nii.gz", NULL);
  g_autofree char *aal = g_build_filename (dir, "aal.nii.gz", NULL);
  g_autofree char *aal_txt = g_build_filename (dir, "aal.nii.txt", NULL);
  g_autofree char *scene_path = g_build_filename (dir, "figure.vscene", NULL);
  g_autofree char *rendered = g_build_filename (dir, "rendered.png", NULL);
  const char *paths[] = { colin, aal, NULL };
  cairo_surface_t *shown, *reopened, *from_cli;
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  VsWindow *window, *second;
  VsScene *scene;
  double cursor[3] = { -30, -20, 12 };

  {
    g_autofree char *a = g_build_filename (vs_test_mricron_dir (), "ch2.nii.gz", NULL);
    g_autofree char *b = g_build_filename (vs_test_mricron_dir (), "aal.nii.gz", NULL);
    g_autofree char *c = g_build_filename (vs_test_mricron_dir (), "aal.nii.txt", NULL);
    vs_test_copy_file (a, colin);
    vs_test_copy_file (b, aal);
    vs_test_copy_file (c, aal_txt);
  }
  window = vs_test_open_window (paths);
  scene = vs_window_get_scene (window);
  g_assert_true (vs_test_wait_until (vs_test_stats_ready, scene, 30000));

  /* A figure set up by hand: the atlas faint and outlined, the template's range, a cursor
   * on the left hemisphere, the axial view zoomed in on it. */
  vs_layer_set_opacity (vs_scene_get_layer (scene, 0), 0.45);
  vs_layer_set_label_outline (vs_scene_get_layer (scene, 0), TRUE);
  vs_layer_set_display_range (vs_scene_get_layer (scene, 1), 25, 130);
  vs_scene_set_cursor (scene, cursor);
  cairo_surface_destroy (vs_test_capture_axial (window));
  {
    VsSliceView *axial = VS_SLICE_VIEW (vs_window_get_slice_view (window, 2));
    VsSliceCamera zoomed = *vs_slice_view_get_camera (axial);
    zoomed.mm_per_pixel *= 0.6;
    zoomed.center[0] -= 15;
    vs_slice_view_set_camera (axial, &zoomed);
  }
  shown = vs_test_capture_axial (window);
  g_assert_true (vs_window_save_scene (window, scene_path, &error));
  g_assert_no_error (error);

  /* The command line draws what the window showed. */
  {
    const char *args[] = { "render", "--scene", scene_path, "-o", rendered, NULL };
    g_assert_cmpint (vs_test_run_voxelscope (args, NULL, &err), ==, 0);
  }
  from_cli = cairo_image_surface_create_from_png (rendered);
  g_assert_cmpint (cairo_surface_status (from_cli), ==, CAIRO_STATUS_SUCCESS);
  assert_same_picture (shown, from_cli);

  /* Export Figure from the window and render --scene with the same decorations agree. */
  {
    g_autofree char *figure = g_build_filename (dir, "figure.png", NULL);
    g_autofree char *cli = g_build_filename (dir, "cli.png", NULL);
    g_autofree char *pdf = g_build_filename (dir, "figure.pdf", NULL);
    g_autofree char *pdf_head = NULL;
    const char *args[] = { "render", "--scene", scene_path, "--size", "600x500", "--title",
                           "Left insula", "--colorbar", "--scale-bar", "-o", cli, NULL };
    VsFigureExport spec = { VS_FIGURE_EXPORT_FOCUSED, 600, 500, { 0 }, 0, 0 };
    cairo_surface_t *a, *b;

    vs_figure_decorations_init (&spec.decorations);
    spec.decorations.title = "Left insula";
    spec.decorations.colorbars = TRUE;
    spec.decorations.scale_bar = TRUE;
    g_assert_true (vs_window_export_figure (window, &spec, figure, &error));
    g_assert_no_error (error);
    g_assert_true (vs_window_export_figure (window, &spec, pdf, &error));
    g_assert_true (g_file_get_contents (pdf, &pdf_head, NULL, NULL));
    g_assert_true (g_str_has_prefix (pdf_head, "%PDF-"));
    g_assert_cmpint (vs_test_run_voxelscope (args, NULL, NULL), ==, 0);
    a = cairo_image_surface_create_from_png (figure);
    b = cairo_image_surface_create_from_png (cli);
    assert_same_picture (a, b);
    cairo_surface_destroy (b);
    /* The same export drawn in 128-pixel tiles (as beyond the driver's limit) is the same. */
    g_setenv ("VOXELSCOPE_FIGURE_TILE", "128", TRUE);
    g_assert_true (vs_window_export_figure (window, &spec, cli, &error));
    g_unsetenv ("VOXELSCOPE_FIGURE_TILE");
    b = cairo_image_surface_create_from_png (cli);
    assert_same_picture (a, b);
    cairo_surface_destroy (a);
    cairo_surface_destroy (b);
    /* A lightbox from the window is the command line's lightbox. */
    {
      const char *lb_args[] = { "render", "--scene", scene_path, "--view", "lightbox", "--slices",
                                "6", "--spacing", "10", "--size", "600x400", "-o", cli, NULL };
      VsFigureExport lightbox = { VS_FIGURE_EXPORT_LIGHTBOX, 600, 400, { 0 }, 6, 10 };
      vs_figure_decorations_init (&lightbox.decorations);
      g_assert_true (vs_window_export_figure (window, &lightbox, figure, &error));
      g_assert_cmpint (vs_test_run_voxelscope (lb_args, NULL, NULL), ==, 0);
      a = cairo_image_surface_create_from_png (figure);
      b = cairo_image_surface_create_from_png (cli);
      assert_same_picture (a, b);
      cairo_surface_destroy (a);
      cairo_surface_destroy (b);
    }
    /* Copy to Clipboard puts the same picture there, as an image. */
    {
      GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (window));
      g_auto(GValue) value = G_VALUE_INIT;
      cairo_surface_t *exported = cairo_image_surface_create_from_png (figure);
      GdkTexture *texture;

      spec.lightbox_slices = 0;
      g_assert_true (vs_window_export_figure (window, &spec, figure, &error));
      cairo_surface_destroy (exported);
      exported = cairo_image_surface_create_from_png (figure);
      g_assert_true (vs_window_copy_figure (window, &spec, &error));
      g_assert_no_error (error);
      g_assert_true (gdk_clipboard_is_local (clipboard));
      g_value_init (&value, GDK_TYPE_TEXTURE);
      g_assert_true (gdk_content_provider_get_value (gdk_clipboard_get_content (clipboard), &value,
                                                     &error));
      texture = g_value_get_object (&value);
      g_assert_cmpint (gdk_texture_get_width (texture), ==,
                       cairo_image_surface_get_width (exported));
      g_assert_cmpint (gdk_texture_get_height (texture), ==,
                       cairo_image_surface_get_height (exported));
      cairo_surface_destroy (exported);
    }
    spec.width = 40000;
    g_assert_false (vs_window_export_figure (window, &spec, figure, &error));
    g_assert_nonnull (strstr (error->message, "16 to 16384 pixels"));
    g_clear_error (&error);
  }

  /* A new window opening the scene has the same settings and shows the same picture. */
  second = vs_test_open_window ((const char *const[]) { NULL });
  g_assert_true (vs_window_open_scene (second, scene_path, &error));
  g_assert_no_error (error);
  {
    VsScene *other = vs_window_get_scene (second);
    double back[3];
    g_assert_cmpuint (vs_scene_get_n_layers (other), ==, 2);
    g_assert_cmpfloat (vs_layer_get_opacity (vs_scene_get_layer (other, 0)), ==, 0.45);
    g_assert_true (vs_layer_get_label_outline (vs_scene_get_layer (other, 0)));
    g_assert_cmpfloat (vs_layer_get_display_min (vs_scene_get_layer (other, 1)), ==, 25);
    g_assert_cmpfloat (vs_layer_get_display_max (vs_scene_get_layer (other, 1)), ==, 130);
    g_assert_cmpstr (vs_layer_get_name (vs_scene_get_layer (other, 0)), ==, "aal");
    vs_scene_get_cursor (other, back);
    for (int i = 0; i < 3; i++)
      g_assert_cmpfloat (fabs (back[i] - cursor[i]), <, 1e-9);
  }
  reopened = vs_test_capture_axial (second);
  assert_same_picture (shown, reopened);

  /* A scene whose file went missing is refused with the file's name, the window unchanged. */
  g_unlink (aal);
  g_assert_false (vs_window_open_scene (second, scene_path, &error));
  g_assert_nonnull (strstr (error->message, "figure.vscene cannot be opened: "));
  g_assert_nonnull (strstr (error->message, "aal.nii.gz"));
  g_assert_cmpuint (vs_scene_get_n_layers (vs_window_get_scene (second)), ==, 2);

  cairo_surface_destroy (shown);
  cairo_surface_destroy (reopened);
  cairo_surface_destroy (from_cli);
  gtk_window_destroy (GTK_WINDOW (window));
  gtk_window_destroy (GTK_WINDOW (second));
  vs_test_remove_tree (dir);
}

static gboolean
surface_drawn (gpointer data)
{
  return vs_surface_view_get_frames_drawn (VS_SURFACE_VIEW (data)) > 0;
}

/* How many of the pixels of a @w × @h box at (@x, @y) are brighter than grey level 30. */
static int
lit_pixels (cairo_surface_t *image, int x, int y, int w, int h)
{
  const guint8 *data = cairo_image_surface_get_data (image);
  int stride = cairo_image_surface_get_stride (image), lit = 0;

  for (int j = y; j < y + h; j++)
    for (int i = x; i < x + w; i++)
      {
        const guint8 *p = data + (gsize) j * stride + 4 * i;
        lit += MAX (p[0], MAX (p[1], p[2])) > 30;
      }
  return lit;
}

/* Export Figure of the window's four views puts the slices where the window has them and the 3D
 * view in the bottom right, as `voxelscope render --scene --view grid` does; a surface panel
 * from the window is the command line's. */
static void
test_figure_grid_and_surface_panel (void)
{
  const char *cube = "/usr/lib/python3/dist-packages/nibabel/gifti/tests/data/external.gii";
  g_autofree char *colin = g_build_filename (vs_test_mricron_dir (), "ch2.nii.gz", NULL);
  g_autofree char *dir = vs_test_make_tmpdir ();
  g_autofree char *grid_path = g_build_filename (dir, "grid.png", NULL);
  g_autofree char *panel_path = g_build_filename (dir, "panel.png", NULL);
  g_autofree char *cli_path = g_build_filename (dir, "cli.png", NULL);
  g_autofree char *svg_path = g_build_filename (dir, "panel.svg", NULL);
  g_autofree char *scene_path = g_build_filename (dir, "grid.vscene", NULL);
  const char *paths[] = { colin, NULL };
  const char *args[] = { "render", cube, "--view", "3d", "--camera", "panel", "--size",
                         "600x300", "-o", cli_path, NULL };
  VsFigureExport spec = { VS_FIGURE_EXPORT_GRID, 800, 600, { 0 }, 0, 0 };
  g_autoptr(GError) error = NULL;
  cairo_surface_t *grid, *view3d, *panel, *cli;
  VsWindow *window = vs_test_open_window (paths);
  GtkWidget *view = vs_window_get_slice_view (window, 3);
  cairo_t *cr;

  g_assert_true (vs_test_wait_until (vs_test_stats_ready, vs_window_get_scene (window), 30000));
  g_assert_true (vs_test_wait_until (surface_drawn, view, 30000));
  vs_figure_decorations_init (&spec.decorations);
  spec.decorations.colorbars = FALSE;
  spec.decorations.scale_bar = FALSE;
  spec.decorations.letters = FALSE;
  g_assert_true (vs_window_export_figure (window, &spec, grid_path, &error));
  g_assert_no_error (error);
  grid = cairo_image_surface_create_from_png (grid_path);
  g_assert_cmpint (cairo_image_surface_get_width (grid), ==, 800);
  g_assert_cmpint (cairo_image_surface_get_height (grid), ==, 600);
  /* Every quarter shows the head: sagittal, coronal, axial and the 3D view's rendering. */
  for (int q = 0; q < 4; q++)
    {
      int lit = lit_pixels (grid, (q % 2) * 400, (q / 2) * 300, 400, 300);
      g_test_message ("quarter %d: %d lit pixels", q, lit);
      g_assert_cmpint (lit, >, 400 * 300 / 10);
    }
  /* The bottom right is the 3D view, drawn at that size. */
  view3d = vs_surface_view_render_image (VS_SURFACE_VIEW (view), 400, 300, &error);
  g_assert_no_error (error);
  {
    cairo_surface_t *quarter = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 400, 300);
    double far;
    cr = cairo_create (quarter);
    cairo_set_source_surface (cr, grid, -400, -300);
    cairo_paint (cr);
    cairo_destroy (cr);
    g_assert_cmpfloat (vs_test_image_difference (quarter, view3d, 8, &far), <=, 0.5);
    cairo_surface_destroy (quarter);
  }
  /* The command line draws the same grid from the saved scene (its 3D camera included). */
  {
    const char *grid_args[] = { "render", "--scene", scene_path, "--view", "grid", "--size",
                                "800x600", "--no-letters", "-o", cli_path, NULL };
    g_assert_true (vs_window_save_scene (window, scene_path, &error));
    g_assert_no_error (error);
    g_assert_cmpint (vs_test_run_voxelscope (grid_args, NULL, NULL), ==, 0);
    cli = cairo_image_surface_create_from_png (cli_path);
    assert_same_picture (grid, cli);
    cairo_surface_destroy (cli);
  }
  /* The 3D view alone differs from the axial slice beside it. */
  {
    cairo_surface_t *axial = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 400, 300);
    double far;
    cr = cairo_create (axial);
    cairo_set_source_surface (cr, grid, 0, -300);
    cairo_paint (cr);
    cairo_destroy (cr);
    g_assert_cmpfloat (vs_test_image_difference (axial, view3d, 8, &far), >, 5);
    cairo_surface_destroy (axial);
  }

  /* No surface yet: a surface panel is refused with a message. */
  spec.views = VS_FIGURE_EXPORT_SURFACE_PANEL;
  spec.width = 600;
  spec.height = 300;
  g_assert_false (vs_window_export_figure (window, &spec, panel_path, &error));
  g_assert_nonnull (strstr (error->message, "needs a visible surface"));
  g_clear_error (&error);

  /* With one: the window's panel is the command line's. */
  {
    GFile *file = g_file_new_for_path (cube);
    vs_window_open_files (window, &file, 1);
    g_object_unref (file);
    g_assert_true (vs_test_wait_until (vs_test_loads_finished, window, 30000));
  }
  g_assert_true (vs_window_export_figure (window, &spec, panel_path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (vs_test_run_voxelscope (args, NULL, NULL), ==, 0);
  panel = cairo_image_surface_create_from_png (panel_path);
  cli = cairo_image_surface_create_from_png (cli_path);
  g_assert_cmpint (lit_pixels (panel, 0, 40, 300, 250), >, 2000);
  g_assert_cmpint (lit_pixels (panel, 300, 40, 300, 250), >, 2000);
  assert_same_picture (panel, cli);
  /* As SVG, with its title as text. */
  spec.decorations.title = "Cube";
  g_assert_true (vs_window_export_figure (window, &spec, svg_path, &error));
  {
    g_autofree char *svg = NULL;
    g_assert_true (g_file_get_contents (svg_path, &svg, NULL, NULL));
    g_assert_nonnull (strstr (svg, ">Cube</text>"));
  }

  cairo_surface_destroy (grid);
  cairo_surface_destroy (view3d);
  cairo_surface_destroy (panel);
  cairo_surface_destroy (cli);
  gtk_window_destroy (GTK_WINDOW (window));
  vs_test_remove_tree (dir);
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  vs_register_resource ();
  g_test_add_func ("/window/scene-render-and-reopen", test_scene_render_and_reopen);
  g_test_add_func ("/window/figure-grid-and-surface-panel", test_figure_grid_and_surface_panel);
  return g_test_run ();
}
