/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "vs-midline-annotations.h"
#include "vs-nifti-reader.h"
#include "vs-nifti-writer.h"
#include "vs-label-tools.h"
#include "vs-resources.h"
#include "vs-volume-loader.h"
#include "vs-test-fixtures.h"
#include "vs-window-test-support.h"

/* Crash recovery, as it happens: a window edits midlines, is killed with SIGKILL in the middle
 * of editing, and the next start offers what was autosaved — losing at most the edits of the
 * last autosave interval.  The editing window is this test program run again with
 * --crash-child FOLDER (see main). */

#define N_SLICES 24

/* A small head-like volume: a bright ellipsoid, mirror-symmetric about x = 0. */
static char *
write_volume (const char *dir)
{
  const gint64 dims[4] = { 32, 32, N_SLICES, 1 };
  g_autoptr(VsVolume) volume = vs_volume_new (VS_DATATYPE_FLOAT32, dims, NULL);
  float *data = vs_volume_get_data_mutable (volume);
  char *path = g_build_filename (dir, "head.nii", NULL);

  for (gint64 k = 0; k < dims[2]; k++)
    for (gint64 j = 0; j < dims[1]; j++)
      for (gint64 i = 0; i < dims[0]; i++)
        {
          double x = (i - 15.5) / 12, y = (j - 15.5) / 14, z = (k - 11.5) / 10;
          data[i + 32 * (j + 32 * k)] = x * x + y * y + z * z < 1 ? 100.0f + (float) j : 0.0f;
        }
  g_assert_true (vs_nifti_write (volume, path, NULL));
  return path;
}

/* Midlines to start from: one estimated line per axial slice, on the volume's grid. */
static char *
write_start_midlines (const char *dir, const char *volume_path)
{
  g_autoptr(VsVolume) volume = vs_nifti_read (volume_path, NULL, NULL, NULL);
  g_autoptr(VsMidlineAnnotations) annotations = NULL;
  char *path = g_build_filename (dir, "start.json", NULL);
  double affine[16];

  vs_volume_get_affine (volume, affine);
  annotations = vs_midline_annotations_new (volume_path, affine);
  for (gint64 k = 0; k < N_SLICES; k++)
    {
      VsMidline line = { { 15.5, 2 }, { 15.5, 29 }, { 1, 0 }, 15.5, 0.9 };
      vs_midline_annotations_add (annotations, NULL, VS_MIDLINE_AXIS_AXIAL, k, &line,
                                  VS_MIDLINE_ESTIMATED);
    }
  g_assert_true (vs_midline_annotations_write (annotations, path, NULL));
  return path;
}

static guint
count_confirmed (const VsMidlineAnnotations *annotations)
{
  guint n = 0;

  for (guint i = 0; i < annotations->entries->len; i++)
    if (g_array_index (annotations->entries, VsMidlineEntry, i).status == VS_MIDLINE_CONFIRMED)
      n++;
  return n;
}

typedef struct {
  const char *autosave;
  guint       confirmed;
} SavedState;

static gboolean
autosave_has (gpointer data)
{
  SavedState *state = data;
  g_autoptr(VsMidlineAnnotations) saved = vs_midline_annotations_read (state->autosave, NULL);

  return saved != NULL && count_confirmed (saved) == state->confirmed;
}

/* The child: opens the volume and the starting midlines, confirms slices one after another as
 * an annotator would; after each autosave it reports on stdout how many confirmations the file
 * holds.  It never stops by itself: the parent kills it. */
static int
crash_child (const char *dir)
{
  g_autofree char *volume = g_build_filename (dir, "head.nii", NULL);
  g_autofree char *start = g_build_filename (dir, "start.json", NULL);
  g_autofree char *autosave = g_build_filename (dir, "head.nii.midlines.json", NULL);
  const char *paths[] = { volume, NULL };
  VsWindow *window = vs_test_open_window (paths);
  VsMidlineEditor *editor;
  g_autoptr(GError) error = NULL;

  g_assert_true (vs_window_open_midlines (window, start, &error));
  editor = vs_scene_get_midlines (vs_window_get_scene (window));
  for (guint k = 0; ; k = (k + 1) % N_SLICES)
    {
      SavedState state = { autosave, k + 1 };
      g_assert_true (vs_midline_editor_confirm (editor, VS_MIDLINE_AXIS_AXIAL, k));
      g_assert_true (vs_test_wait_until (autosave_has, &state, 10000));
      printf ("%u\n", k + 1);
      fflush (stdout);
      if (k + 1 == N_SLICES)
        break;
    }
  /* Still editing when the end comes: one more change, inside the autosave delay. */
  g_assert_true (vs_midline_editor_undo (editor));
  printf ("editing\n");
  fflush (stdout);
  for (;;)
    g_main_context_iteration (NULL, TRUE);
  return 0;
}

static void
test_recovery_after_sigkill (void)
{
  g_autofree char *dir = vs_test_make_tmpdir ();
  g_autofree char *volume = write_volume (dir);
  g_autofree char *start = write_start_midlines (dir, volume);
  g_autofree char *autosave = g_build_filename (dir, "head.nii.midlines.json", NULL);
  g_autofree char *self_path = g_file_read_link ("/proc/self/exe", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(VsMidlineAnnotations) on_disk = NULL;
  guint last_reported = 0, kill_after = 5 + g_test_rand_int_range (0, 10);
  const char *paths[] = { volume, NULL };
  VsWindow *window;
  VsMidlineEditor *editor;
  char *line;

  child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, self_path, "--crash-child",
                            dir, NULL);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
  /* Killed after a random number of confirmations: mid-way through the annotator's work. */
  while ((line = g_data_input_stream_read_line (lines, NULL, NULL, NULL)) != NULL)
    {
      gboolean count = g_ascii_isdigit (line[0]);   /* not the test framework's "# …" */
      guint64 n = count ? g_ascii_strtoull (line, NULL, 10) : 0;
      g_free (line);
      if (!count)
        continue;
      last_reported = (guint) n;
      if (last_reported >= kill_after)
        break;
    }
  g_assert_cmpuint (last_reported, ==, kill_after);
  /* The next confirmation is already made (or being saved) when the kill comes. */
  g_usleep (300 * 1000);
  g_subprocess_send_signal (child, SIGKILL);
  g_assert_true (g_subprocess_wait (child, NULL, NULL));
  g_assert_true (g_subprocess_get_if_signaled (child));
  g_assert_cmpint (g_subprocess_get_term_sig (child), ==, SIGKILL);

  /* On disk: a whole file (never half of one) with everything up to the last autosave. */
  on_disk = vs_midline_annotations_read (autosave, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_confirmed (on_disk), >=, kill_after);
  g_assert_cmpuint (count_confirmed (on_disk), <=, kill_after + 1);

  /* The next start offers them, and restoring gives them back. */
  window = vs_test_open_window (paths);
  g_assert_nonnull (vs_window_get_recovery_text (window));
  g_assert_nonnull (strstr (vs_window_get_recovery_text (window), "head.nii"));
  g_assert_null (vs_scene_get_midlines (vs_window_get_scene (window)));
  g_assert_true (vs_window_restore_midlines (window, &error));
  g_assert_no_error (error);
  g_assert_null (vs_window_get_recovery_text (window));
  editor = vs_scene_get_midlines (vs_window_get_scene (window));
  g_assert_nonnull (editor);
  g_assert_cmpuint (count_confirmed (vs_midline_editor_get_annotations (editor)), ==,
                    count_confirmed (on_disk));
  for (guint k = 0; k < kill_after; k++)
    g_assert_cmpint (vs_midline_annotations_find ((VsMidlineAnnotations *)
                                                  vs_midline_editor_get_annotations (editor),
                                                  VS_MIDLINE_AXIS_AXIAL, k)->status, ==,
                     VS_MIDLINE_CONFIRMED);
  gtk_window_destroy (GTK_WINDOW (window));
  vs_test_remove_tree (dir);
}

/* A volume without autosaved midlines offers nothing. */
static void
test_no_offer_without_autosave (void)
{
  g_autofree char *dir = vs_test_make_tmpdir ();
  g_autofree char *volume = write_volume (dir);
  const char *paths[] = { volume, NULL };
  VsWindow *window = vs_test_open_window (paths);

  g_assert_null (vs_window_get_recovery_text (window));
  g_assert_false (vs_window_restore_midlines (window, NULL));
  gtk_window_destroy (GTK_WINDOW (window));
  vs_test_remove_tree (dir);
}

/* Labels: the same, for hand edits of a label volume.  Each stroke paints label k + 1 across
 * its own row; the journal is synced at the end of every stroke, so all the strokes reported
 * before the kill come back. */

#define N_STROKES 40

static char *
write_labels (const char *dir)
{
  const gint64 dims[4] = { 48, 48, 8, 1 };
  g_autoptr(VsVolume) volume = vs_volume_new (VS_DATATYPE_UINT16, dims, NULL);
  char *path = g_build_filename (dir, "labels.nii", NULL);

  vs_volume_set_intent (volume, VS_VOLUME_INTENT_LABEL);
  ((guint16 *) vs_volume_get_data_mutable (volume))[0] = 1;   /* one instance to start with */
  g_assert_true (vs_nifti_write (volume, path, NULL));
  return path;
}

static void
stroke (VsWindow *window, VsVolume *labels, int k)
{
  for (int phase = 0; phase < 3; phase++)
    {
      double voxel[3] = { 4 + 18 * phase, 1 + k, 4 }, world[3];
      vs_volume_voxel_to_world (labels, voxel, world);
      g_signal_emit_by_name (vs_window_get_slice_view (window, 2), "tool", phase, world[0],
                             world[1], world[2]);
    }
}

static int
label_crash_child (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "labels.nii", NULL);
  const char *paths[] = { path, NULL };
  VsWindow *window = vs_test_open_window (paths);
  VsLayer *layer = vs_scene_get_layer (vs_window_get_scene (window), 0);
  VsLabelTools *tools;
  g_autoptr(GError) error = NULL;

  g_assert_true (vs_window_edit_labels (window, layer, &error));
  tools = VS_LABEL_TOOLS (vs_window_get_label_tools (window));
  vs_label_tools_set_radius (tools, 0.5);
  for (int k = 0; k < N_STROKES; k++)
    {
      vs_label_tools_set_label (tools, (guint32) k + 2);
      stroke (window, vs_layer_get_volume (layer), k);
      printf ("%d\n", k + 1);
      fflush (stdout);
      g_usleep (20 * 1000);
    }
  for (;;)
    g_main_context_iteration (NULL, TRUE);
  return 0;
}

static void
test_label_edits_after_sigkill (void)
{
  g_autofree char *dir = vs_test_make_tmpdir ();
  g_autofree char *labels = write_labels (dir);
  g_autofree char *self_path = g_file_read_link ("/proc/self/exe", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  int reported = 0, kill_after = 5 + g_test_rand_int_range (0, 20);
  const char *paths[] = { labels, NULL };
  VsWindow *window;
  VsVolume *volume;
  char *line;

  child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, self_path,
                            "--label-crash-child", dir, NULL);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
  while ((line = g_data_input_stream_read_line (lines, NULL, NULL, NULL)) != NULL)
    {
      gboolean count = g_ascii_isdigit (line[0]);
      int n = count ? atoi (line) : 0;
      g_free (line);
      if (count && (reported = n) >= kill_after)
        break;
    }
  g_assert_cmpint (reported, ==, kill_after);
  g_subprocess_send_signal (child, SIGKILL);
  g_assert_true (g_subprocess_wait (child, NULL, NULL));
  g_assert_cmpint (g_subprocess_get_term_sig (child), ==, SIGKILL);

  /* The next start offers the edits; restoring gives back every stroke reported. */
  window = vs_test_open_window (paths);
  g_assert_nonnull (vs_window_get_label_recovery_text (window));
  g_assert_nonnull (strstr (vs_window_get_label_recovery_text (window), "labels.nii"));
  g_assert_true (vs_window_restore_label_edits (window, &error));
  g_assert_no_error (error);
  g_assert_null (vs_window_get_label_recovery_text (window));
  volume = vs_layer_get_volume (vs_scene_get_layer (vs_window_get_scene (window), 0));
  for (int k = 0; k < N_STROKES; k++)
    {
      guint16 v = ((const guint16 *) vs_volume_get_data (volume))[30 + 48 * (1 + k) + 48 * 48 * 4];
      if (k < kill_after)
        g_assert_cmpuint (v, ==, k + 2);
      else if (k > kill_after + 2)
        g_assert_cmpuint (v, ==, 0);
    }
  g_assert_cmpuint (((const guint16 *) vs_volume_get_data (volume))[0], ==, 1);
  /* Editing goes on where it stopped. */
  g_assert_nonnull (vs_window_get_label_editor (window));
  gtk_window_destroy (GTK_WINDOW (window));
  vs_test_remove_tree (dir);
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  vs_register_resource ();

  if (argc == 3 && g_str_equal (argv[1], "--crash-child"))
    return crash_child (argv[2]);
  if (argc == 3 && g_str_equal (argv[1], "--label-crash-child"))
    return label_crash_child (argv[2]);
  g_test_add_func ("/window/recovery-after-sigkill", test_recovery_after_sigkill);
  g_test_add_func ("/window/no-offer-without-autosave", test_no_offer_without_autosave);
  g_test_add_func ("/window/label-edits-after-sigkill", test_label_edits_after_sigkill);
  return g_test_run ();
}
