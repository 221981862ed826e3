/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <math.h>
#include <string.h>

#include <cairo.h>
#include <json-glib/json-glib.h>

#include "vs-analysis-error.h"
#include "vs-midline-annotations.h"
#include "vs-midline-editor.h"
#include "vs-midline.h"
#include "vs-midplane.h"
#include "vs-nifti-reader.h"
#include "vs-test-fixtures.h"

#define TEMPLATES "/usr/share/mricron/templates/"

/* T(x) = R (x − c) + c + t, R from rotations about x, then y, then z (degrees). */
typedef struct {
  double r[9];
  double c[3];
  double t[3];
} Motion;

static void
motion_init (Motion *m, const double degrees[3], const double centre[3], const double shift[3])
{
  double a = degrees[0] * G_PI / 180, b = degrees[1] * G_PI / 180, g = degrees[2] * G_PI / 180;
  double rx[9] = { 1, 0, 0, 0, cos (a), -sin (a), 0, sin (a), cos (a) };
  double ry[9] = { cos (b), 0, sin (b), 0, 1, 0, -sin (b), 0, cos (b) };
  double rz[9] = { cos (g), -sin (g), 0, sin (g), cos (g), 0, 0, 0, 1 };
  double ryx[9];

  for (int i = 0; i < 3; i++)
    for (int j = 0; j < 3; j++)
      {
        ryx[i * 3 + j] = 0;
        for (int k = 0; k < 3; k++)
          ryx[i * 3 + j] += ry[i * 3 + k] * rx[k * 3 + j];
      }
  for (int i = 0; i < 3; i++)
    for (int j = 0; j < 3; j++)
      {
        m->r[i * 3 + j] = 0;
        for (int k = 0; k < 3; k++)
          m->r[i * 3 + j] += rz[i * 3 + k] * ryx[k * 3 + j];
      }
  memcpy (m->c, centre, sizeof m->c);
  memcpy (m->t, shift, sizeof m->t);
}

/* J(y) = I(T⁻¹ y) on I's own grid, trilinear, 0 outside. */
static VsVolume *
moved (VsVolume *volume, const Motion *m)
{
  gint64 dims[4];
  VsVolume *out;
  float *data;

  vs_volume_get_dims (volume, dims);
  dims[3] = 1;
  out = vs_volume_new_like (volume, VS_DATATYPE_FLOAT32, 1, NULL);
  data = vs_volume_get_data_mutable (out);
  for (gint64 k = 0; k < dims[2]; k++)
    for (gint64 j = 0; j < dims[1]; j++)
      for (gint64 i = 0; i < dims[0]; i++)
        {
          double ijk[3] = { i, j, k }, y[3], d[3], x[3], value = 0;
          vs_volume_voxel_to_world (out, ijk, y);
          for (int a = 0; a < 3; a++)
            d[a] = y[a] - m->c[a] - m->t[a];
          for (int a = 0; a < 3; a++)
            x[a] = m->r[0 * 3 + a] * d[0] + m->r[1 * 3 + a] * d[1] + m->r[2 * 3 + a] * d[2] +
                   m->c[a];
          vs_volume_sample_trilinear (volume, x, 0, &value);
          data[i + dims[0] * (j + dims[1] * k)] = (float) value;
        }
  return out;
}

/* The plane P of I carried by T: n' = R n, d' = d − n·c + n'·(c + t). */
static void
moved_plane (const VsMidplane *p, const Motion *m, VsMidplane *out)
{
  double nc = 0, moved_centre = 0;

  for (int i = 0; i < 3; i++)
    {
      out->normal[i] = 0;
      for (int k = 0; k < 3; k++)
        out->normal[i] += m->r[i * 3 + k] * p->normal[k];
    }
  for (int a = 0; a < 3; a++)
    {
      nc += p->normal[a] * m->c[a];
      moved_centre += out->normal[a] * (m->c[a] + m->t[a]);
    }
  out->offset = p->offset - nc + moved_centre;
}

/* Offsets compared where it matters: the planes' distance at the head's centre. */
static double
offset_error (const VsMidplane *estimate, const VsMidplane *truth, const double at[3])
{
  double se = -estimate->offset, st = -truth->offset;

  for (int a = 0; a < 3; a++)
    {
      se += estimate->normal[a] * at[a];
      st += truth->normal[a] * at[a];
    }
  /* Same orientation of the normals. */
  if (estimate->normal[0] * truth->normal[0] + estimate->normal[1] * truth->normal[1] +
      estimate->normal[2] * truth->normal[2] < 0)
    se = -se;
  return fabs (se - st);
}

static void
check_template (const char *path, double lesion_radius)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VsVolume) volume = vs_nifti_read (path, NULL, NULL, &error);
  VsMidplane original;
  gint64 dims[4];
  double centre[3], ijk[3];
  const double cases[][6] = {
    { 0, 0, 12, 3.5, 0, 0 },
    { 0, 15, 0, -4, 2, 0 },
    { 20, 0, 0, 0, 0, 3 },
    { 8, -20, 18, 2.5, -3, 1.5 },
    /* Tilted near the search's limit, and moved well off the centre of the field of view. */
    { 0, 0, 28, 15, -10, 0 },
  };

  g_assert_no_error (error);
  vs_volume_get_dims (volume, dims);
  for (int a = 0; a < 3; a++)
    ijk[a] = (dims[a] - 1) / 2.0;
  vs_volume_voxel_to_world (volume, ijk, centre);
  g_assert_true (vs_midplane_estimate (volume, &original, NULL, &error));
  g_assert_no_error (error);
  g_test_message ("%s: normal (%.4f %.4f %.4f) offset %.2f score %.3f", path, original.normal[0],
                  original.normal[1], original.normal[2], original.offset, original.score);
  /* A template in MNI-like space: the midline is near x = const. */
  g_assert_cmpfloat (fabs (original.normal[0]), >, 0.99);

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      Motion m;
      VsMidplane truth, estimate;
      g_autoptr(VsVolume) j = NULL;
      double angle, offset;
      motion_init (&m, cases[c], centre, cases[c] + 3);
      j = moved (volume, &m);
      if (lesion_radius > 0)
        {
          /* A dark lesion in one hemisphere, 20 mm beside the moved midplane. */
          float *data = vs_volume_get_data_mutable (j);
          double lesion[3];
          moved_plane (&original, &m, &truth);
          for (int a = 0; a < 3; a++)
            lesion[a] = centre[a] + cases[c][3 + a] + 20 * truth.normal[a];
          for (gint64 k = 0; k < dims[2]; k++)
            for (gint64 jj = 0; jj < dims[1]; jj++)
              for (gint64 i = 0; i < dims[0]; i++)
                {
                  double p[3] = { i, jj, k }, xyz[3], r2 = 0;
                  vs_volume_voxel_to_world (j, p, xyz);
                  for (int a = 0; a < 3; a++)
                    r2 += (xyz[a] - lesion[a]) * (xyz[a] - lesion[a]);
                  if (r2 < lesion_radius * lesion_radius)
                    data[i + dims[0] * (jj + dims[1] * k)] *= 0.3f;
                }
        }
      g_assert_true (vs_midplane_estimate (j, &estimate, NULL, &error));
      g_assert_no_error (error);
      moved_plane (&original, &m, &truth);
      angle = vs_midplane_angle_between (&estimate, &truth);
      offset = offset_error (&estimate, &truth, centre);
      g_test_message ("  rotated (%g, %g, %g)° shifted (%g, %g, %g) mm: normal off by %.3f°, "
                      "offset by %.3f mm", cases[c][0], cases[c][1], cases[c][2], cases[c][3],
                      cases[c][4], cases[c][5], angle, offset);
      g_assert_cmpfloat (angle, <=, lesion_radius > 0 ? 1.0 : 0.5);
      g_assert_cmpfloat (offset, <=, lesion_radius > 0 ? 1.0 : 0.5);
    }
}

static void
test_colin27 (void)
{
  check_template (TEMPLATES "ch2.nii.gz", 0);
}

static void
test_second_template (void)
{
  /* A different brain: the INIA19 rhesus macaque template. */
  check_template (TEMPLATES "inia19-t1-brain.nii.gz", 0);
}

static void
test_lesion (void)
{
  check_template (TEMPLATES "ch2.nii.gz", 15);
}

static double
bilinear (const float *image, gint64 w, gint64 h, double x, double y)
{
  gint64 x0 = (gint64) floor (x), y0 = (gint64) floor (y);
  double fx = x - x0, fy = y - y0, acc = 0;

  for (int dy = 0; dy < 2; dy++)
    for (int dx = 0; dx < 2; dx++)
      {
        gint64 xi = x0 + dx, yi = y0 + dy;
        if (xi >= 0 && yi >= 0 && xi < w && yi < h)
          acc += (dx ? fx : 1 - fx) * (dy ? fy : 1 - fy) * image[xi + w * yi];
      }
  return acc;
}

/* 2D: an axial slice of Colin27 rotated in plane about its centre and shifted, resampled; the
 * midline found on it is the original's moved the same way, within 0.5° and 1 pixel. */
static void
test_slices (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VsVolume) volume = vs_nifti_read (TEMPLATES "ch2.nii.gz", NULL, NULL, &error);
  const gint64 w = 181, h = 217;
  g_autofree float *slice = g_new (float, w * h), *moved_slice = g_new (float, w * h);
  const double cases[][3] = { { 0, 0, 0 }, { 10, 3, -2 }, { -20, -4.5, 6 }, { 27, 8, 0 } };
  const double c[2] = { (w - 1) / 2.0, (h - 1) / 2.0 };
  VsMidline original;

  g_assert_no_error (error);
  for (gint64 y = 0; y < h; y++)
    for (gint64 x = 0; x < w; x++)
      slice[x + w * y] = (float) vs_volume_get_value (volume, x, y, 80, 0);
  g_assert_true (vs_midline_estimate (slice, w, h, NAN, &original, NULL, &error));
  g_test_message ("axial slice 80: normal (%.4f %.4f) offset %.2f, from (%.1f, %.1f) to (%.1f, "
                  "%.1f)", original.normal[0], original.normal[1], original.offset,
                  original.p0[0], original.p0[1], original.p1[0], original.p1[1]);
  /* The midline of an MNI-space axial slice runs front to back: normal along x. */
  g_assert_cmpfloat (fabs (original.normal[0]), >, 0.99);
  g_assert_cmpfloat (fabs (original.p1[1] - original.p0[1]), >, 120);
  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      double a = cases[k][0] * G_PI / 180, t[2] = { cases[k][1], cases[k][2] };
      VsMidline truth, estimate;
      double foot[2], moved_foot[2], angle, distance;
      /* J(y) = I(R⁻¹ (y − c − t) + c) */
      for (gint64 y = 0; y < h; y++)
        for (gint64 x = 0; x < w; x++)
          {
            double dx = x - c[0] - t[0], dy = y - c[1] - t[1];
            moved_slice[x + w * y] = (float) bilinear (slice, w, h,
                                                       cos (a) * dx + sin (a) * dy + c[0],
                                                       -sin (a) * dx + cos (a) * dy + c[1]);
          }
      g_assert_true (vs_midline_estimate (moved_slice, w, h, NAN, &estimate, NULL, &error));
      g_assert_no_error (error);
      /* The original line moved: normal R n; a point on it moves to R (p − c) + c + t. */
      truth.normal[0] = cos (a) * original.normal[0] - sin (a) * original.normal[1];
      truth.normal[1] = sin (a) * original.normal[0] + cos (a) * original.normal[1];
      foot[0] = original.normal[0] * original.offset;
      foot[1] = original.normal[1] * original.offset;
      moved_foot[0] = cos (a) * (foot[0] - c[0]) - sin (a) * (foot[1] - c[1]) + c[0] + t[0];
      moved_foot[1] = sin (a) * (foot[0] - c[0]) + cos (a) * (foot[1] - c[1]) + c[1] + t[1];
      truth.offset = truth.normal[0] * moved_foot[0] + truth.normal[1] * moved_foot[1];
      angle = vs_midline_angle_between (&estimate, &truth);
      /* Distance between the lines where the head is: at the moved slice centre's foot. */
      {
        double centre[2] = { c[0] + t[0], c[1] + t[1] }, on_truth[2];
        double s = truth.normal[0] * centre[0] + truth.normal[1] * centre[1] - truth.offset;
        on_truth[0] = centre[0] - s * truth.normal[0];
        on_truth[1] = centre[1] - s * truth.normal[1];
        distance = vs_midline_distance (&estimate, on_truth);
      }
      g_test_message ("  rotated %g°, shifted (%g, %g) px: angle off by %.3f°, %.3f px",
                      cases[k][0], t[0], t[1], angle, distance);
      g_assert_cmpfloat (angle, <=, 0.5);
      g_assert_cmpfloat (distance, <=, 1.0);
    }
}

/* Symbrain's line text: the example read exactly, written back the same, bad text named. */
static void
test_symbrain_lines (void)
{
  const char *example = "[{'x': 30.53, 'y': 137.73} {'x': 246.75, 'y': 147.18}]";
  const char *bad[] = { "[{'x': 30.53} {'x': 246.75, 'y': 147.18}]",
                        "[{'x': 30.53, 'y': 137.73}]",
                        "{'x': 1, 'y': 2} {'x': 3, 'y': 4}",
                        "[{'x': 1e, 'y': 2} {'x': 3, 'y': 4}]" };
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  VsMidline line;

  g_assert_true (vs_symbrain_parse_line (example, &line, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (line.p0[0], ==, 30.53);
  g_assert_cmpfloat (line.p0[1], ==, 137.73);
  g_assert_cmpfloat (line.p1[0], ==, 246.75);
  g_assert_cmpfloat (line.p1[1], ==, 147.18);
  /* Both endpoints lie on the line. */
  g_assert_cmpfloat (vs_midline_distance (&line, line.p0), <, 1e-9);
  g_assert_cmpfloat (vs_midline_distance (&line, line.p1), <, 1e-9);
  text = vs_symbrain_format_line (&line);
  g_assert_cmpstr (text, ==, example);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_clear_error (&error);
      g_assert_false (vs_symbrain_parse_line (bad[i], &line, &error));
      g_assert_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_CORRUPT);
    }
}

/* JSON annotations and Symbrain CSV written and read back unchanged; broken files named. */
static void
test_annotation_files (void)
{
  const double affine[16] = { 2, 0, 0, -90, 0, 2, 0, -126, 0, 0, 2, -72, 0, 0, 0, 1 };
  g_autoptr(VsMidlineAnnotations) a = vs_midline_annotations_new ("/data/head.nii.gz", affine);
  g_autoptr(VsMidlineAnnotations) back = NULL, images = NULL, csv_back = NULL;
  g_autofree char *dir = vs_test_make_tmpdir ();
  g_autofree char *json = g_build_filename (dir, "m.json", NULL);
  g_autofree char *csv = g_build_filename (dir, "m.csv", NULL);
  g_autofree char *broken = g_build_filename (dir, "broken.json", NULL);
  g_autoptr(GError) error = NULL;
  const double p0[2] = { 45.25, 3 }, p1[2] = { 46.5, 100.75 };
  const double n[3] = { 0.99, 0.1, 0 };
  VsMidline line;
  VsMidlineEntry *e;
  double voxel[2][3], world[2][3];

  vs_midline_set_endpoints (&line, p0, p1);
  a->has_plane = TRUE;
  a->plane.normal[0] = n[0] / sqrt (n[0] * n[0] + n[1] * n[1]);
  a->plane.normal[1] = n[1] / sqrt (n[0] * n[0] + n[1] * n[1]);
  a->plane.offset = 1.5;
  a->plane.score = 0.7;
  a->plane_status = VS_MIDLINE_CONFIRMED;
  vs_midline_annotations_add (a, NULL, VS_MIDLINE_AXIS_AXIAL, 40, &line, VS_MIDLINE_EDITED);
  vs_midline_annotations_add (a, NULL, VS_MIDLINE_AXIS_CORONAL, 7, &line, VS_MIDLINE_ESTIMATED);
  g_assert_true (vs_midline_annotations_write (a, json, &error));
  g_assert_no_error (error);
  back = vs_midline_annotations_read (json, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->source, ==, "/data/head.nii.gz");
  g_assert_cmpmem (back->affine, sizeof affine, affine, sizeof affine);
  g_assert_true (back->has_plane);
  g_assert_cmpfloat_with_epsilon (back->plane.normal[0], a->plane.normal[0], 1e-12);
  g_assert_cmpfloat_with_epsilon (back->plane.offset, 1.5, 1e-12);
  g_assert_cmpint (back->plane_status, ==, VS_MIDLINE_CONFIRMED);
  g_assert_cmpuint (back->entries->len, ==, 2);
  e = vs_midline_annotations_find (back, VS_MIDLINE_AXIS_AXIAL, 40);
  g_assert_nonnull (e);
  g_assert_cmpint (e->status, ==, VS_MIDLINE_EDITED);
  g_assert_cmpfloat (e->line.p1[1], ==, 100.75);
  /* Axial slice 40, pixel (45.25, 3): voxel (45.25, 3, 40), world 2·v + origin. */
  vs_midline_entry_endpoints (back, e, voxel, world);
  g_assert_cmpfloat (voxel[0][2], ==, 40);
  g_assert_cmpfloat (world[0][0], ==, 2 * 45.25 - 90);
  g_assert_cmpfloat (world[0][2], ==, 2 * 40 - 72);
  e = vs_midline_annotations_find (back, VS_MIDLINE_AXIS_CORONAL, 7);
  vs_midline_entry_endpoints (back, e, voxel, world);
  g_assert_cmpfloat (voxel[0][1], ==, 7);
  g_assert_cmpfloat (voxel[0][2], ==, 3);

  /* Images with awkward names through the CSV. */
  images = vs_midline_annotations_new (NULL, NULL);
  vs_midline_annotations_add (images, "scan, \"first\".png", VS_MIDLINE_AXIS_IMAGE, 0, &line,
                              VS_MIDLINE_CONFIRMED);
  g_assert_true (vs_symbrain_write_csv (images, csv, &error));
  csv_back = vs_symbrain_read_csv (csv, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (csv_back->entries->len, ==, 1);
  e = &g_array_index (csv_back->entries, VsMidlineEntry, 0);
  g_assert_cmpstr (e->image, ==, "scan, \"first\".png");
  g_assert_cmpfloat (e->line.p0[0], ==, 45.25);

  /* Broken files: each named with what is wrong. */
  {
    const char *cases[][2] = {
      { "not json", "broken.json" },
      { "{\"format\": \"other\"}", "voxelscope-midlines-1" },
      { "{\"format\": \"voxelscope-midlines-1\", \"affine\": [1, 2]}", "4 rows of 4" },
      { "{\"format\": \"voxelscope-midlines-1\", \"affine\": [[1,0,0,0],[0,1,0,0],[0,0,1,0],"
        "[0,0,0,1]], \"lines\": [{\"axis\": \"axial\", \"slice\": 1, \"status\": \"maybe\", "
        "\"pixels\": [[0, 0], [1, 1]]}]}", "status" },
      { "{\"format\": \"voxelscope-midlines-1\", \"affine\": [[1,0,0,0],[0,1,0,0],[0,0,1,0],"
        "[0,0,0,1]], \"plane\": {\"normal\": [0, 0, 0], \"offset_mm\": 1, \"status\": "
        "\"edited\"}}", "non-zero normal" },
    };
    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autoptr(VsMidlineAnnotations) none = NULL;
        g_clear_error (&error);
        g_assert_true (g_file_set_contents (broken, cases[i][0], -1, NULL));
        none = vs_midline_annotations_read (broken, &error);
        g_assert_null (none);
        g_assert_nonnull (error);
        g_test_message ("%s", error->message);
        g_assert_nonnull (strstr (error->message, "broken.json"));
        g_assert_nonnull (strstr (error->message, cases[i][1]));
      }
  }
  vs_test_remove_tree (dir);
}

/* voxelscope analyze midline on 2D images: JSON and Symbrain CSV, the line turned with the
 * image; and on a volume: the plane, per-slice lines and the asymmetry map. */
static void
test_command (void)
{
  g_autofree char *dir = vs_test_make_tmpdir ();
  g_autofree char *straight = vs_test_write_colin_slice_png (dir, "straight.png", 0);
  g_autofree char *turned = vs_test_write_colin_slice_png (dir, "turned.png", 12);
  g_autofree char *json = g_build_filename (dir, "lines.json", NULL);
  g_autofree char *csv = g_build_filename (dir, "lines.csv", NULL);
  g_autofree char *asym = g_build_filename (dir, "asym.nii.gz", NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(VsMidlineAnnotations) lines = NULL, from_csv = NULL;
  g_autoptr(GError) error = NULL;
  VsMidlineEntry *a, *b;

  {
    const char *args[] = { "analyze", "midline", "--images", straight, turned, "--json", json,
                           "--symbrain", csv, NULL };
    int status = vs_test_run_voxelscope (args, &out, &err);
    g_test_message ("%s%s", out, err);
    g_assert_cmpint (status, ==, 0);
  }
  lines = vs_midline_annotations_read (json, &error);
  g_assert_no_error (error);
  from_csv = vs_symbrain_read_csv (csv, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lines->entries->len, ==, 2);
  g_assert_cmpuint (from_csv->entries->len, ==, 2);
  a = &g_array_index (lines->entries, VsMidlineEntry, 0);
  b = &g_array_index (lines->entries, VsMidlineEntry, 1);
  g_assert_cmpstr (a->image, ==, straight);
  /* The image turned by 12°: so is its midline (within the pixel grid's precision). */
  g_assert_cmpfloat (fabs (vs_midline_angle_between (&a->line, &b->line) - 12), <, 0.5);
  /* The CSV holds the same endpoints, to its two decimals. */
  g_assert_cmpfloat (fabs (g_array_index (from_csv->entries, VsMidlineEntry, 1).line.p0[0] -
                           b->line.p0[0]), <=, 0.005);

  {
    const char *args[] = { "analyze", "midline", TEMPLATES "ch2.nii.gz", "--json", json,
                           "--asymmetry", asym, "--per-slice", "coronal", NULL };
    g_autoptr(VsVolume) map = NULL;
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (vs_test_run_voxelscope (args, &out, &err), ==, 0);
    g_test_message ("%s", out);
    g_assert_nonnull (strstr (out, "plane     normal (0.99"));
    g_clear_pointer (&lines, vs_midline_annotations_free);
    lines = vs_midline_annotations_read (json, &error);
    g_assert_no_error (error);
    g_assert_true (lines->has_plane);
    g_assert_cmpfloat (lines->plane.angles[0], <, 2);
    g_assert_cmpuint (lines->entries->len, >, 150);
    map = vs_nifti_read (asym, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpfloat (vs_volume_get_value (map, 0, 0, 0, 0), ==, 0);   /* outside the head */
  }
  /* Mistakes are named. */
  {
    const char *no_json[] = { "analyze", "midline", TEMPLATES "ch2.nii.gz", NULL };
    const char *bad_axis[] = { "analyze", "midline", TEMPLATES "ch2.nii.gz", "--json", json,
                               "--per-slice", "sagittal", NULL };
    const char *not_image[] = { "analyze", "midline", "--images", json, "--json", json, NULL };
    g_clear_pointer (&err, g_free);
    g_clear_pointer (&out, g_free);
    g_assert_cmpint (vs_test_run_voxelscope (no_json, &out, &err), ==, 2);
    g_assert_nonnull (strstr (err, "--json"));
    g_clear_pointer (&err, g_free);
    g_clear_pointer (&out, g_free);
    g_assert_cmpint (vs_test_run_voxelscope (bad_axis, &out, &err), ==, 2);
    g_assert_nonnull (strstr (err, "axial or coronal"));
    g_clear_pointer (&err, g_free);
    g_clear_pointer (&out, g_free);
    g_assert_cmpint (vs_test_run_voxelscope (not_image, &out, &err), ==, 1);
    g_assert_nonnull (strstr (err, "lines.json: not a readable image"));
  }
  vs_test_remove_tree (dir);
}

/* The editor's geometry: the plane's cut through a slice and through the volume's box. */
static void
test_plane_geometry (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VsVolume) volume = vs_nifti_read (TEMPLATES "ch2.nii.gz", NULL, NULL, &error);
  double affine[16], a[3], b[3], corners[6][3], lo[3], hi[3];
  const double normal[3] = { 1, 0, 0.1 }, cursor[3] = { 0, -17, 19 }, axial[3] = { 0, 0, 1 };
  g_autoptr(VsMidlineEditor) editor = NULL;
  guint n;

  vs_volume_get_affine (volume, affine);
  editor = vs_midline_editor_new (vs_midline_annotations_new (NULL, affine), volume, NULL);
  vs_midline_editor_set_plane (editor, normal, 2);
  vs_volume_get_world_bounds (volume, lo, hi);
  /* x + 0.1 z = 2 cut at z = 19 runs front to back at x = 0.1. */
  g_assert_true (vs_midline_editor_plane_line (editor, cursor, axial, a, b));
  for (int e = 0; e < 2; e++)
    {
      const double *p = e == 0 ? a : b;
      g_assert_cmpfloat_with_epsilon (p[2], 19, 1e-9);
      g_assert_cmpfloat_with_epsilon (p[0], 2 - 0.1 * 19, 1e-9);
    }
  g_assert_cmpfloat_with_epsilon (fabs (a[1] - b[1]), hi[1] - lo[1], 1e-6);
  /* The polygon in the box has 4 corners on the plane, in order around it. */
  n = vs_midline_editor_plane_polygon (editor, corners);
  g_assert_cmpuint (n, ==, 4);
  for (guint i = 0; i < n; i++)
    {
      const VsMidplane *plane = &vs_midline_editor_get_annotations (editor)->plane;
      double d = plane->normal[0] * corners[i][0] + plane->normal[1] * corners[i][1] +
                 plane->normal[2] * corners[i][2] - plane->offset;
      g_assert_cmpfloat (fabs (d), <, 1e-9);
    }
  /* Consecutive corners share a face of the box: one coordinate at a bound. */
  for (guint i = 0; i < n; i++)
    {
      const double *p = corners[i], *q = corners[(i + 1) % n];
      gboolean shared = FALSE;
      for (int k = 0; k < 3; k++)
        shared = shared || (fabs (p[k] - lo[k]) < 1e-9 && fabs (q[k] - lo[k]) < 1e-9) ||
                 (fabs (p[k] - hi[k]) < 1e-9 && fabs (q[k] - hi[k]) < 1e-9);
      g_assert_true (shared);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/midplane/colin27-moved", test_colin27);
  g_test_add_func ("/midplane/second-template-moved", test_second_template);
  g_test_add_func ("/midplane/one-sided-lesion", test_lesion);
  g_test_add_func ("/midline/slices-moved", test_slices);
  g_test_add_func ("/midline/symbrain-lines", test_symbrain_lines);
  g_test_add_func ("/midline/annotation-files", test_annotation_files);
  g_test_add_func ("/midline/command", test_command);
  g_test_add_func ("/midline/plane-geometry", test_plane_geometry);
  return g_test_run ();
}
