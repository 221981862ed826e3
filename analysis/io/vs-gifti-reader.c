/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-gifti-reader"

#include "config.h"

#include <math.h>
#include <string.h>
#include <zlib.h>

#include "vs-analysis-error.h"
#include "vs-gifti-reader.h"

/* GIFTI with GMarkup and zlib (not libgiftiio, whose symbols collide with libnifti2's).  All four
 * encodings, both byte orders, every NIfTI datatype, row- or column-major.  Tolerant where real
 * files are sloppy (whitespace inside base64, a DataArray count that is off by one); strict
 * where the data cannot be right (a byte count that does not match the dims). */

typedef struct {
  char       *intent;
  char       *datatype;
  char       *encoding;
  char       *endian;
  char       *order;
  char       *external_name;
  gint64      external_offset;
  gint64      dims[6];
  int         n_dims;
  GHashTable *metadata;   /* name → value */
  GString    *text;
  double     *values;     /* decoded, row-major */
  gsize       n_values;
} DataArray;

typedef struct {
  const char   *display;
  char         *dir;
  GPtrArray    *arrays;
  VsLabelTable *labels;
  GHashTable   *metadata;
  /* parse state */
  DataArray    *current;
  GString      *text;
  char         *md_name;
  char         *md_value;
  gboolean      in_data;
  gboolean      in_label;
  guint32       label_key;
  guint8        label_rgba[4];
  GQueue        stack;
} Parse;

static void
data_array_free (gpointer data)
{
  DataArray *a = data;
  g_free (a->intent);
  g_free (a->datatype);
  g_free (a->encoding);
  g_free (a->endian);
  g_free (a->order);
  g_free (a->external_name);
  g_clear_pointer (&a->metadata, g_hash_table_unref);
  if (a->text != NULL)
    g_string_free (a->text, TRUE);
  g_free (a->values);
  g_free (a);
}

static const char *
attribute (const char **names, const char **values, const char *name)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (g_strcmp0 (names[i], name) == 0)
      return values[i];
  return NULL;
}

static gboolean
parse_int (const char *text, gint64 *out)
{
  char *end = NULL;
  if (text == NULL)
    return FALSE;
  *out = g_ascii_strtoll (text, &end, 10);
  while (end != NULL && g_ascii_isspace (*end))
    end++;
  return end != text && end != NULL && *end == '\0';
}

static void
on_start (GMarkupParseContext *context, const char *element, const char **names,
          const char **values, gpointer user_data, GError **error)
{
  Parse *p = user_data;

  g_queue_push_head (&p->stack, (gpointer) g_intern_string (element));
  g_string_truncate (p->text, 0);

  if (g_str_equal (element, "DataArray"))
    {
      DataArray *a = g_new0 (DataArray, 1);
      const char *dimensionality = attribute (names, values, "Dimensionality");
      gint64 n_dims = 1;

      a->intent = g_strdup (attribute (names, values, "Intent"));
      a->datatype = g_strdup (attribute (names, values, "DataType"));
      a->encoding = g_strdup (attribute (names, values, "Encoding"));
      a->endian = g_strdup (attribute (names, values, "Endian"));
      a->order = g_strdup (attribute (names, values, "ArrayIndexingOrder"));
      a->external_name = g_strdup (attribute (names, values, "ExternalFileName"));
      if (!parse_int (attribute (names, values, "ExternalFileOffset"), &a->external_offset))
        a->external_offset = 0;
      a->metadata = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      a->text = g_string_new (NULL);
      if (dimensionality != NULL && (!parse_int (dimensionality, &n_dims) || n_dims < 1 ||
                                     n_dims > 6))
        {
          g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                       "DataArray %u has Dimensionality “%s” (1 to 6 allowed)",
                       p->arrays->len + 1, dimensionality);
          data_array_free (a);
          return;
        }
      a->n_dims = (int) n_dims;
      for (int d = 0; d < a->n_dims; d++)
        {
          g_autofree char *key = g_strdup_printf ("Dim%d", d);
          if (!parse_int (attribute (names, values, key), &a->dims[d]) || a->dims[d] < 0)
            {
              g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                           "DataArray %u has no valid %s", p->arrays->len + 1, key);
              data_array_free (a);
              return;
            }
        }
      p->current = a;
      g_ptr_array_add (p->arrays, a);
    }
  else if (g_str_equal (element, "Data"))
    p->in_data = TRUE;
  else if (g_str_equal (element, "Label"))
    {
      const char *key = attribute (names, values, "Key");
      const char *channels[4] = { "Red", "Green", "Blue", "Alpha" };
      gint64 k;

      if (key == NULL)
        key = attribute (names, values, "Index");
      if (!parse_int (key, &k) || k < 0 || k > G_MAXUINT32)
        {
          g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                       "a label has no valid Key");
          return;
        }
      p->label_key = (guint32) k;
      for (int c = 0; c < 4; c++)
        {
          const char *v = attribute (names, values, channels[c]);
          double f = v != NULL ? g_ascii_strtod (v, NULL) : (c == 3 ? 1.0 : 0.0);
          p->label_rgba[c] = (guint8) lround (CLAMP (f, 0.0, 1.0) * 255);
        }
      p->in_label = TRUE;
    }
}

static void
on_text (GMarkupParseContext *context, const char *text, gsize len, gpointer user_data,
         GError **error)
{
  Parse *p = user_data;

  if (p->in_data && p->current != NULL)
    g_string_append_len (p->current->text, text, len);
  else
    g_string_append_len (p->text, text, len);
}

/* GMarkup hands CDATA sections (how GIFTI writers quote names) to passthrough, markers and all. */
static void
on_passthrough (GMarkupParseContext *context, const char *text, gsize len, gpointer user_data,
                GError **error)
{
  if (len >= 12 && strncmp (text, "<![CDATA[", 9) == 0 && strncmp (text + len - 3, "]]>", 3) == 0)
    on_text (context, text + 9, len - 12, user_data, error);
}

static void
on_end (GMarkupParseContext *context, const char *element, gpointer user_data, GError **error)
{
  Parse *p = user_data;

  g_queue_pop_head (&p->stack);
  if (g_str_equal (element, "Data"))
    p->in_data = FALSE;
  else if (g_str_equal (element, "DataArray"))
    p->current = NULL;
  else if (g_str_equal (element, "Name"))
    {
      g_free (p->md_name);
      p->md_name = g_strstrip (g_strdup (p->text->str));
    }
  else if (g_str_equal (element, "Value"))
    {
      g_free (p->md_value);
      p->md_value = g_strstrip (g_strdup (p->text->str));
    }
  else if (g_str_equal (element, "MD") && p->md_name != NULL)
    {
      GHashTable *target = p->current != NULL ? p->current->metadata : p->metadata;
      g_hash_table_replace (target, g_steal_pointer (&p->md_name),
                            g_strdup (p->md_value != NULL ? p->md_value : ""));
      g_clear_pointer (&p->md_value, g_free);
    }
  else if (g_str_equal (element, "Label") && p->in_label)
    {
      g_autofree char *name = g_strstrip (g_strdup (p->text->str));
      vs_label_table_add (p->labels, p->label_key, name, p->label_rgba);
      p->in_label = FALSE;
    }
}

static gsize
datatype_size (const char *datatype, gboolean *is_float)
{
  static const struct { const char *name; gsize size; gboolean is_float; } types[] = {
    { "NIFTI_TYPE_UINT8", 1, FALSE }, { "NIFTI_TYPE_INT8", 1, FALSE },
    { "NIFTI_TYPE_UINT16", 2, FALSE }, { "NIFTI_TYPE_INT16", 2, FALSE },
    { "NIFTI_TYPE_UINT32", 4, FALSE }, { "NIFTI_TYPE_INT32", 4, FALSE },
    { "NIFTI_TYPE_UINT64", 8, FALSE }, { "NIFTI_TYPE_INT64", 8, FALSE },
    { "NIFTI_TYPE_FLOAT32", 4, TRUE }, { "NIFTI_TYPE_FLOAT64", 8, TRUE },
  };
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (g_strcmp0 (datatype, types[i].name) == 0)
      {
        *is_float = types[i].is_float;
        return types[i].size;
      }
  return 0;
}

static double
read_binary (const guint8 *p, const char *datatype, gboolean swap)
{
  guint8 b[8];
  gsize size;
  gboolean is_float;

  size = datatype_size (datatype, &is_float);
  memcpy (b, p, size);
  if (swap)
    for (gsize i = 0; i < size / 2; i++)
      {
        guint8 t = b[i];
        b[i] = b[size - 1 - i];
        b[size - 1 - i] = t;
      }
#define AS(type) ({ type v; memcpy (&v, b, sizeof v); (double) v; })
  if (g_str_equal (datatype, "NIFTI_TYPE_UINT8")) return AS (guint8);
  if (g_str_equal (datatype, "NIFTI_TYPE_INT8")) return AS (gint8);
  if (g_str_equal (datatype, "NIFTI_TYPE_UINT16")) return AS (guint16);
  if (g_str_equal (datatype, "NIFTI_TYPE_INT16")) return AS (gint16);
  if (g_str_equal (datatype, "NIFTI_TYPE_UINT32")) return AS (guint32);
  if (g_str_equal (datatype, "NIFTI_TYPE_INT32")) return AS (gint32);
  if (g_str_equal (datatype, "NIFTI_TYPE_UINT64")) return AS (guint64);
  if (g_str_equal (datatype, "NIFTI_TYPE_INT64")) return AS (gint64);
  if (g_str_equal (datatype, "NIFTI_TYPE_FLOAT32")) return AS (float);
  return AS (double);
#undef AS
}

static guint8 *
inflate_all (const guint8 *in, gsize in_len, gsize expected, GError **error)
{
  g_autofree guint8 *out = g_try_malloc (MAX (expected, 1));
  z_stream z = { 0 };
  int status;

  if (out == NULL)
    {
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_TOO_LARGE,
                   "cannot allocate %" G_GSIZE_FORMAT " bytes", expected);
      return NULL;
    }
  if (inflateInit2 (&z, 15 + 32) != Z_OK)  /* zlib or gzip header */
    {
      g_set_error_literal (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_CORRUPT, "zlib failed");
      return NULL;
    }
  z.next_in = (Bytef *) in;
  z.avail_in = (uInt) in_len;
  z.next_out = out;
  z.avail_out = (uInt) expected;
  status = inflate (&z, Z_FINISH);
  inflateEnd (&z);
  if (status != Z_STREAM_END || z.total_out != expected)
    {
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_CORRUPT,
                   "the compressed data %s (%lu of %" G_GSIZE_FORMAT " bytes)",
                   status == Z_STREAM_END || status == Z_BUF_ERROR ? "has the wrong length"
                                                                    : "is damaged",
                   z.total_out, expected);
      return NULL;
    }
  return g_steal_pointer (&out);
}

/* Older writers (nibabel's fixtures among them) spell encodings GIFTI_ENCODING_… */
static const char *
canonical_encoding (const char *encoding)
{
  static const char *aliases[][2] = {
    { "GIFTI_ENCODING_ASCII", "ASCII" }, { "GIFTI_ENCODING_B64BIN", "Base64Binary" },
    { "GIFTI_ENCODING_B64GZ", "GZipBase64Binary" }, { "GIFTI_ENCODING_EXTBIN", "ExternalFileBinary" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (g_strcmp0 (encoding, aliases[i][0]) == 0)
      return aliases[i][1];
  return encoding;
}

static gboolean
decode_array (Parse *p, DataArray *a, guint index, GError **error)
{
  gsize n = 1, size;
  gboolean is_float, swap;
  g_autofree guint8 *bytes = NULL;
  gsize n_bytes = 0;

  for (int d = 0; d < a->n_dims; d++)
    {
      if (!g_size_checked_mul (&n, n, (gsize) a->dims[d]))
        goto too_large;
    }
  size = datatype_size (a->datatype, &is_float);
  if (size == 0)
    {
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_NOT_SUPPORTED,
                   "%s: DataArray %u has DataType “%s”, which is not supported", p->display,
                   index, a->datatype != NULL ? a->datatype : "(none)");
      return FALSE;
    }
  if (n > G_MAXSIZE / 8 / size)
    goto too_large;
  swap = (g_strcmp0 (a->endian, "BigEndian") == 0 || g_strcmp0 (a->endian, "GIFTI_ENDIAN_BIG") == 0)
         == (G_BYTE_ORDER == G_LITTLE_ENDIAN);
  {
    char *canonical = g_strdup (canonical_encoding (a->encoding));
    g_free (a->encoding);
    a->encoding = canonical;
  }
  a->values = g_try_new (double, MAX (n, 1));
  if (a->values == NULL)
    goto too_large;
  a->n_values = n;

  if (a->encoding == NULL || g_str_equal (a->encoding, "ASCII"))
    {
      const char *s = a->text->str;
      for (gsize i = 0; i < n; i++)
        {
          char *end = NULL;
          while (g_ascii_isspace (*s))
            s++;
          a->values[i] = g_ascii_strtod (s, &end);
          if (end == s)
            {
              g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_CORRUPT,
                           "%s: DataArray %u has %" G_GSIZE_FORMAT " numbers, its dims say %"
                           G_GSIZE_FORMAT, p->display, index, i, n);
              return FALSE;
            }
          s = end;
        }
      return TRUE;
    }

  if (g_str_equal (a->encoding, "Base64Binary") || g_str_equal (a->encoding, "GZipBase64Binary"))
    {
      GString *clean = g_string_sized_new (a->text->len);
      g_autofree guint8 *decoded = NULL;
      gsize decoded_len = 0;

      for (gsize i = 0; i < a->text->len; i++)
        if (!g_ascii_isspace (a->text->str[i]))
          g_string_append_c (clean, a->text->str[i]);
      for (gsize i = 0; i < clean->len; i++)
        if (!g_ascii_isalnum (clean->str[i]) && strchr ("+/=", clean->str[i]) == NULL)
          {
            g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_CORRUPT,
                         "%s: DataArray %u holds a character that is not base64", p->display,
                         index);
            g_string_free (clean, TRUE);
            return FALSE;
          }
      decoded = clean->len > 0 ? g_base64_decode (clean->str, &decoded_len) : NULL;
      g_string_free (clean, TRUE);
      if (g_str_equal (a->encoding, "GZipBase64Binary"))
        {
          g_autoptr(GError) local = NULL;
          bytes = inflate_all (decoded, decoded_len, n * size, &local);
          if (bytes == NULL)
            {
              g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_CORRUPT,
                           "%s: DataArray %u: %s", p->display, index, local->message);
              return FALSE;
            }
          n_bytes = n * size;
        }
      else
        {
          bytes = g_steal_pointer (&decoded);
          n_bytes = decoded_len;
        }
    }
  else if (g_str_equal (a->encoding, "ExternalFileBinary"))
    {
      g_autofree char *name = g_strstrip (g_strdup (a->external_name != NULL ?
                                                    a->external_name : ""));
      g_autofree char *path = g_path_is_absolute (name) ? g_strdup (name)
                                                         : g_build_filename (p->dir, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) local = NULL;
      g_autoptr(GFileInputStream) in = g_file_read (file, NULL, &local);

      if (in == NULL)
        {
          g_set_error (error, local->domain, local->code,
                       "%s: DataArray %u: its data file “%s” cannot be read (%s)", p->display,
                       index, name, g_error_matches (local, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)
                                    ? "no such file" : local->message);
          return FALSE;
        }
      if (!g_seekable_seek (G_SEEKABLE (in), a->external_offset, G_SEEK_SET, NULL, error))
        {
          g_prefix_error (error, "%s: DataArray %u: ", p->display, index);
          return FALSE;
        }
      bytes = g_malloc (MAX (n * size, 1));
      if (!g_input_stream_read_all (G_INPUT_STREAM (in), bytes, n * size, &n_bytes, NULL, error))
        {
          g_prefix_error (error, "%s: DataArray %u: ", p->display, index);
          return FALSE;
        }
    }
  else
    {
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_NOT_SUPPORTED,
                   "%s: DataArray %u has Encoding “%s”, which is not supported", p->display,
                   index, a->encoding);
      return FALSE;
    }

  if (n_bytes != n * size)
    {
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_CORRUPT,
                   "%s: DataArray %u holds %" G_GSIZE_FORMAT " bytes but its dims and type need %"
                   G_GSIZE_FORMAT, p->display, index, n_bytes, n * size);
      return FALSE;
    }
  for (gsize i = 0; i < n; i++)
    a->values[i] = read_binary (bytes + i * size, a->datatype, swap);

  /* Column-major 2D arrays become row-major (one row per vertex or triangle). */
  if (g_strcmp0 (a->order, "ColumnMajorOrder") == 0 && a->n_dims == 2 && a->dims[1] > 1)
    {
      g_autofree double *t = g_new (double, n);
      gsize rows = a->dims[0], cols = a->dims[1];
      for (gsize r = 0; r < rows; r++)
        for (gsize c = 0; c < cols; c++)
          t[r * cols + c] = a->values[c * rows + r];
      memcpy (a->values, t, n * sizeof (double));
    }
  return TRUE;

too_large:
  g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_TOO_LARGE,
               "%s: DataArray %u is too large", p->display, index);
  return FALSE;
}

static void
parse_clear (Parse *p)
{
  g_free (p->dir);
  g_clear_pointer (&p->arrays, g_ptr_array_unref);
  g_clear_object (&p->labels);
  g_clear_pointer (&p->metadata, g_hash_table_unref);
  if (p->text != NULL)
    g_string_free (p->text, TRUE);
  g_free (p->md_name);
  g_free (p->md_value);
  g_queue_clear (&p->stack);
}

static gboolean
parse_file (const char *path, const char *display, Parse *p, GError **error)
{
  static const GMarkupParser parser = { on_start, on_end, on_text, on_passthrough, NULL };
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) local = NULL;
  gsize length;

  memset (p, 0, sizeof *p);
  p->display = display;
  p->dir = g_path_get_dirname (path);
  p->arrays = g_ptr_array_new_with_free_func (data_array_free);
  p->labels = vs_label_table_new ();
  p->metadata = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  p->text = g_string_new (NULL);

  if (!g_file_get_contents (path, &contents, &length, &local))
    {
      g_set_error (error, local->domain, local->code, "%s: %s", display,
                   g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT) ? "no such file"
                                                                               : local->message);
      return FALSE;
    }
  if (strstr (contents, "<GIFTI") == NULL)
    {
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_NOT_SUPPORTED,
                   "%s: not a GIFTI file (no <GIFTI> element)", display);
      return FALSE;
    }
  context = g_markup_parse_context_new (&parser, G_MARKUP_IGNORE_QUALIFIED, p, NULL);
  if (!g_markup_parse_context_parse (context, contents, length, &local) ||
      !g_markup_parse_context_end_parse (context, &local))
    {
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_CORRUPT, "%s: %s", display,
                   local->message);
      return FALSE;
    }
  for (guint i = 0; i < p->arrays->len; i++)
    if (!decode_array (p, g_ptr_array_index (p->arrays, i), i + 1, error))
      return FALSE;
  return TRUE;
}

static gboolean
intent_is (DataArray *a, const char *intent)
{
  return g_strcmp0 (a->intent, intent) == 0;
}

static char *
stem_of (const char *path)
{
  char *base = g_path_get_basename (path);
  for (const char *const *s = (const char *const[]) { ".surf.gii", ".shape.gii", ".func.gii",
                                                      ".label.gii", ".gii", NULL }; *s; s++)
    if (g_str_has_suffix (base, *s))
      {
        base[strlen (base) - strlen (*s)] = '\0';
        break;
      }
  return base;
}

VsSurface *
vs_gifti_read_surface (const char  *path,
                       GError     **error)
{
  g_autofree char *display = g_path_get_basename (path);
  g_autofree char *stem = stem_of (path);
  g_autoptr(VsSurface) surface = NULL;
  g_autofree guint32 *triangles = NULL;
  g_autofree float *positions = NULL;
  DataArray *points = NULL, *tris = NULL;
  const char *name;
  Parse p;

  if (!parse_file (path, display, &p, error))
    {
      parse_clear (&p);
      return NULL;
    }
  for (guint i = 0; i < p.arrays->len; i++)
    {
      DataArray *a = g_ptr_array_index (p.arrays, i);
      if (intent_is (a, "NIFTI_INTENT_POINTSET") && points == NULL)
        points = a;
      else if (intent_is (a, "NIFTI_INTENT_TRIANGLE") && tris == NULL)
        tris = a;
    }
  if (points == NULL || tris == NULL)
    {
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_NOT_SUPPORTED,
                   "%s: not a surface (it needs a POINTSET and a TRIANGLE array)", display);
      parse_clear (&p);
      return NULL;
    }
  if (points->n_values % 3 != 0 || tris->n_values % 3 != 0)
    {
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_CORRUPT,
                   "%s: coordinates or triangles do not come in threes", display);
      parse_clear (&p);
      return NULL;
    }
  triangles = g_new (guint32, MAX (tris->n_values, 1));
  for (gsize i = 0; i < tris->n_values; i++)
    {
      double v = tris->values[i];
      if (v < 0 || v > G_MAXUINT32 || v != floor (v))
        {
          g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_CORRUPT,
                       "%s: triangle %" G_GSIZE_FORMAT " has vertex index %g", display, i / 3, v);
          parse_clear (&p);
          return NULL;
        }
      triangles[i] = (guint32) v;
    }
  positions = g_new (float, MAX (points->n_values, 1));
  for (gsize i = 0; i < points->n_values; i++)
    positions[i] = (float) points->values[i];

  surface = vs_surface_new ((guint) (points->n_values / 3), triangles,
                            (guint) (tris->n_values / 3), error);
  name = g_hash_table_lookup (points->metadata, "AnatomicalStructureSecondary");
  if (surface == NULL ||
      !vs_surface_add_geometry (surface, name != NULL && *name ? name : stem, positions, error))
    {
      g_prefix_error (error, "%s: ", display);
      parse_clear (&p);
      return NULL;
    }
  vs_surface_set_structure (surface, g_hash_table_lookup (points->metadata,
                                                          "AnatomicalStructurePrimary"));
  vs_surface_set_path (surface, path);
  parse_clear (&p);
  return g_steal_pointer (&surface);
}

VsVertexData *
vs_gifti_read_vertex_data (const char  *path,
                           GError     **error)
{
  g_autofree char *display = g_path_get_basename (path);
  g_autofree char *stem = stem_of (path);
  g_autoptr(GPtrArray) columns = g_ptr_array_new ();
  g_autoptr(VsVertexData) data = NULL;
  gsize n_vertices = 0;
  guint n_columns = 0, column = 0;
  gboolean is_label = FALSE;
  Parse p;

  if (!parse_file (path, display, &p, error))
    {
      parse_clear (&p);
      return NULL;
    }
  for (guint i = 0; i < p.arrays->len; i++)
    {
      DataArray *a = g_ptr_array_index (p.arrays, i);
      gsize rows = a->dims[0], cols = a->n_dims > 1 ? (gsize) a->dims[1] : 1;

      if (intent_is (a, "NIFTI_INTENT_POINTSET") || intent_is (a, "NIFTI_INTENT_TRIANGLE"))
        continue;
      for (int d = 2; d < a->n_dims; d++)
        cols *= a->dims[d];
      if (columns->len == 0)
        n_vertices = rows;
      else if (rows != n_vertices)
        {
          g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_CORRUPT,
                       "%s: DataArray %u has %" G_GSIZE_FORMAT " values per column, the first "
                       "has %" G_GSIZE_FORMAT, display, i + 1, rows, n_vertices);
          parse_clear (&p);
          return NULL;
        }
      is_label = is_label || intent_is (a, "NIFTI_INTENT_LABEL");
      g_ptr_array_add (columns, a);
      n_columns += (guint) cols;
    }
  if (columns->len == 0)
    {
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_NOT_SUPPORTED,
                   "%s: holds no per-vertex data (only a surface?)", display);
      parse_clear (&p);
      return NULL;
    }
  data = vs_vertex_data_new (stem, (guint) n_vertices, n_columns);
  for (guint i = 0; i < columns->len; i++)
    {
      DataArray *a = g_ptr_array_index (columns, i);
      gsize cols = a->n_values / MAX (n_vertices, 1);
      for (gsize c = 0; c < cols; c++, column++)
        {
          float *out = vs_vertex_data_get_column (data, column);
          for (gsize v = 0; v < n_vertices; v++)
            out[v] = (float) a->values[v * cols + c];
        }
    }
  if (is_label)
    {
      vs_label_table_fill_missing_colors (p.labels);
      vs_vertex_data_set_label_table (data, p.labels);
    }
  parse_clear (&p);
  return g_steal_pointer (&data);
}
