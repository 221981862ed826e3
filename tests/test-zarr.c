/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "vs-nifti-writer.h"
#include "vs-test-fixtures.h"
#include "vs-volume-loader.h"
#include "vs-zarr-reader.h"
#include "vs-zarr-writer.h"

/* Zarr v2 arrays written by the zarr library itself (tests/zarr/make-test-arrays.py, Debian's
 * python3-zarr): every compressor (raw, zlib, gzip, zstd, blosc with lz4/zstd/zlib and each
 * shuffle), C and Fortran order, big-endian data, 2D/3D/4D shapes, chunks at the edges, chunks
 * never written (the fill value), nested chunk folders.  Each must read voxel for voxel as zarr
 * wrote it, 16-bit staying 16-bit; broken arrays are refused with the reason. */

static char *arrays_dir;

static void
make_arrays (void)
{
  g_autofree char *script = g_build_filename (ZARR_TEST_DIR, "make-test-arrays.py", NULL);
  const char *argv[] = { "/usr/bin/python3", script, NULL, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  arrays_dir = vs_test_make_tmpdir ();
  argv[2] = arrays_dir;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL,
                               &err, &status, &error));
  g_assert_no_error (error);
  if (status != 0)
    g_error ("make-test-arrays.py failed (is python3-zarr installed?): %s", err);
}

static void
check_case (gconstpointer data)
{
  const char *name = data;
  g_autofree char *dir = g_strdup_printf ("%s/%s.zarr", arrays_dir, name);
  g_autofree char *ref_path = g_build_filename (dir, "ref.bin", NULL);
  g_autofree char *case_path = g_build_filename (dir, "case.json", NULL);
  g_autofree char *ref = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(VsVolume) volume = NULL;
  JsonArray *shape;
  const char *dtype;
  gint64 dims[4], expected[4] = { 1, 1, 1, 1 };
  gsize ref_len = 0, bytes;
  guint n;

  g_assert_true (g_file_get_contents (ref_path, &ref, &ref_len, NULL));
  g_assert_true (json_parser_load_from_file (parser, case_path, NULL));
  shape = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                        "shape");
  dtype = json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)),
                                         "dtype");
  n = json_array_get_length (shape);
  for (guint i = 0; i < n; i++)
    expected[i] = json_array_get_int_element (shape, n - 1 - i);

  volume = vs_volume_load (dir, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  vs_volume_get_dims (volume, dims);
  for (int i = 0; i < 4; i++)
    g_assert_cmpint (dims[i], ==, expected[i]);
  bytes = vs_volume_get_frame_voxels (volume) * (gsize) dims[3] *
          vs_datatype_get_size (vs_volume_get_datatype (volume));
  g_assert_cmpuint (bytes, ==, ref_len);
  g_assert_cmpint (memcmp (vs_volume_get_data (volume), ref, ref_len), ==, 0);
  if (g_str_equal (dtype, "<u2"))
    g_assert_cmpint (vs_volume_get_datatype (volume), ==, VS_DATATYPE_UINT16);
  if (g_str_equal (name, "labels"))
    {
      double size[3];
      vs_volume_get_voxel_size (volume, size);
      g_assert_cmpfloat_with_epsilon (size[0], 0.44, 1e-9);
      g_assert_cmpfloat_with_epsilon (size[2], 0.44, 1e-9);
    }
}

/* A FISBe-style container: the group opens its volumes/raw; the .zarray itself opens too. */
static void
test_group_and_zarray (void)
{
  g_autofree char *group = g_build_filename (arrays_dir, "sample.zarr", NULL);
  g_autofree char *volumes = g_build_filename (group, "volumes", NULL);
  g_autofree char *raw = g_build_filename (volumes, "raw", NULL);
  g_autofree char *source = g_build_filename (arrays_dir, "zlib.zarr", NULL);
  g_autofree char *zarray = g_build_filename (raw, ".zarray", NULL);
  g_autoptr(VsVolume) a = NULL, b = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (volumes, 0755), ==, 0);
  g_assert_cmpint (g_rename (source, raw), ==, 0);
  a = vs_zarr_read (group, NULL, NULL, &error);
  g_assert_no_error (error);
  b = vs_zarr_read (zarray, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (vs_volume_get_n_frames (a), ==, 3);
  g_assert_cmpint (memcmp (vs_volume_get_data (a), vs_volume_get_data (b),
                           vs_volume_get_frame_voxels (a) * 3 * 2), ==, 0);
  g_assert_cmpint (g_rename (raw, source), ==, 0);
}

static void
expect_refused (const char *zarray, const char *chunk, const char *fragment)
{
  g_autofree char *dir = g_build_filename (arrays_dir, "broken.zarr", NULL);
  g_autofree char *meta = g_build_filename (dir, ".zarray", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(VsVolume) volume = NULL;

  vs_test_remove_tree (dir);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_assert_true (g_file_set_contents (meta, zarray, -1, NULL));
  if (chunk != NULL)
    {
      g_autofree char *path = g_build_filename (dir, "0.0.0", NULL);
      g_assert_true (g_file_set_contents (path, chunk, -1, NULL));
    }
  volume = vs_zarr_read (dir, NULL, NULL, &error);
  g_assert_null (volume);
  if (error == NULL || strstr (error->message, fragment) == NULL ||
      !g_str_has_prefix (error->message, "broken.zarr: "))
    g_error ("expected “%s”, got “%s”", fragment, error != NULL ? error->message : "(none)");
}

#define META(shape, chunks, dtype, compressor) \
  "{\"zarr_format\": 2, \"shape\": " shape ", \"chunks\": " chunks ", \"dtype\": \"" dtype \
  "\", \"compressor\": " compressor ", \"fill_value\": 0, \"order\": \"C\", \"filters\": null}"

static void
test_refused (void)
{
  expect_refused ("not json", NULL, "not valid JSON");
  expect_refused ("{\"zarr_format\": 3}", NULL, "not a Zarr version 2 array");
  expect_refused (META ("[4]", "[4]", "<u2", "null"), NULL, "the shape must be 2 to 4 sizes");
  expect_refused (META ("[4, 4, 0]", "[4, 4, 4]", "<u2", "null"), NULL, "the shape must be");
  expect_refused (META ("[4, 4, 4]", "[4, 4]", "<u2", "null"), NULL, "one size of at least 1");
  expect_refused (META ("[4, 4, 4]", "[4, 4, 4]", "<c8", "null"), NULL,
                  "data type “<c8” is not supported");
  expect_refused (META ("[4, 4, 4]", "[4, 4, 4]", "<u2", "{\"id\": \"lzma\"}"), NULL,
                  "compressor “lzma” is not supported");
  expect_refused (META ("[100000, 100000, 100000]", "[1, 1, 1]", "<u2", "null"), NULL,
                  "of memory is available");
  expect_refused (META ("[4, 4, 4]", "[4, 4, 4]", "<u2", "null"), "short", "chunk 0.0.0 does not "
                  "hold 128 bytes of uncompressed data");
  expect_refused (META ("[4, 4, 4]", "[4, 4, 4]", "<u2", "{\"id\": \"zlib\"}"), "not zlib",
                  "chunk 0.0.0 does not hold 128 bytes of zlib data");
  expect_refused (META ("[4, 4, 4]", "[4, 4, 4]", "<u2", "{\"id\": \"blosc\"}"),
                  "0123456789abcdefgh", "of blosc data");
  expect_refused (META ("[4, 4, 4]", "[4, 4, 4]", "<u2", "{\"id\": \"zstd\"}"), "not zstd",
                  "of zstd data");
}

/* Writing: a label volume whose chunks cross its edges and a two-channel 16-bit volume come
 * back voxel for voxel, labels as labels, with their voxel size; the zarr library reads the same
 * values; saving again over an array replaces it. */
static void
test_write (void)
{
  g_autofree char *dir = vs_test_make_tmpdir ();
  g_autofree char *labels_path = g_build_filename (dir, "labels.zarr", NULL);
  g_autofree char *channels_path = g_build_filename (dir, "raw.zarr", NULL);
  const gint64 ldims[4] = { 70, 65, 3, 1 }, cdims[4] = { 30, 20, 10, 2 };
  const double size[3] = { 0.44, 0.5, 0.6 };
  g_autoptr(VsVolume) labels = vs_volume_new (VS_DATATYPE_UINT32, ldims, NULL);
  g_autoptr(VsVolume) channels = vs_volume_new (VS_DATATYPE_UINT16, cdims, NULL);
  g_autoptr(GError) error = NULL;
  guint32 *l = vs_volume_get_data_mutable (labels);
  guint16 *c = vs_volume_get_data_mutable (channels);
  gsize lbytes = 70 * 65 * 3 * 4, cbytes = 30 * 20 * 10 * 2 * 2;

  for (gsize i = 0; i < 70 * 65 * 3; i++)
    l[i] = (guint32) (i % 7 == 0 ? 0 : 100000 + i % 13);
  for (gsize i = 0; i < 30 * 20 * 10 * 2; i++)
    c[i] = (guint16) (i * 37 % 65536);
  vs_volume_set_intent (labels, VS_VOLUME_INTENT_LABEL);
  vs_volume_set_voxel_size (labels, size);
  g_assert_true (vs_zarr_write (labels, labels_path, &error));
  g_assert_no_error (error);
  g_assert_true (vs_zarr_write (channels, channels_path, &error));
  {
    g_autoptr(VsVolume) back = vs_zarr_read (labels_path, NULL, NULL, &error);
    double s[3];
    g_assert_no_error (error);
    g_assert_cmpint (vs_volume_get_datatype (back), ==, VS_DATATYPE_UINT32);
    g_assert_cmpint (vs_volume_get_intent (back), ==, VS_VOLUME_INTENT_LABEL);
    g_assert_cmpmem (vs_volume_get_data (back), lbytes, l, lbytes);
    vs_volume_get_voxel_size (back, s);
    g_assert_cmpfloat (s[0], ==, 0.44);
    g_assert_cmpfloat (s[2], ==, 0.6);
    /* Written in millimetres (the volume's unit), read as millimetres. */
    g_assert_cmpstr (vs_volume_get_spatial_unit (back), ==, "mm");
  }
  /* Units: micrometres kept through Zarr and NIfTI; nanometres go to NIfTI as micrometres. */
  {
    g_autofree char *um_path = g_build_filename (dir, "um.zarr", NULL);
    g_autofree char *nii_path = g_build_filename (dir, "nm.nii", NULL);
    g_autoptr(VsVolume) back = NULL, nii = NULL;
    double s[3];
    g_assert_true (vs_volume_set_spatial_unit (labels, "micrometer"));
    g_assert_false (vs_volume_set_spatial_unit (labels, "furlong"));
    g_assert_true (vs_zarr_write (labels, um_path, &error));
    back = vs_zarr_read (um_path, NULL, NULL, &error);
    g_assert_cmpstr (vs_volume_get_spatial_unit (back), ==, "µm");
    g_assert_true (vs_volume_set_spatial_unit (labels, "nm"));
    g_assert_true (vs_nifti_write (labels, nii_path, &error));
    nii = vs_volume_load (nii_path, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (vs_volume_get_spatial_unit (nii), ==, "µm");
    vs_volume_get_voxel_size (nii, s);
    g_assert_cmpfloat_with_epsilon (s[0], 0.00044, 1e-9);
    vs_volume_set_spatial_unit (labels, "mm");
    vs_test_remove_tree (um_path);
    g_unlink (nii_path);
  }
  {
    g_autoptr(VsVolume) back = vs_zarr_read (channels_path, NULL, NULL, &error);
    gint64 d[4];
    g_assert_no_error (error);
    vs_volume_get_dims (back, d);
    g_assert_cmpint (d[3], ==, 2);
    g_assert_cmpint (vs_volume_get_datatype (back), ==, VS_DATATYPE_UINT16);
    g_assert_cmpmem (vs_volume_get_data (back), cbytes, c, cbytes);
  }
  /* The zarr library agrees: the sum of the labels and one voxel. */
  {
    g_autofree char *code = g_strdup_printf (
      "import zarr, numpy; a = zarr.open('%s', 'r'); print(a.shape, int(numpy.asarray(a).sum()), "
      "int(a[2, 64, 69]))", labels_path);
    const char *argv[] = { "/usr/bin/python3", "-c", code, NULL };
    g_autofree char *out = NULL, *expected = NULL;
    guint64 sum = 0;
    for (gsize i = 0; i < 70 * 65 * 3; i++)
      sum += l[i];
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out,
                                 NULL, NULL, &error));
    expected = g_strdup_printf ("(3, 65, 70) %" G_GUINT64_FORMAT " %u\n", sum,
                                l[69 + 70 * (64 + 65 * 2)]);
    g_assert_cmpstr (out, ==, expected);
  }
  /* Saved again over it: the new content, nothing of the old left beside. */
  l[5] = 42;
  g_assert_true (vs_zarr_write (labels, labels_path, &error));
  {
    g_autoptr(VsVolume) back = vs_zarr_read (labels_path, NULL, NULL, &error);
    g_assert_cmpuint (((const guint32 *) vs_volume_get_data (back))[5], ==, 42);
  }
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    guint n = 0;
    while (g_dir_read_name (d) != NULL)
      n++;
    g_assert_cmpuint (n, ==, 2);
  }
  vs_test_remove_tree (dir);
}

int
main (int argc, char *argv[])
{
  static const char *const cases[] = {
    "raw", "zlib", "gzip", "zstd", "blosc-lz4", "blosc-zstd", "blosc-zlib", "fortran",
    "big-endian", "float", "bytes-2d", "missing-chunks", "nested", "labels"
  };
  int status;

  g_test_init (&argc, &argv, NULL);
  make_arrays ();
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/zarr/read/%s", cases[i]);
      g_test_add_data_func (name, cases[i], check_case);
    }
  g_test_add_func ("/zarr/group-and-zarray", test_group_and_zarray);
  g_test_add_func ("/zarr/refused", test_refused);
  g_test_add_func ("/zarr/write", test_write);
  status = g_test_run ();
  vs_test_remove_tree (arrays_dir);
  g_free (arrays_dir);
  return status;
}
