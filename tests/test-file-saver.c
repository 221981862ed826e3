/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <signal.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "vs-file-saver.h"
#include "vs-nifti-writer.h"
#include "vs-npy-writer.h"

/* Every writer goes through VsFileSaver: the target appears whole or not at all, a failed save
 * keeps the earlier file and leaves no temporary file behind, and the error names the file and
 * the reason (full disk, read-only folder). */

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static void
assert_contents (const char *path, const char *expected)
{
  g_autofree char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, expected);
}

static VsVolume *
big_volume (void)
{
  const gint64 dims[4] = { 64, 64, 64, 1 };
  g_autoptr(VsVolume) v = vs_volume_new (VS_DATATYPE_FLOAT32, dims, NULL);
  float *data = vs_volume_get_data_mutable (v);

  /* Noise, so that even gzip output is far larger than the limits below. */
  for (gsize i = 0; i < 64 * 64 * 64; i++)
    data[i] = (float) g_test_rand_double ();
  return g_steal_pointer (&v);
}

static void
test_saves_and_replaces (void)
{
  g_autofree char *dir = g_dir_make_tmp ("vs-saver-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "notes.json", NULL);
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  g_assert_true (vs_file_save_contents (path, "first", -1, &error));
  g_assert_no_error (error);
  assert_contents (path, "first");
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0644);

  /* A replaced file keeps its permissions. */
  g_chmod (path, 0600);
  g_assert_true (vs_file_save_contents (path, "second", -1, &error));
  assert_contents (path, "second");
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpuint (count_entries (dir), ==, 1);

  /* An abandoned save leaves nothing behind. */
  {
    g_autoptr(VsFileSaver) saver = vs_file_saver_begin (path, &error);
    g_assert_nonnull (saver);
    g_assert_true (g_output_stream_write_all (vs_file_saver_get_stream (saver), "x", 1, NULL,
                                              NULL, NULL));
    g_assert_cmpuint (count_entries (dir), ==, 2);
  }
  g_assert_cmpuint (count_entries (dir), ==, 1);
  assert_contents (path, "second");

  /* A folder in the way, a folder that is not there. */
  {
    g_autofree char *sub = g_build_filename (dir, "sub", NULL);
    g_autofree char *missing = g_build_filename (dir, "nowhere", "x.json", NULL);
    g_mkdir (sub, 0755);
    g_assert_false (vs_file_save_contents (sub, "x", -1, &error));
    g_assert_nonnull (strstr (error->message, "sub: could not be saved"));
    g_clear_error (&error);
    g_assert_false (vs_file_save_contents (missing, "x", -1, &error));
    g_assert_nonnull (strstr (error->message, "x.json: could not be saved: the folder"));
    g_assert_nonnull (strstr (error->message, "does not exist"));
    g_rmdir (sub);
  }
  g_unlink (path);
  g_rmdir (dir);
}

/* Writes a small earlier file of every kind, then — with files limited to 64 kB, as a disk with
 * 64 kB left would — saves large ones over them. */
static void
full_disk_child (const char *dir)
{
  g_autofree char *json = g_build_filename (dir, "big.json", NULL);
  g_autofree char *nii = g_build_filename (dir, "map.nii.gz", NULL);
  g_autofree char *npy = g_build_filename (dir, "map.npy", NULL);
  g_autoptr(VsVolume) volume = big_volume ();
  g_autofree char *text = g_strnfill (1 << 20, 'x');
  struct rlimit limit = { 64 << 10, 64 << 10 };
  g_autoptr(GError) error = NULL;

  g_assert_true (vs_file_save_contents (json, "earlier", -1, NULL));
  g_assert_true (vs_file_save_contents (nii, "earlier", -1, NULL));
  g_assert_true (vs_file_save_contents (npy, "earlier", -1, NULL));
  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);

  g_assert_false (vs_file_save_contents (json, text, -1, &error));
  g_print ("%s\n", error->message);
  g_clear_error (&error);
  g_assert_false (vs_nifti_write (volume, nii, &error));
  g_print ("%s\n", error->message);
  g_clear_error (&error);
  g_assert_false (vs_npy_write_voxels (volume, 0, 64 * 64 * 64, npy, &error));
  g_print ("%s\n", error->message);
  assert_contents (json, "earlier");
  assert_contents (nii, "earlier");
  assert_contents (npy, "earlier");
  g_assert_cmpuint (count_entries (dir), ==, 3);
}

static void
test_full_disk (void)
{
  static char *dir;

  if (g_test_subprocess ())
    {
      full_disk_child (g_getenv ("VS_SAVER_DIR"));
      return;
    }
  dir = g_dir_make_tmp ("vs-saver-XXXXXX", NULL);
  g_setenv ("VS_SAVER_DIR", dir, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("big.json: could not be saved: * any earlier file is unchanged\n"
                             "map.nii.gz: could not be saved: * any earlier file is unchanged\n"
                             "map.npy: could not be saved: * any earlier file is unchanged\n");
  g_test_trap_assert_stdout ("*File too large*");
  for (guint i = 0; i < 3; i++)
    {
      const char *names[] = { "big.json", "map.nii.gz", "map.npy" };
      g_autofree char *p = g_build_filename (dir, names[i], NULL);
      g_unlink (p);
    }
  g_rmdir (dir);
  g_free (dir);
}

/* A real full disk: a 256 kB tmpfs.  Mounting needs root; elsewhere the size limit above
 * stands in for it. */
static void
test_full_tmpfs (void)
{
  g_autofree char *dir = g_dir_make_tmp ("vs-saver-XXXXXX", NULL);
  g_autofree char *nii = g_build_filename (dir, "map.nii", NULL);
  g_autoptr(VsVolume) volume = big_volume ();
  g_autoptr(GError) error = NULL;

  if (mount ("tmpfs", dir, "tmpfs", 0, "size=256k") != 0)
    {
      g_rmdir (dir);
      g_test_skip ("cannot mount a small tmpfs here (needs root)");
      return;
    }
  g_assert_true (vs_file_save_contents (nii, "earlier", -1, NULL));
  g_assert_false (vs_nifti_write (volume, nii, &error));
  g_assert_cmpstr (error->message, ==,
                   "map.nii: could not be saved: the disk is full; any earlier file is unchanged");
  assert_contents (nii, "earlier");
  g_assert_cmpuint (count_entries (dir), ==, 1);
  g_unlink (nii);
  g_assert_cmpint (umount (dir), ==, 0);
  g_rmdir (dir);
}

/* A read-only folder: as root permissions do not apply, so the child drops to "nobody". */
static void
test_read_only_folder (void)
{
  static char *dir;

  if (g_test_subprocess ())
    {
      const char *d = g_getenv ("VS_SAVER_DIR");
      g_autofree char *path = g_build_filename (d, "lines.json", NULL);
      g_autoptr(GError) error = NULL;

      if (getuid () == 0)
        g_assert_cmpint (setuid (65534), ==, 0);
      g_assert_false (vs_file_save_contents (path, "new", -1, &error));
      g_print ("%s\n", error->message);
      assert_contents (path, "earlier");
      return;
    }
  dir = g_dir_make_tmp ("vs-saver-XXXXXX", NULL);
  {
    g_autofree char *path = g_build_filename (dir, "lines.json", NULL);
    g_assert_true (vs_file_save_contents (path, "earlier", -1, NULL));
    g_chmod (dir, 0555);
    g_setenv ("VS_SAVER_DIR", dir, TRUE);
    g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
    g_test_trap_assert_passed ();
    g_test_trap_assert_stdout ("lines.json: could not be saved: the folder * is read-only; "
                               "any earlier file is unchanged\n");
    g_chmod (dir, 0755);
    g_unlink (path);
  }
  g_rmdir (dir);
  g_free (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/file-saver/saves-and-replaces", test_saves_and_replaces);
  g_test_add_func ("/file-saver/full-disk", test_full_disk);
  g_test_add_func ("/file-saver/full-tmpfs", test_full_tmpfs);
  g_test_add_func ("/file-saver/read-only-folder", test_read_only_folder);
  return g_test_run ();
}
