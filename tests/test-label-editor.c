/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <math.h>
#include <string.h>

#include "vs-datatype.h"
#include "vs-label-editor.h"
#include "vs-nifti-writer.h"
#include "vs-volume-loader.h"
#include <glib/gstdio.h>
#include <utime.h>
#include "vs-test-fixtures.h"

/* Editing labels: every tool changes exactly the voxels it should, undo gives back the exact
 * voxels and redo the edit, and the history's memory follows the voxels changed, not the
 * volume. */

static VsVolume *
labels_new (VsDatatype type, gint64 nx, gint64 ny, gint64 nz)
{
  const gint64 dims[4] = { nx, ny, nz, 1 };
  VsVolume *v = vs_volume_new (type, dims, NULL);
  vs_volume_set_intent (v, VS_VOLUME_INTENT_LABEL);
  return v;
}

static guint32
at (VsLabelEditor *editor, gint64 x, gint64 y, gint64 z)
{
  const gint64 voxel[3] = { x, y, z };
  return vs_label_editor_get (editor, voxel);
}

static guint64
count (VsVolume *v, guint32 label)
{
  gint64 d[4];
  guint64 n = 0;
  vs_volume_get_dims (v, d);
  for (gsize i = 0; i < (gsize) (d[0] * d[1] * d[2]); i++)
    n += vs_datatype_read (vs_volume_get_datatype (v), vs_volume_get_data (v), i) == label;
  return n;
}

/* Brush and eraser: a ball of radius 2 has 33 voxels, a disk of radius 2 in one slice 13; undo
 * and redo give the exact voxels back, a stroke of several dabs is one step. */
static void
test_brush_undo_redo (void)
{
  g_autoptr(VsVolume) v = labels_new (VS_DATATYPE_UINT16, 20, 20, 20);
  g_autoptr(VsLabelEditor) editor = vs_label_editor_new (v, NULL);
  g_autofree guint8 *before = NULL, *after = NULL;
  const double centre[3] = { 10, 10, 10 };
  VsLabelChange change;
  gsize bytes = 20 * 20 * 20 * 2;

  vs_label_editor_paint (editor, centre, 2, -1, 7, &change);
  g_assert_cmpuint (change.n_changed, ==, 33);
  g_assert_cmpint (change.lo[0], ==, 8);
  g_assert_cmpint (change.hi[2], ==, 12);
  g_assert_cmpuint (count (v, 7), ==, 33);
  vs_label_editor_paint (editor, centre, 2, 2, 9, &change);   /* a disk across z */
  g_assert_cmpuint (change.n_changed, ==, 13);
  g_assert_cmpint (change.lo[2], ==, 10);
  g_assert_cmpint (change.hi[2], ==, 10);
  g_assert_cmpuint (count (v, 9), ==, 13);
  g_assert_cmpuint (count (v, 7), ==, 20);

  /* A stroke: three dabs, one step. */
  before = g_memdup2 (vs_volume_get_data (v), bytes);
  vs_label_editor_begin_step (editor);
  for (int k = 0; k < 3; k++)
    {
      const double dab[3] = { 4 + k, 4, 4 };
      vs_label_editor_paint (editor, dab, 1.5, -1, 3, &change);
      g_assert_cmpuint (change.n_changed, >, 0);
    }
  g_assert_false (vs_label_editor_can_undo (editor));   /* not while stroking */
  vs_label_editor_end_step (editor);
  after = g_memdup2 (vs_volume_get_data (v), bytes);
  g_assert_true (vs_label_editor_undo (editor, &change));
  g_assert_cmpmem (vs_volume_get_data (v), bytes, before, bytes);
  g_assert_true (vs_label_editor_redo (editor, &change));
  g_assert_cmpmem (vs_volume_get_data (v), bytes, after, bytes);

  /* The eraser over painted voxels, then everything undone: an empty volume again. */
  vs_label_editor_paint (editor, centre, 3, -1, 0, &change);
  g_assert_cmpuint (count (v, 7) + count (v, 9), ==, 0);
  while (vs_label_editor_undo (editor, NULL))
    ;
  g_assert_cmpuint (count (v, 0), ==, 8000);
  g_assert_false (vs_label_editor_can_undo (editor));
  g_assert_true (vs_label_editor_can_redo (editor));
  /* A new edit forgets what could be redone. */
  vs_label_editor_paint (editor, centre, 1, -1, 1, NULL);
  g_assert_false (vs_label_editor_can_redo (editor));
}

/* Flood fill in 3D and within a slice; merge and delete by replacing a label. */
static void
test_fill_merge_delete (void)
{
  g_autoptr(VsVolume) v = labels_new (VS_DATATYPE_UINT32, 10, 10, 10);
  g_autoptr(VsLabelEditor) editor = vs_label_editor_new (v, NULL);
  guint32 *data = vs_volume_get_data_mutable (v);
  const gint64 seed[3] = { 1, 1, 1 };
  VsLabelChange change;

  /* A wall at x = 5 splits the volume in two halves of 500 voxels, 100 of them the wall. */
  for (int z = 0; z < 10; z++)
    for (int y = 0; y < 10; y++)
      data[5 + 10 * (y + 10 * z)] = 4;
  vs_label_editor_fill (editor, seed, -1, 2, &change);
  g_assert_cmpuint (change.n_changed, ==, 500);
  g_assert_cmpuint (count (v, 2), ==, 500);
  g_assert_cmpuint (at (editor, 7, 7, 7), ==, 0);
  vs_label_editor_fill (editor, (const gint64[]) { 8, 8, 3 }, 2, 6, &change);   /* one slice */
  g_assert_cmpuint (change.n_changed, ==, 40);
  g_assert_cmpuint (at (editor, 8, 8, 4), ==, 0);
  g_assert_cmpuint (vs_label_editor_next_free (editor), ==, 7);

  vs_label_editor_replace (editor, 6, 2, &change);   /* merge 6 into 2 */
  g_assert_cmpuint (change.n_changed, ==, 40);
  g_assert_cmpuint (count (v, 6), ==, 0);
  g_assert_cmpuint (count (v, 2), ==, 540);
  vs_label_editor_replace (editor, 4, 0, &change);   /* delete the wall */
  g_assert_cmpuint (count (v, 4), ==, 0);
  g_assert_true (vs_label_editor_undo (editor, NULL));
  g_assert_cmpuint (count (v, 4), ==, 100);
  g_assert_true (vs_label_editor_undo (editor, NULL));
  g_assert_cmpuint (count (v, 6), ==, 40);
}

/* Split: two balls joined by a thin neck, seeds in each ball; the cut falls at the neck. */
static void
test_split (void)
{
  g_autoptr(VsVolume) v = labels_new (VS_DATATYPE_UINT8, 40, 20, 20);
  g_autoptr(VsLabelEditor) editor = vs_label_editor_new (v, NULL);
  const double left[3] = { 10, 10, 10 }, right[3] = { 29, 10, 10 };
  g_autoptr(GError) error = NULL;
  VsLabelChange change;
  guint64 n_before;

  vs_label_editor_paint (editor, left, 6, -1, 5, NULL);
  vs_label_editor_paint (editor, right, 6, -1, 5, NULL);
  for (int x = 10; x <= 29; x++)
    vs_label_editor_paint (editor, (const double[]) { x, 10, 10 }, 1, -1, 5, NULL);
  n_before = count (v, 5);
  g_assert_true (vs_label_editor_split (editor, (const gint64[]) { 8, 10, 10 },
                                        (const gint64[]) { 31, 10, 10 }, 6, &change, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count (v, 5) + count (v, 6), ==, n_before);
  /* Each ball whole on its side; the neck divided near its middle. */
  g_assert_cmpuint (at (editor, 10, 10, 10), ==, 5);
  g_assert_cmpuint (at (editor, 4, 10, 10), ==, 5);
  g_assert_cmpuint (at (editor, 29, 10, 10), ==, 6);
  g_assert_cmpuint (at (editor, 35, 10, 10), ==, 6);
  g_assert_cmpuint (at (editor, 17, 10, 10), ==, 5);
  g_assert_cmpuint (at (editor, 22, 10, 10), ==, 6);
  g_test_message ("%" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT " voxels split off",
                  change.n_changed, n_before);
  /* Seeds on different instances or the background are refused. */
  g_assert_false (vs_label_editor_split (editor, (const gint64[]) { 10, 10, 10 },
                                         (const gint64[]) { 0, 0, 0 }, 7, NULL, &error));
  g_assert_nonnull (strstr (error->message, "same instance"));
}

/* What cannot be edited says why; the history grows with the voxels changed. */
static void
test_refusals_and_memory (void)
{
  g_autoptr(VsVolume) floats = labels_new (VS_DATATYPE_FLOAT32, 4, 4, 4);
  g_autoptr(VsVolume) v = labels_new (VS_DATATYPE_UINT32, 200, 200, 100);
  g_autoptr(VsLabelEditor) editor = NULL;
  g_autoptr(GError) error = NULL;
  guint64 bytes;

  g_assert_null (vs_label_editor_new (floats, &error));
  g_assert_nonnull (strstr (error->message, "cannot be edited"));
  g_clear_error (&error);
  {
    const gint64 d4[4] = { 4, 4, 4, 3 };
    g_autoptr(VsVolume) masks = vs_volume_new (VS_DATATYPE_UINT8, d4, NULL);
    g_assert_null (vs_label_editor_new (masks, &error));
    g_assert_nonnull (strstr (error->message, "3 frames"));
  }

  editor = vs_label_editor_new (v, NULL);
  for (int k = 0; k < 200; k++)
    {
      const double c[3] = { 20 + (k * 7) % 160, 20 + (k * 13) % 160, 20 + (k * 3) % 60 };
      vs_label_editor_begin_step (editor);
      vs_label_editor_paint (editor, c, 4, -1, 1 + k % 5, NULL);
      vs_label_editor_paint (editor, (const double[]) { c[0] + 2, c[1], c[2] }, 4, -1, 1 + k % 5,
                             NULL);
      vs_label_editor_end_step (editor);
    }
  bytes = vs_label_editor_get_history_bytes (editor);
  g_test_message ("%" G_GUINT64_FORMAT " bytes of history for %" G_GUINT64_FORMAT
                  " voxels changed (%.2f times their %u bytes each)", bytes,
                  vs_label_editor_get_voxels_changed (editor),
                  (double) bytes / (vs_label_editor_get_voxels_changed (editor) * 4.0), 4);
  g_assert_cmpuint (bytes, <=, 2 * 4 * vs_label_editor_get_voxels_changed (editor));
}

/* The autosave: replaying the journal over the file as opened gives the labels as they were
 * after the last edit (undo and redo included); a record cut short by a crash is left out; a
 * file that changed since is refused. */
static void
test_journal (void)
{
  g_autofree char *dir = vs_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "labels.nii", NULL);
  g_autofree char *journal_path = g_build_filename (dir, "labels.nii.edits", NULL);
  g_autoptr(VsVolume) start = labels_new (VS_DATATYPE_UINT16, 30, 30, 30);
  g_autoptr(VsVolume) v = NULL, replayed = NULL;
  g_autoptr(VsLabelEditor) editor = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *final = NULL;
  gsize bytes = 30 * 30 * 30 * 2;
  guint n_records = 0;

  ((guint16 *) vs_volume_get_data_mutable (start))[100] = 3;
  g_assert_true (vs_nifti_write (start, path, &error));
  v = vs_volume_load (path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  editor = vs_label_editor_new (v, &error);
  vs_label_editor_set_journal (editor, vs_label_journal_create (journal_path, v, &error));
  g_assert_no_error (error);
  vs_label_editor_paint (editor, (const double[]) { 10, 10, 10 }, 3, -1, 5, NULL);
  vs_label_editor_paint (editor, (const double[]) { 20, 20, 20 }, 4, 2, 6, NULL);
  vs_label_editor_undo (editor, NULL);
  vs_label_editor_fill (editor, (const gint64[]) { 0, 0, 29 }, 2, 9, NULL);
  vs_label_editor_undo (editor, NULL);
  vs_label_editor_redo (editor, NULL);
  g_assert_null (vs_label_editor_take_journal_error (editor));
  final = g_memdup2 (vs_volume_get_data (v), bytes);

  replayed = vs_volume_load (path, NULL, NULL, NULL, &error);
  g_assert_true (vs_label_journal_matches (journal_path, replayed));
  g_assert_true (vs_label_journal_replay (journal_path, replayed, &n_records, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_records, ==, 6);
  g_assert_cmpmem (vs_volume_get_data (replayed), bytes, final, bytes);

  /* Cut short by a crash: the last record is left out, the rest applies. */
  {
    GStatBuf st;
    g_autoptr(VsVolume) cut = vs_volume_load (path, NULL, NULL, NULL, &error);
    g_assert_cmpint (g_stat (journal_path, &st), ==, 0);
    g_assert_cmpint (truncate (journal_path, st.st_size - 3), ==, 0);
    g_assert_true (vs_label_journal_replay (journal_path, cut, &n_records, &error));
    g_assert_cmpuint (n_records, ==, 5);
  }
  /* The file changed since: refused, with the reason. */
  {
    struct utimbuf later = { 1000000000, 1000000000 };
    g_autoptr(VsVolume) other = vs_volume_load (path, NULL, NULL, NULL, &error);
    g_assert_cmpint (utime (path, &later), ==, 0);
    g_assert_false (vs_label_journal_matches (journal_path, other));
    g_assert_false (vs_label_journal_replay (journal_path, other, NULL, &error));
    g_assert_nonnull (strstr (error->message, "changed since"));
  }
  vs_test_remove_tree (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/label-editor/brush-undo-redo", test_brush_undo_redo);
  g_test_add_func ("/label-editor/fill-merge-delete", test_fill_merge_delete);
  g_test_add_func ("/label-editor/split", test_split);
  g_test_add_func ("/label-editor/refusals-and-memory", test_refusals_and_memory);
  g_test_add_func ("/label-editor/journal", test_journal);
  return g_test_run ();
}
