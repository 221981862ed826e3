/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-image-writer"

#include "config.h"

#include "vs-image-writer.h"

/* g_file_replace writes to a temporary file beside the target and renames it on close, so a
 * figure is either complete or not there, and an earlier figure survives a failed write. */

typedef struct {
  GOutputStream *stream;
  GError        *error;
} WriteClosure;

static cairo_status_t
write_chunk (void *closure, const unsigned char *data, unsigned int length)
{
  WriteClosure *wc = closure;

  if (wc->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!g_output_stream_write_all (wc->stream, data, length, NULL, NULL, &wc->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

gboolean
vs_image_writer_write_png (cairo_surface_t  *surface,
                           const char       *path,
                           GError          **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autofree char *display = g_path_get_basename (path);
  WriteClosure wc = { NULL, NULL };
  cairo_status_t status;

  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, error);
  if (stream == NULL)
    {
      g_prefix_error (error, "%s: ", display);
      return FALSE;
    }
  wc.stream = G_OUTPUT_STREAM (stream);
  status = cairo_surface_write_to_png_stream (surface, write_chunk, &wc);
  if (status != CAIRO_STATUS_SUCCESS || wc.error != NULL)
    {
      g_autoptr(GCancellable) cancel = g_cancellable_new ();
      /* Closing with a cancelled cancellable drops the temporary file, keeping the old one. */
      g_cancellable_cancel (cancel);
      g_output_stream_close (G_OUTPUT_STREAM (stream), cancel, NULL);
      if (wc.error != NULL)
        {
          g_propagate_prefixed_error (error, wc.error, "%s: ", display);
        }
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s", display,
                     cairo_status_to_string (status));
      return FALSE;
    }
  if (!g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, error))
    {
      g_prefix_error (error, "%s: ", display);
      return FALSE;
    }
  return TRUE;
}
