/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-label-journal"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vs-datatype.h"
#include "vs-label-journal.h"

/* The autosave of label edits: a journal beside the label file that every edit, undo and redo
 * appends to (and syncs to disk) as the voxels it touched — runs of indices and the values they
 * now hold.  Replaying it over the file as it was opened gives the labels as they were at the
 * last edit, so a crash loses nothing that was drawn.  Its header names the volume's grid and
 * type and the size and time of the file it belongs to, so it is never replayed over a file that
 * changed since.  A record cut short by the crash is recognised by its end mark and left out.
 *
 *   header: "VSLJRNL1", u32 datatype, u32 value size, i64 dims[3], u64 file size,
 *           i64 file mtime
 *   record: u32 "RUNS", u32 n_runs, n_runs × (u64 start, u32 length), the values, u32 "DONE" */

#define MAGIC "VSLJRNL1"
#define RECORD_START 0x534e5552u   /* "RUNS" */
#define RECORD_END   0x454e4f44u   /* "DONE" */

typedef struct {
  char    magic[8];
  guint32 datatype;
  guint32 value_size;
  gint64  dims[3];
  guint64 file_size;
  gint64  file_mtime;
} Header;

struct _VsLabelJournal
{
  char     *path;
  int       fd;
  VsVolume *labels;
};

static gboolean
make_header (VsVolume *labels, Header *header, GError **error)
{
  const char *source = vs_volume_get_path (labels);
  gint64 dims[4];
  GStatBuf st;

  memset (header, 0, sizeof *header);
  if (source == NULL || g_stat (source, &st) != 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("the labels have no file of their own to autosave beside"));
      return FALSE;
    }
  memcpy (header->magic, MAGIC, 8);
  header->datatype = vs_volume_get_datatype (labels);
  header->value_size = (guint32) vs_datatype_get_size (vs_volume_get_datatype (labels));
  vs_volume_get_dims (labels, dims);
  memcpy (header->dims, dims, sizeof header->dims);
  header->file_size = (guint64) st.st_size;
  header->file_mtime = (gint64) st.st_mtime;
  return TRUE;
}

static gboolean
write_all (int fd, const void *data, gsize size, const char *path, GError **error)
{
  const guint8 *p = data;

  while (size > 0)
    {
      gssize n = write (fd, p, size);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          int saved = errno;
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       _("Could not autosave the label edits to %s: %s"), path,
                       g_strerror (saved));
          return FALSE;
        }
      p += n;
      size -= (gsize) n;
    }
  return TRUE;
}

static VsLabelJournal *
journal_new (const char *path, int fd, VsVolume *labels)
{
  VsLabelJournal *self = g_new0 (VsLabelJournal, 1);

  self->path = g_strdup (path);
  self->fd = fd;
  self->labels = g_object_ref (labels);
  return self;
}

/* A new journal at @path for edits of @labels (a file there is replaced). */
VsLabelJournal *
vs_label_journal_create (const char  *path,
                         VsVolume    *labels,
                         GError     **error)
{
  Header header;
  int fd;

  if (!make_header (labels, &header, error))
    return NULL;
  fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not autosave the label edits to %s: %s"), path, g_strerror (saved));
      return NULL;
    }
  if (!write_all (fd, &header, sizeof header, path, error) || fdatasync (fd) != 0)
    {
      close (fd);
      if (error != NULL && *error == NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                     _("Could not autosave the label edits to %s"), path);
      return NULL;
    }
  return journal_new (path, fd, labels);
}

/* The journal at @path, replayed already, to go on appending to. */
VsLabelJournal *
vs_label_journal_reopen (const char  *path,
                         VsVolume    *labels,
                         GError     **error)
{
  int fd = g_open (path, O_WRONLY | O_APPEND | O_CLOEXEC, 0644);

  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not autosave the label edits to %s: %s"), path, g_strerror (saved));
      return NULL;
    }
  return journal_new (path, fd, labels);
}

/* Appends the voxels in the runs with the values they hold now, and syncs. */
gboolean
vs_label_journal_append (VsLabelJournal  *self,
                         const guint64   *run_start,
                         const guint32   *run_length,
                         guint            n_runs,
                         GError         **error)
{
  g_autoptr(GByteArray) record = g_byte_array_new ();
  gsize value_size = vs_datatype_get_size (vs_volume_get_datatype (self->labels));
  const guint8 *data = vs_volume_get_data (self->labels);
  guint32 word;

  word = RECORD_START;
  g_byte_array_append (record, (const guint8 *) &word, 4);
  word = n_runs;
  g_byte_array_append (record, (const guint8 *) &word, 4);
  for (guint r = 0; r < n_runs; r++)
    {
      g_byte_array_append (record, (const guint8 *) &run_start[r], 8);
      g_byte_array_append (record, (const guint8 *) &run_length[r], 4);
    }
  for (guint r = 0; r < n_runs; r++)
    g_byte_array_append (record, data + run_start[r] * value_size,
                         (guint) (run_length[r] * value_size));
  word = RECORD_END;
  g_byte_array_append (record, (const guint8 *) &word, 4);
  if (!write_all (self->fd, record->data, record->len, self->path, error))
    return FALSE;
  if (fdatasync (self->fd) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not autosave the label edits to %s: %s"), self->path,
                   g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

const char *
vs_label_journal_get_path (VsLabelJournal *self)
{
  return self->path;
}

void
vs_label_journal_free (VsLabelJournal *self)
{
  if (self == NULL)
    return;
  close (self->fd);
  g_object_unref (self->labels);
  g_free (self->path);
  g_free (self);
}

static gboolean
read_header (const guint8 *contents, gsize length, VsVolume *labels, GError **error)
{
  Header expected, found;

  if (!make_header (labels, &expected, error))
    return FALSE;
  if (length < sizeof found)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("it is not a journal of label edits"));
      return FALSE;
    }
  memcpy (&found, contents, sizeof found);
  if (memcmp (found.magic, MAGIC, 8) != 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("it is not a journal of label edits"));
      return FALSE;
    }
  if (memcmp (&found, &expected, sizeof found) != 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("the label file changed since these edits were made"));
      return FALSE;
    }
  return TRUE;
}

/* Whether @path holds edits made to @labels as their file is now. */
gboolean
vs_label_journal_matches (const char *path,
                          VsVolume   *labels)
{
  gsize length = 0;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) in = g_file_read (file, NULL, NULL);
  guint8 head[sizeof (Header)];

  if (in == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (in), head, sizeof head, &length, NULL, NULL))
    return FALSE;
  return read_header (head, length, labels, NULL);
}

static void
read_run (const guint8 *runs, guint r, guint64 *start, guint32 *length)
{
  memcpy (start, runs + r * 12, 8);
  memcpy (length, runs + r * 12 + 8, 4);
}

/* Applies the edits in @path to @labels (the file as opened); the record a crash cut short is
 * left out.  @n_records: how many were applied. */
gboolean
vs_label_journal_replay (const char  *path,
                         VsVolume    *labels,
                         guint       *n_records,
                         GError     **error)
{
  g_autofree guint8 *contents = NULL;
  gsize length = 0, at = sizeof (Header);
  gsize value_size = vs_datatype_get_size (vs_volume_get_datatype (labels));
  guint8 *data = vs_volume_get_data_mutable (labels);
  guint64 n_voxels = vs_volume_get_frame_voxels (labels);
  g_autofree char *name = g_path_get_basename (path);

  if (n_records != NULL)
    *n_records = 0;
  if (!g_file_get_contents (path, (char **) &contents, &length, error))
    return FALSE;
  if (!read_header (contents, length, labels, error))
    {
      g_prefix_error (error, _("%s cannot be replayed: "), name);
      return FALSE;
    }
  while (at + 8 <= length)
    {
      guint32 start_mark, n_runs, end_mark;
      gsize runs_at, values_at, total = 0;

      memcpy (&start_mark, contents + at, 4);
      memcpy (&n_runs, contents + at + 4, 4);
      runs_at = at + 8;
      if (start_mark != RECORD_START || runs_at + (gsize) n_runs * 12 > length)
        break;
      for (guint r = 0; r < n_runs; r++)
        {
          guint64 start;
          guint32 len;
          read_run (contents + runs_at, r, &start, &len);
          if (start + len > n_voxels)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("%s cannot be replayed: an edit lies outside the volume"), name);
              return FALSE;
            }
          total += len;
        }
      values_at = runs_at + (gsize) n_runs * 12;
      if (values_at + total * value_size + 4 > length)
        break;   /* cut short */
      memcpy (&end_mark, contents + values_at + total * value_size, 4);
      if (end_mark != RECORD_END)
        break;
      for (guint r = 0; r < n_runs; r++)
        {
          guint64 start;
          guint32 len;
          read_run (contents + runs_at, r, &start, &len);
          memcpy (data + start * value_size, contents + values_at, len * value_size);
          values_at += len * value_size;
        }
      at = values_at + 4;
      if (n_records != NULL)
        (*n_records)++;
    }
  return TRUE;
}
