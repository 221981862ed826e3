/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-zarr-reader"

#include "config.h"

#include <blosc.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>
#include <zlib.h>
#include <zstd.h>

#include "vs-analysis-error.h"
#include "vs-label-table.h"
#include "vs-zarr-reader.h"

/* Zarr v2 arrays (https://zarr.readthedocs.io/en/stable/spec/v2.html), as the FISBe benchmark
 * ships its FlyLight volumes: a folder with a .zarray (shape, chunks, dtype, compressor,
 * fill_value, order) and one file per chunk named by its indices ("0.1.2", or "0/1/2").  Shapes
 * (Y, X), (Z, Y, X) or (C, Z, Y, X) become volumes X × Y × Z with C frames (the channels), in
 * the array's own data type: 16-bit microscopy stays 16-bit.  Chunks are raw or compressed with
 * zlib, gzip, zstd or blosc; a missing chunk holds the fill value.  A group folder (.zgroup)
 * opens its volumes/raw, as FISBe lays it out.  .zattrs "resolution" (Z, Y, X) and "units" give the voxel
 * size.
 *
 * Everything in the files is checked before it is used: the shape against the memory there is,
 * every chunk's decompressed size against what the .zarray announces. */

typedef struct {
  const char *display;
  char       *dir;
  guint       n_dims;
  gint64      shape[4];
  gint64      chunks[4];
  VsDatatype  datatype;
  gsize       item_size;
  gboolean    big_endian;
  gboolean    fortran;
  char        separator;
  char       *compressor;   /* NULL, "zlib", "gzip", "zstd", "blosc" */
  double      fill;
} ZarrArray;

static void
zarr_array_clear (ZarrArray *a)
{
  g_free (a->dir);
  g_free (a->compressor);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ZarrArray, zarr_array_clear)

static gboolean
bad (GError **error, const char *display, const char *format, ...) G_GNUC_PRINTF (3, 4);

static gboolean
bad (GError **error, const char *display, const char *format, ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_CORRUPT, "%s: %s", display, what);
  return FALSE;
}

static gboolean
read_int_array (JsonNode *node, gint64 *out, guint *n, guint max)
{
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  array = json_node_get_array (node);
  *n = json_array_get_length (array);
  if (*n == 0 || *n > max)
    return FALSE;
  for (guint i = 0; i < *n; i++)
    {
      JsonNode *e = json_array_get_element (array, i);
      if (!JSON_NODE_HOLDS_VALUE (e) || json_node_get_value_type (e) != G_TYPE_INT64)
        return FALSE;
      out[i] = json_node_get_int (e);
      if (out[i] < 1)
        return FALSE;
    }
  return TRUE;
}

static gboolean
parse_dtype (const char *dtype, ZarrArray *a)
{
  static const struct { const char *code; VsDatatype type; gsize size; } types[] = {
    { "u1", VS_DATATYPE_UINT8, 1 }, { "i1", VS_DATATYPE_INT8, 1 }, { "b1", VS_DATATYPE_UINT8, 1 },
    { "u2", VS_DATATYPE_UINT16, 2 }, { "i2", VS_DATATYPE_INT16, 2 },
    { "u4", VS_DATATYPE_UINT32, 4 }, { "i4", VS_DATATYPE_INT32, 4 },
    { "u8", VS_DATATYPE_UINT64, 8 }, { "i8", VS_DATATYPE_INT64, 8 },
    { "f4", VS_DATATYPE_FLOAT32, 4 }, { "f8", VS_DATATYPE_FLOAT64, 8 },
  };

  if (dtype == NULL || strlen (dtype) != 3 || strchr ("<>|", dtype[0]) == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (strcmp (dtype + 1, types[i].code) == 0)
      {
        a->datatype = types[i].type;
        a->item_size = types[i].size;
        a->big_endian = dtype[0] == '>' && types[i].size > 1;
        return TRUE;
      }
  return FALSE;
}

static gboolean
parse_zarray (const char *path, ZarrArray *a, GError **error)
{
  g_autofree char *file = g_build_filename (a->dir, ".zarray", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  JsonNode *node;
  guint n_chunks_dims = 0;
  const char *order, *separator;

  if (!json_parser_load_from_file (parser, file, NULL))
    return bad (error, a->display, "its .zarray is missing or not valid JSON");
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return bad (error, a->display, "its .zarray holds no JSON object");
  root = json_node_get_object (json_parser_get_root (parser));
  if (json_object_get_int_member_with_default (root, "zarr_format", 0) != 2)
    return bad (error, a->display, "not a Zarr version 2 array (zarr_format is not 2)");
  if (!read_int_array (json_object_get_member (root, "shape"), a->shape, &a->n_dims, 4) ||
      a->n_dims < 2)
    return bad (error, a->display, "the shape must be 2 to 4 sizes of at least 1 "
                                   "((Y, X), (Z, Y, X) or (C, Z, Y, X))");
  if (!read_int_array (json_object_get_member (root, "chunks"), a->chunks, &n_chunks_dims, 4) ||
      n_chunks_dims != a->n_dims)
    return bad (error, a->display, "the chunks must give one size of at least 1 per dimension");
  if (!parse_dtype (json_object_get_string_member_with_default (root, "dtype", NULL), a))
    return bad (error, a->display, "data type “%s” is not supported (integers, floats, bool)",
                json_object_get_string_member_with_default (root, "dtype", "(none)"));
  order = json_object_get_string_member_with_default (root, "order", "C");
  if (g_strcmp0 (order, "C") != 0 && g_strcmp0 (order, "F") != 0)
    return bad (error, a->display, "order must be C or F");
  a->fortran = g_str_equal (order, "F");
  separator = json_object_get_string_member_with_default (root, "dimension_separator", ".");
  if (g_strcmp0 (separator, ".") != 0 && g_strcmp0 (separator, "/") != 0)
    return bad (error, a->display, "dimension_separator must be “.” or “/”");
  a->separator = separator[0];

  node = json_object_get_member (root, "filters");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node) &&
      !(JSON_NODE_HOLDS_ARRAY (node) && json_array_get_length (json_node_get_array (node)) == 0))
    return bad (error, a->display, "filters are not supported");

  node = json_object_get_member (root, "compressor");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      const char *id;
      if (!JSON_NODE_HOLDS_OBJECT (node))
        return bad (error, a->display, "the compressor is not an object");
      id = json_object_get_string_member_with_default (json_node_get_object (node), "id", NULL);
      if (id == NULL || !(g_str_equal (id, "zlib") || g_str_equal (id, "gzip") ||
                          g_str_equal (id, "zstd") || g_str_equal (id, "blosc")))
        return bad (error, a->display, "compressor “%s” is not supported (zlib, gzip, zstd, "
                                       "blosc)", id != NULL ? id : "(no id)");
      a->compressor = g_strdup (id);
    }

  node = json_object_get_member (root, "fill_value");
  a->fill = 0;
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node))
    {
      GType t = json_node_get_value_type (node);
      if (t == G_TYPE_INT64 || t == G_TYPE_DOUBLE)
        a->fill = json_node_get_double (node);
      else if (t == G_TYPE_BOOLEAN)
        a->fill = json_node_get_boolean (node);
      else if (t == G_TYPE_STRING && g_str_equal (json_node_get_string (node), "NaN"))
        a->fill = NAN;
    }
  return TRUE;
}

/* Inflates a zlib (@gzip FALSE) or gzip stream into exactly @size bytes. */
static gboolean
inflate_exact (const guint8 *in, gsize in_len, guint8 *out, gsize size, gboolean gzip)
{
  z_stream z;
  int status;

  memset (&z, 0, sizeof z);
  if (inflateInit2 (&z, gzip ? 15 + 16 : 15) != Z_OK)
    return FALSE;
  z.next_in = (Bytef *) in;
  z.next_out = out;
  status = Z_OK;
  /* zlib counts in uInt: feed and drain in pieces. */
  while (status == Z_OK)
    {
      gsize in_left = in_len - (gsize) ((const guint8 *) z.next_in - in);
      gsize out_left = size - (gsize) (z.next_out - out);
      z.avail_in = (uInt) MIN (in_left, G_MAXUINT32);
      z.avail_out = (uInt) MIN (out_left, G_MAXUINT32);
      if (z.avail_out == 0 && out_left == 0)
        {
          /* Full: the stream must end here. */
          guint8 extra;
          z.next_out = &extra;
          z.avail_out = 1;
          status = inflate (&z, Z_FINISH);
          inflateEnd (&z);
          return status == Z_STREAM_END && z.avail_out == 1;
        }
      status = inflate (&z, Z_NO_FLUSH);
      if (status == Z_BUF_ERROR && z.avail_in == 0)
        break;
    }
  inflateEnd (&z);
  return status == Z_STREAM_END && (gsize) (z.next_out - out) == size;
}

/* The chunk's bytes, decompressed: exactly @size of them, or FALSE. */
static gboolean
decompress (const ZarrArray *a, const guint8 *in, gsize in_len, guint8 *out, gsize size)
{
  if (a->compressor == NULL)
    {
      if (in_len != size)
        return FALSE;
      memcpy (out, in, size);
      return TRUE;
    }
  if (g_str_equal (a->compressor, "zlib") || g_str_equal (a->compressor, "gzip"))
    return inflate_exact (in, in_len, out, size, g_str_equal (a->compressor, "gzip"));
  if (g_str_equal (a->compressor, "zstd"))
    {
      unsigned long long announced = ZSTD_getFrameContentSize (in, in_len);
      size_t got;
      if (announced != ZSTD_CONTENTSIZE_UNKNOWN && announced != size)
        return FALSE;
      got = ZSTD_decompress (out, size, in, in_len);
      return !ZSTD_isError (got) && got == size;
    }
  /* blosc: its header announces the sizes; checked against the buffer before decompressing. */
  {
    size_t nbytes = 0;
    if (in_len < BLOSC_MIN_HEADER_LENGTH || blosc_cbuffer_validate (in, in_len, &nbytes) < 0 ||
        nbytes != size || size > G_MAXINT)
      return FALSE;
    return blosc_decompress_ctx (in, out, size, 1) == (int) size;
  }
}

static char *
chunk_path (const ZarrArray *a, const gint64 *index)
{
  g_autoptr(GString) key = g_string_new (a->dir);

  g_string_append_c (key, G_DIR_SEPARATOR);
  for (guint d = 0; d < a->n_dims; d++)
    {
      if (d > 0)
        g_string_append_c (key, a->separator);
      g_string_append_printf (key, "%" G_GINT64_FORMAT, index[d]);
    }
  return g_strdup (key->str);
}

/* The array's shape as volume dimensions: X, Y, Z and frames (channels). */
static void
volume_dims (const ZarrArray *a, gint64 dims[4])
{
  const gint64 *s = a->shape;

  dims[0] = s[a->n_dims - 1];
  dims[1] = s[a->n_dims - 2];
  dims[2] = a->n_dims >= 3 ? s[a->n_dims - 3] : 1;
  dims[3] = a->n_dims == 4 ? s[0] : 1;
}

static void
fill_volume (const ZarrArray *a, guint8 *data, gsize n)
{
  guint8 value[8];

  vs_datatype_write (a->datatype, value, 0, a->fill);
  if (isnan (a->fill) && a->datatype != VS_DATATYPE_FLOAT32 && a->datatype != VS_DATATYPE_FLOAT64)
    memset (value, 0, sizeof value);
  for (gsize i = 0; i < n; i++)
    memcpy (data + i * a->item_size, value, a->item_size);
}

static void
swap_bytes (guint8 *data, gsize n, gsize size)
{
  for (gsize i = 0; i < n; i++)
    for (gsize b = 0; b < size / 2; b++)
      {
        guint8 t = data[i * size + b];
        data[i * size + b] = data[i * size + size - 1 - b];
        data[i * size + size - 1 - b] = t;
      }
}

/* Copies the part of chunk @index that lies inside the array into the volume. */
static void
place_chunk (const ZarrArray *a, const gint64 *index, const guint8 *chunk, guint8 *volume)
{
  gint64 s[4] = { 1, 1, 1, 1 }, c[4] = { 1, 1, 1, 1 }, o[4] = { 0, 0, 0, 0 };
  guint pad = 4 - a->n_dims;
  gsize size = a->item_size;

  /* Work in four dimensions (C, Z, Y, X), leading ones of size 1. */
  for (guint d = 0; d < a->n_dims; d++)
    {
      s[pad + d] = a->shape[d];
      c[pad + d] = a->chunks[d];
      o[pad + d] = index[d] * a->chunks[d];
    }
  for (gint64 i0 = 0; i0 < c[0] && o[0] + i0 < s[0]; i0++)
    for (gint64 i1 = 0; i1 < c[1] && o[1] + i1 < s[1]; i1++)
      for (gint64 i2 = 0; i2 < c[2] && o[2] + i2 < s[2]; i2++)
        {
          gint64 run = MIN (c[3], s[3] - o[3]);
          gsize target = (gsize) ((((o[0] + i0) * s[1] + o[1] + i1) * s[2] + o[2] + i2) * s[3] +
                                  o[3]);
          if (!a->fortran)
            {
              gsize source = (gsize) (((i0 * c[1] + i1) * c[2] + i2) * c[3]);
              memcpy (volume + target * size, chunk + source * size, (gsize) run * size);
            }
          else
            for (gint64 i3 = 0; i3 < run; i3++)
              {
                /* Fortran order: the first of the array's own dimensions varies fastest. */
                gint64 idx[4] = { i0, i1, i2, i3 };
                gsize source = 0;
                for (int d = 3; d >= (int) pad; d--)
                  source = source * (gsize) c[d] + (gsize) idx[d];
                memcpy (volume + (target + (gsize) i3) * size, chunk + source * size, size);
              }
        }
}

static gboolean
is_array_dir (const char *dir)
{
  g_autofree char *zarray = g_build_filename (dir, ".zarray", NULL);
  return g_file_test (zarray, G_FILE_TEST_IS_REGULAR);
}

/* The array folder @path names: the folder itself, the folder of a .zarray, or a group's
 * volumes/raw. */
static char *
array_dir_for (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *raw = g_build_filename (path, "volumes", "raw", NULL);

  if (g_str_equal (base, ".zarray"))
    return g_path_get_dirname (path);
  if (is_array_dir (path))
    return g_strdup (path);
  if (is_array_dir (raw))
    return g_steal_pointer (&raw);
  return NULL;
}

/* TRUE when @path is a Zarr array folder (or its .zarray), or a group with volumes/raw. */
gboolean
vs_zarr_is_array_or_group (const char *path)
{
  g_autofree char *dir = array_dir_for (path);
  return dir != NULL;
}

/* .zattrs "intent": "labels" (as Voxelscope saves label volumes): they open as labels. */
/* "label_table": [{"id": 1, "name": "…", "rgb": [r, g, b]}, …] as our writer puts it; entries
 * that are not so are left out. */
static void
read_label_table (JsonObject *root, VsVolume *volume)
{
  JsonNode *node = json_object_get_member (root, "label_table");
  g_autoptr(VsLabelTable) table = NULL;
  JsonArray *entries;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return;
  entries = json_node_get_array (node);
  table = vs_label_table_new ();
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonNode *e = json_array_get_element (entries, i);
      JsonObject *o;
      JsonNode *id, *name, *rgb;
      guint8 rgba[4] = { 0, 0, 0, 255 };
      gboolean has_rgb;
      if (!JSON_NODE_HOLDS_OBJECT (e))
        continue;
      o = json_node_get_object (e);
      id = json_object_get_member (o, "id");
      name = json_object_get_member (o, "name");
      rgb = json_object_get_member (o, "rgb");
      if (id == NULL || !JSON_NODE_HOLDS_VALUE (id) ||
          json_node_get_value_type (id) != G_TYPE_INT64 || json_node_get_int (id) <= 0 ||
          json_node_get_int (id) > G_MAXUINT32 || name == NULL || !JSON_NODE_HOLDS_VALUE (name) ||
          json_node_get_value_type (name) != G_TYPE_STRING)
        continue;
      has_rgb = rgb != NULL && JSON_NODE_HOLDS_ARRAY (rgb) &&
                json_array_get_length (json_node_get_array (rgb)) == 3;
      for (guint k = 0; has_rgb && k < 3; k++)
        {
          JsonNode *c = json_array_get_element (json_node_get_array (rgb), k);
          has_rgb = JSON_NODE_HOLDS_VALUE (c) && json_node_get_value_type (c) == G_TYPE_INT64 &&
                    json_node_get_int (c) >= 0 && json_node_get_int (c) <= 255;
          if (has_rgb)
            rgba[k] = (guint8) json_node_get_int (c);
        }
      vs_label_table_add (table, (guint32) json_node_get_int (id), json_node_get_string (name),
                          has_rgb ? rgba : NULL);
    }
  if (vs_label_table_get_n_labels (table) == 0)
    return;
  vs_label_table_fill_missing_colors (table);
  vs_volume_set_label_table (volume, table);
}

static void
read_resolution (JsonObject *root, VsVolume *volume)
{
  JsonNode *node = json_object_get_member (root, "resolution");
  JsonArray *res;
  double size[3];
  guint n;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return;
  res = json_node_get_array (node);
  n = json_array_get_length (res);
  if (n < 2)
    return;
  /* (…, Z, Y, X) → voxel size x, y, z. */
  for (guint k = 0; k < 3; k++)
    {
      JsonNode *e = k < n ? json_array_get_element (res, n - 1 - k) : NULL;
      size[k] = 1.0;
      if (e != NULL && JSON_NODE_HOLDS_VALUE (e) &&
          (json_node_get_value_type (e) == G_TYPE_DOUBLE ||
           json_node_get_value_type (e) == G_TYPE_INT64))
        size[k] = json_node_get_double (e);
      if (!(size[k] > 0) || !isfinite (size[k]))
        return;
    }
  vs_volume_set_voxel_size (volume, size);
  {
    double affine[16] = { size[0], 0, 0, 0, 0, size[1], 0, 0, 0, 0, size[2], 0, 0, 0, 0, 1 };
    vs_volume_set_affine (volume, affine, NULL);
  }
  /* "units": "um" or one per axis; a resolution without units is microscopy's micrometres. */
  node = json_object_get_member (root, "units");
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node) &&
      json_array_get_length (json_node_get_array (node)) > 0)
    node = json_array_get_element (json_node_get_array (node),
                                   json_array_get_length (json_node_get_array (node)) - 1);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING ||
      !vs_volume_set_spatial_unit (volume, json_node_get_string (node)))
    vs_volume_set_spatial_unit (volume, "µm");
}

/* What .zattrs (read once) says of the array: resolution and units, a labels intent, the label
 * table.  A missing or unreadable .zattrs says nothing. */
static void
read_attributes (const ZarrArray *a, VsVolume *volume)
{
  g_autofree char *file = g_build_filename (a->dir, ".zattrs", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;

  if (!json_parser_load_from_file (parser, file, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return;
  root = json_node_get_object (json_parser_get_root (parser));
  read_resolution (root, volume);
  if (g_strcmp0 (json_object_get_string_member_with_default (root, "intent", NULL), "labels") == 0)
    vs_volume_set_intent (volume, VS_VOLUME_INTENT_LABEL);
  read_label_table (root, volume);
}

/* The array's dimensions (X, Y, Z, channels) and data type from its .zarray alone, without
 * reading any chunk. */
gboolean
vs_zarr_read_header (const char  *path,
                     gint64       dims[4],
                     VsDatatype  *datatype,
                     GError     **error)
{
  g_autofree char *display = NULL;
  g_auto(ZarrArray) a = { 0 };

  a.dir = array_dir_for (path);
  display = g_path_get_basename (a.dir != NULL ? a.dir : path);
  a.display = display;
  if (a.dir == NULL)
    return bad (error, display, "not a Zarr array (no .zarray, and no volumes/raw in it)");
  if (!parse_zarray (path, &a, error))
    return FALSE;
  volume_dims (&a, dims);
  *datatype = a.datatype;
  return TRUE;
}

VsVolume *
vs_zarr_read (const char    *path,
              VsProgress    *progress,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autofree char *display = NULL;
  g_auto(ZarrArray) a = { 0 };
  g_autoptr(VsVolume) volume = NULL;
  g_autofree guint8 *chunk = NULL;
  gint64 dims[4], n_chunks[4] = { 1, 1, 1, 1 }, total = 1, done = 0;
  gint64 index[4] = { 0, 0, 0, 0 };
  gsize chunk_values = 1, chunk_bytes;
  guint8 *data;

  {
    g_autofree char *trimmed = g_strdup (path);
    gsize len = strlen (trimmed);
    while (len > 1 && trimmed[len - 1] == G_DIR_SEPARATOR)
      trimmed[--len] = '\0';
    a.dir = array_dir_for (trimmed);
    display = g_path_get_basename (a.dir != NULL ? a.dir : trimmed);
  }
  a.display = display;
  if (a.dir == NULL)
    {
      bad (error, display, g_file_test (path, G_FILE_TEST_EXISTS)
                           ? "not a Zarr array (no .zarray, and no volumes/raw in it)"
                           : "no such file or folder");
      return NULL;
    }
  if (!parse_zarray (path, &a, error))
    return NULL;

  volume_dims (&a, dims);
  for (guint d = 0; d < a.n_dims; d++)
    {
      n_chunks[d] = (a.shape[d] + a.chunks[d] - 1) / a.chunks[d];
      if (!g_size_checked_mul (&chunk_values, chunk_values, (gsize) a.chunks[d]))
        return bad (error, display, "its chunks are too large"), NULL;
      total *= n_chunks[d];
    }
  if (!g_size_checked_mul (&chunk_bytes, chunk_values, a.item_size) || chunk_bytes > (1u << 30))
    return bad (error, display, "a chunk of more than 1 GB is not supported"), NULL;
  volume = vs_volume_new (a.datatype, dims, error);
  if (volume == NULL)
    {
      g_prefix_error (error, "%s: ", display);
      return NULL;
    }
  data = vs_volume_get_data_mutable (volume);
  chunk = g_try_malloc (chunk_bytes);
  if (chunk == NULL)
    return bad (error, display, "no memory for one chunk"), NULL;

  for (done = 0; done < total; done++)
    {
      g_autofree char *file = chunk_path (&a, index);
      g_autoptr(GMappedFile) mapped = NULL;
      g_autoptr(GError) local = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      mapped = g_mapped_file_new (file, FALSE, &local);
      if (mapped == NULL && !g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return bad (error, display, "chunk %s cannot be read: %s",
                    file + strlen (a.dir) + 1, local->message), NULL;
      if (mapped == NULL)
        {
          /* A chunk never written holds the fill value. */
          fill_volume (&a, chunk, chunk_values);
          place_chunk (&a, index, chunk, data);
        }
      else
        {
          const guint8 *in = (const guint8 *) g_mapped_file_get_contents (mapped);
          gsize in_len = g_mapped_file_get_length (mapped);
          if (!decompress (&a, in, in_len, chunk, chunk_bytes))
            return bad (error, display, "chunk %s does not hold %" G_GSIZE_FORMAT
                        " bytes of %s data", file + strlen (a.dir) + 1, chunk_bytes,
                        a.compressor != NULL ? a.compressor : "uncompressed"), NULL;
          if (a.big_endian)
            swap_bytes (chunk, chunk_values, a.item_size);
          place_chunk (&a, index, chunk, data);
        }
      /* The next chunk index, last dimension fastest. */
      for (int d = (int) a.n_dims - 1; d >= 0; d--)
        {
          if (++index[d] < n_chunks[d])
            break;
          index[d] = 0;
        }
      vs_progress_update (progress, (double) (done + 1) / (double) total);
    }
  read_attributes (&a, volume);
  vs_volume_set_path (volume, path);
  return g_steal_pointer (&volume);
}

