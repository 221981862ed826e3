/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-freesurfer-reader"

#include "config.h"

#include <math.h>
#include <string.h>

#include "vs-analysis-error.h"
#include "vs-freesurfer-reader.h"

/* FreeSurfer's big-endian binary formats: triangle surfaces (lh.white, lh.pial, …), "new" curv
 * files (lh.curv, lh.thickness, lh.sulc), .annot parcellations with their colour table, and text
 * .label files.  Every count is checked against the bytes that are really there. */

typedef struct {
  const guint8 *data;
  gsize         length;
  gsize         offset;
  const char   *display;
  GError      **error;
} Reader;

static gboolean
need (Reader *r, gsize bytes, const char *what)
{
  if (r->length - r->offset < bytes)
    {
      g_set_error (r->error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_TRUNCATED,
                   "%s: the file ends in the %s (%" G_GSIZE_FORMAT " bytes, %" G_GSIZE_FORMAT
                   " more needed)", r->display, what, r->length, bytes - (r->length - r->offset));
      return FALSE;
    }
  return TRUE;
}

static gint32
be32 (Reader *r)
{
  guint32 v;
  memcpy (&v, r->data + r->offset, 4);
  r->offset += 4;
  return (gint32) GUINT32_FROM_BE (v);
}

static float
bef (Reader *r)
{
  guint32 v;
  float f;
  memcpy (&v, r->data + r->offset, 4);
  v = GUINT32_FROM_BE (v);
  memcpy (&f, &v, 4);
  r->offset += 4;
  return f;
}

/* FreeSurfer's colour code, r + 256 g + 65536 b, in unsigned arithmetic: a damaged table's
 * components may be anything. */
static gint32
annot_code (const gint32 rgb[4])
{
  return (gint32) ((guint32) rgb[0] + ((guint32) rgb[1] << 8) + ((guint32) rgb[2] << 16));
}

static gboolean
count_ok (Reader *r, gint32 count, gint64 limit, const char *what)
{
  if (count == 0 && g_str_equal (what, "vertices"))
    {
      g_set_error (r->error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_CORRUPT,
                   "%s: the header gives no vertices", r->display);
      return FALSE;
    }
  if (count < 0 || count > limit)
    {
      g_set_error (r->error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_CORRUPT,
                   "%s: the header gives %d %s, which cannot be right", r->display, count, what);
      return FALSE;
    }
  return TRUE;
}

static gboolean
load (const char *path, char **contents, gsize *length, GError **error)
{
  g_autofree char *display = g_path_get_basename (path);
  g_autoptr(GError) local = NULL;

  if (!g_file_get_contents (path, contents, length, &local))
    {
      g_set_error (error, local->domain, local->code, "%s: %s", display,
                   g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT) ? "no such file"
                                                                               : local->message);
      return FALSE;
    }
  return TRUE;
}

/* "lh.pial" → hemisphere CortexLeft, geometry "pial". */
static void
split_name (const char *path, char **structure, char **rest)
{
  g_autofree char *base = g_path_get_basename (path);

  *structure = NULL;
  if (g_str_has_prefix (base, "lh."))
    *structure = g_strdup ("CortexLeft");
  else if (g_str_has_prefix (base, "rh."))
    *structure = g_strdup ("CortexRight");
  *rest = g_strdup (*structure != NULL ? base + 3 : base);
}

VsSurface *
vs_freesurfer_read_surface (const char  *path,
                            GError     **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *display = g_path_get_basename (path);
  g_autofree char *structure = NULL, *geometry = NULL;
  g_autofree float *positions = NULL;
  g_autofree guint32 *triangles = NULL;
  g_autoptr(VsSurface) surface = NULL;
  gint32 n_vertices, n_faces;
  Reader r;

  if (!load (path, &contents, &r.length, error))
    return NULL;
  r.data = (const guint8 *) contents;
  r.offset = 0;
  r.display = display;
  r.error = error;
  if (r.length < 3 || memcmp (r.data, "\xff\xff\xfe", 3) != 0)
    {
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_NOT_SUPPORTED,
                   "%s: not a FreeSurfer triangle surface (no magic number FF FF FE)", display);
      return NULL;
    }
  /* A comment line ended by two newlines. */
  r.offset = 3;
  while (r.offset + 1 < r.length && !(r.data[r.offset] == '\n' && r.data[r.offset + 1] == '\n'))
    r.offset++;
  r.offset += 2;
  if (r.offset > r.length || !need (&r, 8, "header"))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_TRUNCATED,
                     "%s: the file ends in the header", display);
      return NULL;
    }
  n_vertices = be32 (&r);
  n_faces = be32 (&r);
  if (!count_ok (&r, n_vertices, r.length / 12, "vertices") ||
      !count_ok (&r, n_faces, r.length / 12, "triangles") ||
      !need (&r, (gsize) n_vertices * 12 + (gsize) n_faces * 12, "vertex and triangle data"))
    return NULL;

  positions = g_new (float, (gsize) n_vertices * 3 + 1);
  for (gsize i = 0; i < (gsize) n_vertices * 3; i++)
    positions[i] = bef (&r);
  triangles = g_new (guint32, (gsize) n_faces * 3 + 1);
  for (gsize i = 0; i < (gsize) n_faces * 3; i++)
    triangles[i] = (guint32) be32 (&r);

  split_name (path, &structure, &geometry);
  surface = vs_surface_new ((guint) n_vertices, triangles, (guint) n_faces, error);
  if (surface == NULL || !vs_surface_add_geometry (surface, geometry, positions, error))
    {
      g_prefix_error (error, "%s: ", display);
      return NULL;
    }
  vs_surface_set_structure (surface, structure);
  vs_surface_set_path (surface, path);
  return g_steal_pointer (&surface);
}

VsVertexData *
vs_freesurfer_read_morphometry (const char  *path,
                                GError     **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *display = g_path_get_basename (path);
  g_autofree char *structure = NULL, *name = NULL;
  g_autoptr(VsVertexData) data = NULL;
  gint32 n_vertices, n_faces, per_vertex;
  float *values;
  Reader r;

  if (!load (path, &contents, &r.length, error))
    return NULL;
  r.data = (const guint8 *) contents;
  r.display = display;
  r.error = error;
  if (r.length < 3 || memcmp (r.data, "\xff\xff\xff", 3) != 0)
    {
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_NOT_SUPPORTED,
                   "%s: not a FreeSurfer curv file (no magic number FF FF FF)", display);
      return NULL;
    }
  r.offset = 3;
  if (!need (&r, 12, "header"))
    return NULL;
  n_vertices = be32 (&r);
  n_faces = be32 (&r);
  per_vertex = be32 (&r);
  if (!count_ok (&r, n_vertices, r.length / 4, "vertices"))
    return NULL;
  if (per_vertex != 1)
    {
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_NOT_SUPPORTED,
                   "%s: %d values per vertex; only 1 is supported", display, per_vertex);
      return NULL;
    }
  if (!need (&r, (gsize) n_vertices * 4, "values"))
    return NULL;
  split_name (path, &structure, &name);
  data = vs_vertex_data_new (name, (guint) n_vertices, 1);
  values = vs_vertex_data_get_column (data, 0);
  for (gint32 v = 0; v < n_vertices; v++)
    values[v] = bef (&r);
  (void) n_faces;
  return g_steal_pointer (&data);
}

static gboolean
read_string (Reader *r, char **out, const char *what)
{
  gint32 len;

  if (!need (r, 4, what))
    return FALSE;
  len = be32 (r);
  if (!count_ok (r, len, r->length, what) || !need (r, (gsize) len, what))
    return FALSE;
  *out = g_strndup ((const char *) r->data + r->offset, len);
  r->offset += len;
  return TRUE;
}

VsVertexData *
vs_freesurfer_read_annot (const char  *path,
                          GError     **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *display = g_path_get_basename (path);
  g_autofree char *structure = NULL, *name = NULL;
  g_autofree gint32 *codes = NULL;
  g_autoptr(VsVertexData) data = NULL;
  g_autoptr(VsLabelTable) table = vs_label_table_new ();
  g_autoptr(GHashTable) code_to_id = g_hash_table_new (NULL, NULL);
  gint32 n_vertices, n_entries;
  float *values;
  Reader r;

  if (!load (path, &contents, &r.length, error))
    return NULL;
  r.data = (const guint8 *) contents;
  r.offset = 0;
  r.display = display;
  r.error = error;
  if (!need (&r, 4, "header"))
    return NULL;
  n_vertices = be32 (&r);
  if (!count_ok (&r, n_vertices, r.length / 8, "vertices") ||
      !need (&r, (gsize) n_vertices * 8, "vertex labels"))
    return NULL;
  codes = g_new0 (gint32, (gsize) n_vertices + 1);
  for (gint32 i = 0; i < n_vertices; i++)
    {
      gint32 vertex = be32 (&r), code = be32 (&r);
      if (vertex < 0 || vertex >= n_vertices)
        {
          g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_CORRUPT,
                       "%s: entry %d names vertex %d of %d", display, i, vertex, n_vertices);
          return NULL;
        }
      codes[vertex] = code;
    }
  if (!need (&r, 4, "colour table flag") || be32 (&r) != 1)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_NOT_SUPPORTED,
                     "%s: has no colour table", display);
      return NULL;
    }
  if (!need (&r, 4, "colour table"))
    return NULL;
  n_entries = be32 (&r);
  if (n_entries < 0)
    {
      /* Version 2: −2, then the table's size, its file name and the entries. */
      g_autofree char *table_name = NULL;
      gint32 n_read;
      if (n_entries != -2)
        {
          g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_NOT_SUPPORTED,
                       "%s: colour table version %" G_GINT64_FORMAT " is not supported", display,
                       -(gint64) n_entries);
          return NULL;
        }
      if (!need (&r, 4, "colour table"))
        return NULL;
      be32 (&r);  /* the largest structure index + 1 */
      if (!read_string (&r, &table_name, "colour table name") || !need (&r, 4, "colour table"))
        return NULL;
      n_read = be32 (&r);
      if (!count_ok (&r, n_read, r.length / 20, "colour table entries"))
        return NULL;
      for (gint32 i = 0; i < n_read; i++)
        {
          g_autofree char *label = NULL;
          gint32 index, rgb[4];
          guint8 rgba[4];
          if (!need (&r, 4, "colour table") )
            return NULL;
          index = be32 (&r);
          if (!read_string (&r, &label, "colour table") || !need (&r, 16, "colour table"))
            return NULL;
          for (int c = 0; c < 4; c++)
            rgb[c] = be32 (&r);
          for (int c = 0; c < 3; c++)
            rgba[c] = (guint8) CLAMP (rgb[c], 0, 255);
          rgba[3] = 255;
          g_strchomp (label);
          if (index < 0)
            continue;
          vs_label_table_add (table, (guint32) index + 1, label, rgba);
          g_hash_table_insert (code_to_id,
                               GINT_TO_POINTER (annot_code (rgb)),
                               GUINT_TO_POINTER ((guint) index + 1));
        }
    }
  else
    {
      g_autofree char *table_name = NULL;
      if (!count_ok (&r, n_entries, r.length / 20, "colour table entries") ||
          !read_string (&r, &table_name, "colour table name"))
        return NULL;
      for (gint32 i = 0; i < n_entries; i++)
        {
          g_autofree char *label = NULL;
          gint32 rgb[4];
          guint8 rgba[4];
          if (!read_string (&r, &label, "colour table") || !need (&r, 16, "colour table"))
            return NULL;
          for (int c = 0; c < 4; c++)
            rgb[c] = be32 (&r);
          for (int c = 0; c < 3; c++)
            rgba[c] = (guint8) CLAMP (rgb[c], 0, 255);
          rgba[3] = 255;
          g_strchomp (label);
          vs_label_table_add (table, (guint32) i + 1, label, rgba);
          g_hash_table_insert (code_to_id,
                               GINT_TO_POINTER (annot_code (rgb)),
                               GUINT_TO_POINTER ((guint) i + 1));
        }
    }

  /* Labels are stored as structure index + 1, so 0 means "no structure". */
  split_name (path, &structure, &name);
  data = vs_vertex_data_new (name, (guint) n_vertices, 1);
  values = vs_vertex_data_get_column (data, 0);
  for (gint32 v = 0; v < n_vertices; v++)
    values[v] = (float) GPOINTER_TO_UINT (g_hash_table_lookup (code_to_id,
                                                               GINT_TO_POINTER (codes[v])));
  vs_vertex_data_set_label_table (data, table);
  return g_steal_pointer (&data);
}

VsVertexData *
vs_freesurfer_read_label (const char  *path,
                          guint        n_vertices,
                          GError     **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *display = g_path_get_basename (path);
  g_autofree char *structure = NULL, *name = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(VsVertexData) data = NULL;
  g_autoptr(VsLabelTable) table = vs_label_table_new ();
  gint64 count;
  float *values;
  gsize length;
  guint line = 0;

  if (!load (path, &contents, &length, error))
    return NULL;
  lines = g_strsplit (contents, "\n", -1);
  if (lines[0] == NULL || lines[1] == NULL)
    goto bad_header;
  line = 1;  /* line 0 is a comment */
  {
    char *end = NULL;
    count = g_ascii_strtoll (lines[1], &end, 10);
    if (end == lines[1] || count < 0 || count > n_vertices)
      goto bad_header;
  }

  split_name (path, &structure, &name);
  if (g_str_has_suffix (name, ".label"))
    name[strlen (name) - 6] = '\0';
  data = vs_vertex_data_new (name, n_vertices, 1);
  values = vs_vertex_data_get_column (data, 0);
  for (gint64 i = 0; i < count; i++)
    {
      char *end = NULL;
      gint64 vertex;
      line = 2 + (guint) i;
      if (lines[line] == NULL)
        {
          g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_TRUNCATED,
                       "%s: says %" G_GINT64_FORMAT " vertices but lists %" G_GINT64_FORMAT,
                       display, count, i);
          return NULL;
        }
      vertex = g_ascii_strtoll (lines[line], &end, 10);
      if (end == lines[line] || vertex < 0 || vertex >= n_vertices)
        {
          g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_CORRUPT,
                       "%s: line %u names vertex “%s”, not one of the surface's %u", display,
                       line + 1, g_strstrip (lines[line]), n_vertices);
          return NULL;
        }
      values[vertex] = 1.0f;
    }
  vs_label_table_add (table, 1, name, NULL);
  vs_label_table_fill_missing_colors (table);
  vs_vertex_data_set_label_table (data, table);
  return g_steal_pointer (&data);

bad_header:
  g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_CORRUPT,
               "%s: not a FreeSurfer label (line 2 must be the vertex count, at most %u)",
               display, n_vertices);
  return NULL;
}
