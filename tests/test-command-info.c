/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "vs-test-fixtures.h"

static JsonObject *
info_json (const char *path, JsonParser *parser)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;
  const char *args[] = { "info", path, "--json", NULL };

  g_assert_cmpint (vs_test_run_voxelscope (args, &out, &err), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static void
test_info_colin_json (void)
{
  g_autofree char *path = g_build_filename (vs_test_mricron_dir (), "ch2.nii.gz", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *info = info_json (path, parser);
  JsonArray *dims = json_object_get_array_member (info, "dims");
  JsonArray *affine = json_object_get_array_member (info, "affine");
  JsonArray *robust = json_object_get_array_member (info, "robust_range");

  g_assert_cmpint (json_array_get_int_element (dims, 0), ==, 181);
  g_assert_cmpint (json_array_get_int_element (dims, 1), ==, 217);
  g_assert_cmpint (json_array_get_int_element (dims, 2), ==, 181);
  g_assert_cmpstr (json_object_get_string_member (info, "orientation"), ==, "RAS");
  g_assert_cmpstr (json_object_get_string_member (info, "datatype"), ==, "uint8");
  g_assert_cmpfloat (json_array_get_double_element (json_array_get_array_element (affine, 0), 3),
                     ==, -90);
  g_assert_cmpfloat (json_array_get_double_element (robust, 0), <,
                     json_array_get_double_element (robust, 1));
  g_assert_false (json_object_has_member (info, "label_count"));
}

static void
test_info_aal_labels (void)
{
  g_autofree char *path = g_build_filename (vs_test_mricron_dir (), "aal.nii.gz", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *info = info_json (path, parser);

  g_assert_cmpstr (json_object_get_string_member (info, "intent"), ==, "label");
  g_assert_cmpint (json_object_get_int_member (info, "label_count"), ==, 116);
}

static void
test_info_text (void)
{
  g_autofree char *path = g_build_filename (vs_test_nibabel_data_dir (), "anatomical.nii", NULL);
  g_autofree char *out = NULL, *err = NULL;
  const char *args[] = { "info", path, NULL };

  g_assert_cmpint (vs_test_run_voxelscope (args, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "orientation   LAS"));
  g_assert_nonnull (strstr (out, "33 × 41 × 25 × 1"));
}

static void
test_info_errors (void)
{
  g_autofree char *dir = vs_test_make_tmpdir ();
  g_autofree char *bad = g_build_filename (dir, "junk.nii", NULL);
  g_autofree char *out = NULL, *err = NULL;
  const char *missing_args[] = { "info", "/nonexistent/brain.nii.gz", NULL };
  const char *bad_args[] = { "info", bad, NULL };
  const char *no_args[] = { "info", NULL };

  g_assert_true (g_file_set_contents (bad, "hello", -1, NULL));
  g_assert_cmpint (vs_test_run_voxelscope (missing_args, &out, &err), ==, 1);
  g_assert_cmpstr (err, ==, "voxelscope info: brain.nii.gz: no such file\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (vs_test_run_voxelscope (bad_args, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "junk.nii: not a NIfTI file"));
  g_assert_null (strchr (err, '\n') == err + strlen (err) - 1 ? NULL : "more than one line");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (vs_test_run_voxelscope (no_args, &out, &err), ==, 2);
  g_unlink (bad);
  g_rmdir (dir);
}

static void
test_help (void)
{
  g_autofree char *out = NULL, *err = NULL;
  const char *args[] = { "--help", NULL };
  const char *info_args[] = { "info", "--help", NULL };

  g_assert_cmpint (vs_test_run_voxelscope (args, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "voxelscope render"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (vs_test_run_voxelscope (info_args, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "--json"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/command/info/colin-json", test_info_colin_json);
  g_test_add_func ("/command/info/aal-labels", test_info_aal_labels);
  g_test_add_func ("/command/info/text", test_info_text);
  g_test_add_func ("/command/info/errors", test_info_errors);
  g_test_add_func ("/command/help", test_help);

  return g_test_run ();
}
