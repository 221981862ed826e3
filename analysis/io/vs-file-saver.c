/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-file-saver"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gunixoutputstream.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vs-file-saver.h"

/* Every file Voxelscope writes goes through here: into a hidden temporary file beside the target
 * (".NAME.XXXXXX", so the rename stays on one file system), flushed to the disk, then renamed over
 * the target.  Until the rename the previous file is untouched, so a full disk, a read-only
 * folder, a crash or a killed process never leaves half a file or loses the last good one.  The
 * error says which file, why in a person's words, and that the earlier file is kept.
 *
 *   g_autoptr(VsFileSaver) saver = vs_file_saver_begin (path, error);
 *   … write to vs_file_saver_get_stream (saver) …
 *   return vs_file_saver_commit (g_steal_pointer (&saver), error);
 *
 * Dropping a saver without committing it (autoptr, or vs_file_saver_abort) deletes the
 * temporary file. */

struct _VsFileSaver
{
  char          *path;
  char          *tmp;
  GOutputStream *stream;
  int            fd;
};

/* Sets @error for @path from an errno value, in words a person can act on. */
static void
set_save_error (GError     **error,
                const char  *path,
                int          errsv)
{
  g_autofree char *display = g_path_get_basename (path);
  g_autofree char *dir = g_path_get_dirname (path);
  const char *why;
  g_autofree char *owned = NULL;

  switch (errsv)
    {
    case ENOSPC:
      why = "the disk is full";
      break;
    case EDQUOT:
      why = "the disk quota is used up";
      break;
    case EFBIG:
      why = "the file system takes no file this large";
      break;
    case EACCES:
    case EPERM:
    case EROFS:
      why = owned = g_strdup_printf ("the folder %s is read-only", dir);
      break;
    case ENOENT:
    case ENOTDIR:
      why = owned = g_strdup_printf ("the folder %s does not exist", dir);
      break;
    default:
      why = g_strerror (errsv);
      break;
    }
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
               "%s: could not be saved: %s; any earlier file is unchanged", display, why);
}

VsFileSaver *
vs_file_saver_begin (const char  *path,
                     GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *tmp = g_strdup_printf ("%s/.%s.XXXXXX", dir, name);
  VsFileSaver *self;
  GStatBuf st;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      set_save_error (error, path, EISDIR);
      return NULL;
    }
  fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0644);
  if (fd < 0)
    {
      set_save_error (error, path, errno);
      return NULL;
    }
  /* mkstemp makes the file private; results are for sharing, and a replaced file keeps its mode. */
  fchmod (fd, g_stat (path, &st) == 0 ? (st.st_mode & 07777) : 0644);

  self = g_new0 (VsFileSaver, 1);
  self->path = g_strdup (path);
  self->tmp = g_steal_pointer (&tmp);
  self->fd = fd;
  self->stream = g_unix_output_stream_new (fd, FALSE);
  return self;
}

GOutputStream *
vs_file_saver_get_stream (VsFileSaver *self)
{
  return self->stream;
}

static void
saver_free (VsFileSaver *self, gboolean keep)
{
  if (self->fd >= 0)
    close (self->fd);
  if (!keep)
    g_unlink (self->tmp);
  g_clear_object (&self->stream);
  g_free (self->path);
  g_free (self->tmp);
  g_free (self);
}

void
vs_file_saver_abort (VsFileSaver *self)
{
  if (self != NULL)
    saver_free (self, FALSE);
}

/* Aborts @self and sets @error from @cause, a write to the stream that failed: the disk's reason
 * when the stream gives one, the cause's own message otherwise.  Takes @self. */
void
vs_file_saver_fail (VsFileSaver  *self,
                    GError      **error,
                    GError       *cause)
{
  if (cause != NULL && g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
    set_save_error (error, self->path, ENOSPC);
  else if (cause != NULL && g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_READ_ONLY))
    set_save_error (error, self->path, EROFS);
  else
    {
      /* GIO says "Error writing to file descriptor: REASON"; the reason is what matters. */
      g_autofree char *display = g_path_get_basename (self->path);
      const char *why = cause != NULL ? cause->message : "writing failed";
      const char *colon = cause != NULL && cause->domain == G_IO_ERROR ? strrchr (why, ':') : NULL;

      g_set_error (error, cause != NULL ? cause->domain : G_IO_ERROR,
                   cause != NULL ? cause->code : G_IO_ERROR_FAILED,
                   "%s: could not be saved: %s; any earlier file is unchanged", display,
                   colon != NULL && colon[1] == ' ' ? colon + 2 : why);
    }
  saver_free (self, FALSE);
}

/* Flushes, syncs and closes the temporary file and renames it over the target.  Takes @self. */
gboolean
vs_file_saver_commit (VsFileSaver  *self,
                      GError      **error)
{
  g_autoptr(GError) local = NULL;
  int errsv;

  if (!g_output_stream_flush (self->stream, NULL, &local))
    {
      vs_file_saver_fail (self, error, local);
      return FALSE;
    }
  if (fsync (self->fd) != 0 || close (self->fd) != 0)
    {
      errsv = errno;
      self->fd = -1;
      set_save_error (error, self->path, errsv);
      saver_free (self, FALSE);
      return FALSE;
    }
  self->fd = -1;
  if (g_rename (self->tmp, self->path) != 0)
    {
      errsv = errno;
      set_save_error (error, self->path, errsv);
      saver_free (self, FALSE);
      return FALSE;
    }
  saver_free (self, TRUE);
  return TRUE;
}

/* The whole of a small file at once (tables, JSON): @length −1 for a NUL-terminated string. */
gboolean
vs_file_save_contents (const char   *path,
                       const void   *data,
                       gssize        length,
                       GError      **error)
{
  g_autoptr(VsFileSaver) saver = vs_file_saver_begin (path, error);
  g_autoptr(GError) local = NULL;
  gsize n = length < 0 ? strlen (data) : (gsize) length;

  if (saver == NULL)
    return FALSE;
  if (!g_output_stream_write_all (saver->stream, data, n, NULL, NULL, &local))
    {
      vs_file_saver_fail (g_steal_pointer (&saver), error, local);
      return FALSE;
    }
  return vs_file_saver_commit (g_steal_pointer (&saver), error);
}

/* Removes @dir and everything in it (a temporary folder given up, a Zarr array replaced). */
void
vs_file_remove_tree (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        vs_file_remove_tree (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}
