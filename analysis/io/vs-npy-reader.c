/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-npy-reader"

#include "config.h"

#include <math.h>
#include <string.h>

#include "vs-analysis-error.h"
#include "vs-npy-reader.h"

/* NumPy .npy (format 1.0, 2.0, 3.0) of floats or integers, either byte order, C or Fortran
 * order, 1 to 3 dimensions; read as a float64 matrix of shape[0] rows and the product of the
 * remaining dimensions as columns.  Feature matrices (n × p) and patch features (n × k × p). */

static gboolean
fail (GError **error, const char *display, const char *what)
{
  g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_CORRUPT, "%s: %s", display, what);
  return FALSE;
}

static const char *
dict_value (const char *header, const char *key)
{
  const char *p = strstr (header, key);
  if (p == NULL)
    return NULL;
  p = strchr (p + strlen (key), ':');
  if (p == NULL)
    return NULL;
  p++;
  while (g_ascii_isspace (*p))
    p++;
  return p;
}

typedef struct {
  gsize    offset;      /* where the data starts */
  char     kind;        /* f, i, u */
  gsize    item_size;
  gboolean fortran;
  gboolean swap;
  guint    dims;
  gsize    shape[3];
  gsize    n;           /* values */
} NpyHeader;

/* The magic, version and header dictionary at the start of @contents (at least the header). */
static gboolean
parse_header (const char *contents, gsize length, gsize file_length, const char *display,
              NpyHeader *h, GError **error)
{
  g_autofree char *header = NULL;
  gsize header_length;
  const char *descr, *order, *shape_text;
  char byte_order;

  memset (h, 0, sizeof *h);
  h->shape[0] = h->shape[1] = h->shape[2] = 1;
  h->n = 1;
  if (length < 10 || memcmp (contents, "\x93NUMPY", 6) != 0)
    {
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_NOT_SUPPORTED,
                   "%s: not a NumPy .npy file", display);
      return FALSE;
    }
  if (contents[6] == 1)
    {
      header_length = (guint8) contents[8] | ((guint8) contents[9] << 8);
      h->offset = 10;
    }
  else if (contents[6] == 2 || contents[6] == 3)
    {
      if (length < 12)
        return fail (error, display, "the header is cut short");
      header_length = (guint8) contents[8] | ((guint8) contents[9] << 8) |
                      ((gsize) (guint8) contents[10] << 16) | ((gsize) (guint8) contents[11] << 24);
      h->offset = 12;
    }
  else
    {
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_NOT_SUPPORTED,
                   "%s: .npy format version %d is not supported", display, contents[6]);
      return FALSE;
    }
  if (header_length > length - h->offset)
    return fail (error, display, "the header is longer than the file");
  header = g_strndup (contents + h->offset, header_length);
  h->offset += header_length;

  descr = dict_value (header, "'descr'");
  order = dict_value (header, "'fortran_order'");
  shape_text = dict_value (header, "'shape'");
  if (descr == NULL || order == NULL || shape_text == NULL || *descr != '\'' || *shape_text != '(')
    return fail (error, display, "the header lacks descr, fortran_order or shape");
  byte_order = descr[1];
  h->kind = descr[2];
  h->item_size = (gsize) g_ascii_strtoull (descr + 3, NULL, 10);
  h->fortran = g_str_has_prefix (order, "True");
  if (!((h->kind == 'f' && (h->item_size == 4 || h->item_size == 8)) ||
        ((h->kind == 'i' || h->kind == 'u') && (h->item_size == 1 || h->item_size == 2 ||
                                                h->item_size == 4 || h->item_size == 8))))
    {
      g_autofree char *type = g_strndup (descr, strcspn (descr, ",}"));
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_NOT_SUPPORTED,
                   "%s: data type %s is not supported (floats or integers only)", display, type);
      return FALSE;
    }
  h->swap = (byte_order == '>' && G_BYTE_ORDER == G_LITTLE_ENDIAN) ||
            (byte_order == '<' && G_BYTE_ORDER == G_BIG_ENDIAN);

  for (const char *p = shape_text + 1; *p != ')' && *p != '\0';)
    {
      char *end = NULL;
      guint64 v;
      while (*p == ' ' || *p == ',')
        p++;
      if (*p == ')')
        break;
      v = g_ascii_strtoull (p, &end, 10);
      if (end == p)
        return fail (error, display, "the shape is not a tuple of numbers");
      if (h->dims == 3)
        {
          g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_NOT_SUPPORTED,
                       "%s: more than 3 dimensions", display);
          return FALSE;
        }
      h->shape[h->dims++] = (gsize) v;
      p = end;
    }
  if (h->dims == 0)
    return fail (error, display, "holds a single number, not an array");
  for (guint d = 0; d < h->dims; d++)
    if (!g_size_checked_mul (&h->n, h->n, h->shape[d]))
      return fail (error, display, "the shape overflows");
  if (h->n > (file_length - MIN (h->offset, file_length)) / h->item_size)
    {
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_TRUNCATED,
                   "%s: the shape needs %" G_GSIZE_FORMAT " values but the file holds %"
                   G_GSIZE_FORMAT, display, h->n,
                   (file_length - MIN (h->offset, file_length)) / h->item_size);
      return FALSE;
    }
  return TRUE;
}

/* An analysis cannot use a NaN or an infinity: the first one is named by its index. */
static gpointer
non_finite (GError **error, const char *display, gsize i, const NpyHeader *h)
{
  gsize row = h->fortran ? i % MAX (h->shape[0], 1) : i / MAX (h->n / MAX (h->shape[0], 1), 1);

  g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_CORRUPT,
               "%s: value %" G_GSIZE_FORMAT " (row %" G_GSIZE_FORMAT ") is NaN or infinite; "
               "every value must be a finite number", display, i, row);
  return NULL;
}

VsMatrix *
vs_npy_read (const char  *path,
             gsize        shape[3],
             guint       *n_dims,
             GError     **error)
{
  g_autofree char *display = g_path_get_basename (path);
  g_autofree char *contents = NULL;
  g_autoptr(VsMatrix) matrix = NULL;
  g_autoptr(GError) local = NULL;
  gsize length, rows, cols;
  NpyHeader h;

  if (!g_file_get_contents (path, &contents, &length, &local))
    {
      g_set_error (error, local->domain, local->code, "%s: %s", display,
                   g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT) ? "no such file"
                                                                               : local->message);
      return NULL;
    }
  if (!parse_header (contents, length, length, display, &h, error))
    return NULL;
  rows = h.shape[0];
  cols = h.n / MAX (rows, 1);
  matrix = vs_matrix_new (rows, cols, error);
  if (matrix == NULL)
    return NULL;

  for (gsize i = 0; i < h.n; i++)
    {
      guint8 b[8];
      double v;
      gsize target;

      memcpy (b, contents + h.offset + i * h.item_size, h.item_size);
      if (h.swap)
        for (gsize k = 0; k < h.item_size / 2; k++)
          {
            guint8 t = b[k];
            b[k] = b[h.item_size - 1 - k];
            b[h.item_size - 1 - k] = t;
          }
#define AS(type) ({ type x; memcpy (&x, b, sizeof x); (double) x; })
      if (h.kind == 'f')
        v = h.item_size == 4 ? AS (float) : AS (double);
      else if (h.kind == 'i')
        v = h.item_size == 1 ? AS (gint8) : h.item_size == 2 ? AS (gint16)
          : h.item_size == 4 ? AS (gint32) : AS (gint64);
      else
        v = h.item_size == 1 ? AS (guint8) : h.item_size == 2 ? AS (guint16)
          : h.item_size == 4 ? AS (guint32) : AS (guint64);
#undef AS
      if (h.fortran)
        {
          /* Element i of a column-major array: first index varies fastest. */
          gsize i0 = i % h.shape[0], rest = i / h.shape[0];
          gsize i1 = h.dims > 1 ? rest % h.shape[1] : 0, i2 = h.dims > 2 ? rest / h.shape[1] : 0;
          target = i0 * cols + i1 * (h.dims > 2 ? h.shape[2] : 1) + i2;
        }
      else
        target = i;
      if (!isfinite (v))
        return non_finite (error, display, i, &h);
      matrix->data[target] = v;
    }
  if (shape != NULL)
    memcpy (shape, h.shape, sizeof h.shape);
  if (n_dims != NULL)
    *n_dims = h.dims;
  return g_steal_pointer (&matrix);
}

/* A C-order 2-D array n × v as a volume of v × 1 × 1 voxels and n frames in its own datatype,
 * read straight into the volume's memory: responses of a few GB are held once, not converted. */
VsVolume *
vs_npy_read_volume (const char  *path,
                    GError     **error)
{
  g_autofree char *display = g_path_get_basename (path);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(VsVolume) volume = NULL;
  g_autoptr(GError) local = NULL;
  char head[65536];
  gsize got = 0, file_length;
  VsDatatype type;
  gint64 dims[4];
  NpyHeader h;

  in = g_file_read (file, NULL, &local);
  if (in == NULL)
    {
      g_set_error (error, local->domain, local->code, "%s: %s", display,
                   g_error_matches (local, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) ? "no such file"
                                                                               : local->message);
      return NULL;
    }
  info = g_file_input_stream_query_info (in, G_FILE_ATTRIBUTE_STANDARD_SIZE, NULL, error);
  if (info == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (in), head, sizeof head, &got, NULL, error))
    return NULL;
  file_length = (gsize) g_file_info_get_size (info);
  if (!parse_header (head, got, file_length, display, &h, error))
    return NULL;
  if (h.dims != 2 || h.fortran)
    {
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_NOT_SUPPORTED,
                   "%s: responses must be a 2-D array (presentations × voxels) in C order",
                   display);
      return NULL;
    }
  if (h.kind == 'f')
    type = h.item_size == 4 ? VS_DATATYPE_FLOAT32 : VS_DATATYPE_FLOAT64;
  else if (h.kind == 'i')
    type = h.item_size == 1 ? VS_DATATYPE_INT8 : h.item_size == 2 ? VS_DATATYPE_INT16
         : h.item_size == 4 ? VS_DATATYPE_INT32 : VS_DATATYPE_INT64;
  else
    type = h.item_size == 1 ? VS_DATATYPE_UINT8 : h.item_size == 2 ? VS_DATATYPE_UINT16
         : h.item_size == 4 ? VS_DATATYPE_UINT32 : VS_DATATYPE_UINT64;
  dims[0] = (gint64) h.shape[1];
  dims[1] = dims[2] = 1;
  dims[3] = (gint64) h.shape[0];
  volume = vs_volume_new (type, dims, error);
  if (volume == NULL)
    {
      g_prefix_error (error, "%s: ", display);
      return NULL;
    }
  if (!g_seekable_seek (G_SEEKABLE (in), (goffset) h.offset, G_SEEK_SET, NULL, error) ||
      !g_input_stream_read_all (G_INPUT_STREAM (in), vs_volume_get_data_mutable (volume),
                                h.n * h.item_size, &got, NULL, error))
    return NULL;
  if (got != h.n * h.item_size)
    {
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_TRUNCATED,
                   "%s: the data ends early", display);
      return NULL;
    }
  if (h.swap && h.item_size > 1)
    {
      guint8 *b = vs_volume_get_data_mutable (volume);
      for (gsize i = 0; i < h.n; i++, b += h.item_size)
        for (gsize k = 0; k < h.item_size / 2; k++)
          {
            guint8 t = b[k];
            b[k] = b[h.item_size - 1 - k];
            b[h.item_size - 1 - k] = t;
          }
    }
  vs_volume_set_path (volume, path);
  return g_steal_pointer (&volume);
}

/* Any numeric C-order array as float32 (patch features: images × patches × channels can be
 * gigabytes, so neither float64 nor a second copy): @shape and @n_dims as the file has them. */
float *
vs_npy_read_float32 (const char  *path,
                     gsize        shape[3],
                     guint       *n_dims,
                     GError     **error)
{
  g_autofree char *display = g_path_get_basename (path);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree float *out = NULL;
  g_autofree guint8 *chunk = NULL;
  char head[65536];
  gsize got = 0;
  const gsize chunk_values = 1 << 20;
  VsDatatype type;
  NpyHeader h;

  in = g_file_read (file, NULL, &local);
  if (in == NULL)
    {
      g_set_error (error, local->domain, local->code, "%s: %s", display,
                   g_error_matches (local, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) ? "no such file"
                                                                               : local->message);
      return NULL;
    }
  info = g_file_input_stream_query_info (in, G_FILE_ATTRIBUTE_STANDARD_SIZE, NULL, error);
  if (info == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (in), head, sizeof head, &got, NULL, error))
    return NULL;
  if (!parse_header (head, got, (gsize) g_file_info_get_size (info), display, &h, error))
    return NULL;
  if (h.fortran)
    {
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_NOT_SUPPORTED,
                   "%s: Fortran order; save it in C order (numpy.ascontiguousarray)", display);
      return NULL;
    }
  if (h.kind == 'f')
    type = h.item_size == 4 ? VS_DATATYPE_FLOAT32 : VS_DATATYPE_FLOAT64;
  else if (h.kind == 'i')
    type = h.item_size == 1 ? VS_DATATYPE_INT8 : h.item_size == 2 ? VS_DATATYPE_INT16
         : h.item_size == 4 ? VS_DATATYPE_INT32 : VS_DATATYPE_INT64;
  else
    type = h.item_size == 1 ? VS_DATATYPE_UINT8 : h.item_size == 2 ? VS_DATATYPE_UINT16
         : h.item_size == 4 ? VS_DATATYPE_UINT32 : VS_DATATYPE_UINT64;
  out = g_try_malloc (MAX (h.n, 1) * sizeof (float));
  if (out == NULL)
    {
      g_autofree char *size = g_format_size (h.n * sizeof (float));
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_TOO_LARGE,
                   "%s: its %s as float32 do not fit in memory", display, size);
      return NULL;
    }
  if (!g_seekable_seek (G_SEEKABLE (in), (goffset) h.offset, G_SEEK_SET, NULL, error))
    return NULL;
  chunk = g_new (guint8, chunk_values * h.item_size);
  for (gsize done = 0; done < h.n;)
    {
      gsize count = MIN (chunk_values, h.n - done);
      if (!g_input_stream_read_all (G_INPUT_STREAM (in), chunk, count * h.item_size, &got, NULL,
                                    error))
        return NULL;
      if (got != count * h.item_size)
        {
          g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_TRUNCATED,
                       "%s: the data ends early", display);
          return NULL;
        }
      if (h.swap && h.item_size > 1)
        for (gsize i = 0; i < count; i++)
          for (gsize b = 0; b < h.item_size / 2; b++)
            {
              guint8 t = chunk[i * h.item_size + b];
              chunk[i * h.item_size + b] = chunk[i * h.item_size + h.item_size - 1 - b];
              chunk[i * h.item_size + h.item_size - 1 - b] = t;
            }
      for (gsize i = 0; i < count; i++)
        {
          out[done + i] = (float) vs_datatype_read (type, chunk, i);
          if (!isfinite (out[done + i]))
            return non_finite (error, display, done + i, &h);
        }
      done += count;
    }
  memcpy (shape, h.shape, sizeof h.shape);
  *n_dims = h.dims;
  return g_steal_pointer (&out);
}
