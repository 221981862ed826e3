/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <glib/gstdio.h>

#include "vs-analysis-error.h"
#include "vs-label-table-reader.h"
#include "vs-test-fixtures.h"

static char *
write_file (const char *dir, const char *name, const char *contents, gssize length)
{
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  return path;
}

static void
test_mricron_aal (void)
{
  g_autofree char *volume = g_build_filename (vs_test_mricron_dir (), "aal.nii.gz", NULL);
  g_autofree char *lut_path = g_build_filename (vs_test_mricron_dir (), "aal.nii.lut", NULL);
  g_autofree char *lut = NULL;
  g_autoptr(VsLabelTable) table = NULL;
  g_autoptr(GError) error = NULL;
  const VsLabel *label;
  gsize length;

  table = vs_label_table_read_for_volume (volume, &error);
  g_assert_no_error (error);
  g_assert_nonnull (table);
  g_assert_cmpuint (vs_label_table_get_n_labels (table), ==, 116);
  g_assert_cmpuint (vs_label_table_get_max_id (table), ==, 116);
  label = vs_label_table_lookup (table, 1);
  g_assert_cmpstr (label->name, ==, "Precentral_L");
  label = vs_label_table_lookup (table, 116);
  g_assert_cmpstr (label->name, ==, "Vermis_10");
  g_assert_cmpstr (vs_label_table_lookup (table, 37)->name, ==, "Hippocampus_L");
  g_assert_null (vs_label_table_lookup (table, 117));

  /* Colours come from the binary .lut: entry i of each 256-byte plane. */
  g_assert_true (g_file_get_contents (lut_path, &lut, &length, NULL));
  g_assert_cmpuint (length, ==, 768);
  label = vs_label_table_lookup (table, 37);
  g_assert_cmpuint (label->rgba[0], ==, (guint8) lut[37]);
  g_assert_cmpuint (label->rgba[1], ==, (guint8) lut[256 + 37]);
  g_assert_cmpuint (label->rgba[2], ==, (guint8) lut[512 + 37]);
  g_assert_cmpuint (label->rgba[3], ==, 255);

  /* Black entries (label 23, Frontal_Sup_Medial_L) are replaced so the region stays visible. */
  g_assert_cmpuint ((guint8) lut[23] + (guint8) lut[256 + 23] + (guint8) lut[512 + 23], ==, 0);
  label = vs_label_table_lookup (table, 23);
  g_assert_cmpuint (label->rgba[0] + label->rgba[1] + label->rgba[2], >, 100);
}

static void
test_freesurfer_lut (void)
{
  g_autofree char *dir = vs_test_make_tmpdir ();
  g_autofree char *path = write_file (dir, "FreeSurferColorLUT.txt",
    "#$Id: FreeSurferColorLUT.txt\n"
    "\n"
    "#No. Label Name:                            R   G   B   A\n"
    "0   Unknown                                 0   0   0   0\n"
    "2   Left-Cerebral-White-Matter              245 245 245 0\n"
    "17  Left-Hippocampus                        220 216 20  0\n"
    "1035 ctx-lh-insula                          255 192 32  0\n", -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(VsLabelTable) table = vs_label_table_read (path, &error);
  const VsLabel *label;

  g_assert_no_error (error);
  g_assert_cmpuint (vs_label_table_get_n_labels (table), ==, 4);
  label = vs_label_table_lookup (table, 17);
  g_assert_cmpstr (label->name, ==, "Left-Hippocampus");
  g_assert_cmpuint (label->rgba[0], ==, 220);
  g_assert_cmpuint (label->rgba[1], ==, 216);
  g_assert_cmpuint (label->rgba[2], ==, 20);
  g_assert_cmpuint (label->rgba[3], ==, 255);
  g_assert_cmpuint (vs_label_table_get_max_id (table), ==, 1035);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_fsl_xml (void)
{
  g_autofree char *dir = vs_test_make_tmpdir ();
  g_autofree char *cortical = write_file (dir, "HarvardOxford-Cortical.xml",
    "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<atlas version=\"1.0\">\n"
    "<header><name>Harvard-Oxford Cortical Structural Atlas</name><type>Probabalistic</type>"
    "</header>\n<data>\n"
    "<label index=\"0\" x=\"48\" y=\"94\" z=\"35\">Frontal Pole</label>\n"
    "<label index=\"1\" x=\"25\" y=\"70\" z=\"32\">Insular Cortex</label>\n"
    "</data>\n</atlas>\n", -1);
  g_autofree char *jhu = write_file (dir, "JHU-labels.xml",
    "<atlas><data><label index=\"0\">Unclassified</label>"
    "<label index=\"1\">Middle cerebellar peduncle</label></data></atlas>", -1);
  g_autofree char *broken = write_file (dir, "broken.xml",
    "<atlas><data><label index=\"zero\">X</label></data></atlas>", -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(VsLabelTable) table = vs_label_table_read (cortical, &error);
  g_autoptr(VsLabelTable) table2 = NULL;
  g_autoptr(VsLabelTable) table3 = NULL;

  g_assert_no_error (error);
  /* Image value = index + 1 */
  g_assert_cmpstr (vs_label_table_lookup (table, 1)->name, ==, "Frontal Pole");
  g_assert_cmpstr (vs_label_table_lookup (table, 2)->name, ==, "Insular Cortex");
  g_assert_cmpuint (vs_label_table_lookup (table, 2)->rgba[3], ==, 255);

  table2 = vs_label_table_read (jhu, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (vs_label_table_lookup (table2, 1)->name, ==, "Middle cerebellar peduncle");

  table3 = vs_label_table_read (broken, &error);
  g_assert_null (table3);
  g_assert_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "broken.xml"));
  g_unlink (cortical);
  g_unlink (jhu);
  g_unlink (broken);
  g_rmdir (dir);
}

static void
test_tsv_sidecar (void)
{
  g_autofree char *dir = vs_test_make_tmpdir ();
  g_autofree char *volume = g_build_filename (dir, "preferred.nii.gz", NULL);
  g_autofree char *tsv = write_file (dir, "preferred.tsv",
    "index\tname\tr\tg\tb\n1\tfaces\t255\t0\t0\n2\tplaces and scenes\t0\t0\t255\n", -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(VsLabelTable) table = vs_label_table_read_for_volume (volume, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (vs_label_table_get_n_labels (table), ==, 2);
  g_assert_cmpstr (vs_label_table_lookup (table, 2)->name, ==, "places and scenes");
  g_assert_cmpuint (vs_label_table_lookup (table, 2)->rgba[2], ==, 255);
  g_unlink (tsv);
  g_rmdir (dir);
}

static void
test_no_sidecar (void)
{
  g_autofree char *volume = g_build_filename (vs_test_mricron_dir (), "ch2.nii.gz", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(VsLabelTable) table = vs_label_table_read_for_volume (volume, &error);

  g_assert_no_error (error);
  g_assert_null (table);
}

static void
test_malformed (void)
{
  g_autofree char *dir = vs_test_make_tmpdir ();
  struct { const char *name; const char *contents; gssize length; const char *fragment; } cases[] = {
    { "empty.txt", "", 0, "holds no labels" },
    { "comments.txt", "# nothing\n\n", -1, "holds no labels" },
    { "noname.txt", "1 Left\n2\n", -1, "line 2: label 2 has no name" },
    { "badid.txt", "1 Left\nx Right\n", -1, "line 2: expected a label number" },
    { "negative.txt", "1 A\n-3 B\n", -1, "line 2: expected a label number" },
    { "badcolour.txt", "1 A 300 0 0 0\n", -1, "colour of label 1" },
    { "binary.txt", "1 A\0\1\2", 6, "not a text label table" },
    { "latin1.txt", "1 Gyrus\xe9\n", -1, "not a text label table" },
    { "noxmllabels.xml", "<atlas><data></data></atlas>", -1, "no <label> entries" },
    { "unclosed.xml", "<atlas><data><label index=\"1\">A</label>", -1, "unclosed.xml" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autofree char *path = write_file (dir, cases[c].name, cases[c].contents, cases[c].length);
      g_autoptr(GError) error = NULL;
      g_autoptr(VsLabelTable) table = vs_label_table_read (path, &error);

      g_assert_null (table);
      g_assert_nonnull (error);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, cases[c].fragment));
      g_assert_nonnull (strstr (error->message, cases[c].name));
      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
test_mricron_lut_size (void)
{
  g_autofree char *dir = vs_test_make_tmpdir ();
  g_autofree char *lut = write_file (dir, "short.lut", "abc", 3);
  g_autoptr(VsLabelTable) table = vs_label_table_new ();
  g_autoptr(GError) error = NULL;

  vs_label_table_add (table, 1, "A", NULL);
  g_assert_false (vs_label_table_read_mricron_lut (table, lut, &error));
  g_assert_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "768 bytes"));
  g_unlink (lut);
  g_rmdir (dir);
}

static void
test_palette_distinct (void)
{
  /* Neighbouring ids never get the same colour. */
  for (guint32 id = 1; id < 500; id++)
    {
      guint8 a[4], b[4];
      vs_label_palette_color (id, a);
      vs_label_palette_color (id + 1, b);
      g_assert_true (abs (a[0] - b[0]) + abs (a[1] - b[1]) + abs (a[2] - b[2]) > 60);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/label-table/mricron-aal", test_mricron_aal);
  g_test_add_func ("/label-table/freesurfer-lut", test_freesurfer_lut);
  g_test_add_func ("/label-table/fsl-xml", test_fsl_xml);
  g_test_add_func ("/label-table/tsv-sidecar", test_tsv_sidecar);
  g_test_add_func ("/label-table/no-sidecar", test_no_sidecar);
  g_test_add_func ("/label-table/malformed", test_malformed);
  g_test_add_func ("/label-table/mricron-lut-size", test_mricron_lut_size);
  g_test_add_func ("/label-table/palette-distinct", test_palette_distinct);

  return g_test_run ();
}
