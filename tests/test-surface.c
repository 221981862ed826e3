/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <zlib.h>

#include "vs-analysis-error.h"
#include "vs-freesurfer-reader.h"
#include "vs-gifti-reader.h"
#include "vs-isosurface.h"
#include "vs-surface-projection.h"
#include "vs-surface-slice.h"
#include "vs-test-fixtures.h"

static char *
gifti_path (const char *name)
{
  return g_build_filename ("/usr/lib/python3/dist-packages/nibabel/gifti/tests/data", name, NULL);
}

static double
column_sum (VsVertexData *data, guint column)
{
  const float *v = vs_vertex_data_get_column (data, column);
  double sum = 0;
  for (guint i = 0; i < vs_vertex_data_get_n_vertices (data); i++)
    sum += v[i];
  return sum;
}

/* Values stated here were read with nibabel 5.0 from Debian's python3-nibabel. */
static void
test_gifti_surfaces (void)
{
  g_autofree char *ascii = gifti_path ("ascii.gii");
  g_autofree char *external = gifti_path ("external.gii");
  g_autofree char *base64 = gifti_path ("base64bin.gii");
  g_autoptr(GError) error = NULL;
  g_autoptr(VsSurface) a = vs_gifti_read_surface (ascii, &error);
  g_autoptr(VsSurface) e = NULL;
  g_autoptr(VsSurface) b = NULL;
  const float *p;
  double sum = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (vs_surface_get_n_vertices (a), ==, 3);
  g_assert_cmpuint (vs_surface_get_n_triangles (a), ==, 1);
  g_assert_cmpstr (vs_surface_get_structure (a), ==, "CortexLeft");
  g_assert_cmpstr (vs_surface_get_geometry_name (a, 0), ==, "Pial");
  p = vs_surface_get_positions (a, 0);
  for (int i = 0; i < 9; i++)
    sum += p[i];
  g_assert_cmpfloat_with_epsilon (sum, -184.464499, 1e-4);

  /* ExternalFileBinary: a closed cube. */
  e = vs_gifti_read_surface (external, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (vs_surface_get_n_vertices (e), ==, 8);
  g_assert_cmpuint (vs_surface_get_n_triangles (e), ==, 12);
  g_assert_cmpint (vs_surface_get_euler_characteristic (e), ==, 2);

  /* base64bin.gii is a fragment whose triangles point past its 10 vertices. */
  b = vs_gifti_read_surface (base64, &error);
  g_assert_null (b);
  g_assert_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "base64bin.gii: triangle"));
  g_assert_nonnull (strstr (error->message, "10 vertices"));
}

static void
test_gifti_data (void)
{
  struct { const char *file; guint n; guint columns; double sum; } cases[] = {
    { "gzipbase64.gii", 143479, 1, -4798.401462 },
    { "rh.shape.curv.gii", 133764, 1, -3809.002947 },
    { "label.gii", 71723, 1, 32689 },
    { "task.func.gii", 642, 10, 334971.454608 },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autofree char *path = gifti_path (cases[c].file);
      g_autoptr(GError) error = NULL;
      g_autoptr(VsVertexData) data = vs_gifti_read_vertex_data (path, &error);

      g_test_message ("%s", cases[c].file);
      g_assert_no_error (error);
      g_assert_cmpuint (vs_vertex_data_get_n_vertices (data), ==, cases[c].n);
      g_assert_cmpuint (vs_vertex_data_get_n_columns (data), ==, cases[c].columns);
      g_assert_cmpfloat_with_epsilon (column_sum (data, 0), cases[c].sum,
                                      fabs (cases[c].sum) * 1e-5 + 1e-3);
    }
}

static void
test_gifti_labels (void)
{
  g_autofree char *label = gifti_path ("label.gii");
  g_autofree char *annot = gifti_path ("rh.aparc.annot.gii");
  g_autoptr(GError) error = NULL;
  g_autoptr(VsVertexData) l = vs_gifti_read_vertex_data (label, &error);
  g_autoptr(VsVertexData) a = NULL;
  VsLabelTable *table;

  g_assert_no_error (error);
  table = vs_vertex_data_get_label_table (l);
  g_assert_nonnull (table);
  g_assert_cmpuint (vs_label_table_get_n_labels (table), ==, 3);
  g_assert_cmpstr (vs_label_table_lookup (table, 1)->name, ==, "Positive");
  g_assert_cmpstr (vs_label_table_lookup (table, 2)->name, ==, "Negative");

  a = vs_gifti_read_vertex_data (annot, &error);
  g_assert_no_error (error);
  table = vs_vertex_data_get_label_table (a);
  g_assert_cmpuint (vs_label_table_get_n_labels (table), ==, 36);
  g_assert_cmpstr (vs_label_table_lookup (table, 2647065)->name, ==, "bankssts");
  g_assert_cmpstr (vs_label_table_lookup (table, 10511485)->name, ==, "caudalanteriorcingulate");
  g_assert_cmpuint (vs_vertex_data_get_n_vertices (a), ==, 151533);
}

static char *
write_gifti (const char *dir, const char *name, const char *encoding, const char *datatype,
             const char *dims, const char *payload)
{
  g_autofree char *text = g_strdup_printf (
    "<?xml version=\"1.0\"?>\n<GIFTI Version=\"1.0\" NumberOfDataArrays=\"1\">\n"
    "<DataArray Intent=\"NIFTI_INTENT_SHAPE\" DataType=\"%s\" ArrayIndexingOrder=\"RowMajorOrder\" "
    "%s Encoding=\"%s\" Endian=\"LittleEndian\" ExternalFileName=\"\" ExternalFileOffset=\"\">\n"
    "<Data>%s</Data></DataArray></GIFTI>\n", datatype, dims, encoding, payload);
  char *path = g_build_filename (dir, name, NULL);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

static void
test_gifti_encodings_and_tolerance (void)
{
  g_autofree char *dir = vs_test_make_tmpdir ();
  const float values[4] = { 1.5f, -2.0f, 3.25f, 8.0f };
  g_autofree char *b64 = g_base64_encode ((const guchar *) values, sizeof values);
  /* Base64 broken over lines and indented, as some writers do. */
  g_autofree char *wrapped = g_strdup_printf ("\n   %.*s\n   %s\n", 8, b64, b64 + 8);
  guchar compressed[128];
  uLongf compressed_len = sizeof compressed;
  g_autofree char *zb64 = NULL;
  g_autofree char *p1 = NULL, *p2 = NULL, *p3 = NULL;
  g_autoptr(VsVertexData) d1 = NULL, d2 = NULL, d3 = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (compress (compressed, &compressed_len, (const Bytef *) values, sizeof values),
                   ==, Z_OK);
  zb64 = g_base64_encode (compressed, compressed_len);
  p1 = write_gifti (dir, "b64.shape.gii", "Base64Binary", "NIFTI_TYPE_FLOAT32",
                    "Dimensionality=\"1\" Dim0=\"4\"", wrapped);
  p2 = write_gifti (dir, "z.shape.gii", "GZipBase64Binary", "NIFTI_TYPE_FLOAT32",
                    "Dimensionality=\"1\" Dim0=\"4\"", zb64);
  p3 = write_gifti (dir, "a.shape.gii", "ASCII", "NIFTI_TYPE_INT16",
                    "Dimensionality=\"2\" Dim0=\"2\" Dim1=\"2\"", " 7 -8\n 9 10 ");
  d1 = vs_gifti_read_vertex_data (p1, &error);
  g_assert_no_error (error);
  d2 = vs_gifti_read_vertex_data (p2, &error);
  g_assert_no_error (error);
  d3 = vs_gifti_read_vertex_data (p3, &error);
  g_assert_no_error (error);
  for (int i = 0; i < 4; i++)
    {
      g_assert_cmpfloat (vs_vertex_data_get_column (d1, 0)[i], ==, values[i]);
      g_assert_cmpfloat (vs_vertex_data_get_column (d2, 0)[i], ==, values[i]);
    }
  g_assert_cmpstr (vs_vertex_data_get_name (d1), ==, "b64");
  /* One more array than the header declares, as some writers produce: both are read. */
  {
    g_autofree char *extra = g_build_filename (dir, "extra.func.gii", NULL);
    g_autoptr(VsVertexData) d4 = NULL;
    const char *text =
      "<GIFTI Version=\"1.0\" NumberOfDataArrays=\"1\">"
      "<DataArray Intent=\"NIFTI_INTENT_NONE\" DataType=\"NIFTI_TYPE_FLOAT32\" "
      "Dimensionality=\"1\" Dim0=\"3\" Encoding=\"ASCII\"><Data>1 2 3</Data></DataArray>"
      "<DataArray Intent=\"NIFTI_INTENT_NONE\" DataType=\"NIFTI_TYPE_FLOAT32\" "
      "Dimensionality=\"1\" Dim0=\"3\" Encoding=\"ASCII\"><Data>4 5 6</Data></DataArray>"
      "</GIFTI>";
    g_assert_true (g_file_set_contents (extra, text, -1, NULL));
    d4 = vs_gifti_read_vertex_data (extra, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (vs_vertex_data_get_n_columns (d4), ==, 2);
    g_assert_cmpfloat (vs_vertex_data_get_column (d4, 1)[2], ==, 6);
    g_unlink (extra);
  }
  /* 2 vertices × 2 columns */
  g_assert_cmpuint (vs_vertex_data_get_n_columns (d3), ==, 2);
  g_assert_cmpfloat (vs_vertex_data_get_column (d3, 1)[0], ==, -8);
  g_assert_cmpfloat (vs_vertex_data_get_column (d3, 0)[1], ==, 9);
  g_unlink (p1);
  g_unlink (p2);
  g_unlink (p3);
  g_rmdir (dir);
}

static void
test_gifti_malformed (void)
{
  g_autofree char *dir = vs_test_make_tmpdir ();
  const float values[4] = { 1, 2, 3, 4 };
  g_autofree char *b64 = g_base64_encode ((const guchar *) values, sizeof values);
  g_autofree char *b64_short = g_base64_encode ((const guchar *) values, 12);
  struct {
    const char *name, *encoding, *datatype, *dims, *payload, *fragment;
  } cases[] = {
    { "short.gii", "Base64Binary", "NIFTI_TYPE_FLOAT32", "Dimensionality=\"1\" Dim0=\"4\"",
      b64_short, "holds 12 bytes but its dims and type need 16" },
    { "enc.gii", "Morse", "NIFTI_TYPE_FLOAT32", "Dimensionality=\"1\" Dim0=\"4\"", b64,
      "Encoding “Morse”" },
    { "type.gii", "Base64Binary", "NIFTI_TYPE_COMPLEX64", "Dimensionality=\"1\" Dim0=\"4\"", b64,
      "DataType “NIFTI_TYPE_COMPLEX64”" },
    { "dims.gii", "ASCII", "NIFTI_TYPE_FLOAT32", "Dimensionality=\"9\" Dim0=\"4\"", "1 2 3 4",
      "Dimensionality “9”" },
    { "nodim.gii", "ASCII", "NIFTI_TYPE_FLOAT32", "Dimensionality=\"1\"", "1 2 3 4", "Dim0" },
    { "ascii.gii", "ASCII", "NIFTI_TYPE_FLOAT32", "Dimensionality=\"1\" Dim0=\"5\"", "1 2 3 4",
      "has 4 numbers, its dims say 5" },
    { "gz.gii", "GZipBase64Binary", "NIFTI_TYPE_FLOAT32", "Dimensionality=\"1\" Dim0=\"4\"", b64,
      "compressed data" },
    { "char.gii", "Base64Binary", "NIFTI_TYPE_FLOAT32", "Dimensionality=\"1\" Dim0=\"4\"",
      "AAAA$AAA", "not base64" },
  };
  g_autofree char *not_gifti = g_build_filename (dir, "notes.gii", NULL);
  g_autofree char *broken_xml = g_build_filename (dir, "cut.gii", NULL);
  g_autoptr(GError) error = NULL;

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autofree char *path = write_gifti (dir, cases[c].name, cases[c].encoding,
                                           cases[c].datatype, cases[c].dims, cases[c].payload);
      g_autoptr(VsVertexData) data = vs_gifti_read_vertex_data (path, &error);
      g_assert_null (data);
      g_assert_nonnull (error);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, cases[c].name));
      g_assert_nonnull (strstr (error->message, cases[c].fragment));
      g_clear_error (&error);
      g_unlink (path);
    }
  g_assert_true (g_file_set_contents (not_gifti, "hello", -1, NULL));
  g_assert_null (vs_gifti_read_vertex_data (not_gifti, &error));
  g_assert_nonnull (strstr (error->message, "not a GIFTI file"));
  g_clear_error (&error);
  g_assert_true (g_file_set_contents (broken_xml, "<GIFTI><DataArray Dim0=\"1\"", -1, NULL));
  g_assert_null (vs_gifti_read_surface (broken_xml, &error));
  g_assert_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_CORRUPT);
  g_clear_error (&error);
  g_unlink (not_gifti);
  g_unlink (broken_xml);
  g_rmdir (dir);
}

/* FreeSurfer files written here byte by byte (big-endian). */

static void
put32 (GByteArray *out, gint32 v)
{
  guint32 be = GUINT32_TO_BE ((guint32) v);
  g_byte_array_append (out, (const guint8 *) &be, 4);
}

static void
putf (GByteArray *out, float f)
{
  guint32 v;
  memcpy (&v, &f, 4);
  put32 (out, (gint32) v);
}

static void
putstr (GByteArray *out, const char *s)
{
  put32 (out, (gint32) strlen (s) + 1);
  g_byte_array_append (out, (const guint8 *) s, strlen (s) + 1);
}

static char *
save (const char *dir, const char *name, GByteArray *bytes, gsize truncate_to)
{
  char *path = g_build_filename (dir, name, NULL);
  g_assert_true (g_file_set_contents (path, (const char *) bytes->data,
                                      truncate_to ? truncate_to : bytes->len, NULL));
  return path;
}

static void
test_freesurfer (void)
{
  g_autofree char *dir = vs_test_make_tmpdir ();
  /* A tetrahedron with outward triangles. */
  const float pos[4][3] = { { 0, 0, 0 }, { 10, 0, 0 }, { 0, 10, 0 }, { 0, 0, 10 } };
  const gint32 tris[4][3] = { { 0, 2, 1 }, { 0, 1, 3 }, { 0, 3, 2 }, { 1, 2, 3 } };
  g_autoptr(GByteArray) surf = g_byte_array_new ();
  g_autoptr(GByteArray) curv = g_byte_array_new ();
  g_autoptr(GByteArray) annot = g_byte_array_new ();
  g_autofree char *surf_path = NULL, *curv_path = NULL, *annot_path = NULL, *label_path = NULL;
  g_autofree char *cut_path = NULL;
  g_autoptr(VsSurface) surface = NULL;
  g_autoptr(VsVertexData) thickness = NULL, parcels = NULL, label = NULL;
  g_autoptr(GError) error = NULL;
  VsLabelTable *table;
  const char *names[2] = { "precentral", "insula" };
  const int colours[2][3] = { { 60, 20, 220 }, { 255, 192, 32 } };

  g_byte_array_append (surf, (const guint8 *) "\xff\xff\xfe" "created by test\n\n", 20);
  put32 (surf, 4);
  put32 (surf, 4);
  for (int v = 0; v < 4; v++)
    for (int a = 0; a < 3; a++)
      putf (surf, pos[v][a]);
  for (int t = 0; t < 4; t++)
    for (int k = 0; k < 3; k++)
      put32 (surf, tris[t][k]);
  surf_path = save (dir, "lh.white", surf, 0);
  surface = vs_freesurfer_read_surface (surf_path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (vs_surface_get_n_vertices (surface), ==, 4);
  g_assert_cmpstr (vs_surface_get_structure (surface), ==, "CortexLeft");
  g_assert_cmpstr (vs_surface_get_geometry_name (surface, 0), ==, "white");
  g_assert_cmpfloat (vs_surface_get_positions (surface, 0)[3], ==, 10);
  g_assert_true (vs_surface_is_closed_and_oriented (surface));
  g_assert_cmpfloat_with_epsilon (vs_surface_get_enclosed_volume (surface, 0), 1000.0 / 6, 1e-3);

  g_byte_array_append (curv, (const guint8 *) "\xff\xff\xff", 3);
  put32 (curv, 4);
  put32 (curv, 4);
  put32 (curv, 1);
  for (int v = 0; v < 4; v++)
    putf (curv, 1.5f + v);
  curv_path = save (dir, "lh.thickness", curv, 0);
  thickness = vs_freesurfer_read_morphometry (curv_path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (vs_vertex_data_get_name (thickness), ==, "thickness");
  g_assert_cmpfloat (vs_vertex_data_get_column (thickness, 0)[3], ==, 4.5);

  /* .annot, colour table version 2; vertex 3 has no structure. */
  put32 (annot, 4);
  for (int v = 0; v < 4; v++)
    {
      int s = v < 2 ? 0 : 1;
      put32 (annot, v);
      put32 (annot, v == 3 ? 0 : colours[s][0] + colours[s][1] * 256 + colours[s][2] * 65536);
    }
  put32 (annot, 1);
  put32 (annot, -2);
  put32 (annot, 2);
  putstr (annot, "aparc.annot.ctab");
  put32 (annot, 2);
  for (int s = 0; s < 2; s++)
    {
      put32 (annot, s);
      putstr (annot, names[s]);
      for (int c = 0; c < 3; c++)
        put32 (annot, colours[s][c]);
      put32 (annot, 0);
    }
  annot_path = save (dir, "lh.aparc.annot", annot, 0);
  parcels = vs_freesurfer_read_annot (annot_path, &error);
  g_assert_no_error (error);
  table = vs_vertex_data_get_label_table (parcels);
  g_assert_cmpstr (vs_label_table_lookup (table, 1)->name, ==, "precentral");
  g_assert_cmpstr (vs_label_table_lookup (table, 2)->name, ==, "insula");
  g_assert_cmpuint (vs_label_table_lookup (table, 2)->rgba[0], ==, 255);
  g_assert_cmpfloat (vs_vertex_data_get_column (parcels, 0)[0], ==, 1);
  g_assert_cmpfloat (vs_vertex_data_get_column (parcels, 0)[2], ==, 2);
  g_assert_cmpfloat (vs_vertex_data_get_column (parcels, 0)[3], ==, 0);

  label_path = g_build_filename (dir, "lh.V1.label", NULL);
  g_assert_true (g_file_set_contents (label_path, "#!ascii label\n2\n1 10.0 0.0 0.0 0.0\n"
                                      "3 0.0 0.0 10.0 0.0\n", -1, NULL));
  label = vs_freesurfer_read_label (label_path, 4, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (vs_vertex_data_get_name (label), ==, "V1");
  g_assert_cmpfloat (vs_vertex_data_get_column (label, 0)[1], ==, 1);
  g_assert_cmpfloat (vs_vertex_data_get_column (label, 0)[2], ==, 0);

  /* Malformed: truncated surface, wrong magic, lying counts, a label past the surface. */
  cut_path = save (dir, "lh.cut", surf, surf->len - 10);
  g_assert_null (vs_freesurfer_read_surface (cut_path, &error));
  g_assert_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_TRUNCATED);
  g_assert_nonnull (strstr (error->message, "lh.cut: the file ends"));
  g_clear_error (&error);
  g_assert_null (vs_freesurfer_read_surface (curv_path, &error));
  g_assert_nonnull (strstr (error->message, "not a FreeSurfer triangle surface"));
  g_clear_error (&error);
  g_assert_null (vs_freesurfer_read_morphometry (surf_path, &error));
  g_assert_nonnull (strstr (error->message, "not a FreeSurfer curv file"));
  g_clear_error (&error);
  curv->data[6] = 0x7f;  /* vertex count 2^31-ish */
  g_unlink (curv_path);
  g_free (curv_path);
  curv_path = save (dir, "lh.lying", curv, 0);
  g_assert_null (vs_freesurfer_read_morphometry (curv_path, &error));
  g_assert_nonnull (strstr (error->message, "cannot be right"));
  g_clear_error (&error);
  g_assert_null (vs_freesurfer_read_label (label_path, 2, &error));
  g_assert_nonnull (strstr (error->message, "lh.V1.label"));
  g_clear_error (&error);
  g_assert_null (vs_freesurfer_read_annot (cut_path, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  for (const char *const *p = (const char *const[]) { surf_path, curv_path, annot_path, label_path,
                                                      cut_path, NULL }; *p; p++)
    g_unlink (*p);
  g_rmdir (dir);
}

/* A sphere of radius 20 mm from its signed distance field. */
static void
check_sphere (const double affine[16], double voxel)
{
  const gint64 dims[4] = { 64, 64, 64, 1 };
  g_autoptr(VsVolume) volume = vs_volume_new (VS_DATATYPE_FLOAT32, dims, NULL);
  float *f = vs_volume_get_data_mutable (volume);
  g_autoptr(VsSurface) sphere = NULL;
  g_autoptr(GError) error = NULL;
  const double radius = 20.0;
  double size[3] = { voxel, voxel, voxel }, expected, volume_mm3;

  g_assert_true (vs_volume_set_affine (volume, affine, NULL));
  vs_volume_set_voxel_size (volume, size);
  for (gint64 k = 0; k < 64; k++)
    for (gint64 j = 0; j < 64; j++)
      for (gint64 i = 0; i < 64; i++)
        {
          double r = voxel * sqrt ((i - 31.5) * (i - 31.5) + (j - 31.2) * (j - 31.2) +
                                   (k - 32.3) * (k - 32.3));
          f[i + 64 * (j + 64 * k)] = (float) (radius - r);
        }
  sphere = vs_isosurface_extract (volume, 0, 0.0, 0.0, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (vs_surface_get_euler_characteristic (sphere), ==, 2);
  g_assert_true (vs_surface_is_closed_and_oriented (sphere));
  expected = 4.0 / 3.0 * G_PI * radius * radius * radius;
  volume_mm3 = vs_surface_get_enclosed_volume (sphere, 0);
  g_test_message ("sphere: %u vertices, volume %.1f of %.1f mm³", vs_surface_get_n_vertices (sphere),
                  volume_mm3, expected);
  g_assert_cmpfloat (fabs (volume_mm3 - expected) / expected, <, 0.01);

  /* The plane through the centre cuts it in a circle of the same radius. */
  {
    double centre[3], ijk[3] = { 31.5, 31.2, 32.3 }, normal[3] = { 0, 0, 1 };
    g_autoptr(GArray) segments = NULL;
    vs_volume_voxel_to_world (volume, ijk, centre);
    segments = vs_surface_intersect_plane (sphere, 0, normal, centre[2]);
    gboolean sectors[12] = { FALSE };
    g_assert_cmpuint (segments->len / 6, >, 50);
    for (guint k = 0; k < segments->len / 3; k++)
      {
        const double *q = &g_array_index (segments, double, 3 * k);
        double r = hypot (q[0] - centre[0], q[1] - centre[1]);
        double angle = atan2 (q[1] - centre[1], q[0] - centre[0]) + G_PI;
        sectors[MIN ((int) (angle / (G_PI / 6)), 11)] = TRUE;
        g_assert_cmpfloat_with_epsilon (q[2], centre[2], 1e-6);
        g_assert_cmpfloat_with_epsilon (r, radius, 0.05 * radius);
      }
    for (int sector = 0; sector < 12; sector++)
      g_assert_true (sectors[sector]);
  }
}

static void
test_isosurface_sphere (void)
{
  const double identity[16] = { 1, 0, 0, 0,  0, 1, 0, 0,  0, 0, 1, 0,  0, 0, 0, 1 };
  const double mirrored[16] = { -0.8, 0, 0, 30,  0, 0.8, 0, -10,  0, 0, 0.8, 5,  0, 0, 0, 1 };

  check_sphere (identity, 1.0);
  /* A left-right flipped affine must still give outward triangles. */
  check_sphere (mirrored, 0.8);
}

static void
test_isosurface_empty (void)
{
  const gint64 dims[4] = { 8, 8, 8, 1 };
  g_autoptr(VsVolume) volume = vs_volume_new (VS_DATATYPE_UINT8, dims, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_null (vs_isosurface_extract (volume, 0, 10, 0, NULL, NULL, &error));
  g_assert_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "threshold 10"));
}

/* A volume whose value is 2x + 1 (x in mm) sampled on two parallel sheets of vertices. */
static void
test_projection (void)
{
  const gint64 dims[4] = { 40, 10, 10, 1 };
  const double affine[16] = { 1, 0, 0, -20,  0, 1, 0, -5,  0, 0, 1, -5,  0, 0, 0, 1 };
  g_autoptr(VsVolume) volume = vs_volume_new (VS_DATATYPE_FLOAT32, dims, NULL);
  float *f = vs_volume_get_data_mutable (volume);
  const float white[4][3] = { { -3.3f, 0, 0 }, { 4.6f, 1, 0 }, { 0.25f, 0, 1 }, { 50, 0, 0 } };
  const float pial[4][3] = { { -1.3f, 0, 0 }, { 8.6f, 1, 0 }, { 2.25f, 0, 1 }, { 52, 0, 0 } };
  const guint32 tris[6] = { 0, 1, 2, 0, 2, 3 };
  g_autoptr(VsSurface) surface = vs_surface_new (4, tris, 2, NULL);
  g_autoptr(VsVertexData) tri = NULL, near = NULL, mean = NULL, max = NULL;
  g_autoptr(GError) error = NULL;
  VsProjectionOptions options;

  for (gint64 k = 0; k < 10; k++)
    for (gint64 j = 0; j < 10; j++)
      for (gint64 i = 0; i < 40; i++)
        f[i + 40 * (j + 10 * k)] = (float) (2 * (i - 20) + 1);
  g_assert_true (vs_volume_set_affine (volume, affine, NULL));
  g_assert_true (vs_surface_add_geometry (surface, "white", &white[0][0], NULL));
  g_assert_true (vs_surface_add_geometry (surface, "pial", &pial[0][0], NULL));

  vs_projection_options_init (&options);
  tri = vs_surface_project_volume (surface, volume, &options, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (vs_vertex_data_get_column (tri, 0)[0], 2 * -3.3 + 1, 1e-5);
  g_assert_cmpfloat_with_epsilon (vs_vertex_data_get_column (tri, 0)[1], 2 * 4.6 + 1, 1e-5);
  g_assert_true (isnan (vs_vertex_data_get_column (tri, 0)[3]));  /* outside */

  options.sampling = VS_PROJECTION_NEAREST;
  near = vs_surface_project_volume (surface, volume, &options, NULL, NULL, &error);
  g_assert_cmpfloat (vs_vertex_data_get_column (near, 0)[0], ==, 2 * -3 + 1);

  options.sampling = VS_PROJECTION_TRILINEAR;
  options.outer_geometry = 1;
  options.n_depths = 5;
  mean = vs_surface_project_volume (surface, volume, &options, NULL, NULL, &error);
  /* The mean of a linear field along the segment is its value at the midpoint. */
  g_assert_cmpfloat_with_epsilon (vs_vertex_data_get_column (mean, 0)[0], 2 * -2.3 + 1, 1e-5);
  g_assert_cmpfloat_with_epsilon (vs_vertex_data_get_column (mean, 0)[1], 2 * 6.6 + 1, 1e-5);
  options.reduce = VS_PROJECTION_DEPTH_MAX;
  max = vs_surface_project_volume (surface, volume, &options, NULL, NULL, &error);
  g_assert_cmpfloat_with_epsilon (vs_vertex_data_get_column (max, 0)[1], 2 * 8.6 + 1, 1e-5);

  options.outer_geometry = 7;
  g_assert_null (vs_surface_project_volume (surface, volume, &options, NULL, NULL, &error));
  g_assert_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_INVALID_ARGUMENT);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gifti/surfaces", test_gifti_surfaces);
  g_test_add_func ("/gifti/vertex-data", test_gifti_data);
  g_test_add_func ("/gifti/labels", test_gifti_labels);
  g_test_add_func ("/gifti/encodings-and-tolerance", test_gifti_encodings_and_tolerance);
  g_test_add_func ("/gifti/malformed", test_gifti_malformed);
  g_test_add_func ("/freesurfer/readers-and-malformed", test_freesurfer);
  g_test_add_func ("/isosurface/sphere", test_isosurface_sphere);
  g_test_add_func ("/isosurface/empty", test_isosurface_empty);
  g_test_add_func ("/projection/linear-field", test_projection);

  return g_test_run ();
}
