/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <cairo.h>
#include <math.h>
#include <stdlib.h>
#include <glib/gstdio.h>

#include "vs-nifti-writer.h"
#include "vs-test-fixtures.h"

/* The render command as a user runs it: real files in, PNG out, one clear line for mistakes. */

/* Renders and loads the PNG; NULL (the test skipped) when no EGL context can be made. */
static cairo_surface_t *
render_png (const char *const *args, const char *out_png)
{
  g_autofree char *out = NULL, *err = NULL;
  cairo_surface_t *png;
  int status = vs_test_run_voxelscope (args, &out, &err);

  if (status != 0 && strstr (err, "EGL") != NULL)
    {
      g_test_skip (err);
      return NULL;
    }
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpint (status, ==, 0);
  png = cairo_image_surface_create_from_png (out_png);
  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
  return png;
}

static void
test_render_ortho (void)
{
  g_autofree char *dir = vs_test_make_tmpdir ();
  g_autofree char *out_png = g_build_filename (dir, "brain.png", NULL);
  g_autofree char *colin = g_build_filename (vs_test_mricron_dir (), "ch2.nii.gz", NULL);
  g_autofree char *aal = g_build_filename (vs_test_mricron_dir (), "aal.nii.gz", NULL);
  const char *args[] = { "render", colin, "--colormap", "grey", aal, "--opacity", "0.5",
                         "--outline", "--view", "ortho", "--size", "600x200", "--at", "-20,10,5",
                         "-o", out_png, NULL };
  cairo_surface_t *png = render_png (args, out_png);

  if (png == NULL)
    return;
  g_assert_cmpint (cairo_image_surface_get_width (png), ==, 600);
  g_assert_cmpint (cairo_image_surface_get_height (png), ==, 200);
  cairo_surface_destroy (png);
  g_unlink (out_png);
  g_rmdir (dir);
}

static void
expect_failure (const char *const *args, int code, const char *fragment)
{
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (vs_test_run_voxelscope (args, &out, &err), ==, code);
  g_test_message ("%s", err);
  g_assert_true (g_str_has_prefix (err, "voxelscope render: "));
  g_assert_nonnull (strstr (err, fragment));
  /* One line. */
  g_assert_true (strchr (err, '\n') == err + strlen (err) - 1);
}

static void
test_render_errors (void)
{
  g_autofree char *dir = vs_test_make_tmpdir ();
  g_autofree char *out_png = g_build_filename (dir, "keep.png", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.nii", NULL);
  g_autofree char *colin = g_build_filename (vs_test_mricron_dir (), "ch2.nii.gz", NULL);
  g_autofree char *contents = NULL;
  const char *missing[] = { "render", "/nowhere/x.nii.gz", "-o", out_png, NULL };
  const char *corrupt[] = { "render", colin, bad, "-o", out_png, NULL };
  const char *colormap[] = { "render", colin, "--colormap", "rainbow", "-o", out_png, NULL };
  const char *size[] = { "render", colin, "--size", "big", "-o", out_png, NULL };
  const char *no_output[] = { "render", colin, NULL };
  const char *stray[] = { "render", "--opacity", "0.5", colin, "-o", out_png, NULL };
  const char *format[] = { "render", colin, "-o", "x.bmp", NULL };
  const char *unknown[] = { "render", colin, "--frobnicate", "-o", out_png, NULL };
  const char *folder[] = { "render", colin, "-o", "/nonexistent-folder/x.png", NULL };

  g_assert_true (g_file_set_contents (out_png, "earlier figure", -1, NULL));
  g_assert_true (g_file_set_contents (bad, "not nifti", -1, NULL));
  expect_failure (missing, 1, "x.nii.gz: no such file");
  expect_failure (corrupt, 1, "bad.nii: not a NIfTI file");
  expect_failure (colormap, 2, "unknown colormap “rainbow”; choose one of grey, hot");
  expect_failure (size, 2, "--size takes");
  expect_failure (no_output, 2, "-o OUT.png");
  expect_failure (stray, 2, "--opacity applies to a file");
  expect_failure (format, 2, ".png");
  expect_failure (unknown, 2, "unknown option --frobnicate");
  expect_failure (folder, 1, "x.png");

  /* Nothing half-written: the earlier figure is untouched. */
  g_assert_true (g_file_get_contents (out_png, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "earlier figure");
  g_unlink (out_png);
  g_unlink (bad);
  g_rmdir (dir);
}

static void
test_render_surface (void)
{
  g_autofree char *dir = vs_test_make_tmpdir ();
  g_autofree char *out_png = g_build_filename (dir, "cube.png", NULL);
  const char *cube = "/usr/lib/python3/dist-packages/nibabel/gifti/tests/data/external.gii";
  const char *curv = "/usr/lib/python3/dist-packages/nibabel/gifti/tests/data/rh.shape.curv.gii";
  g_autofree char *colin = g_build_filename (vs_test_mricron_dir (), "ch2.nii.gz", NULL);
  const char *args[] = { "render", cube, "--camera", "dorsal", "--size", "320x240", "-o", out_png,
                         NULL };
  const char *mismatch[] = { "render", cube, "--overlay", curv, "-o", out_png, NULL };
  const char *stray_overlay[] = { "render", colin, "--overlay", curv, "-o", out_png, NULL };
  const char *bad_mode[] = { "render", colin, "--view", "3d", "--render", "xray", "-o", out_png,
                             NULL };
  const char *bad_camera[] = { "render", cube, "--camera", "sideways", "-o", out_png, NULL };
  cairo_surface_t *png = render_png (args, out_png);

  if (png == NULL)
    return;
  g_assert_cmpint (cairo_image_surface_get_width (png), ==, 320);
  /* The cube fills the middle of the picture. */
  {
    const guint8 *data = cairo_image_surface_get_data (png);
    guint32 centre = ((const guint32 *) (data + 120 * cairo_image_surface_get_stride (png)))[160];
    g_assert_cmpuint (centre & 0xffffff, !=, 0);
  }
  cairo_surface_destroy (png);

  expect_failure (mismatch, 1, "rh.shape.curv.gii has values for 133764 vertices but the "
                               "surface has 8");
  expect_failure (stray_overlay, 2, "--overlay follows a surface");
  expect_failure (bad_mode, 2, "--render is one of mip, composite, iso");
  expect_failure (bad_camera, 2, "--camera is one of");
  g_unlink (out_png);
  g_rmdir (dir);
}

/* Volume rendering: MIP and a clipped isosurface of Colin27 put the head in the middle. */
static void
test_render_volume_3d (void)
{
  g_autofree char *dir = vs_test_make_tmpdir ();
  g_autofree char *out_png = g_build_filename (dir, "head.png", NULL);
  g_autofree char *colin = g_build_filename (vs_test_mricron_dir (), "ch2.nii.gz", NULL);
  const char *mip[] = { "render", colin, "--view", "3d", "--render", "mip", "--size", "200x200",
                        "-o", out_png, NULL };
  const char *iso[] = { "render", colin, "--view", "3d", "--render", "iso", "--iso", "70",
                        "--clip", "-x", "--camera", "anterior", "--size", "200x200", "-o",
                        out_png, NULL };
  cairo_surface_t *png;
  const guint8 *data;
  int stride;

  const char *cube = "/usr/lib/python3/dist-packages/nibabel/gifti/tests/data/external.gii";
  const char *mixed[] = { "render", colin, cube, "--view", "3d", "--size", "200x200", "-o",
                          out_png, NULL };

  /* A volume with a surface: framed on the small cube, which lies inside the head, so the
   * head's isosurface fills the picture. */
  png = render_png (mixed, out_png);
  if (png == NULL)
    return;
  data = cairo_image_surface_get_data (png);
  stride = cairo_image_surface_get_stride (png);
  g_assert_cmpuint (((const guint32 *) (data + 100 * stride))[100] & 0xffffff, !=, 0);
  cairo_surface_destroy (png);

  for (int pass = 0; pass < 2; pass++)
    {
      png = render_png (pass == 0 ? mip : iso, out_png);
      if (png == NULL)
        return;
      data = cairo_image_surface_get_data (png);
      stride = cairo_image_surface_get_stride (png);
      /* Head in the middle, background in the corner. */
      g_assert_cmpuint (((const guint32 *) (data + 100 * stride))[pass == 0 ? 100 : 70] & 0xffffff,
                        !=, 0);
      g_assert_cmpuint (((const guint32 *) (data + 2 * stride))[2] & 0xffffff, ==, 0);
      /* Clipping x ≥ cursor seen from the front removes the subject's left: the screen's
       * right side is empty. */
      if (pass == 1)
        g_assert_cmpuint (((const guint32 *) (data + 100 * stride))[150] & 0xffffff, ==, 0);
      cairo_surface_destroy (png);
    }
  g_unlink (out_png);
  g_rmdir (dir);
}

/* A figure with a title, colorbars and a scale bar as PNG, PDF and SVG: the PDF rasterised by
 * pdftoppm at the figure's dpi matches the PNG within a mean difference of 6 grey levels and
 * 3 % of pixels off by more than 48 (poppler resamples the embedded slices slightly — about 4
 * levels on average here — and antialiases text and thin lines its own way); the SVG parses and holds the title,
 * the colorbar's name and range, the letters and the scale bar's length as <text>. */
static void
test_render_figure_formats (void)
{
  g_autofree char *dir = vs_test_make_tmpdir ();
  g_autofree char *colin = g_build_filename (vs_test_mricron_dir (), "ch2.nii.gz", NULL);
  g_autofree char *png = g_build_filename (dir, "fig.png", NULL);
  g_autofree char *pdf = g_build_filename (dir, "fig.pdf", NULL);
  g_autofree char *svg = g_build_filename (dir, "fig.svg", NULL);
  g_autofree char *raster = g_build_filename (dir, "raster", NULL);
  g_autofree char *raster_png = g_build_filename (dir, "raster-1.png", NULL);
  g_autofree char *svg_text = NULL;
  const char *outputs[] = { png, pdf, svg };

  for (guint i = 0; i < G_N_ELEMENTS (outputs); i++)
    {
      const char *args[] = { "render", colin, "--range", "20,140", "--view", "coronal",
                             "--title", "Colin27 <coronal>", "--colorbar", "--scale-bar",
                             "--size", "4x3in", "--dpi", "100", "-o", outputs[i], NULL };
      g_autofree char *err = NULL;
      g_assert_cmpint (vs_test_run_voxelscope (args, NULL, &err), ==, 0);
    }
  {
    const char *argv[] = { "pdftoppm", "-r", "100", "-png", pdf, raster, NULL };
    g_autoptr(GError) error = NULL;
    int status = 0;
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                 NULL, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_cmpint (status, ==, 0);
  }
  {
    cairo_surface_t *a = cairo_image_surface_create_from_png (png);
    cairo_surface_t *b = cairo_image_surface_create_from_png (raster_png);
    double far, mean;
    g_assert_cmpint (cairo_surface_status (a), ==, CAIRO_STATUS_SUCCESS);
    g_assert_cmpint (cairo_surface_status (b), ==, CAIRO_STATUS_SUCCESS);
    /* 4 × 3 inches at 100 dpi: the slices, the title band above and the colorbar panel. */
    g_assert_cmpint (cairo_image_surface_get_height (a), >, 300);
    mean = vs_test_image_difference (a, b, 48, &far);
    g_test_message ("PDF vs PNG: mean difference %.3f, %.3f %% of pixels far off", mean,
                    100 * far);
    g_assert_cmpfloat (mean, <=, 6.0);
    g_assert_cmpfloat (far, <=, 0.03);
    cairo_surface_destroy (a);
    cairo_surface_destroy (b);
  }
  {
    g_autoptr(GMarkupParseContext) context = NULL;
    static const GMarkupParser parser = { NULL, NULL, NULL, NULL, NULL };
    g_autoptr(GError) error = NULL;
    g_assert_true (g_file_get_contents (svg, &svg_text, NULL, NULL));
    context = g_markup_parse_context_new (&parser, 0, NULL, NULL);
    g_assert_true (g_markup_parse_context_parse (context, svg_text, -1, &error));
    g_assert_true (g_markup_parse_context_end_parse (context, &error));
    g_assert_no_error (error);
    g_assert_nonnull (strstr (svg_text, ">Colin27 &lt;coronal&gt;</text>"));
    g_assert_nonnull (strstr (svg_text, ">ch2</text>"));
    g_assert_nonnull (strstr (svg_text, ">140</text>"));
    g_assert_nonnull (strstr (svg_text, ">20</text>"));
    g_assert_nonnull (strstr (svg_text, " mm</text>"));
    g_assert_nonnull (strstr (svg_text, "<linearGradient"));
    g_assert_nonnull (strstr (svg_text, "xlink:href=\"data:image/png;base64,"));
    /* 400 × 300 px of slices, 24 px of title above, 110 px of colorbar panel: 5.1 in at 100 dpi. */
    g_assert_nonnull (strstr (svg_text, "width=\"5.1000in\""));
    g_assert_nonnull (strstr (svg_text, "viewBox=\"0 0 510 324\""));
  }
  vs_test_remove_tree (dir);
}

/* A lightbox: 6 axial slices 12 mm apart in 3 columns; each pane shows a different slice
 * (their mean brightness differs), the grid fills the image; bad counts are refused. */
static void
test_render_lightbox (void)
{
  g_autofree char *dir = vs_test_make_tmpdir ();
  g_autofree char *colin = g_build_filename (vs_test_mricron_dir (), "ch2.nii.gz", NULL);
  g_autofree char *out = g_build_filename (dir, "lightbox.png", NULL);
  const char *args[] = { "render", colin, "--view", "lightbox", "--slices", "6", "--spacing", "12",
                         "--columns", "3", "--size", "600x400", "--no-letters", "-o", out, NULL };
  const char *bad[] = { "render", colin, "--view", "lightbox", "--slices", "0", "-o", out, NULL };
  g_autofree char *err = NULL;
  cairo_surface_t *image;
  double means[6];

  g_assert_cmpint (vs_test_run_voxelscope (args, NULL, NULL), ==, 0);
  image = cairo_image_surface_create_from_png (out);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 600);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 400);
  for (int p = 0; p < 6; p++)
    {
      int x0 = (p % 3) * 200, y0 = (p / 3) * 200;
      double sum = 0;
      for (int y = y0 + 20; y < y0 + 170; y++)
        for (int x = x0 + 20; x < x0 + 180; x++)
          sum += cairo_image_surface_get_data (image)[y * cairo_image_surface_get_stride (image) +
                                                      4 * x + 1];
      means[p] = sum / (150.0 * 160);
      g_test_message ("pane %d: mean %.1f", p, means[p]);
      g_assert_cmpfloat (means[p], >, 5);   /* a slice of the head in every pane */
    }
  for (int p = 1; p < 6; p++)
    g_assert_cmpfloat (fabs (means[p] - means[p - 1]), >, 0.5);
  cairo_surface_destroy (image);
  g_assert_cmpint (vs_test_run_voxelscope (bad, NULL, &err), ==, 2);
  g_assert_nonnull (strstr (err, "--slices takes a whole number from 1 to 64"));
  vs_test_remove_tree (dir);
}

/* The window's grid from the command line: sagittal and coronal above, axial and the volume
 * ray cast below; the 3D quarter changes with --camera, the slices do not. */
static void
test_render_grid (void)
{
  g_autofree char *dir = vs_test_make_tmpdir ();
  g_autofree char *colin = g_build_filename (vs_test_mricron_dir (), "ch2.nii.gz", NULL);
  g_autofree char *lateral = g_build_filename (dir, "lateral.png", NULL);
  g_autofree char *dorsal = g_build_filename (dir, "dorsal.png", NULL);
  const char *args[] = { "render", colin, "--view", "grid", "--size", "400x300", "-o", lateral,
                         NULL };
  const char *top[] = { "render", colin, "--view", "grid", "--camera", "dorsal", "--size",
                        "400x300", "-o", dorsal, NULL };
  cairo_surface_t *a, *b;

  g_assert_cmpint (vs_test_run_voxelscope (args, NULL, NULL), ==, 0);
  g_assert_cmpint (vs_test_run_voxelscope (top, NULL, NULL), ==, 0);
  a = cairo_image_surface_create_from_png (lateral);
  b = cairo_image_surface_create_from_png (dorsal);
  g_assert_cmpint (cairo_image_surface_get_width (a), ==, 400);
  g_assert_cmpint (cairo_image_surface_get_height (a), ==, 300);
  for (int q = 0; q < 4; q++)
    {
      int x0 = (q % 2) * 200, y0 = (q / 2) * 150, lit = 0, differ = 0;
      for (int y = y0; y < y0 + 150; y++)
        for (int x = x0; x < x0 + 200; x++)
          {
            int pa = cairo_image_surface_get_data (a)[y * cairo_image_surface_get_stride (a) + 4 * x + 1];
            int pb = cairo_image_surface_get_data (b)[y * cairo_image_surface_get_stride (b) + 4 * x + 1];
            lit += pa > 30;
            differ += abs (pa - pb) > 8;
          }
      g_test_message ("quarter %d: %d lit, %d differ", q, lit, differ);
      g_assert_cmpint (lit, >, 200 * 150 / 10);
      if (q < 3)
        g_assert_cmpint (differ, ==, 0);
      else
        g_assert_cmpint (differ, >, 200 * 150 / 20);
    }
  cairo_surface_destroy (a);
  cairo_surface_destroy (b);
  vs_test_remove_tree (dir);
}

/* A surface panel: two hemispheres, each from the side and from the midline, in a 2 × 2 grid:
 * every quarter shows its surface. */
static void
test_render_surface_panel (void)
{
  const char *cube = "/usr/lib/python3/dist-packages/nibabel/gifti/tests/data/external.gii";
  g_autofree char *dir = vs_test_make_tmpdir ();
  g_autofree char *out = g_build_filename (dir, "panel.png", NULL);
  const char *args[] = { "render", cube, cube, "--view", "3d", "--camera", "panel", "--size",
                         "400x400", "-o", out, NULL };
  cairo_surface_t *image;

  g_assert_cmpint (vs_test_run_voxelscope (args, NULL, NULL), ==, 0);
  image = cairo_image_surface_create_from_png (out);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 400);
  for (int q = 0; q < 4; q++)
    {
      int lit = 0;
      for (int y = (q / 2) * 200 + 40; y < (q / 2) * 200 + 190; y += 2)
        for (int x = (q % 2) * 200; x < (q % 2) * 200 + 200; x += 2)
          lit += cairo_image_surface_get_data (image)[y * cairo_image_surface_get_stride (image) +
                                                      4 * x + 1] > 30;
      g_test_message ("quarter %d: %d lit samples", q, lit);
      g_assert_cmpint (lit, >, 200);
    }
  cairo_surface_destroy (image);
  vs_test_remove_tree (dir);
}

/* --transparent: outside the volume the figure is see-through, inside it is opaque; without
 * it, black. */
static void
test_render_transparent (void)
{
  g_autofree char *dir = vs_test_make_tmpdir ();
  g_autofree char *colin = g_build_filename (vs_test_mricron_dir (), "ch2.nii.gz", NULL);
  g_autofree char *clear = g_build_filename (dir, "clear.png", NULL);
  g_autofree char *black = g_build_filename (dir, "black.png", NULL);
  const char *a[] = { "render", colin, "--view", "coronal", "--size", "300x300", "--transparent",
                      "--title", "T", "-o", clear, NULL };
  const char *b[] = { "render", colin, "--view", "coronal", "--size", "300x300", "-o", black,
                      NULL };
  cairo_surface_t *ca, *cb;
  int top = 0;

  g_assert_cmpint (vs_test_run_voxelscope (a, NULL, NULL), ==, 0);
  g_assert_cmpint (vs_test_run_voxelscope (b, NULL, NULL), ==, 0);
  ca = cairo_image_surface_create_from_png (clear);
  cb = cairo_image_surface_create_from_png (black);
  top = cairo_image_surface_get_height (ca) - 300;   /* the title band */
  /* The corner of the slices: outside the volume's box (it is fitted with a margin). */
  g_assert_cmpuint (((guint32 *) (cairo_image_surface_get_data (ca) +
                                  (top + 2) * cairo_image_surface_get_stride (ca)))[2] >> 24, ==, 0);
  g_assert_cmpuint (((guint32 *) (cairo_image_surface_get_data (ca) +
                                  (top + 150) * cairo_image_surface_get_stride (ca)))[150] >> 24,
                    ==, 255);
  g_assert_cmpuint (((guint32 *) cairo_image_surface_get_data (cb))[2 * 300 + 2] >> 24, ==, 255);
  cairo_surface_destroy (ca);
  cairo_surface_destroy (cb);
  vs_test_remove_tree (dir);
}

/* Figures beyond what the GL draws at once come in tiles; forced to 100-pixel tiles, an ortho
 * figure with overlays matches the one drawn at once (a stray pixel at a seam at most). */
static void
test_render_tiles (void)
{
  g_autofree char *dir = vs_test_make_tmpdir ();
  g_autofree char *colin = g_build_filename (vs_test_mricron_dir (), "ch2.nii.gz", NULL);
  g_autofree char *aal = g_build_filename (vs_test_mricron_dir (), "aal.nii.gz", NULL);
  g_autofree char *whole = g_build_filename (dir, "whole.png", NULL);
  g_autofree char *tiled = g_build_filename (dir, "tiled.png", NULL);
  const char *a[] = { "render", colin, aal, "--opacity", "0.4", "--view", "ortho", "--size",
                      "900x300", "-o", whole, NULL };
  const char *b[] = { "render", colin, aal, "--opacity", "0.4", "--view", "ortho", "--size",
                      "900x300", "-o", tiled, NULL };
  cairo_surface_t *ca, *cb;
  double far, mean;

  g_assert_cmpint (vs_test_run_voxelscope (a, NULL, NULL), ==, 0);
  g_setenv ("VOXELSCOPE_FIGURE_TILE", "100", TRUE);
  g_assert_cmpint (vs_test_run_voxelscope (b, NULL, NULL), ==, 0);
  g_unsetenv ("VOXELSCOPE_FIGURE_TILE");
  ca = cairo_image_surface_create_from_png (whole);
  cb = cairo_image_surface_create_from_png (tiled);
  mean = vs_test_image_difference (ca, cb, 8, &far);
  g_test_message ("tiled vs whole: mean %.4f, %.4f %% far", mean, 100 * far);
  g_assert_cmpfloat (mean, <=, 0.05);
  g_assert_cmpfloat (far, <=, 0.0005);
  cairo_surface_destroy (ca);
  cairo_surface_destroy (cb);
  vs_test_remove_tree (dir);
}

/* --colorbar-layers: a colorbar for the named layer only. */
static void
test_render_colorbar_layers (void)
{
  g_autofree char *dir = vs_test_make_tmpdir ();
  g_autofree char *colin = g_build_filename (vs_test_mricron_dir (), "ch2.nii.gz", NULL);
  g_autofree char *t = g_build_filename (dir, "t.nii.gz", NULL);
  g_autofree char *svg = g_build_filename (dir, "fig.svg", NULL);
  g_autofree char *text = NULL;
  const char *args[] = { "render", colin, t, "--colormap", "hot", "--range", "80,150",
                         "--threshold", "80", "--colorbar-layers", "t", "--size", "200x200", "-o",
                         svg, NULL };
  const char *all[] = { "render", colin, t, "--colorbar", "--size", "200x200", "-o", svg, NULL };

  vs_test_copy_file (colin, t);
  g_assert_cmpint (vs_test_run_voxelscope (args, NULL, NULL), ==, 0);
  g_assert_true (g_file_get_contents (svg, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, ">t</text>"));
  g_assert_null (strstr (text, ">ch2</text>"));
  g_assert_nonnull (strstr (text, ">150</text>"));
  g_clear_pointer (&text, g_free);
  g_assert_cmpint (vs_test_run_voxelscope (all, NULL, NULL), ==, 0);
  g_assert_true (g_file_get_contents (svg, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, ">t</text>"));
  g_assert_nonnull (strstr (text, ">ch2</text>"));
  vs_test_remove_tree (dir);
}

/* Channels shown together get a colorbar each, black to the channel's colour over its range,
 * named after the layer and the channel. */
static void
test_render_channel_colorbars (void)
{
  g_autofree char *dir = vs_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "cells.nii.gz", NULL);
  g_autofree char *svg = g_build_filename (dir, "fig.svg", NULL);
  g_autofree char *text = NULL;
  const gint64 dims[4] = { 24, 24, 12, 3 };
  g_autoptr(VsVolume) cells = vs_volume_new (VS_DATATYPE_UINT16, dims, NULL);
  guint16 *v = vs_volume_get_data_mutable (cells);
  const char *args[] = { "render", path, "--colorbar", "--size", "200x200", "-o", svg, NULL };

  for (gsize i = 0; i < 24 * 24 * 12 * 3; i++)
    v[i] = (guint16) (i % 23 == 0 ? 2000 : 100 + i % 5);
  g_assert_true (vs_nifti_write (cells, path, NULL));
  g_assert_cmpint (vs_test_run_voxelscope (args, NULL, NULL), ==, 0);
  g_assert_true (g_file_get_contents (svg, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, ">cells, channel 0</text>"));
  g_assert_nonnull (strstr (text, ">cells, channel 2</text>"));
  g_assert_null (strstr (text, ">cells</text>"));
  /* Red, green and blue at the top of their bars; the range runs to the bright voxels. */
  g_assert_nonnull (strstr (text, "stop-color=\"#ff0000\""));
  g_assert_nonnull (strstr (text, "stop-color=\"#00ff00\""));
  g_assert_nonnull (strstr (text, "stop-color=\"#0066ff\""));   /* a lighter blue */
  g_assert_nonnull (strstr (text, ">2000</text>"));
  vs_test_remove_tree (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/command/render/ortho", test_render_ortho);
  g_test_add_func ("/command/render/errors", test_render_errors);
  g_test_add_func ("/command/render/surface", test_render_surface);
  g_test_add_func ("/command/render/volume-3d", test_render_volume_3d);
  g_test_add_func ("/command/render/figure-formats", test_render_figure_formats);
  g_test_add_func ("/command/render/lightbox", test_render_lightbox);
  g_test_add_func ("/command/render/surface-panel", test_render_surface_panel);
  g_test_add_func ("/command/render/grid", test_render_grid);
  g_test_add_func ("/command/render/transparent", test_render_transparent);
  g_test_add_func ("/command/render/tiles", test_render_tiles);
  g_test_add_func ("/command/render/colorbar-layers", test_render_colorbar_layers);
  g_test_add_func ("/command/render/channel-colorbars", test_render_channel_colorbars);

  return g_test_run ();
}
