/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <math.h>
#include <glib/gstdio.h>

#include "vs-analysis-error.h"
#include "vs-nifti-reader.h"
#include "vs-test-fixtures.h"

typedef struct {
  int        code;
  int        bitpix;
  VsDatatype type;
} DatatypeCase;

static const DatatypeCase datatype_cases[] = {
  { 2, 8, VS_DATATYPE_UINT8 },      { 256, 8, VS_DATATYPE_INT8 },
  { 512, 16, VS_DATATYPE_UINT16 },  { 4, 16, VS_DATATYPE_INT16 },
  { 768, 32, VS_DATATYPE_UINT32 },  { 8, 32, VS_DATATYPE_INT32 },
  { 1024, 64, VS_DATATYPE_INT64 },  { 1280, 64, VS_DATATYPE_UINT64 },
  { 16, 32, VS_DATATYPE_FLOAT32 },  { 64, 64, VS_DATATYPE_FLOAT64 },
};

/* A value every type holds exactly and that differs per voxel. */
static double
pattern_value (VsDatatype type, gsize i)
{
  gboolean is_signed = type == VS_DATATYPE_INT8 || type == VS_DATATYPE_INT16 ||
                       type == VS_DATATYPE_INT32 || type == VS_DATATYPE_INT64 ||
                       type == VS_DATATYPE_FLOAT32 || type == VS_DATATYPE_FLOAT64;
  double v = (double) ((i * 37) % 120);
  if (type == VS_DATATYPE_FLOAT32 || type == VS_DATATYPE_FLOAT64)
    v += 0.25;
  return is_signed ? v - 60 : v;
}

static gpointer
make_pattern (VsDatatype type, gsize n)
{
  gsize size = vs_datatype_get_size (type);
  guint8 *data = g_malloc0 (n * size);

  for (gsize i = 0; i < n; i++)
    {
      double v = pattern_value (type, i);
      switch (type)
        {
        case VS_DATATYPE_UINT8:   ((guint8 *) data)[i] = (guint8) v; break;
        case VS_DATATYPE_INT8:    ((gint8 *) data)[i] = (gint8) v; break;
        case VS_DATATYPE_UINT16:  ((guint16 *) data)[i] = (guint16) v; break;
        case VS_DATATYPE_INT16:   ((gint16 *) data)[i] = (gint16) v; break;
        case VS_DATATYPE_UINT32:  ((guint32 *) data)[i] = (guint32) v; break;
        case VS_DATATYPE_INT32:   ((gint32 *) data)[i] = (gint32) v; break;
        case VS_DATATYPE_UINT64:  ((guint64 *) data)[i] = (guint64) v; break;
        case VS_DATATYPE_INT64:   ((gint64 *) data)[i] = (gint64) v; break;
        case VS_DATATYPE_FLOAT32: ((float *) data)[i] = (float) v; break;
        case VS_DATATYPE_FLOAT64: ((double *) data)[i] = v; break;
        default: g_assert_not_reached ();
        }
    }
  return data;
}

static void
check_datatypes (int version, gboolean big_endian, gboolean gzip)
{
  g_autofree char *dir = vs_test_make_tmpdir ();

  for (guint c = 0; c < G_N_ELEMENTS (datatype_cases); c++)
    {
      const DatatypeCase *dc = &datatype_cases[c];
      gsize n = 5 * 4 * 3 * 2;
      g_autofree gpointer data = make_pattern (dc->type, n);
      g_autoptr(VsVolume) volume = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *path = NULL;
      g_autofree char *name = NULL;
      VsTestNifti spec;
      gint64 dims[4];

      vs_test_nifti_init (&spec, dc->code, dc->bitpix, 5, 4, 3, 2);
      spec.version = version;
      spec.big_endian = big_endian;
      spec.gzip = gzip;
      spec.data = data;
      spec.data_bytes = n * vs_datatype_get_size (dc->type);
      name = g_strdup_printf ("%s.nii%s", vs_datatype_get_name (dc->type), gzip ? ".gz" : "");
      path = vs_test_nifti_write (&spec, dir, name);

      volume = vs_nifti_read (path, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (vs_volume_get_datatype (volume), ==, dc->type);
      vs_volume_get_dims (volume, dims);
      g_assert_cmpint (dims[0], ==, 5);
      g_assert_cmpint (dims[1], ==, 4);
      g_assert_cmpint (dims[2], ==, 3);
      g_assert_cmpint (dims[3], ==, 2);
      for (gsize i = 0; i < n; i++)
        g_assert_cmpfloat (vs_datatype_read (dc->type, vs_volume_get_data (volume), i), ==,
                           pattern_value (dc->type, i));
      g_assert_cmpfloat (vs_volume_get_value (volume, 1, 2, 1, 1), ==,
                         pattern_value (dc->type, 1 + 5 * (2 + 4 * (1 + 3 * 1))));
      g_unlink (path);
    }
  g_rmdir (dir);
}

static void test_nifti1_le (void) { check_datatypes (1, FALSE, FALSE); }
static void test_nifti1_be (void) { check_datatypes (1, TRUE, FALSE); }
static void test_nifti1_le_gz (void) { check_datatypes (1, FALSE, TRUE); }
static void test_nifti1_be_gz (void) { check_datatypes (1, TRUE, TRUE); }
static void test_nifti2_le (void) { check_datatypes (2, FALSE, FALSE); }
static void test_nifti2_be (void) { check_datatypes (2, TRUE, TRUE); }

static void
test_rgb24 (void)
{
  g_autofree char *dir = vs_test_make_tmpdir ();
  guint8 data[2 * 2 * 1 * 3] = { 255, 0, 0,  0, 255, 0,  0, 0, 255,  10, 20, 30 };
  g_autoptr(VsVolume) volume = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  VsTestNifti spec;

  vs_test_nifti_init (&spec, 128, 24, 2, 2, 1, 1);
  spec.big_endian = TRUE;
  spec.data = data;
  spec.data_bytes = sizeof data;
  path = vs_test_nifti_write (&spec, dir, "rgb.nii");
  volume = vs_nifti_read (path, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (vs_volume_get_datatype (volume), ==, VS_DATATYPE_RGB24);
  g_assert_cmpint (vs_volume_get_intent (volume), ==, VS_VOLUME_INTENT_RGB);
  g_assert_cmpmem (vs_volume_get_data (volume), sizeof data, data, sizeof data);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_scaling (void)
{
  g_autofree char *dir = vs_test_make_tmpdir ();
  gint16 data[8] = { 0, 1, 2, 3, 4, 5, 6, -7 };
  g_autoptr(VsVolume) volume = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  VsTestNifti spec;

  vs_test_nifti_init (&spec, 4, 16, 2, 2, 2, 1);
  spec.slope = 0.5;
  spec.intercept = 10;
  spec.data = data;
  spec.data_bytes = sizeof data;
  path = vs_test_nifti_write (&spec, dir, "scaled.nii");
  volume = vs_nifti_read (path, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (vs_volume_get_value (volume, 1, 1, 1, 0), ==, 10 - 3.5);
  g_assert_cmpfloat (vs_volume_get_value (volume, 1, 0, 0, 0), ==, 10.5);
  /* Native data is untouched. */
  g_assert_cmpint (((const gint16 *) vs_volume_get_data (volume))[7], ==, -7);
  g_unlink (path);
  g_rmdir (dir);
}

static VsVolume *
read_affine_case (const char *dir, int qform_code, int sform_code)
{
  guint8 data[8] = { 0 };
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  VsVolume *volume;
  VsTestNifti spec;

  vs_test_nifti_init (&spec, 2, 8, 2, 2, 2, 1);
  spec.pixdim[1] = 2.0;
  spec.pixdim[2] = 3.0;
  spec.pixdim[3] = 4.0;
  spec.qform_code = qform_code;
  spec.sform_code = sform_code;
  /* qform: 180° about z (b=c=0, d=1): x and y flip. */
  spec.quatern[2] = 1.0;
  spec.qoffset[0] = 10;
  spec.qoffset[1] = 20;
  spec.qoffset[2] = 30;
  /* sform: a permutation with its own offsets. */
  spec.srow[0] = 0;  spec.srow[1] = 0;  spec.srow[2] = -4; spec.srow[3] = 5;
  spec.srow[4] = 2;  spec.srow[5] = 0;  spec.srow[6] = 0;  spec.srow[7] = 6;
  spec.srow[8] = 0;  spec.srow[9] = 3;  spec.srow[10] = 0; spec.srow[11] = 7;
  spec.data = data;
  spec.data_bytes = sizeof data;
  path = vs_test_nifti_write (&spec, dir, "affine.nii");
  volume = vs_nifti_read (path, NULL, NULL, &error);
  g_assert_no_error (error);
  g_unlink (path);
  return volume;
}

static void
assert_affine (VsVolume *volume, const double expected[16])
{
  double affine[16];

  vs_volume_get_affine (volume, affine);
  for (int i = 0; i < 16; i++)
    g_assert_cmpfloat_with_epsilon (affine[i], expected[i], 1e-5);
}

static void
test_affine_policy (void)
{
  g_autofree char *dir = vs_test_make_tmpdir ();
  const double sform[16] = { 0, 0, -4, 5,  2, 0, 0, 6,  0, 3, 0, 7,  0, 0, 0, 1 };
  const double qform[16] = { -2, 0, 0, 10,  0, -3, 0, 20,  0, 0, 4, 30,  0, 0, 0, 1 };
  const double pixdim[16] = { 2, 0, 0, 0,  0, 3, 0, 0,  0, 0, 4, 0,  0, 0, 0, 1 };
  g_autoptr(VsVolume) both = read_affine_case (dir, 1, 2);
  g_autoptr(VsVolume) qonly = read_affine_case (dir, 1, 0);
  g_autoptr(VsVolume) neither = read_affine_case (dir, 0, 0);
  char code[4];

  assert_affine (both, sform);
  assert_affine (qonly, qform);
  assert_affine (neither, pixdim);
  vs_volume_get_orientation (both, code);
  g_assert_cmpstr (code, ==, "ASL");
  vs_volume_get_orientation (qonly, code);
  g_assert_cmpstr (code, ==, "LPS");
  g_rmdir (dir);
}

typedef struct {
  const char *file;
  gint64      dims[4];
  const char *datatype;
  const char *orientation;
  double      affine[16];
  double      sum;          /* of scaled values, by nibabel's get_fdata */
  gint64      at[4];
  double      value_at;
} NibabelCase;

static const NibabelCase nibabel_cases[] = {
  { "anatomical.nii", { 33, 41, 25, 1 }, "int16", "LAS",
    { -2, 0, 0, 32,  0, 2, 0, -40,  0, 0, 2, -16,  0, 0, 0, 1 }, 284166082.0, { 1, 2, 3, 0 }, 9798 },
  { "example4d.nii.gz", { 128, 96, 24, 2 }, "int16", "LAS",
    { -2, 0, 0, 117.8551,  0, 1.973711, -0.3555282, -35.72294,
      0, 0.3232076, 2.171082, -7.248798,  0, 0, 0, 1 }, 101985356.0, { 1, 2, 3, 0 }, 0 },
  { "example_nifti2.nii.gz", { 32, 20, 12, 2 }, "int16", "LAS",
    { -2, 0, 0, 117.8551,  0, 1.973711, -0.3555282, -35.72294,
      0, 0.3232076, 2.171082, -7.248798,  0, 0, 0, 1 }, 6926802.0, { 1, 2, 3, 0 }, 367 },
  { "standard.nii.gz", { 4, 5, 7, 1 }, "uint8", "RAS",
    { 1, 0, 0, 0,  0, 3, 0, 0,  0, 0, 2, 0,  0, 0, 0, 1 }, 7650.0, { 1, 2, 3, 0 }, 255 },
  { "functional.nii", { 17, 21, 3, 20 }, "int16", "LAS",
    { -4, 0, 0, 32,  0, 4, 0, -40,  0, 0, 8, 0,  0, 0, 0, 1 }, 77913290.362924,
    { 1, 2, 1, 0 }, 3524.096440434456 },
  { "reoriented_anat_moved.nii", { 21, 26, 22, 1 }, "float32", "RAS",
    { 4, 0, 0, -35.29789734,  0, 4, 0, -47.97758484,  0, 0, 4, -27.5994091,  0, 0, 0, 1 },
    32739769.449158, { 1, 2, 1, 0 }, 0 },
};

static void
test_nibabel_files (void)
{
  for (guint c = 0; c < G_N_ELEMENTS (nibabel_cases); c++)
    {
      const NibabelCase *nc = &nibabel_cases[c];
      g_autofree char *path = g_build_filename (vs_test_nibabel_data_dir (), nc->file, NULL);
      g_autoptr(VsVolume) volume = NULL;
      g_autoptr(GError) error = NULL;
      gint64 dims[4];
      double affine[16], sum = 0;
      char code[4];
      gsize n;

      g_test_message ("%s", nc->file);
      volume = vs_nifti_read (path, NULL, NULL, &error);
      g_assert_no_error (error);
      vs_volume_get_dims (volume, dims);
      for (int a = 0; a < 4; a++)
        g_assert_cmpint (dims[a], ==, nc->dims[a]);
      g_assert_cmpstr (vs_datatype_get_name (vs_volume_get_datatype (volume)), ==, nc->datatype);
      vs_volume_get_orientation (volume, code);
      g_assert_cmpstr (code, ==, nc->orientation);
      vs_volume_get_affine (volume, affine);
      for (int i = 0; i < 16; i++)
        g_assert_cmpfloat_with_epsilon (affine[i], nc->affine[i], 1e-4);
      n = (gsize) (dims[0] * dims[1] * dims[2] * dims[3]);
      for (gsize i = 0; i < n; i++)
        {
          double slope, intercept;
          vs_volume_get_scaling (volume, &slope, &intercept);
          sum += vs_datatype_read (vs_volume_get_datatype (volume), vs_volume_get_data (volume), i)
                 * slope + intercept;
        }
      g_assert_cmpfloat_with_epsilon (sum, nc->sum, fabs (nc->sum) * 1e-6);
      g_assert_cmpfloat_with_epsilon (vs_volume_get_value (volume, nc->at[0], nc->at[1], nc->at[2],
                                                           nc->at[3]), nc->value_at, 1e-3);
    }
}

static void
test_colin27 (void)
{
  g_autofree char *path = g_build_filename (vs_test_mricron_dir (), "ch2.nii.gz", NULL);
  g_autoptr(VsVolume) volume = NULL;
  g_autoptr(GError) error = NULL;
  double xyz[3], ijk[3] = { 90, 125, 71 };
  gint64 dims[4];
  char code[4];

  volume = vs_nifti_read (path, NULL, NULL, &error);
  g_assert_no_error (error);
  vs_volume_get_dims (volume, dims);
  g_assert_cmpint (dims[0], ==, 181);
  g_assert_cmpint (dims[1], ==, 217);
  g_assert_cmpint (dims[2], ==, 181);
  g_assert_cmpint (vs_volume_get_datatype (volume), ==, VS_DATATYPE_UINT8);
  vs_volume_get_orientation (volume, code);
  g_assert_cmpstr (code, ==, "RAS");
  /* Voxel (90,125,71) is the MNI origin. */
  vs_volume_voxel_to_world (volume, ijk, xyz);
  g_assert_cmpfloat_with_epsilon (xyz[0], 0, 1e-6);
  g_assert_cmpfloat_with_epsilon (xyz[1], 0, 1e-6);
  g_assert_cmpfloat_with_epsilon (xyz[2], 0, 1e-6);
}

/* Malformed files: each must give the stated error, never a volume. */

static void
assert_read_fails (const char *path, GQuark domain, int code, const char *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VsVolume) volume = vs_nifti_read (path, NULL, NULL, &error);

  g_assert_null (volume);
  g_assert_error (error, domain, code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, fragment));
}

static void
test_malformed_not_nifti (void)
{
  g_autofree char *dir = vs_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "notes.nii", NULL);
  g_autofree char *small = g_build_filename (dir, "small.nii", NULL);
  g_autofree char *empty = g_build_filename (dir, "empty.nii", NULL);
  g_autofree char *junk = g_malloc0 (400);

  memset (junk, 'x', 400);
  g_assert_true (g_file_set_contents (path, junk, 400, NULL));
  g_assert_true (g_file_set_contents (small, "hello", 5, NULL));
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  assert_read_fails (path, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_NOT_SUPPORTED, "notes.nii: not a NIfTI");
  assert_read_fails (small, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_NOT_SUPPORTED, "only 5 bytes");
  assert_read_fails (empty, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_NOT_SUPPORTED, "only 0 bytes");
  assert_read_fails (dir, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY, "folder");
  g_unlink (path);
  g_unlink (small);
  g_unlink (empty);
  assert_read_fails (path, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "notes.nii: no such file");
  g_rmdir (dir);
}

static void
test_malformed_truncated (void)
{
  g_autofree char *dir = vs_test_make_tmpdir ();
  g_autofree gint16 *data = g_new0 (gint16, 10 * 10 * 10);

  for (int gz = 0; gz < 2; gz++)
    {
      g_autofree char *path = NULL;
      VsTestNifti spec;

      vs_test_nifti_init (&spec, 4, 16, 10, 10, 10, 1);
      spec.data = data;
      spec.data_bytes = 1000;  /* the header promises 2000 */
      spec.gzip = gz;
      path = vs_test_nifti_write (&spec, dir, gz ? "cut.nii.gz" : "cut.nii");
      assert_read_fails (path, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_TRUNCATED,
                         "header says 10×10×10 int16 but the data ends after 1.0");
      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
test_malformed_dims (void)
{
  g_autofree char *dir = vs_test_make_tmpdir ();
  struct {
    gint64 dim0, nx;
    int version;
    int code;
    const char *fragment;
  } cases[] = {
    { 3, 0, 1, VS_ANALYSIS_ERROR_CORRUPT, "dimension 1 is 0" },
    { 3, -5, 1, VS_ANALYSIS_ERROR_CORRUPT, "dimension 1 is -5" },
    { 9, 4, 1, VS_ANALYSIS_ERROR_CORRUPT, "gives 9 dimensions" },
    { 0, 4, 1, VS_ANALYSIS_ERROR_CORRUPT, "gives 0 dimensions" },
    { 3, G_GINT64_CONSTANT (1) << 62, 2, VS_ANALYSIS_ERROR_TOO_LARGE, "overflow" },
    { 3, G_GINT64_CONSTANT (1) << 20, 2, VS_ANALYSIS_ERROR_TOO_LARGE, "of memory is available" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autofree char *path = NULL;
      VsTestNifti spec;

      vs_test_nifti_init (&spec, 4, 16, 4, 4, 4, 1);
      spec.version = cases[c].version;
      spec.dim[0] = cases[c].dim0;
      spec.dim[1] = cases[c].nx;
      if (cases[c].nx > 1000)
        spec.dim[2] = spec.dim[3] = 1 << 12;
      path = vs_test_nifti_write (&spec, dir, "dims.nii");
      assert_read_fails (path, VS_ANALYSIS_ERROR, cases[c].code, cases[c].fragment);
      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
test_malformed_datatype (void)
{
  g_autofree char *dir = vs_test_make_tmpdir ();
  g_autofree char *path = NULL;
  VsTestNifti spec;

  vs_test_nifti_init (&spec, 1536, 128, 2, 2, 2, 1);  /* float128: not supported */
  path = vs_test_nifti_write (&spec, dir, "f128.nii");
  assert_read_fails (path, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_NOT_SUPPORTED,
                     "datatype code 1536 is not supported");
  g_unlink (path);
  g_clear_pointer (&path, g_free);

  vs_test_nifti_init (&spec, 999, 8, 2, 2, 2, 1);
  path = vs_test_nifti_write (&spec, dir, "weird.nii");
  assert_read_fails (path, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_NOT_SUPPORTED, "code 999");
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_malformed_memory_limit (void)
{
  g_autofree char *dir = vs_test_make_tmpdir ();
  g_autofree char *path = NULL;
  VsTestNifti spec;

  vs_test_nifti_init (&spec, 16, 32, 100, 100, 100, 1);
  path = vs_test_nifti_write (&spec, dir, "big.nii");
  g_setenv ("VS_MEMORY_LIMIT", "1000000", TRUE);
  assert_read_fails (path, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_TOO_LARGE,
                     "big.nii: 100×100×100×1 float32 needs 4.0");
  g_unsetenv ("VS_MEMORY_LIMIT");
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_malformed_gzip (void)
{
  g_autofree char *dir = vs_test_make_tmpdir ();
  g_autofree char *good = NULL;
  g_autofree char *bad = g_build_filename (dir, "damaged.nii.gz", NULL);
  g_autofree guint8 *data = g_new0 (guint8, 64 * 64 * 64);
  g_autofree char *contents = NULL;
  gsize length;
  VsTestNifti spec;

  for (gsize i = 0; i < 64 * 64 * 64; i++)
    data[i] = (guint8) g_test_rand_int_range (0, 256);
  vs_test_nifti_init (&spec, 2, 8, 64, 64, 64, 1);
  spec.data = data;
  spec.data_bytes = 64 * 64 * 64;
  spec.gzip = TRUE;
  good = vs_test_nifti_write (&spec, dir, "good.nii.gz");
  g_assert_true (g_file_get_contents (good, &contents, &length, NULL));
  /* Scribble over the middle of the deflate stream. */
  for (gsize i = length / 2; i < length / 2 + 64; i++)
    contents[i] ^= 0x5a;
  g_assert_true (g_file_set_contents (bad, contents, length, NULL));
  assert_read_fails (bad, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_CORRUPT, "gzip stream is damaged");
  g_unlink (good);
  g_unlink (bad);
  g_rmdir (dir);
}

static void
test_missing_image_file (void)
{
  /* nibabel ships nifti1.hdr without its .img. */
  g_autofree char *path = g_build_filename (vs_test_nibabel_data_dir (), "nifti1.hdr", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(VsVolume) volume = vs_nifti_read (path, NULL, NULL, &error);

  g_assert_null (volume);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
}

static void
test_cancel (void)
{
  g_autofree char *path = g_build_filename (vs_test_mricron_dir (), "ch2.nii.gz", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(VsVolume) volume = NULL;

  g_cancellable_cancel (cancellable);
  volume = vs_nifti_read (path, NULL, cancellable, &error);
  g_assert_null (volume);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* A large uncompressed file is mapped, not read: the same voxels as its gzip twin, and changes to
 * the volume do not reach the file. */
static void
test_mapped (void)
{
  g_autofree char *dir = vs_test_make_tmpdir ();
  g_autofree gint16 *data = g_new (gint16, 128 * 128 * 128);
  g_autoptr(GError) error = NULL;
  g_autoptr(VsVolume) plain = NULL, zipped = NULL, again = NULL;
  g_autofree char *path = NULL, *gz_path = NULL;
  VsTestNifti spec;

  for (gsize i = 0; i < 128 * 128 * 128; i++)
    data[i] = (gint16) (i * 31 % 30011 - 15000);
  vs_test_nifti_init (&spec, 4, 16, 128, 128, 128, 1);
  spec.data = data;
  spec.data_bytes = 128 * 128 * 128 * sizeof (gint16);
  path = vs_test_nifti_write (&spec, dir, "big.nii");
  spec.gzip = TRUE;
  gz_path = vs_test_nifti_write (&spec, dir, "big.nii.gz");
  plain = vs_nifti_read (path, NULL, NULL, &error);
  g_assert_no_error (error);
  zipped = vs_nifti_read (gz_path, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (vs_volume_get_data (plain), spec.data_bytes, vs_volume_get_data (zipped),
                   spec.data_bytes);
  ((gint16 *) vs_volume_get_data_mutable (plain))[5] = 1234;
  again = vs_nifti_read (path, NULL, NULL, &error);
  g_assert_cmpint (((const gint16 *) vs_volume_get_data (again))[5], ==, data[5]);
  g_unlink (path);
  g_unlink (gz_path);
  g_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/nifti/datatypes/nifti1-little-endian", test_nifti1_le);
  g_test_add_func ("/nifti/datatypes/nifti1-big-endian", test_nifti1_be);
  g_test_add_func ("/nifti/datatypes/nifti1-little-endian-gzip", test_nifti1_le_gz);
  g_test_add_func ("/nifti/datatypes/nifti1-big-endian-gzip", test_nifti1_be_gz);
  g_test_add_func ("/nifti/datatypes/nifti2-little-endian", test_nifti2_le);
  g_test_add_func ("/nifti/datatypes/nifti2-big-endian-gzip", test_nifti2_be);
  g_test_add_func ("/nifti/datatypes/rgb24", test_rgb24);
  g_test_add_func ("/nifti/scaling", test_scaling);
  g_test_add_func ("/nifti/affine/policy", test_affine_policy);
  g_test_add_func ("/nifti/nibabel-files", test_nibabel_files);
  g_test_add_func ("/nifti/colin27", test_colin27);
  g_test_add_func ("/nifti/cancel", test_cancel);
  g_test_add_func ("/nifti/malformed/not-nifti", test_malformed_not_nifti);
  g_test_add_func ("/nifti/malformed/truncated", test_malformed_truncated);
  g_test_add_func ("/nifti/malformed/dims", test_malformed_dims);
  g_test_add_func ("/nifti/malformed/datatype", test_malformed_datatype);
  g_test_add_func ("/nifti/malformed/memory-limit", test_malformed_memory_limit);
  g_test_add_func ("/nifti/malformed/damaged-gzip", test_malformed_gzip);
  g_test_add_func ("/nifti/malformed/missing-image-file", test_missing_image_file);
  g_test_add_func ("/nifti/mapped", test_mapped);

  return g_test_run ();
}
