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

VsMatrix *
vs_npy_read (const char  *path,
             gsize        shape[3],
             guint       *n_dims,
             GError     **error)
{
  g_autofree char *display = g_path_get_basename (path);
  g_autofree char *contents = NULL;
  g_autofree char *header = NULL;
  g_autoptr(VsMatrix) matrix = NULL;
  g_autoptr(GError) local = NULL;
  gsize length, header_length, offset, item_size, n = 1, rows, cols;
  const char *descr, *order, *shape_text;
  char kind, byte_order;
  gboolean fortran, swap;
  guint dims = 0;
  gsize s[3] = { 1, 1, 1 };

  if (!g_file_get_contents (path, &contents, &length, &local))
    {
      g_set_error (error, local->domain, local->code, "%s: %s", display,
                   g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT) ? "no such file"
                                                                               : local->message);
      return NULL;
    }
  if (length < 10 || memcmp (contents, "\x93NUMPY", 6) != 0)
    {
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_NOT_SUPPORTED,
                   "%s: not a NumPy .npy file", display);
      return NULL;
    }
  if (contents[6] == 1)
    {
      header_length = (guint8) contents[8] | ((guint8) contents[9] << 8);
      offset = 10;
    }
  else if (contents[6] == 2 || contents[6] == 3)
    {
      if (length < 12)
        return fail (error, display, "the header is cut short"), NULL;
      header_length = (guint8) contents[8] | ((guint8) contents[9] << 8) |
                      ((gsize) (guint8) contents[10] << 16) | ((gsize) (guint8) contents[11] << 24);
      offset = 12;
    }
  else
    {
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_NOT_SUPPORTED,
                   "%s: .npy format version %d is not supported", display, contents[6]);
      return NULL;
    }
  if (header_length > length - offset)
    return fail (error, display, "the header is longer than the file"), NULL;
  header = g_strndup (contents + offset, header_length);
  offset += header_length;

  descr = dict_value (header, "'descr'");
  order = dict_value (header, "'fortran_order'");
  shape_text = dict_value (header, "'shape'");
  if (descr == NULL || order == NULL || shape_text == NULL || *descr != '\'' || *shape_text != '(')
    return fail (error, display, "the header lacks descr, fortran_order or shape"), NULL;
  byte_order = descr[1];
  kind = descr[2];
  item_size = (gsize) g_ascii_strtoull (descr + 3, NULL, 10);
  fortran = g_str_has_prefix (order, "True");
  if (!((kind == 'f' && (item_size == 4 || item_size == 8)) ||
        ((kind == 'i' || kind == 'u') && (item_size == 1 || item_size == 2 || item_size == 4 ||
                                          item_size == 8))))
    {
      g_autofree char *type = g_strndup (descr, strcspn (descr, ",}"));
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_NOT_SUPPORTED,
                   "%s: data type %s is not supported (floats or integers only)", display, type);
      return NULL;
    }
  swap = (byte_order == '>' && G_BYTE_ORDER == G_LITTLE_ENDIAN) ||
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
        return fail (error, display, "the shape is not a tuple of numbers"), NULL;
      if (dims == 3)
        {
          g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_NOT_SUPPORTED,
                       "%s: more than 3 dimensions", display);
          return NULL;
        }
      s[dims++] = (gsize) v;
      p = end;
    }
  if (dims == 0)
    return fail (error, display, "holds a single number, not an array"), NULL;
  for (guint d = 0; d < dims; d++)
    if (!g_size_checked_mul (&n, n, s[d]))
      return fail (error, display, "the shape overflows"), NULL;
  if (n > (length - offset) / item_size)
    {
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_TRUNCATED,
                   "%s: the shape needs %" G_GSIZE_FORMAT " values but the file holds %"
                   G_GSIZE_FORMAT, display, n, (length - offset) / item_size);
      return NULL;
    }
  rows = s[0];
  cols = n / MAX (rows, 1);
  matrix = vs_matrix_new (rows, cols, error);
  if (matrix == NULL)
    return NULL;

  for (gsize i = 0; i < n; i++)
    {
      guint8 b[8];
      double v;
      gsize target;

      memcpy (b, contents + offset + i * item_size, item_size);
      if (swap)
        for (gsize k = 0; k < item_size / 2; k++)
          {
            guint8 t = b[k];
            b[k] = b[item_size - 1 - k];
            b[item_size - 1 - k] = t;
          }
#define AS(type) ({ type x; memcpy (&x, b, sizeof x); (double) x; })
      if (kind == 'f')
        v = item_size == 4 ? AS (float) : AS (double);
      else if (kind == 'i')
        v = item_size == 1 ? AS (gint8) : item_size == 2 ? AS (gint16) : item_size == 4 ? AS (gint32)
                                                                                   : AS (gint64);
      else
        v = item_size == 1 ? AS (guint8) : item_size == 2 ? AS (guint16)
          : item_size == 4 ? AS (guint32) : AS (guint64);
#undef AS
      if (fortran)
        {
          /* Element i of a column-major array: first index varies fastest. */
          gsize i0 = i % s[0], rest = i / s[0];
          gsize i1 = dims > 1 ? rest % s[1] : 0, i2 = dims > 2 ? rest / s[1] : 0;
          target = i0 * cols + i1 * (dims > 2 ? s[2] : 1) + i2;
        }
      else
        target = i;
      matrix->data[target] = v;
    }
  if (shape != NULL)
    memcpy (shape, s, sizeof s);
  if (n_dims != NULL)
    *n_dims = dims;
  return g_steal_pointer (&matrix);
}
