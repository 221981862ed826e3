/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <cglm/cglm.h>
#include <epoxy/gl.h>
#include <math.h>

#include "vs-offscreen.h"
#include "vs-resources.h"
#include "vs-slice-figure.h"
#include "vs-slice-renderer.h"
#include "vs-volume-raycaster.h"
#include "vs-isosurface.h"
#include "vs-surface-figure.h"
#include "vs-surface-pick.h"
#include "vs-test-fixtures.h"
#include "vs-volume-loader.h"

/* Renders through EGL surfaceless and compares pixels with the data.  Expected pixels are worked
 * out here from the axis conventions, not from the camera code, so a flipped axis fails. */

static VsOffscreen *offscreen;
static VsSliceRenderer *renderer;
static VsVolume *colin;
static VsVolume *aal;

static gboolean
have_gl (void)
{
  if (renderer == NULL)
    {
      g_test_skip ("no OpenGL 3.3 context could be made through EGL");
      return FALSE;
    }
  return TRUE;
}

static guint32
pixel_at (cairo_surface_t *surface, int x, int y)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  return ((const guint32 *) (data + (gsize) y * stride))[x];
}

static cairo_surface_t *
render (VsScene *scene, VsSliceAxis axis, int w, int h, const double center[3])
{
  VsSliceCamera camera = { 0 };
  g_autoptr(GError) error = NULL;

  camera.axis = axis;
  camera.radiological = vs_scene_get_radiological (scene);
  camera.width = w;
  camera.height = h;
  camera.mm_per_pixel = 1.0;
  memcpy (camera.center, center, sizeof camera.center);
  g_assert_true (vs_offscreen_begin (offscreen, w, h, &error));
  g_assert_no_error (error);
  vs_slice_renderer_draw (renderer, scene, &camera, FALSE);
  g_assert_null (vs_slice_renderer_get_last_error (renderer));
  return vs_offscreen_read (offscreen);
}

/* Colin27: 181×217×181, 1 mm, RAS, voxel (90,125,71) at the origin. */
static void
check_colin_slice (VsSliceAxis axis, gboolean radiological)
{
  g_autoptr(VsScene) scene = vs_scene_new ();
  VsLayer *layer;
  cairo_surface_t *surface;
  const guint8 *data = vs_volume_get_data (colin);
  const gint64 nx = 181, ny = 217;
  /* A slice off the centre, so a wrong slice index shows. */
  const gint64 ci = 70, cj = 140, ck = 100;
  double center[3];
  int w, h, mismatches = 0;

  layer = vs_scene_add_volume (scene, colin);
  vs_layer_set_display_range (layer, 0, 255);
  vs_layer_set_interpolate (layer, FALSE);
  vs_scene_set_radiological (scene, radiological);

  /* World centre of the volume, cut through voxel (ci, cj, ck). */
  center[0] = axis == VS_SLICE_AXIS_SAGITTAL ? ci - 90 : 0;
  center[1] = axis == VS_SLICE_AXIS_CORONAL ? cj - 125 : 108 - 125;
  center[2] = axis == VS_SLICE_AXIS_AXIAL ? ck - 71 : 90 - 71;
  w = axis == VS_SLICE_AXIS_SAGITTAL ? 217 : 181;
  h = axis == VS_SLICE_AXIS_AXIAL ? 217 : 181;
  surface = render (scene, axis, w, h, center);

  for (int py = 0; py < h; py++)
    for (int px = 0; px < w; px++)
      {
        gint64 i, j, k;
        guint32 pixel = pixel_at (surface, px, py);
        guint8 expected, got = (pixel >> 8) & 0xff;

        switch (axis)
          {
          case VS_SLICE_AXIS_AXIAL:
            /* Neurological: the subject's left (i = 0) at the screen's left; anterior at the top. */
            i = radiological ? 180 - px : px;
            j = 216 - py;
            k = ck;
            break;
          case VS_SLICE_AXIS_CORONAL:
            i = radiological ? 180 - px : px;
            j = cj;
            k = 180 - py;
            break;
          default:
            /* Sagittal: anterior (j = 216) at the screen's left, superior at the top. */
            i = ci;
            j = 216 - px;
            k = 180 - py;
            break;
          }
        expected = data[i + nx * (j + ny * k)];
        if (abs ((int) expected - (int) got) > 1)
          mismatches++;
      }
  cairo_surface_destroy (surface);
  g_assert_cmpint (mismatches, ==, 0);
}

static void test_axial_neurological (void) { if (have_gl ()) check_colin_slice (VS_SLICE_AXIS_AXIAL, FALSE); }
static void test_axial_radiological (void) { if (have_gl ()) check_colin_slice (VS_SLICE_AXIS_AXIAL, TRUE); }
static void test_coronal_neurological (void) { if (have_gl ()) check_colin_slice (VS_SLICE_AXIS_CORONAL, FALSE); }
static void test_coronal_radiological (void) { if (have_gl ()) check_colin_slice (VS_SLICE_AXIS_CORONAL, TRUE); }
static void test_sagittal (void) { if (have_gl ()) check_colin_slice (VS_SLICE_AXIS_SAGITTAL, FALSE); }

/* The AAL atlas drawn filled with its MRIcron colours, then as outlines. */
static void
test_labels_fill_and_outline (void)
{
  g_autoptr(VsScene) scene = vs_scene_new ();
  VsLabelTable *table;
  VsLayer *layer;
  cairo_surface_t *surface;
  const guint8 *data;
  const double center[3] = { 0, 108 - 125, 100 - 71 };
  int checked = 0, wrong = 0, interior = 0, interior_lit = 0, edges = 0, edges_lit = 0;

  if (!have_gl ())
    return;
  table = vs_volume_get_label_table (aal);
  g_assert_nonnull (table);
  data = vs_volume_get_data (aal);
  layer = vs_scene_add_volume (scene, aal);
  g_assert_true (vs_layer_is_label (layer));

  surface = render (scene, VS_SLICE_AXIS_AXIAL, 181, 217, center);
  for (int py = 0; py < 217; py++)
    for (int px = 0; px < 181; px++)
      {
        guint8 id = data[px + 181 * ((216 - py) + 217 * 100)];
        guint32 pixel = pixel_at (surface, px, py);
        const VsLabel *label;
        if (id == 0)
          {
            wrong += (pixel & 0xffffff) != 0;
            continue;
          }
        label = vs_label_table_lookup (table, id);
        checked++;
        wrong += abs ((int) ((pixel >> 16) & 0xff) - label->rgba[0]) > 1 ||
                 abs ((int) ((pixel >> 8) & 0xff) - label->rgba[1]) > 1 ||
                 abs ((int) (pixel & 0xff) - label->rgba[2]) > 1;
      }
  cairo_surface_destroy (surface);
  g_assert_cmpint (checked, >, 5000);
  g_assert_cmpint (wrong, ==, 0);

  vs_layer_set_label_outline (layer, TRUE);
  surface = render (scene, VS_SLICE_AXIS_AXIAL, 181, 217, center);
  for (int py = 1; py < 216; py++)
    for (int px = 1; px < 180; px++)
      {
        int j = 216 - py;
        guint8 id = data[px + 181 * (j + 217 * 100)];
        gboolean edge;
        gboolean lit = (pixel_at (surface, px, py) & 0xffffff) != 0;
        if (id == 0)
          continue;
        edge = data[px + 1 + 181 * (j + 217 * 100)] != id ||
               data[px - 1 + 181 * (j + 217 * 100)] != id ||
               data[px + 181 * (j + 1 + 217 * 100)] != id ||
               data[px + 181 * (j - 1 + 217 * 100)] != id;
        if (edge)
          edges++, edges_lit += lit;
        else
          interior++, interior_lit += lit;
      }
  cairo_surface_destroy (surface);
  g_assert_cmpint (interior, >, 1000);
  g_assert_cmpint (interior_lit, ==, 0);
  g_assert_cmpint (edges_lit, ==, edges);
}

/* An overlay on its own grid (2 mm, rotated 90° about z and shifted) lines up in world space. */
static void
test_overlay_other_grid (void)
{
  g_autoptr(VsScene) scene = vs_scene_new ();
  const gint64 dims[4] = { 20, 30, 10, 1 };
  /* i → −y, j → +x, k → +z, 2 mm, origin at (−30, 19, −10). */
  const double affine[16] = { 0, 2, 0, -30,  -2, 0, 0, 19,  0, 0, 2, -10,  0, 0, 0, 1 };
  g_autoptr(VsVolume) grid = vs_volume_new (VS_DATATYPE_FLOAT32, dims, NULL);
  float *values = vs_volume_get_data_mutable (grid);
  const double center[3] = { 0, 0, 0 };
  cairo_surface_t *surface;
  VsLayer *layer;
  int checked = 0;

  if (!have_gl ())
    return;
  for (gint64 k = 0; k < 10; k++)
    for (gint64 j = 0; j < 30; j++)
      for (gint64 i = 0; i < 20; i++)
        values[i + 20 * (j + 30 * k)] = (float) (i * 8 + 1);
  g_assert_true (vs_volume_set_affine (grid, affine, NULL));
  layer = vs_scene_add_volume (scene, grid);
  vs_layer_set_colormap (layer, VS_COLORMAP_GREY);
  vs_layer_set_display_range (layer, 0, 255);
  vs_layer_set_interpolate (layer, FALSE);

  surface = render (scene, VS_SLICE_AXIS_AXIAL, 101, 101, center);
  /* Pixel (px, py) is world (px − 50, 50 − py); sample inside the grid, away from voxel faces. */
  for (int py = 0; py < 101; py++)
    for (int px = 0; px < 101; px++)
      {
        double xyz[3] = { px - 50, 50 - py, 0 }, ijk[3];
        gint64 i;
        vs_volume_world_to_voxel (grid, xyz, ijk);
        if (ijk[0] < 0.1 || ijk[0] > 18.9 || ijk[1] < 0.1 || ijk[1] > 28.9 ||
            fabs (ijk[0] - floor (ijk[0]) - 0.5) < 0.1 || fabs (ijk[1] - floor (ijk[1]) - 0.5) < 0.1)
          continue;
        i = (gint64) floor (ijk[0] + 0.5);
        g_assert_cmpint ((pixel_at (surface, px, py) >> 8) & 0xff, ==, i * 8 + 1);
        checked++;
      }
  cairo_surface_destroy (surface);
  /* Half the pixel centres fall on voxel faces (2 mm voxels, 1 mm pixels) and are skipped. */
  g_assert_cmpint (checked, >, 400);
}

/* The figure path the command line uses: ortho layout with letters L/R where they belong. */
static void
test_figure_ortho (void)
{
  g_autoptr(VsScene) scene = vs_scene_new ();
  g_autoptr(GError) error = NULL;
  VsSliceFigureOptions options = { VS_FIGURE_VIEW_ORTHO, 900, 300, TRUE, TRUE };
  cairo_surface_t *surface;
  VsSliceCamera camera;
  char left[2], right[2], top[2], bottom[2];

  if (!have_gl ())
    return;
  vs_layer_set_stats (vs_scene_add_volume (scene, colin),
                      vs_volume_stats_compute (colin, 0, NULL, NULL, NULL));
  surface = vs_slice_figure_render (offscreen, renderer, scene, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 900);
  /* Each pane's centre shows brain (not black). */
  for (int p = 0; p < 3; p++)
    g_assert_cmpuint (pixel_at (surface, 150 + 300 * p, 150) & 0xffffff, !=, 0);
  cairo_surface_destroy (surface);

  vs_slice_figure_pane_camera (scene, VS_SLICE_AXIS_AXIAL, 300, 300, &camera);
  vs_slice_camera_edge_letters (&camera, left, right, top, bottom);
  g_assert_cmpstr (left, ==, "L");
  g_assert_cmpstr (top, ==, "A");
  vs_scene_set_radiological (scene, TRUE);
  vs_slice_figure_pane_camera (scene, VS_SLICE_AXIS_AXIAL, 300, 300, &camera);
  vs_slice_camera_edge_letters (&camera, left, right, top, bottom);
  g_assert_cmpstr (left, ==, "R");
}

/* A 64 × 64 offscreen picture begun, cleared, and a camera looking down (dorsal) at @volume. */
static void
begin_from_above (VsVolume *volume, VsOrbitCamera *camera)
{
  double lo[3], hi[3];
  g_autoptr(GError) error = NULL;

  vs_orbit_camera_init (camera, 64, 64);
  vs_orbit_camera_set_preset (camera, "dorsal", TRUE);
  vs_volume_get_world_bounds (volume, lo, hi);
  vs_orbit_camera_fit (camera, lo, hi);
  g_assert_true (vs_offscreen_begin (offscreen, 64, 64, &error));
  glClearColor (0, 0, 0, 1);
  glClearDepth (1.0);
  glClear (GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
}

/* Channels together: two channels of 16-bit data, the first bright on the left (x < 20), the
 * second on the right (x ≥ 12): green where only the first is, magenta where only the second,
 * white where both (added); a channel's own range and colour apply; the 3D MIP adds them too. */
static void
test_channel_composite (void)
{
  const gint64 dims[4] = { 32, 32, 8, 2 };
  g_autoptr(VsVolume) channels = vs_volume_new (VS_DATATYPE_UINT16, dims, NULL);
  g_autoptr(VsScene) scene = vs_scene_new ();
  guint16 *data = vs_volume_get_data_mutable (channels);
  const double centre[3] = { 15.5, 15.5, 3.5 };
  double affine[16] = { 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1 };
  cairo_surface_t *image;
  VsLayer *layer;

  if (!have_gl ())
    return;
  for (int z = 0; z < 8; z++)
    for (int y = 0; y < 32; y++)
      for (int x = 0; x < 32; x++)
        {
          data[x + 32 * (y + 32 * z)] = x < 20 ? 1000 : 0;
          data[32 * 32 * 8 + x + 32 * (y + 32 * z)] = x >= 12 ? 1000 : 0;
        }
  vs_volume_set_affine (channels, affine, NULL);
  layer = vs_scene_add_volume (scene, channels);
  vs_layer_set_interpolate (layer, FALSE);
  vs_layer_set_display_range (layer, 0, 1000);
  g_assert_true (vs_layer_get_composite (layer));          /* by default for 16-bit channels */
  g_assert_cmpuint (vs_layer_get_n_channels (layer), ==, 2);
  image = render (scene, VS_SLICE_AXIS_AXIAL, 32, 32, centre);
  g_assert_cmphex (pixel_at (image, 4, 16) & 0xffffff, ==, 0x00ff00);
  g_assert_cmphex (pixel_at (image, 28, 16) & 0xffffff, ==, 0xff00ff);
  g_assert_cmphex (pixel_at (image, 16, 16) & 0xffffff, ==, 0xffffff);
  cairo_surface_destroy (image);

  /* The second channel at half its range's top shows full; its colour changed to red. */
  vs_layer_set_channel_range (layer, 1, 0, 500);
  vs_layer_set_channel_color (layer, 1, (const double[]) { 1, 0, 0 });
  vs_layer_set_channel_range (layer, 0, 0, 2000);
  image = render (scene, VS_SLICE_AXIS_AXIAL, 32, 32, centre);
  g_assert_cmphex (pixel_at (image, 28, 16) & 0xffffff, ==, 0xff0000);
  g_assert_cmphex (pixel_at (image, 4, 16) & 0xffffff, ==, 0x008000);
  g_assert_cmphex (pixel_at (image, 16, 16) & 0xffffff, ==, 0xff8000);
  cairo_surface_destroy (image);

  /* One frame at a time again: the first channel in the layer's colormap (grey). */
  vs_layer_set_composite (layer, FALSE);
  image = render (scene, VS_SLICE_AXIS_AXIAL, 32, 32, centre);
  g_assert_cmphex (pixel_at (image, 4, 16) & 0xffffff, ==, 0xffffff);
  g_assert_cmphex (pixel_at (image, 28, 16) & 0xffffff, ==, 0x000000);
  cairo_surface_destroy (image);

  /* 3D: the MIP from above adds the channels the same way. */
  vs_layer_set_composite (layer, TRUE);
  {
    VsVolumeRaycaster *raycasters[VS_LAYER_MAX_CHANNELS] = { NULL };
    VsRaycastOptions options;
    VsOrbitCamera camera;
    g_autoptr(GError) error = NULL;

    vs_raycast_options_init (&options);
    begin_from_above (channels, &camera);
    vs_volume_raycaster_draw_layer (raycasters, layer, 0, &camera, &options, &error);
    g_assert_no_error (error);
    image = vs_offscreen_read (offscreen);
    {
      /* Somewhere red only (the second channel, right), somewhere both (the middle). */
      gboolean red = FALSE, mixed = FALSE;
      for (int y = 0; y < 64; y++)
        for (int x = 0; x < 64; x++)
          {
            guint32 p = pixel_at (image, x, y);
            int r = (p >> 16) & 0xff, g = (p >> 8) & 0xff;
            red = red || (r > 200 && g < 20);
            mixed = mixed || (r > 200 && g > 60);
          }
      g_assert_true (red);
      g_assert_true (mixed);
    }
    cairo_surface_destroy (image);
    for (int c = 0; c < VS_LAYER_MAX_CHANNELS; c++)
      g_clear_pointer (&raycasters[c], vs_volume_raycaster_free);
  }
}

/* Interactive frames at reduced resolution show the same picture, only softer. */
static void
test_reduced_resolution (void)
{
  g_autoptr(VsScene) scene = vs_scene_new ();
  VsSliceCamera camera = { VS_SLICE_AXIS_AXIAL, FALSE, { 0, -17, 10 }, 0.5, 360, 434 };
  cairo_surface_t *full, *low;
  double total = 0;
  VsLayer *layer;

  if (!have_gl ())
    return;
  layer = vs_scene_add_volume (scene, colin);
  vs_layer_set_display_range (layer, 0, 255);
  g_assert_true (vs_offscreen_begin (offscreen, 360, 434, NULL));
  vs_slice_renderer_draw_scaled (renderer, scene, &camera, FALSE, 1.0);
  full = vs_offscreen_read (offscreen);
  vs_slice_renderer_draw_scaled (renderer, scene, &camera, FALSE, 0.33);
  low = vs_offscreen_read (offscreen);
  for (int y = 0; y < 434; y++)
    for (int x = 0; x < 360; x++)
      total += abs ((int) ((pixel_at (full, x, y) >> 8) & 0xff) -
                    (int) ((pixel_at (low, x, y) >> 8) & 0xff));
  /* Mean difference under 8 grey levels (of 255): blur at edges, same anatomy. */
  g_assert_cmpfloat (total / (360.0 * 434.0), <, 8.0);
  g_assert_cmpfloat (total, >, 0);
  cairo_surface_destroy (full);
  cairo_surface_destroy (low);
}

/* A sphere whose front half (y > 0) is +1 and back half −1, drawn cool-warm from the left: the
 * left of the picture is red, the right blue; a click finds the vertex under it. */
static void
test_surface_overlay_and_picking (void)
{
  const gint64 dims[4] = { 48, 48, 48, 1 };
  const double affine[16] = { 1, 0, 0, -24,  0, 1, 0, -24,  0, 0, 1, -24,  0, 0, 0, 1 };
  g_autoptr(VsVolume) field = vs_volume_new (VS_DATATYPE_FLOAT32, dims, NULL);
  g_autoptr(VsSurface) sphere = NULL;
  g_autoptr(VsVertexData) side = NULL;
  g_autoptr(VsSurfaceRenderer) surface_renderer = NULL;
  g_autoptr(GError) error = NULL;
  float *f = vs_volume_get_data_mutable (field);
  const float *positions;
  VsSurfaceOverlay overlay;
  VsSurfaceItem item = { 0 };
  VsOrbitCamera camera;
  cairo_surface_t *image;
  double origin[3], direction[3], hit[3], px, py, vertex_position[3];
  guint vertex;
  guint32 left, right, corner;

  if (!have_gl ())
    return;
  for (gint64 i = 0; i < 48 * 48 * 48; i++)
    {
      double x = i % 48 - 23.5, y = (i / 48) % 48 - 23.5, z = i / (48 * 48) - 23.5;
      f[i] = (float) (18 - sqrt (x * x + y * y + z * z));
    }
  g_assert_true (vs_volume_set_affine (field, affine, NULL));
  sphere = vs_isosurface_extract (field, 0, 0, 0, NULL, NULL, &error);
  g_assert_no_error (error);
  vs_surface_set_structure (sphere, "CortexLeft");
  positions = vs_surface_get_positions (sphere, 0);
  side = vs_vertex_data_new ("side", vs_surface_get_n_vertices (sphere), 1);
  for (guint v = 0; v < vs_surface_get_n_vertices (sphere); v++)
    vs_vertex_data_get_column (side, 0)[v] = positions[3 * v + 1] > 0 ? 1.0f : -1.0f;

  vs_surface_overlay_init_for (&overlay, side);
  overlay.colormap = VS_COLORMAP_COOL_WARM;
  overlay.min = -1;
  overlay.max = 1;
  item.surface = sphere;
  item.overlays = &overlay;
  item.n_overlays = 1;
  surface_renderer = vs_surface_renderer_new (&error);
  g_assert_no_error (error);
  image = vs_surface_figure_render (offscreen, surface_renderer, &item, 1, "lateral", 0, 300, 240,
                                    NULL, NULL, &camera, &error);
  g_assert_no_error (error);
  left = pixel_at (image, 110, 120);
  right = pixel_at (image, 190, 120);
  corner = pixel_at (image, 2, 2);
  cairo_surface_destroy (image);
  g_assert_cmpuint ((left >> 16) & 0xff, >, 2 * (left & 0xff));      /* red */
  g_assert_cmpuint (right & 0xff, >, 2 * ((right >> 16) & 0xff));    /* blue */
  g_assert_cmpuint (corner & 0xffffff, ==, 0);

  /* Picking: the vertex under pixel (110, 120) is in front (y > 0) and projects back there. */
  vs_orbit_camera_pixel_ray (&camera, 110.5, 120.5, origin, direction);
  g_assert_true (vs_surface_pick (sphere, 0, origin, direction, &vertex, hit));
  g_assert_cmpfloat (positions[3 * vertex + 1], >, 0);
  g_assert_cmpfloat (hit[0], <, 0);  /* the near (left) side of the sphere */
  for (int a = 0; a < 3; a++)
    vertex_position[a] = positions[3 * vertex + a];
  g_assert_true (vs_orbit_camera_project (&camera, vertex_position, &px, &py));
  g_assert_cmpfloat (fabs (px - 110.5), <, 3);
  g_assert_cmpfloat (fabs (py - 120.5), <, 3);
  vs_orbit_camera_pixel_ray (&camera, 2, 2, origin, direction);
  g_assert_false (vs_surface_pick (sphere, 0, origin, direction, &vertex, hit));

  /* On an axial slice through its centre the sphere's outline is a yellow circle of radius 18. */
  {
    g_autoptr(VsScene) scene = vs_scene_new ();
    const double centre[3] = { 0, 0, 0 };
    int lit = 0;
    vs_scene_add_surface (scene, sphere);
    image = render (scene, VS_SLICE_AXIS_AXIAL, 61, 61, centre);
    for (int angle = 0; angle < 360; angle += 30)
      {
        double a = angle * G_PI / 180;
        int x0 = (int) lround (30 + 18 * cos (a)), y0 = (int) lround (30 - 18 * sin (a));
        gboolean found = FALSE;
        /* One-pixel lines skip pixels where they run diagonally: look within two. */
        for (int dy = -2; dy <= 2 && !found; dy++)
          for (int dx = -2; dx <= 2 && !found; dx++)
            {
              guint32 p = pixel_at (image, x0 + dx, y0 + dy);
              found = ((p >> 16) & 0xff) > 200 && ((p >> 8) & 0xff) > 150 && (p & 0xff) < 100;
            }
        lit += found;
      }
    if (g_getenv ("VS_TEST_DUMP") != NULL)
      cairo_surface_write_to_png (image, g_getenv ("VS_TEST_DUMP"));
    g_assert_cmpint (lit, ==, 12);
    g_assert_cmpuint (pixel_at (image, 30, 30) & 0xffffff, ==, 0);
    cairo_surface_destroy (image);
  }
}

/* The three planes through the cursor in 3D: anatomy where they are, black around them. */
static void
test_cursor_planes (void)
{
  g_autoptr(VsScene) scene = vs_scene_new ();
  VsOrbitCamera camera;
  double lo[3], hi[3];
  float view[16], projection[16];
  mat4 view_projection;
  cairo_surface_t *image;
  VsLayer *layer;

  if (!have_gl ())
    return;
  layer = vs_scene_add_volume (scene, colin);
  vs_layer_set_display_range (layer, 0, 255);
  vs_orbit_camera_init (&camera, 240, 240);
  vs_orbit_camera_set_preset (&camera, "lateral", TRUE);
  camera.azimuth = 215;
  camera.elevation = 25;
  vs_scene_get_world_bounds (scene, lo, hi);
  vs_orbit_camera_fit (&camera, lo, hi);
  vs_orbit_camera_get_matrices (&camera, view, projection);
  glm_mat4_mul ((vec4 *) projection, (vec4 *) view, view_projection);
  g_assert_true (vs_offscreen_begin (offscreen, 240, 240, NULL));
  glClearColor (0, 0, 0, 1);
  glClearDepth (1);
  glClear (GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
  vs_slice_renderer_draw_planes (renderer, scene, (float *) view_projection);
  image = vs_offscreen_read (offscreen);
  if (g_getenv ("VS_TEST_DUMP") != NULL)
    cairo_surface_write_to_png (image, g_getenv ("VS_TEST_DUMP"));
  {
    double cursor[3], px, py;
    vs_scene_get_cursor (scene, cursor);
    /* Just off the cursor along a plane, there is anatomy. */
    cursor[1] += 20;
    g_assert_true (vs_orbit_camera_project (&camera, cursor, &px, &py));
    g_assert_cmpuint (pixel_at (image, (int) px, (int) py) & 0xffffff, !=, 0);
  }
  g_assert_cmpuint (pixel_at (image, 1, 1) & 0xffffff, ==, 0);
  cairo_surface_destroy (image);
}

/* The slices of @scene's layers along each axis, magnified (0.5 mm a pixel). */
static cairo_surface_t *
render_axes (VsSliceRenderer *slices, VsScene *scene, VsSliceAxis axis)
{
  VsSliceCamera camera = { axis, FALSE, { 3, -20, 12 }, 0.5, 240, 240 };
  g_autoptr(GError) error = NULL;

  g_assert_true (vs_offscreen_begin (offscreen, camera.width, camera.height, &error));
  vs_slice_renderer_draw (slices, scene, &camera, FALSE);
  g_assert_null (vs_slice_renderer_get_last_error (slices));
  return vs_offscreen_read (offscreen);
}

static int
count_differences (cairo_surface_t *a, cairo_surface_t *b, int tolerance)
{
  int w = cairo_image_surface_get_width (a), h = cairo_image_surface_get_height (a), n = 0;

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guint32 pa = pixel_at (a, x, y), pb = pixel_at (b, x, y);
        for (int shift = 0; shift < 24; shift += 8)
          if (abs ((int) ((pa >> shift) & 0xff) - (int) ((pb >> shift) & 0xff)) > tolerance)
            {
              n++;
              break;
            }
      }
  return n;
}

/* A scene of Colin27 (interpolated), the AAL atlas as outlines and an edited label volume. */
static VsScene *
brick_scene (VsVolume *edited)
{
  VsScene *scene = vs_scene_new ();
  VsLayer *atlas;

  vs_layer_set_interpolate (vs_scene_add_volume (scene, colin), TRUE);
  atlas = vs_scene_add_volume (scene, aal);
  vs_layer_set_label_outline (atlas, TRUE);
  vs_layer_set_opacity (atlas, 0.7);
  vs_layer_set_opacity (vs_scene_add_volume (scene, edited), 0.5);
  return scene;
}

/* Volumes larger than the GL's 3D textures are drawn in bricks.  With bricks of 48 (Colin27
 * becomes 80 of them) the slices are exactly the slices of one texture — interpolation and
 * outlines read across seams — also after an edit that spans seams is uploaded box by box; the
 * ray cast through 8 bricks matches the whole within rounding; more than 8 are refused. */
static void
test_bricks (void)
{
  g_autoptr(VsVolume) edited = NULL;
  g_autoptr(VsScene) whole = NULL, bricked = NULL;
  VsLayer *edited_layer;
  guint32 *ids;
  VsSliceRenderer *renderers[2];

  if (!have_gl ())
    return;
  /* A renderer for each scene: a renderer keeps the textures of the scene it drew last. */
  renderers[0] = vs_slice_renderer_new (NULL);
  renderers[1] = vs_slice_renderer_new (NULL);
  edited = vs_volume_new_like (aal, VS_DATATYPE_UINT32, 1, NULL);
  vs_volume_set_intent (edited, VS_VOLUME_INTENT_LABEL);
  ids = vs_volume_get_data_mutable (edited);
  g_unsetenv ("VOXELSCOPE_BRICK_SIZE");
  whole = brick_scene (edited);
  g_setenv ("VOXELSCOPE_BRICK_SIZE", "48", TRUE);
  bricked = brick_scene (edited);
  for (int pass = 0; pass < 2; pass++)
    {
      for (VsSliceAxis axis = VS_SLICE_AXIS_AXIAL; axis <= VS_SLICE_AXIS_SAGITTAL; axis++)
        {
          cairo_surface_t *a, *b;
          g_unsetenv ("VOXELSCOPE_BRICK_SIZE");
          a = render_axes (renderers[0], whole, axis);
          g_setenv ("VOXELSCOPE_BRICK_SIZE", "48", TRUE);
          b = render_axes (renderers[1], bricked, axis);
          g_assert_cmpint (count_differences (a, b, 0), ==, 0);
          cairo_surface_destroy (a);
          cairo_surface_destroy (b);
        }
      if (pass == 1)
        break;
      /* A box across seams (x 40–60, y 90–100, z 80–90 crosses 46, 92 and 92): label 9. */
      for (gint64 z = 80; z <= 90; z++)
        for (gint64 y = 90; y <= 100; y++)
          for (gint64 x = 40; x <= 60; x++)
            ids[(z * 217 + y) * 181 + x] = 9;
      for (int s = 0; s < 2; s++)
        {
          edited_layer = vs_scene_get_layer (s == 0 ? whole : bricked, 0);
          g_assert_true (vs_layer_get_volume (edited_layer) == edited);
          g_assert_true (vs_layer_is_label (edited_layer));
          vs_layer_mark_edited (edited_layer, (const gint64[3]) { 40, 90, 80 },
                                (const gint64[3]) { 60, 100, 90 });
        }
    }

  /* The 3D MIP through 2 × 2 × 2 bricks of 120. */
  {
    g_autoptr(VsScene) scene = vs_scene_new ();
    VsLayer *layer = vs_scene_add_volume (scene, colin);
    g_autoptr(VsVolumeRaycaster) raycaster = NULL;
    VsRaycastOptions options;
    VsOrbitCamera camera;
    cairo_surface_t *image[2];
    double lo[3], hi[3];
    g_autoptr(GError) error = NULL;

    vs_layer_set_display_range (layer, 0, 120);
    vs_raycast_options_init (&options);
    vs_orbit_camera_init (&camera, 200, 200);
    vs_orbit_camera_set_preset (&camera, "lateral", TRUE);
    vs_volume_get_world_bounds (colin, lo, hi);
    vs_orbit_camera_fit (&camera, lo, hi);
    for (int k = 0; k < 2; k++)
      {
        g_clear_pointer (&raycaster, vs_volume_raycaster_free);
        raycaster = vs_volume_raycaster_new (&error);
        if (k == 1)
          g_setenv ("VOXELSCOPE_BRICK_SIZE", "120", TRUE);
        else
          g_unsetenv ("VOXELSCOPE_BRICK_SIZE");
        g_assert_true (vs_offscreen_begin (offscreen, 200, 200, &error));
        glClearColor (0, 0, 0, 1);
        glClear (GL_COLOR_BUFFER_BIT);
        g_assert_true (vs_volume_raycaster_draw (raycaster, layer, 0, &camera, &options, &error));
        g_assert_no_error (error);
        image[k] = vs_offscreen_read (offscreen);
      }
    g_test_message ("MIP: %d pixels differ by more than 3 levels",
                    count_differences (image[0], image[1], 3));
    g_assert_cmpint (count_differences (image[0], image[1], 3), <=, 200 * 200 / 100);
    g_assert_cmpuint (pixel_at (image[1], 100, 100) & 0xffffff, !=, 0);
    cairo_surface_destroy (image[0]);
    cairo_surface_destroy (image[1]);

    g_setenv ("VOXELSCOPE_BRICK_SIZE", "48", TRUE);
    g_clear_pointer (&raycaster, vs_volume_raycaster_free);
    raycaster = vs_volume_raycaster_new (&error);
    g_assert_false (vs_volume_raycaster_draw (raycaster, layer, 0, &camera, &options, &error));
    g_assert_nonnull (strstr (error->message, "casts through at most 8"));
  }
  g_unsetenv ("VOXELSCOPE_BRICK_SIZE");
  vs_slice_renderer_free (renderers[0]);
  vs_slice_renderer_free (renderers[1]);
}

/* Ray cast from above (dorsal) into a 64 × 64 picture. */
static cairo_surface_t *
cast_from_above (VsVolumeRaycaster *raycaster, VsLayer *layer, VsVolume *volume)
{
  VsRaycastOptions options;
  VsOrbitCamera camera;
  g_autoptr(GError) error = NULL;

  vs_raycast_options_init (&options);
  begin_from_above (volume, &camera);
  g_assert_true (vs_volume_raycaster_draw (raycaster, layer, 0, &camera, &options, &error));
  g_assert_no_error (error);
  return vs_offscreen_read (offscreen);
}

/* Instances in 3D: two blocks, 1 on the left (x < 16) and 2 on the right, seen from above in
 * their colours; hiding 2 or showing only 1 leaves the right empty; an edit (part of 1 becomes
 * 3) shows in its new colour after a box upload. */
static void
test_labels_3d (void)
{
  const gint64 dims[4] = { 32, 32, 16, 1 };
  g_autoptr(VsVolume) volume = vs_volume_new (VS_DATATYPE_UINT16, dims, NULL);
  g_autoptr(VsScene) scene = vs_scene_new ();
  g_autoptr(VsVolumeRaycaster) raycaster = NULL;
  g_autoptr(GError) error = NULL;
  guint16 *ids = vs_volume_get_data_mutable (volume);
  g_autofree guint8 *colors = g_malloc0 (4 * 4);
  VsLayer *layer;
  cairo_surface_t *image;

  if (!have_gl ())
    return;
  for (gint64 z = 2; z < 14; z++)
    for (gint64 y = 4; y < 28; y++)
      for (gint64 x = 2; x < 30; x++)
        ids[(z * 32 + y) * 32 + x] = x < 16 ? 1 : 2;
  vs_volume_set_intent (volume, VS_VOLUME_INTENT_LABEL);
  layer = vs_scene_add_volume (scene, volume);
  /* Pure colours: red 1, green 2, blue 3. */
  colors[4 + 0] = 255, colors[4 + 3] = 255;
  colors[8 + 1] = 255, colors[8 + 3] = 255;
  colors[12 + 2] = 255, colors[12 + 3] = 255;
  vs_layer_set_label_colors (layer, g_steal_pointer (&colors), 4);
  raycaster = vs_volume_raycaster_new_for_labels (&error);
  g_assert_no_error (error);

  image = cast_from_above (raycaster, layer, volume);
  /* Left of the picture is the subject's left (x small) seen from above in neurological view. */
  g_assert_cmphex (pixel_at (image, 20, 32) & 0x00ffff, ==, 0);   /* red: blue, green 0 */
  g_assert_cmpuint ((pixel_at (image, 20, 32) >> 16) & 0xff, >, 60);
  g_assert_cmpuint ((pixel_at (image, 44, 32) >> 8) & 0xff, >, 60);  /* green */
  g_assert_cmphex (pixel_at (image, 44, 32) & 0xff00ff, ==, 0);
  g_assert_cmphex (pixel_at (image, 1, 1) & 0xffffff, ==, 0);
  cairo_surface_destroy (image);

  vs_layer_set_label_hidden (layer, 2, TRUE);
  image = cast_from_above (raycaster, layer, volume);
  g_assert_cmphex (pixel_at (image, 44, 32) & 0xffffff, ==, 0);
  g_assert_cmpuint ((pixel_at (image, 20, 32) >> 16) & 0xff, >, 60);
  cairo_surface_destroy (image);
  vs_layer_set_label_hidden (layer, 2, FALSE);
  vs_layer_set_selected_label (layer, 1);
  vs_layer_set_only_selected (layer, TRUE);
  image = cast_from_above (raycaster, layer, volume);
  g_assert_cmphex (pixel_at (image, 44, 32) & 0xffffff, ==, 0);
  cairo_surface_destroy (image);
  vs_layer_set_only_selected (layer, FALSE);

  for (gint64 z = 2; z < 14; z++)
    for (gint64 y = 4; y < 28; y++)
      for (gint64 x = 2; x < 16; x++)
        ids[(z * 32 + y) * 32 + x] = 3;
  vs_layer_mark_edited (layer, (const gint64[3]) { 2, 4, 2 }, (const gint64[3]) { 15, 27, 13 });
  image = cast_from_above (raycaster, layer, volume);
  g_assert_cmpuint (pixel_at (image, 20, 32) & 0xff, >, 60);          /* blue now */
  g_assert_cmphex (pixel_at (image, 20, 32) & 0xffff00, ==, 0);
  g_assert_cmpuint ((pixel_at (image, 44, 32) >> 8) & 0xff, >, 60);  /* green still */
  cairo_surface_destroy (image);
}

int
main (int argc, char *argv[])
{
  g_autofree char *colin_path = g_build_filename (vs_test_mricron_dir (), "ch2.nii.gz", NULL);
  g_autofree char *aal_path = g_build_filename (vs_test_mricron_dir (), "aal.nii.gz", NULL);
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  vs_register_resource ();

  offscreen = vs_offscreen_new (&error);
  if (offscreen != NULL)
    renderer = vs_slice_renderer_new (&error);
  if (renderer == NULL)
    g_printerr ("# %s\n", error->message);
  else
    g_printerr ("# OpenGL renderer: %s\n", vs_offscreen_get_renderer_name (offscreen));
  colin = vs_volume_load (colin_path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  aal = vs_volume_load (aal_path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/render/colin27/axial-neurological", test_axial_neurological);
  g_test_add_func ("/render/colin27/axial-radiological", test_axial_radiological);
  g_test_add_func ("/render/colin27/coronal-neurological", test_coronal_neurological);
  g_test_add_func ("/render/colin27/coronal-radiological", test_coronal_radiological);
  g_test_add_func ("/render/colin27/sagittal", test_sagittal);
  g_test_add_func ("/render/labels/fill-and-outline", test_labels_fill_and_outline);
  g_test_add_func ("/render/overlay-on-other-grid", test_overlay_other_grid);
  g_test_add_func ("/render/figure-ortho", test_figure_ortho);
  g_test_add_func ("/render/reduced-resolution", test_reduced_resolution);
  g_test_add_func ("/render/surface/overlay-and-picking", test_surface_overlay_and_picking);
  g_test_add_func ("/render/cursor-planes-3d", test_cursor_planes);
  g_test_add_func ("/render/channel-composite", test_channel_composite);
  g_test_add_func ("/render/bricks", test_bricks);
  g_test_add_func ("/render/labels-3d", test_labels_3d);

  status = g_test_run ();
  if (offscreen != NULL)
    vs_offscreen_make_current (offscreen);
  g_clear_pointer (&renderer, vs_slice_renderer_free);
  g_clear_pointer (&offscreen, vs_offscreen_free);
  g_clear_object (&colin);
  g_clear_object (&aal);
  return status;
}
